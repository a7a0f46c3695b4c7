// `pulumi-clarifai export` as a command, in process: progress and summary on stderr, the project on
// disk, and clear failures (refused credentials, an unreachable API, command-line mistakes).
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, RunningEmulator } from "../../emulator";
import { ClarifaiClient } from "../../provider/client";
import { wireOf } from "../support/wire";
import { CliIo, main, parseArgs } from "../../provider/export/cli";

const PAT = "export-cli-pat-9d0e41";
let emu: RunningEmulator;
let dir: string;
beforeAll(async () => {
  emu = await startEmulator({ tokens: [PAT], userId: "acme" });
});
afterAll(() => emu.close());
beforeEach(async () => {
  emu.reset();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-clarifai-cli-"));
  const c = new ClarifaiClient({ pat: PAT, apiBase: emu.url });
  await c.createComputeCluster(wireOf("ComputeCluster", { computeClusterId: "prod", cloudProvider: "aws", region: "us-east-1", clusterType: "dedicated", managedBy: "clarifai", key: PAT }));
  await c.createNodepool(wireOf("Nodepool", { nodepoolId: "gpu", computeClusterId: "prod", instanceTypes: ["g5.xlarge"], minInstances: 0, maxInstances: 2, capacity: "spotWithFallback" }));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs the command with this environment; HOME-less, so no clarifai CLI file is read unless given. */
async function cli(args: string[], env: NodeJS.ProcessEnv = { CLARIFAI_PAT: PAT, CLARIFAI_API_BASE: emu.url }) {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    env,
    cwd: dir,
    client: { retry: { baseMs: 1, capMs: 5 } },
  };
  const code = await main([...args, "--config", path.join(dir, "no-clarifai-config")], io);
  expect(stdout + stderr).not.toContain(PAT);
  return { code, stdout, stderr };
}

it("writes the project to ./clarifai-<user> by default, with progress and a summary on stderr", async () => {
  const r = await cli(["export"]);
  expect(r.code).toBe(0);
  expect(r.stdout).toBe("");
  expect(r.stderr).toContain(`Reading the Clarifai account of user "me" at ${emu.url} (PAT from the environment)\n  compute clusters: 1\n  nodepools: 1\n  deployments: 0\n`);
  expect(r.stderr).toContain("Wrote clarifai-acme/ (Pulumi.yaml, index.ts, package.json, tsconfig.json, .gitignore): 1 compute cluster, 1 nodepool, 0 deployments, each with adopt: true.");
  expect(r.stderr).toContain("cd clarifai-acme && npm install");
  expect(fs.readFileSync(path.join(dir, "clarifai-acme", "index.ts"), "utf8")).toContain('capacity: "spotWithFallback",');
});

it("--out - prints the program instead; --out DIR refuses a folder with files unless --force", async () => {
  const printed = await cli(["export", "--out", "-"]);
  expect(printed.code).toBe(0);
  expect(printed.stdout).toMatch(/^\/\/ Written by `pulumi-clarifai export`/);
  const yaml = await cli(["export", "--language", "yaml", "--out", "-"]);
  expect([yaml.code, yaml.stdout]).toEqual([0, expect.stringMatching(/^# Written by `pulumi-clarifai export --language yaml`[^]*\nruntime: yaml\n/)]);
  expect(fs.readdirSync(dir)).toEqual([]);

  fs.mkdirSync(path.join(dir, "p"));
  fs.writeFileSync(path.join(dir, "p", "index.ts"), "// mine");
  const refused = await cli(["export", "--out", "p"]);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain("--out");
  expect(refused.stderr).toMatch(/is not empty \(index.ts\); choose a new folder, or pass --force/);
  expect(fs.readFileSync(path.join(dir, "p", "index.ts"), "utf8")).toBe("// mine");
  expect((await cli(["export", "--out=p", "--force"])).code).toBe(0);
  expect(fs.readFileSync(path.join(dir, "p", "index.ts"), "utf8")).toContain("new clarifai.Nodepool");
});

it("a PAT Clarifai refuses: one clear sentence, status and req_id, where the PAT came from", async () => {
  const r = await cli(["export", "--out", "-"], { CLARIFAI_PAT: "wrong-pat-7777", CLARIFAI_API_BASE: emu.url });
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(new RegExp(`pulumi-clarifai export: Clarifai refused the credentials at ${emu.url.replace(/\./g, "\\.")} \\(user "me"\\) \\[HTTP 401, code \\d+, req_id \\S+\\]`));
  expect(r.stderr).toContain("The PAT came from the environment");
  expect(r.stderr).not.toContain("wrong-pat-7777");
  expect(r.stdout).toBe("");
});

it("an API that cannot be reached fails in seconds, naming the address", async () => {
  const gone = await startEmulator({ tokens: [PAT] });
  const url = gone.url;
  await gone.close();
  const started = Date.now();
  const r = await cli(["export", "--out", "-"], { CLARIFAI_PAT: PAT, CLARIFAI_API_BASE: url });
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(`pulumi-clarifai export: cannot reach the Clarifai API at ${url} (from the environment)`);
  expect(Date.now() - started).toBeLessThan(5000);
});

it("missing credentials and unknown clusters are failures (1); command-line mistakes are usage errors (2)", async () => {
  const none = await cli(["export"], {});
  expect(none.code).toBe(1);
  expect(none.stderr).toMatch(/Clarifai credentials are missing: set CLARIFAI_PAT/);
  const unknown = await cli(["export", "--cluster", "nope"]);
  expect(unknown.code).toBe(1);
  expect(unknown.stderr).toContain('compute cluster "nope" is not in the account of user "me"; its compute clusters: prod');
  for (const [args, msg] of [
    [["export", "--language", "python"], '--language "python" is not supported; use one of: typescript, yaml'],
    [["export", "--bogus"], "unknown option --bogus"],
    [["export", "--out"], "--out needs a value"],
    [["import"], 'unknown command "import"'],
    [[], "missing command: export"],
  ] as const) {
    const r = await cli([...args]);
    expect([args, r.code]).toEqual([args, 2]);
    expect(r.stderr).toContain(msg);
    expect(r.stderr).toContain("usage: pulumi-clarifai export");
  }
  expect((await cli(["--help"])).code).toBe(0);
});

it("parses repeated --cluster and --flag=value forms", () => {
  expect(parseArgs(["export", "--cluster", "a", "--cluster=b", "--out=x", "--name", "n", "--package-spec", "file:../p", "--context", "dev"])).toEqual({
    command: "export",
    clusters: ["a", "b"],
    out: "x",
    name: "n",
    packageSpec: "file:../p",
    context: "dev",
    language: "typescript",
    force: false,
    help: false,
  });
});
