/**
 * Mixed use, as users mix it: a compute cluster created with Clarifai's Python SDK (over gRPC) is
 * adopted by a Pulumi program (`adopt: true`, over REST) and managed by it from then on; a nodepool
 * the program creates is listed by the SDK with the same fields. One emulator, one port.
 */
import * as fs from "fs";
import * as path from "path";
import { startEmulator, statusCode, type RunningEmulator } from "../../emulator";
import { createStack, type EngineStack } from "../support/engine";
import { run, tempHome, venvPython } from "../support/python";

jest.setTimeout(300_000);

const PAT = "mixed-pat-5e1b9c0d-never-in-state";
const USER = "mixed-user";
const CLUSTER_FILE = path.resolve(__dirname, "..", "fixtures", "clarifai-docs-configs", "compute_cluster_config.yaml");
const SCRIPT = path.join(__dirname, "python", "mixed_use.py");

let emu: RunningEmulator;
let s: EngineStack;
let home: string;

async function sdk(mode: "create" | "list", arg: string): Promise<any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const out = path.join(home, `${mode}.json`);
  const r = await run(venvPython(), [SCRIPT, emu.url, USER, out, mode, arg], { home, env: { CLARIFAI_PAT: PAT } });
  if (r.code !== 0) throw new Error(`mixed_use.py ${mode} exited ${r.code}\n${r.stderr}`);
  return JSON.parse(fs.readFileSync(out, "utf8"));
}

beforeAll(async () => {
  venvPython();
  home = tempHome();
  emu = await startEmulator({ tokens: [PAT], userId: USER });
  s = await createStack({
    programDir: path.join(__dirname, "programs", "mixed-use"),
    config: { "clarifai:pat": { value: PAT, secret: true }, "clarifai:apiBase": { value: emu.url } },
  });
}, 300_000);

afterAll(async () => {
  await s?.dispose();
  await emu?.close();
  if (home) fs.rmSync(home, { recursive: true, force: true });
});

it("Pulumi adopts the SDK's cluster and manages it; the SDK lists Pulumi's nodepool with the same fields", async () => {
  expect(await sdk("create", CLUSTER_FILE)).toEqual({ id: "test-compute-cluster" });
  const createdAt = emu.state().compute_clusters[0].created_at;

  emu.clearRequests();
  const up = await s.up();
  expect(up.summary.resourceChanges).toEqual({ create: 3 }); // the stack, the adopted cluster, the nodepool
  // Adopted: the same object (never re-created), its description now the program's.
  // (With adopt, the provider looks first, finds the id with another description, and PATCHes: no POST.)
  const clusterWrites = emu.requests().requests.filter((r) => /ComputeClusters$/.test(r.rpc ?? "") && r.method !== "GET");
  expect(clusterWrites.map((r) => [r.rpc, r.status_code])).toEqual([["PatchComputeClusters", statusCode("SUCCESS")]]);
  expect(emu.requests().requests.every((r) => r.protocol === undefined)).toBe(true);
  expect(emu.state().compute_clusters).toEqual([expect.objectContaining({ id: "test-compute-cluster", description: "now managed by Pulumi", created_at: createdAt })]);

  const seen = await sdk("list", "test-compute-cluster");
  expect(seen.cluster).toMatchObject({ id: "test-compute-cluster", description: "now managed by Pulumi", created_at: createdAt });
  const pool = up.outputs.pool.value;
  expect(seen.nodepools).toHaveLength(1);
  expect(seen.nodepools[0]).toMatchObject({
    id: pool.id,
    description: "made by Pulumi",
    instance_types: [{ id: "g5.xlarge" }],
    max_instances: pool.max,
    node_capacity_type: { capacity_types: [2, 1] },
    metadata: pool.metadata,
    created_at: pool.createdAt,
    compute_cluster: { id: "test-compute-cluster" },
  });
  expect(pool).toMatchObject({ instanceTypes: ["g5.xlarge"], min: 0, max: 3, capacity: "spotWithFallback" });

  // Managed by Pulumi from now on: a change in the program is one PATCH the SDK then sees.
  emu.clearRequests();
  await s.setConfig("description", "changed by Pulumi");
  expect((await s.up()).summary.resourceChanges).toEqual({ update: 1, same: 2 });
  expect(emu.requests().counts.PatchComputeClusters).toBe(1);
  expect((await sdk("list", "test-compute-cluster")).cluster.description).toBe("changed by Pulumi");

  await s.destroy();
  expect(emu.state().compute_clusters).toEqual([]);
});
