// Issue 22 through the real CLI: two stacks, one account, and every path by which one stack could
// write to, adopt or delete another's objects: the same ids with a 503 on the create, a destroy of a
// cluster that hosts the other stack's nodepool and deployment, a deployment made by hand on a managed
// nodepool, and ignoreChanges with an out-of-band change and an unrelated edit.
import * as path from "path";
import { startEmulator, RunningEmulator } from "../../emulator";
import type { ConfigMap } from "@pulumi/pulumi/automation";
import { ClarifaiClient } from "../../provider/client";
import { handDeployment } from "../support/wire";
import { createStack, EngineStack } from "../support/engine";

jest.setTimeout(900_000);
const PAT = "engine-pat-ownership-8e3a51";

let emu: RunningEmulator;
const stacks: EngineStack[] = [];
beforeAll(async () => {
  emu = await startEmulator({ tokens: [PAT], userId: "engine-user" });
});
afterAll(async () => {
  for (const s of stacks) await s.dispose();
  await emu?.close();
});
beforeEach(() => emu.reset());

const stack = async (config: Record<string, string>) => {
  const c: ConfigMap = { "clarifai:pat": { value: PAT, secret: true }, "clarifai:apiBase": { value: emu.url } };
  for (const [k, v] of Object.entries(config)) c[k] = { value: v };
  const s = await createStack({ programDir: path.join(__dirname, "programs", "ownership"), config: c, env: { PULUMI_CLARIFAI_POLL_MS: "100" } });
  stacks.push(s);
  return s;
};
const failure = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return String(e).replace(/\\"/g, '"');
  }
  throw new Error("expected the operation to fail");
};
const writes = () => emu.requests().requests.filter((r) => r.method !== "GET").map((r) => `${r.rpc}${r.fault ? `(${r.fault})` : ""}`);
/** What the account holds, with each object's last modification: a write to it shows. */
const account = () => {
  const st = emu.state();
  return {
    clusters: st.compute_clusters.map((c) => `${c.id}@${String(c.modified_at)}`),
    nodepools: st.nodepools.map((n) => `${n.id}@${String(n.modified_at)}`),
    deployments: st.deployments.map((d) => `${d.id}@${String(d.modified_at)}`),
  };
};
const SHARED = { clusterId: "shared-cc", poolId: "shared-np", deploymentId: "shared-dep" };

it("stack B with stack A's ids, and a 503 on each create, is refused as 'already exists' and never touches A's objects", async () => {
  const a = await stack(SHARED);
  await a.up();
  const before = account();
  // B: first the whole program (the cluster is refused), then a nodepool in A's cluster and a
  // deployment (of another model) on A's nodepool, under A's ids.
  const b = await stack(SHARED);
  for (const rpc of ["PostComputeClusters", "PostNodepools", "PostDeployments"]) emu.addFault({ rpc, kind: "server_error", httpStatus: 503, times: 1 });
  emu.clearRequests();
  expect(await failure(b.up())).toMatch(/ComputeCluster "cluster": a compute cluster with id "shared-cc" already exists in this Clarifai account\. To manage .*set `adopt: true`/);
  await b.setConfig("cluster", "false");
  await b.setConfig("onCluster", "shared-cc");
  await b.setConfig("deployment", "false");
  expect(await failure(b.up())).toMatch(/Nodepool "pool": a nodepool with id "shared-cc\/shared-np" already exists in this Clarifai account.*set `adopt: true`/);
  await b.setConfig("pool", "false");
  await b.setConfig("deployment", "true");
  await b.setConfig("onPool", "shared-cc/shared-np");
  await b.setConfig("modelId", "other-model");
  expect(await failure(b.up())).toMatch(/Deployment "dep": a deployment with id "shared-dep" already exists in this Clarifai account.*set `adopt: true`/);
  // Each faulted create was looked up, found to be someone else's, and left alone.
  expect(writes().filter((w) => !w.startsWith("Post"))).toEqual([]);
  expect(writes()).toEqual(expect.arrayContaining(["PostNodepools(server_error)", "PostDeployments(server_error)"]));
  expect(account()).toEqual(before);
  expect((await b.exportState()).filter((r) => r.type.includes("clarifai:"))).toEqual([]);
  await b.destroy();
  expect(account()).toEqual(before);
  // A is untouched and in sync.
  await a.preview({ expectNoChanges: true });
  await a.destroy();
});

it("destroying a stack whose cluster hosts another stack's nodepool and deployment is refused until forceDestroy", async () => {
  const a = await stack({ clusterId: "host-cc", deployment: "false" });
  await a.up();
  const c = await stack({ onCluster: "host-cc", poolId: "c-np", deploymentId: "c-dep" });
  await c.up();
  emu.clearRequests();
  const msg = await failure(a.destroy());
  expect(msg).toMatch(
    /ComputeCluster "cluster": refusing to delete compute cluster "host-cc": it hosts nodepool "host-cc\/c-np", deployment "c-dep", which this stack does not manage.*set `forceDestroy: true`/,
  );
  // A's own nodepool went first (the engine orders deletes); the cluster and C's objects are there.
  expect(writes()).toEqual(["DeleteNodepools"]);
  expect(emu.state().nodepools.map((n) => n.id)).toEqual(["c-np"]);
  expect(emu.state().deployments.map((d) => d.id)).toEqual(["c-dep"]);
  // With forceDestroy recorded by an up (no write), the destroy takes them and says so.
  await a.setConfig("forceDestroy", "true");
  await a.setConfig("pool", "false");
  emu.clearRequests();
  await a.up();
  expect(writes()).toEqual([]);
  await a.destroy();
  expect(a.output.join("")).toMatch(/forceDestroy: deleting compute cluster "host-cc" also deletes nodepool "host-cc\/c-np", deployment "c-dep", which this stack does not manage/);
  expect(emu.state().compute_clusters).toEqual([]);
  expect(emu.state().deployments).toEqual([]);
});

it("a deployment made by hand on a managed nodepool stops the nodepool's removal and is flagged at a replacement's preview", async () => {
  const s = await stack({ clusterId: "hand-cc", poolId: "hand-np", deployment: "false" });
  await s.up();
  const byHand = new ClarifaiClient({ pat: PAT, apiBase: emu.url });
  await byHand.createDeployment(handDeployment({ deploymentId: "by-hand", nodepools: ["hand-cc/hand-np"] }));
  await s.setConfig("instanceType", "t3a.xlarge");
  let previewed = "";
  await s.stack.preview({ onOutput: (o) => (previewed += o), color: "never" });
  expect(previewed).toMatch(/this replacement deletes nodepool "hand-cc\/hand-np", which hosts deployment "by-hand", not managed by this stack: the delete will be refused/);
  await s.setConfig("instanceType", "t3a.large");
  await s.setConfig("pool", "false");
  emu.clearRequests();
  expect(await failure(s.up())).toMatch(/refusing to delete nodepool "hand-cc\/hand-np": it hosts deployment "by-hand", which this stack does not manage/);
  expect(writes()).toEqual([]);
  expect(emu.state().deployments.map((d) => d.id)).toEqual(["by-hand"]);
  // Once it is gone, the removal goes through.
  await byHand.deleteDeployment("by-hand");
  await s.up();
  expect(emu.state().nodepools).toEqual([]);
  await s.destroy();
});

it("ignoreChanges keeps an out-of-band change through an unrelated edit (the PATCH writes only what changed)", async () => {
  const s = await stack({ clusterId: "ign-cc", poolId: "ign-np", deployment: "false", ignoreMax: "true", maxInstances: "7" });
  await s.up();
  const byHand = new ClarifaiClient({ pat: PAT, apiBase: emu.url });
  // A PATCH of max_instances alone, as the Clarifai UI would send it.
  await byHand.patchNodepool({ id: "ign-np", compute_cluster: { id: "ign-cc" }, max_instances: 9 });
  await s.setConfig("description", "edited");
  await s.up();
  expect(emu.state().nodepools[0]).toMatchObject({ description: "edited", max_instances: 9 });
  await s.refresh();
  await s.preview({ expectNoChanges: true });
  await s.destroy();
});
