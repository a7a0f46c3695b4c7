// The native plugin through the real engine, from Pulumi YAML programs (Pulumi's own YAML language
// host, built by scripts/ensure-pulumi-yaml): the example's lifecycle (up, no-change preview, in-place
// update, refresh, `pulumi import` of a nodepool made out of band, destroy), and two explicit providers
// with two accounts in one stack, with the plugin installed from its tarball. The PAT is never in the
// state or the output (the harness scans every artifact on dispose).
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startEmulator, RunningEmulator } from "../../emulator";
import { ClarifaiClient } from "../../provider/client";
import { wireOf } from "../support/wire";
import { createStack, EngineStack, pulumiBin, repoRoot } from "../support/engine";

jest.setTimeout(600_000);

const PAT = "yaml-pat-0c3e81f2-never-in-state";
const PAT_A = "yaml-pat-a-9d02b7e4-never-in-state";
const PAT_B = "yaml-pat-b-41f6c3a8-never-in-state";

let work: string;
let pluginDir: string;
let tarball: string;
let yamlBin: string;

beforeAll(() => {
  yamlBin = execFileSync("bash", [path.join(repoRoot, "scripts", "ensure-pulumi-yaml")], { env: { ...process.env, ENSURE_PULUMI_QUIET: "1" }, encoding: "utf8" })
    .trim()
    .split("\n")
    .pop()!;
  work = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-clarifai-plugin-"));
  const out = execFileSync("node", [path.join(repoRoot, "scripts", "package-plugin.js"), "--out", path.join(work, "plugin"), "--tarball"], { encoding: "utf8" }).trim().split("\n");
  [pluginDir, tarball] = out;
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const env = () => ({ PATH: `${yamlBin}${path.delimiter}${pulumiBin()}${path.delimiter}${process.env.PATH ?? ""}`, PULUMI_CLARIFAI_POLL_MS: "50" });

/** Rewrites the copied program's Pulumi.yaml. */
function editProject(s: EngineStack, edit: (text: string) => string): void {
  const file = path.join(s.dir, "Pulumi.yaml");
  fs.writeFileSync(file, edit(fs.readFileSync(file, "utf8")));
}

describe("examples/yaml through the native plugin", () => {
  let emu: RunningEmulator;
  let s: EngineStack;
  const writes = () => emu.requests().requests.filter((r) => r.method !== "GET").map((r) => r.rpc);

  beforeAll(async () => {
    emu = await startEmulator({ tokens: [PAT], userId: "yaml-user" });
    s = await createStack({
      programDir: path.join(repoRoot, "examples", "yaml"),
      config: { "clarifai:pat": { value: PAT, secret: true }, "clarifai:apiBase": { value: emu.url } },
      env: env(),
    });
    editProject(s, (t) => t.replace("path: ../../build/plugin", `path: ${pluginDir}`));
  });
  afterAll(async () => {
    await s?.dispose();
    await emu?.close();
  });

  it("up, no-change preview, update in place, refresh, import, destroy", async () => {
    const up = await s.up();
    expect(up.summary.resourceChanges).toEqual({ create: 5 });
    expect(up.outputs.gpuNodepoolId.value).toBe("yaml-cluster/gpu");
    expect(up.outputs.ready.value).toBe(true);
    const st = emu.state();
    // The GPU pool is spot with on-demand fallback: both capacity types (1 on-demand, 2 spot).
    expect(Object.fromEntries(st.nodepools.map((n) => [n.id, [...((n.node_capacity_type as { capacity_types?: number[] } | undefined)?.capacity_types ?? [])].sort()]))).toEqual({ cpu: [1], gpu: [1, 2] });
    expect(st.deployments.map((d) => d.id)).toEqual(["ocr"]);

    emu.clearRequests();
    await s.preview({ expectNoChanges: true });
    expect(writes()).toEqual([]);

    await s.setConfig("gpuMaxInstances", "4");
    emu.clearRequests();
    const up2 = await s.up();
    expect(up2.summary.resourceChanges).toEqual({ same: 4, update: 1 });
    expect(writes()).toEqual(["PatchNodepools"]);
    expect(emu.state().nodepools.find((n) => n.id === "gpu")?.max_instances).toBe(4);

    const refresh = await s.refresh({ expectNoChanges: true });
    expect(refresh.summary.resourceChanges).toEqual({ same: 5 });

    // A cluster, a nodepool and a deployment made outside Pulumi, imported by id; the code Pulumi
    // generates then shows no changes.
    const api = new ClarifaiClient({ pat: PAT, userId: "yaml-user", apiBase: emu.url });
    await api.createComputeCluster(
      wireOf("ComputeCluster", { computeClusterId: "oob-cluster", description: "made by hand", cloudProvider: "aws", region: "us-east-1", clusterType: "dedicated", managedBy: "clarifai", key: PAT }),
    );
    await api.createNodepool(
      wireOf("Nodepool", { nodepoolId: "oob", computeClusterId: "oob-cluster", description: "made by hand", instanceTypes: ["t3a.large"], minInstances: 0, maxInstances: 3, capacity: "onDemand" }),
    );
    await api.createDeployment(
      wireOf("Deployment", {
        deploymentId: "oob-dep",
        model: { userId: "stepfun-ai", appId: "ocr", modelId: "got-ocr-2_0", versionId: "5d92321db5d341b5b4cf407ab34f618f" },
        nodepools: ["oob-cluster/oob"],
        autoscale: { minReplicas: 0, maxReplicas: 2 },
        schedulingChoice: "performance",
      }),
    );
    const imported = await s.stack.import({
      resources: [
        { type: "clarifai:index:ComputeCluster", name: "oobCluster", id: "oob-cluster" },
        { type: "clarifai:index:Nodepool", name: "oobPool", id: "oob-cluster/oob" },
        { type: "clarifai:index:Deployment", name: "oobDeployment", id: "oob-dep" },
      ],
      protect: false,
      generateCode: true,
    });
    expect(imported.summary.resourceChanges).toEqual({ import: 3, same: 5 });
    for (const [name, type] of [["oobCluster", "ComputeCluster"], ["oobPool", "Nodepool"], ["oobDeployment", "Deployment"]]) {
      expect(imported.generatedCode).toMatch(new RegExp(`${name}:\\n\\s+type: clarifai:(index:)?${type}\\n`));
    }
    expect(imported.generatedCode).toMatch(/maxInstances: 3/);
    expect(imported.generatedCode).not.toContain(PAT);
    editProject(s, (t) => t.replace("outputs:\n", `${imported.generatedCode.replace(/^resources:\n/, "")}outputs:\n`));
    emu.clearRequests();
    await s.preview({ expectNoChanges: true });
    expect(writes()).toEqual([]);

    const state = await s.exportState();
    // The state's order follows the engine's steps, which run in parallel: compare as a set.
    expect(state.filter((r) => r.urn.includes("::oob")).map((r) => [r.type, r.id]).sort()).toEqual([
      ["clarifai:index:ComputeCluster", "oob-cluster"],
      ["clarifai:index:Deployment", "oob-dep"],
      ["clarifai:index:Nodepool", "oob-cluster/oob"],
    ]);
    const exported = await s.exportText();
    expect(exported).not.toContain(PAT);

    const destroy = await s.destroy();
    expect(destroy.summary.resourceChanges).toEqual({ delete: 8 });
    const after = emu.state();
    expect([after.compute_clusters, after.nodepools, after.deployments]).toEqual([[], [], []]);
  });
});

describe("two explicit providers, two accounts, one stack", () => {
  let emuA: RunningEmulator;
  let emuB: RunningEmulator;
  let s: EngineStack;

  beforeAll(async () => {
    emuA = await startEmulator({ tokens: [PAT_A], userId: "user-a" });
    emuB = await startEmulator({ tokens: [PAT_B], userId: "user-b" });
    s = await createStack({
      programDir: path.join(__dirname, "programs", "yaml-two-accounts"),
      config: {
        patA: { value: PAT_A, secret: true },
        patB: { value: PAT_B, secret: true },
        apiBaseA: { value: emuA.url },
        apiBaseB: { value: emuB.url },
      },
      env: env(),
    });
    // This time the plugin comes from its tarball, installed the way users install it offline.
    const home = path.join(path.dirname(s.dir), "home");
    execFileSync(path.join(pulumiBin(), "pulumi"), ["plugin", "install", "resource", "clarifai", require(path.join(repoRoot, "package.json")).version, "--file", tarball], {
      env: { ...process.env, PULUMI_HOME: home },
      stdio: "ignore",
    });
    editProject(s, (t) => t.replace(/plugins:\n(\s+.*\n)+?(?=config:)/, ""));
  });
  afterAll(async () => {
    await s?.dispose();
    await emuA?.close();
    await emuB?.close();
  });

  it("creates each account's objects with its own credentials, keeps both PATs secret", async () => {
    const up = await s.up();
    expect(up.summary.resourceChanges).toEqual({ create: 6 });
    expect([up.outputs.ownerA.value, up.outputs.ownerB.value, up.outputs.poolB.value]).toEqual(["user-a", "user-b", "shared/pool"]);
    expect(emuA.state().compute_clusters.map((c) => c.id)).toEqual(["shared"]);
    expect(emuA.state().nodepools).toEqual([]);
    expect(emuB.state().nodepools.map((n) => n.id)).toEqual(["pool"]);

    await s.preview({ expectNoChanges: true });
    // The provider resources' PAT inputs are stored as secrets (encrypted in the state file).
    const exported = await s.exportText();
    const providers = (JSON.parse(exported).deployment.resources as { type: string; inputs: Record<string, unknown> }[]).filter((r) => r.type === "pulumi:providers:clarifai");
    expect(providers.map((p) => p.inputs.pat)).toEqual([
      { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: expect.any(String) },
      { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", ciphertext: expect.any(String) },
    ]);
    expect(exported).not.toContain(PAT_A);
    expect(exported).not.toContain(PAT_B);

    const destroy = await s.destroy();
    expect(destroy.summary.resourceChanges).toEqual({ delete: 6 });
    expect([emuA.state().compute_clusters, emuB.state().compute_clusters, emuB.state().nodepools]).toEqual([[], [], []]);
  });
});
