// The release dry run (scripts/release.js --dry-run): the npm tarball, the Python wheel and sdist and this
// platform's plugin tarball are built and the plugin starts with no node on its PATH; the release workflow,
// the Go module's tag rule, the version stamp and the Registry metadata are checked.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { repoRoot } from "../support/engine";
import { version } from "./standalone";

jest.setTimeout(600_000);

it("builds what this machine can and validates the rest", () => {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "clarifai-release-test-")), "release");
  try {
    const log = execFileSync(process.execPath, [path.join(repoRoot, "scripts", "release.js"), "--dry-run", "--out", out], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    expect(log).toMatch(/plugin linux-amd64: built and started in \d+ ms/);
    expect(fs.readdirSync(out).sort()).toEqual([`pulumi-clarifai-${version}.tgz`, `pulumi-clarifai_${version}_checksums.txt`, `pulumi-resource-clarifai-v${version}-linux-amd64.tar.gz`, "python"]);
    expect(fs.readdirSync(path.join(out, "python")).sort()).toEqual([`pulumi_clarifai-${version}-py3-none-any.whl`, `pulumi_clarifai-${version}.tar.gz`]);
    const sums = fs.readFileSync(path.join(out, `pulumi-clarifai_${version}_checksums.txt`), "utf8");
    expect(sums).toMatch(new RegExp(`^[0-9a-f]{64}  pulumi-resource-clarifai-v${version.replace(/\./g, "\\.")}-linux-amd64\\.tar\\.gz$`, "m"));
  } finally {
    fs.rmSync(path.dirname(out), { recursive: true, force: true });
  }
});

it("refuses a tag whose version the checkout is not stamped with", () => {
  expect(() => execFileSync(process.execPath, [path.join(repoRoot, "scripts", "stamp-version.js"), "99.0.0", "--check"], { stdio: "pipe" })).toThrow(/not stamped with 99\.0\.0: package\.json has/);
});
