// The plugin's generated SDKs (sdks/python, sdks/go): committed and current with the schema the plugin
// serves, the Python SDK under Pulumi's mocks (PyPI pulumi at the engine's version), the Go SDK builds.
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

jest.setTimeout(300_000);

const root = path.resolve(__dirname, "..", "..");
const run = (cmd: string, args: string[], cwd = root) => execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

describe("generated SDKs", () => {
  it("are current with the served schema (node scripts/gen-sdks.js --check)", () => {
    expect(run("node", [path.join(root, "scripts", "gen-sdks.js"), "--check"])).toMatch(/up to date/);
  });

  it("Python: the SDK's tests pass under Pulumi's mocks", () => {
    const python = run("bash", [path.join(root, "scripts", "ensure-python-sdk")]).trim().split("\n").pop()!;
    const out = execFileSync(python, ["-m", "unittest", "-v", "test_sdk_mocks.py"], { cwd: path.join(root, "tests", "python"), encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    expect(out).toBe("");
  });

  it("Go: the SDK builds and vets", () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "clarifai-go-sdk-"));
    try {
      fs.cpSync(path.join(root, "sdks", "go"), tmp, { recursive: true });
      const env = { ...process.env, GOFLAGS: "-buildvcs=false", CGO_ENABLED: "0" };
      for (const args of [["mod", "tidy"], ["build", "./..."], ["vet", "./..."]]) execFileSync("go", args, { cwd: tmp, env, stdio: ["ignore", "pipe", "pipe"] });
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
