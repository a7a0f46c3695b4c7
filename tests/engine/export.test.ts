// The export round trip through the real CLI and engine: objects made directly through the API, then
// `pulumi-clarifai export` (the built bin, as a user runs it), then `pulumi up` on the exported project
// adopts everything with reads only, a preview finds nothing to change, and one edited maxInstances
// is one PATCH.
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, RunningEmulator } from "../../emulator";
import { ClarifaiClient } from "../../provider/client";
import { wireOf } from "../support/wire";
import { execFileSync } from "child_process";
import { createStack, pulumiBin, repoRoot } from "./harness";

jest.setTimeout(600_000);

const PAT = "export-pat-5a1c93e0d7";
const USER = "export-user";

let emu: RunningEmulator;
let tmp: string;
beforeAll(async () => {
  emu = await startEmulator({ tokens: [PAT], userId: USER, readiness: { deploymentReadyAfterReads: 1 } });
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-clarifai-export-"));
});
afterAll(async () => {
  await emu.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

const writes = () => emu.requests().requests.filter((r) => r.method !== "GET").map((r) => r.rpc);

/** Runs the built bin; HOME is an empty folder, so only the environment supplies credentials. */
function runExport(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const home = path.join(tmp, "home");
  fs.mkdirSync(home, { recursive: true });
  return new Promise((resolve) =>
    execFile(
      process.execPath,
      [path.join(repoRoot, "dist", "provider", "export", "cli.js"), ...args],
      { cwd: tmp, env: { PATH: process.env.PATH ?? "", HOME: home, CLARIFAI_PAT: PAT, CLARIFAI_API_BASE: emu.url } },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, stdout, stderr }),
    ),
  );
}

it("export → up adopts with zero writes → preview has no changes → one maxInstances edit is one PATCH", async () => {
  const c = new ClarifaiClient({ pat: PAT, apiBase: emu.url });
  await c.createComputeCluster(wireOf("ComputeCluster", { computeClusterId: "prod", cloudProvider: "aws", region: "us-east-1", clusterType: "dedicated", managedBy: "clarifai", description: "made by hand", key: PAT }));
  await c.createNodepool(wireOf("Nodepool", { nodepoolId: "cpu", computeClusterId: "prod", instanceTypes: ["t3a.2xlarge"], minInstances: 0, maxInstances: 2, capacity: "onDemand" }));
  await c.createNodepool(wireOf("Nodepool", { nodepoolId: "gpu", computeClusterId: "prod", instanceTypes: ["g5.xlarge"], minInstances: 1, maxInstances: 3, capacity: "spotWithFallback", description: "A10G" }));
  await c.createDeployment(
    wireOf("Deployment", {
      deploymentId: "ocr",
      model: { userId: "stepfun-ai", appId: "ocr", modelId: "got-ocr-2_0", versionId: "5d92321db5d341b5b4cf407ab34f618f" },
      nodepools: ["prod/gpu"],
      autoscale: { minReplicas: 0, maxReplicas: 2, scaleToZeroDelaySeconds: 600 },
      schedulingChoice: "performance",
      visibility: "private",
    }),
  );
  emu.clearRequests();

  const out = path.join(tmp, "exported");
  const ex = await runExport(["export", "--out", out]);
  expect(ex.stderr).toContain("compute clusters: 1");
  expect(ex.stderr).toContain("nodepools: 2");
  expect(ex.stderr).toContain("deployments: 1");
  expect(ex.stderr).toMatch(/Wrote exported\/ .*1 compute cluster, 2 nodepools, 1 deployment, each with adopt: true/);
  expect(ex.code).toBe(0);
  expect(writes()).toEqual([]); // the export only reads
  expect(ex.stderr + ex.stdout).not.toContain(PAT);
  expect(fs.readdirSync(out).sort()).toEqual([".gitignore", "Pulumi.yaml", "index.ts", "package.json", "tsconfig.json"]);
  const pkg = JSON.parse(fs.readFileSync(path.join(out, "package.json"), "utf8"));
  // Run from this checkout, the project depends on the checkout itself.
  expect(path.resolve(out, pkg.dependencies["pulumi-clarifai"].replace(/^file:/, ""))).toBe(repoRoot);

  const s = await createStack({
    programDir: out,
    config: { "clarifai:pat": { value: PAT, secret: true }, "clarifai:apiBase": { value: emu.url } },
    env: { PULUMI_CLARIFAI_POLL_MS: "200" },
  });
  try {
    emu.clearRequests();
    const up = await s.up();
    expect(up.summary.resourceChanges).toEqual({ create: 5 }); // the stack and 4 adopted objects
    expect(writes()).toEqual([]);
    const state = await s.exportState();
    const ids = state.filter((r) => r.type.startsWith("pulumi-nodejs:dynamic")).map((r) => r.id).sort();
    expect(ids).toEqual(["ocr", "prod", "prod/cpu", "prod/gpu"]);

    await s.preview({ expectNoChanges: true });
    expect(writes()).toEqual([]);

    const program = path.join(s.dir, "index.ts");
    const text = fs.readFileSync(program, "utf8");
    const edited = text.replace(/(nodepoolId: "gpu",[^}]*?maxInstances: )3,/, "$15,");
    expect(edited).not.toBe(text);
    fs.writeFileSync(program, edited);
    emu.clearRequests();
    const up2 = await s.up();
    expect(up2.summary.resourceChanges).toEqual({ update: 1, same: 4 });
    expect(writes()).toEqual(["PatchNodepools"]);
    expect(emu.state().nodepools.find((n) => n.id === "gpu")).toMatchObject({ max_instances: 5, min_instances: 1 });
  } finally {
    await s.dispose();
  }
});

it("--language yaml: the same round trip through the native plugin and Pulumi YAML", async () => {
  emu.reset();
  const c = new ClarifaiClient({ pat: PAT, apiBase: emu.url });
  await c.createComputeCluster(wireOf("ComputeCluster", { computeClusterId: "prod", cloudProvider: "aws", region: "us-east-1", clusterType: "dedicated", managedBy: "clarifai", description: "made by hand", key: PAT }));
  await c.createNodepool(wireOf("Nodepool", { nodepoolId: "cpu", computeClusterId: "prod", instanceTypes: ["t3a.2xlarge"], minInstances: 0, maxInstances: 2, capacity: "onDemand" }));
  await c.createNodepool(wireOf("Nodepool", { nodepoolId: "gpu", computeClusterId: "prod", instanceTypes: ["g5.xlarge"], minInstances: 1, maxInstances: 3, capacity: "spotWithFallback" }));
  await c.createDeployment(
    wireOf("Deployment", {
      deploymentId: "ocr",
      model: { userId: "stepfun-ai", appId: "ocr", modelId: "got-ocr-2_0", versionId: "5d92321db5d341b5b4cf407ab34f618f" },
      nodepools: ["prod/gpu"],
      autoscale: { minReplicas: 0, maxReplicas: 2 },
      schedulingChoice: "performance",
      visibility: "private",
    }),
  );
  emu.clearRequests();

  const out = path.join(tmp, "exported-yaml");
  const ex = await runExport(["export", "--language", "yaml", "--out", out]);
  expect(ex.code).toBe(0);
  expect(writes()).toEqual([]);
  expect(fs.readdirSync(out)).toEqual(["Pulumi.yaml"]);
  const text = fs.readFileSync(path.join(out, "Pulumi.yaml"), "utf8");
  expect(text).toContain("runtime: yaml");
  expect(text).toContain("computeClusterId: ${prod.id}");
  expect(text).toContain("- ${gpu.id}");

  // The plugin, as a user installs it (its folder named in Pulumi.yaml), and Pulumi YAML's host.
  const pluginDir = execFileSync("node", [path.join(repoRoot, "scripts", "package-plugin.js"), "--out", path.join(tmp, "plugin")], { encoding: "utf8" }).trim().split("\n")[0];
  const yamlBin = execFileSync("bash", [path.join(repoRoot, "scripts", "ensure-pulumi-yaml")], { env: { ...process.env, ENSURE_PULUMI_QUIET: "1" }, encoding: "utf8" }).trim().split("\n").pop()!;
  fs.appendFileSync(path.join(out, "Pulumi.yaml"), `plugins:\n  providers:\n    - name: clarifai\n      path: ${pluginDir}\n`);
  const s = await createStack({
    programDir: out,
    config: { "clarifai:pat": { value: PAT, secret: true }, "clarifai:apiBase": { value: emu.url } },
    env: { PATH: `${yamlBin}${path.delimiter}${pulumiBin()}${path.delimiter}${process.env.PATH ?? ""}`, PULUMI_CLARIFAI_POLL_MS: "200" },
  });
  try {
    emu.clearRequests();
    const up = await s.up();
    expect(up.summary.resourceChanges).toEqual({ create: 5 }); // the stack and 4 adopted objects
    expect(writes()).toEqual([]);
    await s.preview({ expectNoChanges: true });
    const program = path.join(s.dir, "Pulumi.yaml");
    const before = fs.readFileSync(program, "utf8");
    const edited = before.replace(/(nodepoolId: gpu\n(?:.*\n)*?\s+maxInstances: )3/, "$15");
    expect(edited).not.toBe(before);
    fs.writeFileSync(program, edited);
    emu.clearRequests();
    const up2 = await s.up();
    expect(up2.summary.resourceChanges).toMatchObject({ update: 1 });
    expect(writes()).toEqual(["PatchNodepools"]);
    expect(emu.state().nodepools.find((n) => n.id === "gpu")).toMatchObject({ max_instances: 5 });
  } finally {
    await s.dispose();
  }
});
