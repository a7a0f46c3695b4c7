// scripts/ensure-pulumi: what it does on a machine without Go or a matching CLI, with a cached build,
// and with a compatible `pulumi` already on PATH. (The first build itself runs in `npm test`'s pretest.)
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { pulumiBin, repoRoot } from "../engine/harness";

const script = path.join(repoRoot, "scripts", "ensure-pulumi");
const version = require(path.join(repoRoot, "package.json")).pulumi.engineVersion as string;

const bash = spawnSync("bash", ["-c", "command -v bash"], { encoding: "utf8" }).stdout.trim();

function run(env: Record<string, string>) {
  const r = spawnSync(bash, [script], { env: { HOME: os.homedir(), ...env }, encoding: "utf8" });
  return { code: r.status, out: r.stdout.trim(), err: r.stderr };
}

/** A PATH with node and the basic tools, but no Go and no pulumi. */
function bareBin(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bare-bin-"));
  for (const tool of ["node", "dirname", "readlink", "tr", "cat", "cp", "mv", "chmod", "mkdir", "date", "ln"]) {
    const found = spawnSync("bash", ["-c", `command -v ${tool}`], { encoding: "utf8" }).stdout.trim();
    if (found) fs.symlinkSync(found, path.join(dir, tool));
  }
  return dir;
}

it("without Go and without a matching pulumi, stops with a message that says how to install Pulumi", () => {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), "empty-cache-"));
  const r = run({ PATH: bareBin(), PULUMI_CLARIFAI_CACHE: cache });
  expect(r.code).toBe(1);
  expect(r.err).toContain(`no 'pulumi' ${version} on PATH and no Go toolchain to build it`);
  expect(r.err).toMatch(/Install Pulumi .*https:\/\/www\.pulumi\.com\/docs\/install\//);
});

it("with a cached build, prints the bin folder holding the CLI, the language host and the dynamic-provider plugin", () => {
  const started = Date.now();
  const r = run({ PATH: process.env.PATH!, ENSURE_PULUMI_QUIET: "1" });
  expect(r.code).toBe(0);
  expect(Date.now() - started).toBeLessThan(10_000);
  const bin = r.out.split("\n").pop()!;
  expect(bin).toBe(pulumiBin());
  for (const f of ["pulumi", "pulumi-language-nodejs", "pulumi-resource-pulumi-nodejs"]) {
    expect(fs.statSync(path.join(bin, f)).mode & 0o111).toBeTruthy();
  }
  const v = spawnSync(path.join(bin, "pulumi"), ["version"], { encoding: "utf8" });
  expect(v.stdout.trim()).toBe(`v${version}`);
});

it("uses a compatible pulumi already on PATH as it is", () => {
  const onPath = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-on-path-"));
  for (const f of ["pulumi", "pulumi-language-nodejs", "pulumi-resource-pulumi-nodejs"]) fs.symlinkSync(path.join(pulumiBin(), f), path.join(onPath, f));
  // A copy, not a link, so the script sees a distinct installation folder.
  fs.rmSync(path.join(onPath, "pulumi"));
  fs.copyFileSync(path.join(pulumiBin(), "pulumi"), path.join(onPath, "pulumi"));
  fs.chmodSync(path.join(onPath, "pulumi"), 0o755);
  const r = run({ PATH: `${onPath}:${bareBin()}`, PULUMI_CLARIFAI_CACHE: fs.mkdtempSync(path.join(os.tmpdir(), "c-")) });
  expect(r.code).toBe(0);
  expect(r.out.split("\n").pop()).toBe(onPath);
  expect(r.err).toMatch(/using pulumi .* from PATH/);
});
