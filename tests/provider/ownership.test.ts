// Own only what the stack owns, through the resource providers against the emulator: generated ids
// stable per resource, an interrupted create taken back and someone else's object refused, updates
// that write only what changed, and forceDestroy before a delete that would take foreign objects along.
import { startEmulator, RunningEmulator } from "../../emulator";
import { ClarifaiClient } from "../../provider/client";
import { OWNER_KEY } from "../../provider/client/ownership";
import { setSettings } from "../../provider/settings/config";
import { computeClusterProvider as clusters } from "../../provider/resources/computeCluster";
import { deploymentProvider as deployments } from "../../provider/resources/deployment";
import { nodepoolProvider as nodepools } from "../../provider/resources/nodepool";
import { ownerToken } from "../../provider/model/owner";
import { wireOf } from "../support/wire";
import { setTiming } from "../../provider/resources/timing";

const PAT = "ownership-provider-pat-6d1f";
type Props = Record<string, unknown>;
type Provider = typeof clusters;

let emu: RunningEmulator;
const logs: string[] = [];
const log = console.log;
beforeAll(async () => {
  emu = await startEmulator({ tokens: [PAT], userId: "u1" });
  console.log = (...a: unknown[]) => logs.push(a.join(" "));
});
afterAll(async () => {
  console.log = log;
  await emu.close();
});
beforeEach(() => {
  emu.reset();
  logs.length = 0;
  setTiming({ secondLookMs: 20, hostedSettleMs: 100 }); // a refusal looks again for 0.1 s, not 5 s
  setSettings({ pat: PAT, apiBase: emu.url });
});

const A = (name: string, kind: "ComputeCluster" | "Nodepool" | "Deployment") => ownerToken("proj", "stack-a", kind, name);
const B = (name: string, kind: "ComputeCluster" | "Nodepool" | "Deployment") => ownerToken("proj", "stack-b", kind, name);
const byHand = () => new ClarifaiClient({ pat: PAT, apiBase: emu.url });

const checked = async (p: Provider, news: Props, olds: Props = {}) => {
  const r = await p.check({}, { __provider: "code", ...news });
  expect(r.failures).toEqual([]);
  return { ...olds, ...(r.inputs as Props) };
};
const clusterIn = (o: Props = {}) => checked(clusters, { __logicalName: "gpu", __owner: A("gpu", "ComputeCluster"), cloudProvider: "aws", region: "us-east-1", ...o });
const poolIn = (o: Props = {}) =>
  checked(nodepools, { __logicalName: "pool", __owner: A("pool", "Nodepool"), computeClusterId: "cc1", nodepoolId: "np1", instanceTypes: ["t3a.large"], maxInstances: 7, ...o });
const depIn = (o: Props = {}) =>
  checked(deployments, {
    __logicalName: "dep",
    __owner: A("dep", "Deployment"),
    deploymentId: "dep1",
    model: { userId: "clarifai", appId: "main", modelId: "general-image-recognition", versionId: "aa11bb22" },
    nodepools: ["cc1/np1"],
    waitForReady: false,
    ...o,
  });
const writes = () => emu.requests().requests.filter((r) => r.method !== "GET").map((r) => r.rpc);
const message = (p: Promise<unknown>) =>
  p.then(
    () => "resolved",
    (e: unknown) => (e as Error).message,
  );

describe("generated ids", () => {
  it("are the same on every attempt for one resource of one stack, and differ across stacks and replacements", async () => {
    const first = (await clusterIn()).computeClusterId as string;
    expect(first).toMatch(/^gpu-[0-9a-f]{7}$/);
    expect((await clusterIn()).computeClusterId).toBe(first);
    expect((await clusterIn({ __owner: B("gpu", "ComputeCluster") })).computeClusterId).not.toBe(first);
    // A replacement (managed by the user instead) gets a fresh id, so create-before-delete works.
    expect((await clusterIn({ managedBy: "user" })).computeClusterId).not.toBe(first);
    // A stack that recorded an id keeps it (olds win).
    const kept = await clusters.check({ computeClusterId: "gpu-0a1b2c3", __autoNamed: true, cloudProvider: "aws", region: "us-east-1" }, {
      __logicalName: "gpu",
      __owner: A("gpu", "ComputeCluster"),
      cloudProvider: "aws",
      region: "us-east-1",
    });
    expect(kept.inputs?.computeClusterId).toBe("gpu-0a1b2c3");
  });

  it("keep letters of a non-ASCII name, fall back to the kind for other scripts, and never double a hyphen", async () => {
    expect((await clusterIn({ __logicalName: "Café-Crème" })).computeClusterId).toMatch(/^Cafe-Creme-[0-9a-f]{7}$/);
    expect((await clusterIn({ __logicalName: "推理集群" })).computeClusterId).toMatch(/^computecluster-[0-9a-f]{7}$/);
    const long = (await clusterIn({ __logicalName: `${"a".repeat(39)}-${"b".repeat(20)}` })).computeClusterId as string;
    expect(long).toMatch(/^a{39}-[0-9a-f]{7}$/);
    expect(long).not.toContain("--");
    expect(long.length).toBeLessThanOrEqual(48);
  });
});

describe("a create that meets an object under its id", () => {
  it("takes back what an earlier, unfinished create of this resource made (marker or generated id)", async () => {
    const cin = await clusterIn();
    await clusters.create(cin);
    // The state lost the cluster (an interrupted `up`): the same resource creates it again.
    const again = await clusters.create(cin);
    expect(again.id).toBe(cin.computeClusterId);
    expect(emu.state().compute_clusters).toHaveLength(1);
    await nodepools.create(await poolIn({ computeClusterId: again.id }));
    const pool = await nodepools.create(await poolIn({ computeClusterId: again.id }));
    expect(pool.id).toBe(`${again.id}/np1`);
    expect(emu.state().nodepools).toHaveLength(1);
    expect(logs.filter((l) => l.includes("taking it back"))).toHaveLength(2);
  });

  it.each([
    ["no marker (made by hand)", undefined],
    ["another stack's marker", "other"],
  ])("refuses a nodepool with %s as 'already exists … set adopt: true', with or without a fault on the create", async (_n, marker) => {
    await byHand().createComputeCluster(wireOf("ComputeCluster", { computeClusterId: "cc1", cloudProvider: "aws", region: "us-east-1", clusterType: "dedicated", managedBy: "clarifai" }));
    await byHand().createNodepool(wireOf("Nodepool", { nodepoolId: "np1", computeClusterId: "cc1", instanceTypes: ["t3a.large"], minInstances: 0, maxInstances: 3, capacity: "onDemand" }), { owner: marker && B("pool", "Nodepool") });
    const before = JSON.stringify(emu.state().nodepools);
    for (const fault of [undefined, "server_error", "lost_response", "drop"] as const) {
      if (fault) emu.addFault({ rpc: "PostNodepools", kind: fault, times: 1 });
      emu.clearRequests();
      expect(await message(nodepools.create(await poolIn()))).toMatch(
        /^Nodepool "pool": a nodepool with id "cc1\/np1" already exists in this Clarifai account.*set `adopt: true` on this resource/,
      );
      expect(writes().filter((w) => w !== "PostNodepools")).toEqual([]);
    }
    expect(JSON.stringify(emu.state().nodepools)).toBe(before);
  });

  it("refuses what this resource made when it differs in an identity field after an uncertain create (each kind compares its own)", async () => {
    await byHand().createComputeCluster(wireOf("ComputeCluster", { computeClusterId: "cc1", cloudProvider: "aws", region: "us-east-1", clusterType: "dedicated", managedBy: "clarifai" }));
    const made = wireOf("Nodepool", { nodepoolId: "np1", computeClusterId: "cc1", instanceTypes: ["g5.xlarge"], minInstances: 0, maxInstances: 3, capacity: "onDemand" });
    await byHand().createNodepool(made, { owner: A("pool", "Nodepool") });
    emu.addFault({ rpc: "PostNodepools", kind: "lost_response", times: 1 });
    expect(await message(nodepools.create(await poolIn()))).toMatch(/nodepool "cc1\/np1" exists but differs from what was sent.*instanceTypes: sent \["t3a\.large"\], found \["g5\.xlarge"\]/s);

    await byHand().createDeployment(wireOf("Deployment", { deploymentId: "dep1", nodepools: ["cc1/np1"], model: { userId: "clarifai", appId: "main", modelId: "other-model", versionId: "aa11bb22" } }), { owner: A("dep", "Deployment") });
    emu.addFault({ rpc: "PostDeployments", kind: "lost_response", times: 1 });
    expect(await message(deployments.create(await depIn()))).toMatch(/deployment "dep1" exists but differs from what was sent.*model\.modelId: sent "general-image-recognition", found "other-model"/s);
  });

  it("refuses a compute cluster made elsewhere before any POST, whatever the clocks", async () => {
    await byHand().createComputeCluster(wireOf("ComputeCluster", { computeClusterId: "shared", cloudProvider: "aws", region: "us-east-1", clusterType: "dedicated", managedBy: "clarifai" }));
    emu.clearRequests();
    emu.addFault({ rpc: "PostComputeClusters", kind: "server_error", times: 1 });
    expect(await message(clusters.create(await clusterIn({ computeClusterId: "shared" })))).toMatch(/a compute cluster with id "shared" already exists.*set `adopt: true`/);
    expect(writes()).toEqual([]);
  });
});

describe("updates write only what changed", () => {
  it("an out-of-band change to a field the program did not change survives an unrelated update (ignoreChanges)", async () => {
    await byHand().createComputeCluster(wireOf("ComputeCluster", { computeClusterId: "cc1", cloudProvider: "aws", region: "us-east-1", clusterType: "dedicated", managedBy: "clarifai" }));
    const created = await nodepools.create(await poolIn({ description: "a", metadata: { team: "ml" } }));
    await byHand().patchNodepool({ id: "np1", compute_cluster: { id: "cc1" }, max_instances: 9 });
    // ignoreChanges: ["maxInstances"] hands the provider the stored 7 as the new value.
    const u = await nodepools.update("cc1/np1", created.outs, await poolIn({ description: "b", metadata: { team: "ml" } }));
    expect(u.outs).toMatchObject({ description: "b", maxInstances: 9, metadata: { team: "ml" } });
    expect(emu.state().nodepools[0]).toMatchObject({ description: "b", max_instances: 9, metadata: { team: "ml", [OWNER_KEY]: A("pool", "Nodepool") } });
  });

  it("a change to a setting Clarifai does not hold (forceDestroy) writes nothing", async () => {
    await byHand().createComputeCluster(wireOf("ComputeCluster", { computeClusterId: "cc1", cloudProvider: "aws", region: "us-east-1", clusterType: "dedicated", managedBy: "clarifai" }));
    const created = await nodepools.create(await poolIn());
    emu.clearRequests();
    const u = await nodepools.update("cc1/np1", created.outs, await poolIn({ forceDestroy: true }));
    expect(u.outs).toMatchObject({ forceDestroy: true });
    expect(writes()).toEqual([]);
  });
});

describe("forceDestroy", () => {
  const setup = async () => {
    const cin = await clusterIn({ computeClusterId: "cc1" });
    const c = await clusters.create(cin);
    const p = await nodepools.create(await poolIn());
    return { cluster: c, pool: p };
  };
  const foreignDeployment = (id: string, owner?: string) =>
    byHand().createDeployment(
      wireOf("Deployment", {
        deploymentId: id,
        model: { userId: "clarifai", appId: "main", modelId: "general-image-recognition", versionId: "aa11bb22" },
        nodepools: ["cc1/np1"],
        autoscale: { minReplicas: 0, maxReplicas: 1 },
        schedulingChoice: "performance",
      }),
      { owner },
    );

  it("a nodepool hosting a deployment this stack does not manage is not deleted, before any write; forceDestroy takes it along and says so", async () => {
    const { pool } = await setup();
    await foreignDeployment("by-hand");
    emu.clearRequests();
    expect(await message(nodepools.delete("cc1/np1", pool.outs))).toBe(
      'Nodepool "pool": refusing to delete nodepool "cc1/np1": it hosts deployment "by-hand", which this stack does not manage, and Clarifai would delete them with it. ' +
        "Delete or move them first, or set `forceDestroy: true` on this resource (and run `pulumi up` to record it) to delete them along.",
    );
    expect(writes()).toEqual([]);
    await nodepools.delete("cc1/np1", { ...pool.outs, forceDestroy: true });
    expect(emu.state().nodepools).toEqual([]);
    expect(logs).toContain('warning: Nodepool "pool": forceDestroy: deleting nodepool "cc1/np1" also deletes deployment "by-hand", which this stack does not manage');
  });

  it("a cluster hosting another stack's nodepool is not deleted; objects marked by this stack are its own", async () => {
    const { cluster, pool } = await setup();
    await foreignDeployment("ours-orphan", A("other-dep", "Deployment"));
    await byHand().createNodepool(wireOf("Nodepool", { nodepoolId: "np-b", computeClusterId: "cc1", instanceTypes: ["t3a.large"], minInstances: 0, maxInstances: 1, capacity: "onDemand" }), { owner: B("pool", "Nodepool") });
    expect(await message(clusters.delete("cc1", cluster.outs))).toMatch(/refusing to delete compute cluster "cc1": it hosts nodepool "cc1\/np-b", which this stack does not manage/);
    // The pool's only deployment carries this stack's marker: not foreign.
    await nodepools.delete("cc1/np1", pool.outs);
    expect(emu.state().nodepools.map((n) => n.id)).toEqual(["np-b"]);
    expect(logs.some((l) => l.includes('also deletes deployment "ours-orphan", made by this stack but not in its state'))).toBe(true);
  });

  it("a replacement that would delete a nodepool hosting foreign deployments is flagged at diff", async () => {
    const { pool } = await setup();
    await foreignDeployment("by-hand");
    const d = await nodepools.diff("cc1/np1", pool.outs, await poolIn({ instanceTypes: ["t3a.xlarge"] }));
    expect(d.replaces).toEqual(["instanceTypes"]);
    expect(logs.some((l) => /^warning: Nodepool "pool": this replacement deletes nodepool "cc1\/np1", which hosts deployment "by-hand", not managed by this stack: the delete will be refused/.test(l))).toBe(true);
  });

  it("a hosted object deleted by the same run with no dependency to order it (an import) is waited for, not called foreign", async () => {
    const { pool } = await setup();
    await foreignDeployment("imported");
    setTiming({ secondLookMs: 20, hostedSettleMs: 10_000 });
    const t = Date.now();
    // The engine deletes the imported deployment and the nodepool at once: no dependency orders them.
    const poolGone = nodepools.delete("cc1/np1", pool.outs);
    await new Promise((r) => setTimeout(r, 300));
    await byHand().deleteDeployment("imported");
    await poolGone;
    expect(emu.state().nodepools).toEqual([]);
    expect(Date.now() - t).toBeLessThan(5000);
  });

  it("the stack's own deployment is not foreign once deleted first, as the engine orders it", async () => {
    const { pool } = await setup();
    const dep = await deployments.create(await depIn());
    await deployments.delete(dep.id, dep.outs);
    await nodepools.delete("cc1/np1", pool.outs);
    expect(emu.state().nodepools).toEqual([]);
  });
});
