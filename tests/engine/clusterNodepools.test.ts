// Issue 5's lifecycle through the real CLI against the emulator: up, no-change preview and refresh,
// in-place update with one PATCH, delete-first replacement, out-of-band delete, destroy in order.
import * as path from "path";
import { startEmulator, RunningEmulator } from "../../emulator";
import { createStack, EngineStack } from "../support/engine";

jest.setTimeout(600_000);

const PAT = "engine-pat-3f9c2a7d-never-in-state";

describe("ComputeCluster and Nodepool through the real engine", () => {
  let emu: RunningEmulator;
  let s: EngineStack;

  const stored = () => {
    const st = emu.state() as unknown as { compute_clusters: { id: string }[]; nodepools: { id: string; max_instances?: number; instance_types: { id: string }[]; node_capacity_type?: { capacity_types: number[] } }[] };
    return {
      clusters: st.compute_clusters.map((c) => c.id),
      nodepools: Object.fromEntries(st.nodepools.map((n) => [n.id, { max: n.max_instances, types: n.instance_types.map((t) => t.id), capacity: n.node_capacity_type?.capacity_types }])),
    };
  };
  const writes = () => emu.requests().requests.filter((r) => r.method !== "GET").map((r) => r.rpc);

  beforeAll(async () => {
    emu = await startEmulator({ tokens: [PAT], userId: "engine-user" });
    s = await createStack({
      programDir: path.join(__dirname, "programs", "cluster-nodepools"),
      config: { "clarifai:pat": { value: PAT, secret: true }, "clarifai:apiBase": { value: emu.url } },
    });
  });
  afterAll(async () => {
    await s?.dispose();
    await emu?.close();
  });

  it("walks the whole lifecycle", async () => {
    // up
    const up = await s.up();
    expect(up.summary.resourceChanges).toEqual({ create: 4 });
    expect(up.outputs.gpuId.value).toBe("engine-cluster/gpu");
    expect(up.outputs.gpuAccelerators.value).toEqual(["NVIDIA-A10G"]);
    expect(stored()).toEqual({
      clusters: ["engine-cluster"],
      nodepools: { cpu: { max: 2, types: ["t3a.large"], capacity: [1] }, gpu: { max: 2, types: ["g5.xlarge"], capacity: expect.arrayContaining([1, 2]) } },
    });
    expect(writes()).toEqual(["PostComputeClusters", "PostNodepools", "PostNodepools"]);

    // nothing changed: no diff, and refresh reads back exactly what create wrote
    emu.clearRequests();
    await s.preview({ expectNoChanges: true });
    expect(emu.requests().requests).toEqual([]);
    const refresh = await s.refresh({ expectNoChanges: true });
    expect(refresh.summary.resourceChanges).toEqual({ same: 4 });
    expect(emu.requests().counts).toEqual({ GetComputeCluster: 1, ListNodepools: 1 }); // the cluster's pools in one list
    await s.preview({ expectNoChanges: true });

    // maxInstances: updated in place with one PATCH
    emu.clearRequests();
    await s.setConfig("gpuMaxInstances", "4");
    const up2 = await s.up();
    expect(up2.summary.resourceChanges).toEqual({ same: 3, update: 1 });
    expect(writes()).toEqual(["PatchNodepools"]);
    expect(stored().nodepools.gpu.max).toBe(4);

    // instance type: replaced, the old nodepool deleted first (its id is kept)
    emu.clearRequests();
    await s.setConfig("cpuInstanceType", "t3a.xlarge");
    const up3 = await s.up();
    expect(up3.summary.resourceChanges).toEqual({ same: 3, replace: 1 });
    expect(writes()).toEqual(["DeleteNodepools", "PostNodepools"]);
    expect(stored().nodepools.cpu.types).toEqual(["t3a.xlarge"]);

    // deleted out of band: refresh drops it, up recreates it
    const del = await fetch(`${emu.url}/v2/users/me/compute_clusters/engine-cluster/nodepools`, {
      method: "DELETE",
      headers: { Authorization: `Key ${PAT}`, "Content-Type": "application/json" },
      body: JSON.stringify({ ids: ["gpu"] }),
    });
    expect(del.status).toBe(200);
    const refresh2 = await s.refresh();
    expect(refresh2.summary.resourceChanges).toEqual({ same: 3, delete: 1 });
    emu.clearRequests();
    const up4 = await s.up();
    expect(up4.summary.resourceChanges).toEqual({ same: 3, create: 1 });
    expect(writes()).toEqual(["PostNodepools"]);
    await s.preview({ expectNoChanges: true });

    // the PAT is nowhere in the state file or the engine's output
    expect(s.stateText()).not.toContain(PAT);
    expect(s.output.join("")).not.toContain(PAT);

    // destroy: nodepools before the cluster, nothing left
    emu.clearRequests();
    const destroy = await s.destroy();
    expect(destroy.summary.resourceChanges).toEqual({ delete: 4 });
    expect(writes()).toEqual(["DeleteNodepools", "DeleteNodepools", "DeleteComputeClusters"]);
    expect(stored()).toEqual({ clusters: [], nodepools: {} });
  });
});
