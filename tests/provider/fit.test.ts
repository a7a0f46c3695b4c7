// The deployment's fit check at preview (provider/resources/fitCheck.ts), called as the engine calls
// `check`, against the in-process emulator's model versions and catalogue: refused when no nodepool
// can hold one replica, a warning when some cannot, no check without needs, one look-up per version.
import { startEmulator, RunningEmulator } from "../../emulator";
import { ClarifaiClient } from "../../provider/client";
import { setSettings } from "../../provider/settings/config";
import { deploymentProvider as deployments } from "../../provider/resources/deployment";
import { nodepoolProvider as nodepools } from "../../provider/resources/nodepool";
import { resetPreflight } from "../../provider/resources/preflight";
import { UNKNOWN } from "../../provider/model/schema";
import { wireOf } from "../support/wire";

const PAT = "fit-test-pat-5b2e8c";
type Props = Record<string, unknown>;
const LLAMA = { userId: "meta", appId: "Llama-3", modelId: "Llama-3_2-3B-Instruct", versionId: "fe271b43266a45a5b068766b6437687f" };
const LARGE = { userId: "meta", appId: "Llama-3", modelId: "Llama-3_1-405B-Instruct", versionId: "b1f2e3d4c5a64789a0b1c2d3e4f5a6b7" };
const NO_NEEDS = { userId: "clarifai", appId: "main", modelId: "general-image-recognition", versionId: "aa7f35c01e0642fda5cf400f543e7c40" };

let emu: RunningEmulator;
let logs: string[];
beforeAll(async () => {
  emu = await startEmulator({ tokens: [PAT], userId: "u1" });
  const c = new ClarifaiClient({ pat: PAT, userId: "u1", apiBase: emu.url });
  await c.createComputeCluster(wireOf("ComputeCluster", { computeClusterId: "c1", cloudProvider: "aws", region: "us-east-1", clusterType: "dedicated", managedBy: "clarifai", key: PAT }));
  for (const [id, type] of [["big", "g5.2xlarge"], ["small", "g5.xlarge"], ["cpu", "t3a.large"]]) {
    await c.createNodepool(wireOf("Nodepool", { nodepoolId: id, computeClusterId: "c1", instanceTypes: [type], minInstances: 0, maxInstances: 1, capacity: "onDemand" }));
  }
  emu.clearRequests();
});
afterAll(() => emu.close());
beforeEach(() => {
  resetPreflight();
  emu.clearRequests();
  setSettings({ pat: PAT, apiBase: emu.url });
  logs = [];
  jest.spyOn(console, "log").mockImplementation((...a: unknown[]) => void logs.push(a.join(" ")));
});
afterEach(() => {
  expect(emu.requests().requests.filter((r) => r.method !== "GET")).toEqual([]);
  jest.restoreAllMocks();
});

const check = (news: Props) => deployments.check!({}, { __provider: "code", __logicalName: "llm", deploymentId: "llm", ...news });

it("refuses when no nodepool can hold one replica, naming the version, its needs and each nodepool's best instance", async () => {
  const r = await check({ model: LLAMA, nodepools: ["c1/small", "c1/cpu"] });
  expect(r.failures).toEqual([
    {
      property: "nodepools",
      reason:
        'Deployment "llm": nodepools: no nodepool can hold one replica: model meta/Llama-3/Llama-3_2-3B-Instruct version fe271b43266a45a5b068766b6437687f needs, per replica, ' +
        "1 accelerator(s) of NVIDIA-A10G | NVIDIA-L40S | NVIDIA-A100 | NVIDIA-H100 with 21Gi each, cpu 3, memory 14Gi; " +
        'nodepool "c1/small": best instance g5.xlarge (1× NVIDIA-A10G 23028Mi, cpu 3525m, memory 13774Mi) falls short (memory 13774Mi < 14Gi); ' +
        'nodepool "c1/cpu": best instance t3a.large (no accelerator, cpu 1525m, memory 6493Mi) falls short (accelerators 0 < 1; cpu 1525m < 3; memory 6493Mi < 14Gi). ' +
        "Pick instance types that hold it (getInstanceTypes({ cloudProvider, region, minAccelerators, minAcceleratorMemoryGiB })) or a smaller model version; nothing was written",
    },
  ]);
});

it("warns when only some nodepools can, and records the verdict for the policy pack", async () => {
  const r = await check({ model: LLAMA, nodepools: ["c1/big", "c1/small"] });
  expect(r.failures).toEqual([]);
  expect(logs).toEqual([expect.stringMatching(/^warning: Deployment "llm": model .* needs, per replica, .*; nodepool "c1\/small": best instance g5\.xlarge .* falls short \(memory 13774Mi < 14Gi\)\. Its replicas can run only on the other nodepools$/)]);
  expect((r.inputs as Props).__fit).toEqual({ fits: "some", detail: expect.stringContaining('nodepool "c1/small"') });
  expect((await check({ model: LLAMA, nodepools: ["c1/big"] })).inputs).toMatchObject({ __fit: { fits: "all" } });
});

it("checks a nodepool the program creates from its planned instance types and region", async () => {
  const plan = { index: 0, name: "gpu", instanceTypes: ["g6e.xlarge"], cloudProvider: "aws", region: "us-east-1" };
  expect((await check({ model: LLAMA, nodepools: [UNKNOWN], __poolPlans: [plan] })).failures).toEqual([]);
  const r = await check({ model: LARGE, nodepools: [UNKNOWN], __poolPlans: [plan] });
  expect(r.failures?.[0]?.reason).toMatch(/nodepool "gpu" \(created by this program\): best instance g6e\.xlarge \(1× NVIDIA-L40S 46068Mi, cpu 3525m, memory 29033Mi\) falls short \(accelerators 1 < 8; accelerator memory 46068Mi < 192Gi; cpu 3525m < 16; memory 29033Mi < 200Gi\)/);
  // Without a plan, a nodepool unknown at preview cannot be judged: nothing is refused on a guess.
  expect((await check({ model: LARGE, nodepools: [UNKNOWN] })).failures).toEqual([]);
});

it("no check when the model version reports no needs; a missing version is a warning", async () => {
  expect((await check({ model: NO_NEEDS, nodepools: ["c1/cpu"] })).failures).toEqual([]);
  expect(logs).toEqual([]);
  expect((await check({ model: { ...LLAMA, versionId: "gone" }, nodepools: ["c1/cpu"] })).failures).toEqual([]);
  expect(logs).toEqual([expect.stringMatching(/^warning: fit of model meta\/Llama-3\/Llama-3_2-3B-Instruct version gone not checked: Clarifai has no such model version/)]);
});

it("reads each model version once per run, with the other look-ups", async () => {
  for (let i = 0; i < 10; i++) {
    const r = await deployments.check!({}, { __provider: "code", __logicalName: `d${i}`, deploymentId: `d${i}`, model: LLAMA, nodepools: ["c1/big"] });
    expect(r.failures).toEqual([]);
  }
  expect(emu.requests().counts).toEqual({ ListNodepools: 1, ListDeployments: 1, GetModelVersion: 1 });
});

it("a nodepool's check records its catalogue facts, which carry over while its instance types stay", async () => {
  const news = { __provider: "code", __logicalName: "p", nodepoolId: "p", computeClusterId: "c1", instanceTypes: ["g5.xlarge"], maxInstances: 2 };
  const r = await nodepools.check!({}, news);
  const facts = [{ id: "g5.xlarge", price: "30.000000", numAccelerators: 1, acceleratorType: ["NVIDIA-A10G"], acceleratorMemory: "23028Mi", cpuLimit: "3525m", cpuMemory: "13774Mi" }];
  expect((r.inputs as Props).__catalogue).toEqual(facts);
  emu.clearRequests();
  expect(((await nodepools.check!(r.inputs as Props, { ...news, maxInstances: 4 })).inputs as Props).__catalogue).toEqual(facts);
  expect(emu.requests().requests).toEqual([]);
});

it("re-checks when a stored plan changes, not when refresh left no plan to compare (no look-up then)", async () => {
  const plan = { index: 0, name: "gpu", instanceTypes: ["g6e.xlarge"], cloudProvider: "aws", region: "us-east-1" };
  const base = { __provider: "code", __logicalName: "llm", deploymentId: "llm", model: LLAMA, nodepools: ["c1/big"] };
  const olds = (await deployments.check!({}, { ...base, __poolPlans: [plan] })).inputs as Props;
  const { __poolPlans: _dropped, ...refreshed } = olds;
  emu.clearRequests();
  expect((await deployments.check!(refreshed, { ...base, __poolPlans: [plan] })).failures).toEqual([]);
  expect(emu.requests().requests).toEqual([]);
  resetPreflight();
  const smaller = { ...plan, instanceTypes: ["g5.xlarge"] };
  expect((await deployments.check!(olds, { ...base, __poolPlans: [smaller] })).failures).toEqual([]);
  expect(emu.requests().counts).toMatchObject({ GetModelVersion: 1 });
});
