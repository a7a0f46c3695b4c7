// Refresh's reads served from one list per parent (provider/resources/listedReads.ts), against the
// in-process emulator: request counts show how many round trips N reads cost, and what is not in the
// list is still confirmed with a GET before the engine is told it is gone.
import { ClarifaiClient } from "../../provider/client";
import { setSettings } from "../../provider/settings/config";
import { deploymentProvider as deployments } from "../../provider/resources/deployment";
import type { ListedReads } from "../../provider/resources/definition";
import { readListed } from "../../provider/resources/listedReads";
import { nodepoolProvider as nodepools } from "../../provider/resources/nodepool";
import { resetPreflight } from "../../provider/resources/preflight";
import { setTiming } from "../../provider/resources/timing";
import { PAT, emulatorSuite, sampleDeployment, sampleNodepool, seed } from "../support/emulator";

const suite = emulatorSuite();
const N = 12;
const pools = Array.from({ length: N }, (_, i) => `np${i}`);
const deps = pools.map((_, i) => `d${i}`);
const poolIds = pools.map((np) => `c1/${np}`);

beforeAll(() => setTiming({ pollBaseMs: 20, secondLookMs: 20, listSnapshotMs: 60_000 }));
afterAll(() => setTiming({}));
beforeEach(async () => {
  resetPreflight();
  setSettings({ pat: PAT, apiBase: suite.emu.url });
  await seed(suite.call, "c1", [...pools, "spare"]);
  const r = await suite.call("POST", "/v2/users/me/deployments", { deployments: deps.map((d, i) => sampleDeployment(d, [["c1", pools[i]]])) });
  expect(r.http).toBe(200);
  suite.emu.clearRequests();
});

const counts = () => suite.emu.requests().counts;
/** A deployment's state names its nodepools: its list is the deployments of that nodepool's cluster. */
const onPool = (i: number) => ({ nodepools: [poolIds[i]] });
const readAll = () => Promise.all([...poolIds.map((id) => nodepools.read(id, {})), ...deps.map((id, i) => deployments.read(id, onPool(i)))]);

it("N concurrent and following reads cost one list per parent, and read exactly what a GET reads", async () => {
  setTiming({ pollBaseMs: 20, secondLookMs: 20, listSnapshotMs: 0 });
  const byGet = await readAll();
  expect(counts()).toEqual({ GetNodepool: N, GetDeployment: N });

  setTiming({ pollBaseMs: 20, secondLookMs: 20, listSnapshotMs: 60_000 });
  suite.emu.clearRequests();
  const byList = await readAll();
  for (const id of poolIds) await nodepools.read(id, {}); // later reads reuse the same list
  expect(counts()).toEqual({ ListNodepools: 1, ListDeployments: 1 });
  expect(byList).toEqual(byGet);
  expect(byList.every((r) => r.id)).toBe(true);
});

it("a deployment's list is its cluster's (a large account costs what the cluster holds): another cluster, another list", async () => {
  await seed(suite.call, "c9", ["far"]);
  expect((await suite.call("POST", "/v2/users/me/deployments", { deployments: [sampleDeployment("elsewhere", [["c9", "far"]])] })).http).toBe(200);
  suite.emu.clearRequests();
  await deployments.read("d0", onPool(0));
  await expect(deployments.read("elsewhere", { nodepools: ["c9/far"] })).resolves.toMatchObject({ id: "elsewhere" });
  await deployments.read("d1", onPool(1));
  expect(counts()).toEqual({ ListDeployments: 2 });

  // c1's list holds only c1's deployments: one the state places on c1 but that runs on c9 (moved
  // outside Pulumi) is not in it, and is read with a GET.
  resetPreflight();
  suite.emu.clearRequests();
  await deployments.read("d0", onPool(0));
  await expect(deployments.read("elsewhere", onPool(0))).resolves.toMatchObject({ id: "elsewhere", props: { nodepools: ["c9/far"] } });
  expect(counts()).toEqual({ ListDeployments: 1, GetDeployment: 1 });
});

it("a read with no state to say where the object lives (an import) is one GET", async () => {
  await expect(deployments.read("d0", {})).resolves.toMatchObject({ id: "d0" });
  expect(counts()).toEqual({ GetDeployment: 1 });
});

it("an object absent from the list is confirmed gone with a GET and the second look", async () => {
  expect((await suite.call("DELETE", "/v2/users/me/deployments", { ids: ["d3"] })).http).toBe(200);
  const read = await readAll();
  expect(read[N + 3]).toEqual({});
  expect(read.filter((r) => !r.id)).toHaveLength(1);
  expect(counts()).toEqual({ DeleteDeployments: 1, ListNodepools: 1, ListDeployments: 1, GetDeployment: 2 });
});

it("an object created after the list is found with a GET, not dropped", async () => {
  await deployments.read("d0", onPool(0));
  const r = await suite.call("POST", "/v2/users/me/deployments", { deployments: [sampleDeployment("late", [["c1", "spare"]])] });
  expect(r.http).toBe(200);
  await expect(deployments.read("late", { nodepools: ["c1/spare"] })).resolves.toMatchObject({ id: "late", props: { deploymentId: "late" } });
  expect(counts()).toEqual({ ListDeployments: 1, PostDeployments: 1, GetDeployment: 1 });
});

it("a write by this process ends every list taken before it", async () => {
  await Promise.all([nodepools.read("c1/np1", {}), deployments.read("d1", onPool(1))]);
  await deployments.delete("d1", {});
  suite.emu.clearRequests();
  await expect(deployments.read("d1", onPool(1))).resolves.toEqual({}); // the new list no longer has it; two GETs confirm
  await expect(nodepools.read("c1/np1", {})).resolves.toMatchObject({ id: "c1/np1" });
  expect(counts()).toEqual({ ListDeployments: 1, GetDeployment: 2, ListNodepools: 1 });
});

it("follows the pages: 130 nodepools in two list calls", async () => {
  const many = Array.from({ length: 130 }, (_, i) => `p${i}`);
  await seed(suite.call, "c2", []);
  const r = await suite.call("POST", "/v2/users/me/compute_clusters/c2/nodepools", { nodepools: many.map((id) => sampleNodepool(id)) });
  expect(r.http).toBe(200);
  suite.emu.clearRequests();
  const read = await Promise.all(many.map((id) => nodepools.read(`c2/${id}`, {})));
  expect(read.map((x) => x.id)).toEqual(many.map((id) => `c2/${id}`));
  expect(counts()).toEqual({ ListNodepools: 2 });
});

describe("what the list cannot vouch for is left to the GET", () => {
  const c = new ClarifaiClient({ pat: "unused-pat", apiBase: "http://127.0.0.1:9" });
  type R = { id: string; full: boolean };
  const lister = (list: () => Promise<R[]>): ListedReads<"Deployment", R> => ({ parent: () => "", list, idOf: (r) => r.id, complete: (r) => r.full });
  beforeEach(() => resetPreflight());

  it("an object without a field the read reports", async () => {
    const how = lister(async () => [{ id: "a", full: true }, { id: "b", full: false }]);
    await expect(readListed(c, "Deployment", how, "a", {})).resolves.toEqual({ id: "a", full: true });
    await expect(readListed(c, "Deployment", how, "b", {})).resolves.toBeUndefined();
  });

  it("a list that failed", async () => {
    await expect(readListed(c, "Deployment", lister(() => Promise.reject(new Error("503"))), "a", {})).resolves.toBeUndefined();
  });
});
