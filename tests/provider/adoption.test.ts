// `adopt: true` looks before it writes: reads only when the object already matches the program, one
// PATCH when a mutable field differs (never a POST first), and a POST when nothing has the id.
import { startEmulator, RunningEmulator } from "../../emulator";
import { ClarifaiClient } from "../../provider/client";
import { wireOf } from "../support/wire";
import { setSettings } from "../../provider/settings/config";
import { computeClusterProvider as clusters } from "../../provider/resources/computeCluster";
import { nodepoolProvider as nodepools } from "../../provider/resources/nodepool";

const PAT = "adoption-test-pat-51c0e9";
const OTHER_PAT = "adoption-other-pat-77e2";
type Props = Record<string, unknown>;

let emu: RunningEmulator;
beforeAll(async () => {
  emu = await startEmulator({ tokens: [PAT, OTHER_PAT], userId: "u1" });
});
afterAll(() => emu.close());
beforeEach(async () => {
  emu.reset();
  setSettings({ pat: PAT, apiBase: emu.url });
  const c = new ClarifaiClient({ pat: PAT, apiBase: emu.url });
  await c.createComputeCluster(wireOf("ComputeCluster", { computeClusterId: "c1", cloudProvider: "aws", region: "us-east-1", clusterType: "dedicated", managedBy: "clarifai", description: "by hand", key: PAT }));
  await c.createNodepool(wireOf("Nodepool", { nodepoolId: "np1", computeClusterId: "c1", instanceTypes: ["g5.xlarge"], minInstances: 0, maxInstances: 2, capacity: "spot" }));
  emu.clearRequests();
});

const checked = async (p: typeof clusters, news: Props) => {
  const r = await p.check!({}, { __provider: "code", ...news });
  expect(r.failures).toEqual([]);
  return r.inputs as Props;
};
const poolIn = (over: Props = {}) =>
  checked(nodepools, { __logicalName: "p", computeClusterId: "c1", nodepoolId: "np1", instanceTypes: ["g5.xlarge"], maxInstances: 2, capacity: "spot", adopt: true, ...over });
const clusterIn = (over: Props = {}) =>
  checked(clusters, { __logicalName: "c", computeClusterId: "c1", cloudProvider: "aws", region: "us-east-1", description: "by hand", adopt: true, ...over });
const calls = () => emu.requests().requests.filter((r) => !r.path.startsWith("/v2/cloud_providers")).map((r) => r.rpc);

it("an object that matches the program is adopted with one GET", async () => {
  const inputs = await poolIn();
  emu.clearRequests(); // check's catalogue look-ups are not the point here
  const n = await nodepools.create!(inputs);
  expect(n).toMatchObject({ id: "c1/np1", outs: { maxInstances: 2, capacity: "spot", adopt: true } });
  expect(calls()).toEqual(["GetNodepool"]);
  const c = await clusters.create!(await clusterIn());
  expect(c.id).toBe("c1");
  expect(calls()).toEqual(["GetNodepool", "GetComputeCluster"]);
});

it("a differing mutable field is one PATCH, with no POST first", async () => {
  const inputs = await poolIn({ maxInstances: 5 });
  emu.clearRequests();
  const n = await nodepools.create!(inputs);
  expect(n.outs).toMatchObject({ maxInstances: 5 });
  expect(calls()).toEqual(["GetNodepool", "PatchNodepools"]);
});

it("a secret that is set cannot be compared (Clarifai masks it), so it is written", async () => {
  const inputs = await clusterIn({ key: OTHER_PAT });
  emu.clearRequests();
  await clusters.create!(inputs);
  expect(calls()).toEqual(["GetComputeCluster", "PatchComputeClusters"]);
});

it("nothing with the id: created as usual; immutable differences still refuse", async () => {
  const inputs = await poolIn({ nodepoolId: "np2" });
  emu.clearRequests();
  await nodepools.create!(inputs);
  expect(calls()).toEqual(["GetNodepool", "PostNodepools"]);
  await expect(nodepools.create!(await poolIn({ instanceTypes: ["g5.2xlarge"] }))).rejects.toThrow(
    /cannot adopt the existing nodepool "c1\/np1": its immutable fields differ from the program \(instanceTypes: existing \[g5.xlarge\], program \[g5.2xlarge\]\)/,
  );
});

it("an id taken by an object this resource did not make is refused after one POST and the one GET that judged it", async () => {
  const inputs = await poolIn({ adopt: false });
  emu.clearRequests();
  await expect(nodepools.create!(inputs)).rejects.toThrow(/a nodepool with id "c1\/np1" already exists in this Clarifai account.*set `adopt: true`/);
  expect(calls()).toEqual(["PostNodepools", "GetNodepool"]);
});
