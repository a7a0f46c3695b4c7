// Every example runs through the real CLI against the emulator: up, a preview with no changes, destroy.
// deployment-update also scales and rolls the model version in place.
import * as fs from "fs";
import * as path from "path";
import { startEmulator, RunningEmulator } from "../../emulator";
import { createStack, EngineStack, repoRoot } from "../support/engine";

jest.setTimeout(600_000);

const PAT = "examples-pat-0b7d15e2";
const examplesDir = path.join(repoRoot, "examples");

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ tokens: [PAT], userId: "examples-user", readiness: { deploymentReadyAfterReads: 1 } });
});
afterAll(() => emu.close());

const counts = (st: ReturnType<RunningEmulator["state"]>) => ({
  clusters: st.compute_clusters.length,
  nodepools: st.nodepools.length,
  deployments: st.deployments.length,
});
const writes = () => emu.requests().requests.filter((r) => r.method !== "GET").map((r) => r.rpc);

async function withExample(name: string, body: (s: EngineStack) => Promise<void>) {
  emu.reset();
  const s = await createStack({
    programDir: path.join(examplesDir, name),
    config: { "clarifai:pat": { value: PAT, secret: true }, "clarifai:apiBase": { value: emu.url } },
    env: { PULUMI_CLARIFAI_POLL_MS: "200" },
  });
  try {
    await body(s);
    expect(s.stateText()).not.toContain(PAT);
    expect(s.output.join("")).not.toContain(PAT);
  } finally {
    await s.dispose();
  }
}

// examples/yaml is a Pulumi YAML program for the native plugin, run by tests/engine/yamlPlugin.test.ts;
// examples/python and examples/go are the quickstart in those languages, run by tests/languages.
const TS_EXAMPLES = ["deployment-update", "from-yaml", "multi-nodepool", "quickstart"];

// examples/fleet is an Automation API program over two projects, run by tests/engine/fleet.test.ts.
it("has the four documented TypeScript examples, each with Pulumi.yaml, index.ts and README.md, the fleet, and the Go, Python and YAML ones", () => {
  const names = fs.readdirSync(examplesDir).sort();
  expect(names).toEqual([...TS_EXAMPLES, "fleet", "go", "python", "yaml"].sort());
  for (const n of TS_EXAMPLES) for (const f of ["Pulumi.yaml", "index.ts", "README.md"]) expect(fs.existsSync(path.join(examplesDir, n, f))).toBe(true);
  expect(fs.existsSync(path.join(examplesDir, "yaml", "Pulumi.yaml"))).toBe(true);
  for (const [n, main] of [["python", "__main__.py"], ["go", "main.go"]]) for (const f of ["Pulumi.yaml", main, "README.md"]) expect(fs.existsSync(path.join(examplesDir, n, f))).toBe(true);
});

it("examples import only the public package", () => {
  for (const n of TS_EXAMPLES) {
    const src = fs.readFileSync(path.join(examplesDir, n, "index.ts"), "utf8");
    const imports = [...src.matchAll(/from "([^"]+)"/g)].map((m) => m[1]);
    for (const i of imports) expect(["pulumi-clarifai", "@pulumi/pulumi", "path"]).toContain(i);
  }
});

it("quickstart: up, no-change preview, destroy", () =>
  withExample("quickstart", async (s) => {
    const up = await s.up();
    expect(up.summary.resourceChanges).toEqual({ create: 5 });
    expect(counts(emu.state())).toEqual({ clusters: 1, nodepools: 2, deployments: 1 });
    expect(up.outputs.deployment.value).toMatchObject({ id: "quickstart-ocr", ready: true });
    expect(up.outputs.nodepools.value.gpu).toMatchObject({ capacity: "spotWithFallback", accelerators: ["NVIDIA-A10G"] });
    await s.preview({ expectNoChanges: true });
    await s.destroy();
    expect(counts(emu.state())).toEqual({ clusters: 0, nodepools: 0, deployments: 0 });
  }));

it("multi-nodepool: catalogue look-up at preview, three capacity strategies", () =>
  withExample("multi-nodepool", async (s) => {
    const up = await s.up();
    expect(up.summary.resourceChanges).toEqual({ create: 5 });
    const pools = up.outputs.pools.value as { capacity: string; gpu: string[] }[];
    expect(pools.map((p) => p.capacity)).toEqual(["onDemand", "spot", "spotWithFallback"]);
    expect(pools[2].gpu[0]).toMatch(/NVIDIA-L40S/); // the only ≥ 40 GiB accelerator in aws/us-east-1
    await s.preview({ expectNoChanges: true });
    await s.destroy();
    expect(counts(emu.state())).toEqual({ clusters: 0, nodepools: 0, deployments: 0 });
  }));

it("from-yaml: Clarifai's published files, unchanged, with overrides in code", () =>
  withExample("from-yaml", async (s) => {
    const up = await s.up();
    expect(up.summary.resourceChanges).toEqual({ create: 4 });
    expect(up.outputs).toMatchObject({
      clusterId: { value: "test-compute-cluster" },
      nodepoolId: { value: "test-compute-cluster/test-nodepool" },
      capacity: { value: "spotWithFallback" },
      deploymentId: { value: "test-deployment" },
    });
    const pool = (emu.state().nodepools as { max_instances?: number }[])[0];
    expect(pool.max_instances).toBe(2);
    await s.preview({ expectNoChanges: true });
    await s.destroy();
    expect(counts(emu.state())).toEqual({ clusters: 0, nodepools: 0, deployments: 0 });
  }));

it("deployment-update: scale and model version change update the deployment in place", () =>
  withExample("deployment-update", async (s) => {
    await s.up();
    await s.preview({ expectNoChanges: true });
    emu.clearRequests();
    await s.setConfig("maxReplicas", "4");
    const scaled = await s.up();
    expect(scaled.summary.resourceChanges).toEqual({ same: 3, update: 1 });
    expect(writes()).toEqual(["PatchDeployments"]);
    expect(scaled.outputs.replicas.value).toBe("1..4");
    emu.clearRequests();
    await s.setConfig("modelVersion", "0a1b2c3d4e5f60718293a4b5c6d7e8f9");
    const rolled = await s.up();
    expect(rolled.summary.resourceChanges).toEqual({ same: 3, update: 1 });
    expect(writes()).toEqual(["PatchDeployments"]);
    expect(rolled.outputs.modelVersion.value).toBe("0a1b2c3d4e5f60718293a4b5c6d7e8f9");
    await s.preview({ expectNoChanges: true });
    await s.destroy();
    expect(counts(emu.state())).toEqual({ clusters: 0, nodepools: 0, deployments: 0 });
  }));
