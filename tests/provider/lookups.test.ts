// The SDK's catalogue look-ups against the emulator, with credentials from the CLARIFAI_* environment
// (as in a program without stack config).
import { startEmulator, RunningEmulator } from "../../emulator";
import { getCloudProviders, getInstanceTypes, getInstanceTypesOutput, getRegions } from "../../sdk/lookups";

const PAT = "lookups-test-pat-90ac13";
let emu: RunningEmulator;
const saved = { ...process.env };
beforeAll(async () => {
  emu = await startEmulator({ tokens: [PAT], userId: "u1" });
  process.env.CLARIFAI_PAT = PAT;
  process.env.CLARIFAI_API_BASE = emu.url;
});
afterAll(async () => {
  for (const k of ["CLARIFAI_PAT", "CLARIFAI_API_BASE"]) if (saved[k] === undefined) delete process.env[k];
  else process.env[k] = saved[k];
  await emu.close();
});
beforeEach(() => emu.reset());

it("lists cloud providers and regions", async () => {
  expect((await getCloudProviders()).map((p) => p.id)).toEqual(["aws", "gcp", "azure", "vultr", "oracle"]);
  expect(await getRegions({ cloudProvider: "gcp" })).toEqual([{ id: "us-east4", cloudProvider: "gcp" }, { id: "us-central1", cloudProvider: "gcp" }]);
  await expect(getRegions({ cloudProvider: "ibm" })).rejects.toThrow(/ListCloudRegions failed.*404/);
});

it("lists instance types with typed, parsed compute info", async () => {
  const types = await getInstanceTypes({ cloudProvider: "aws", region: "us-east-1" });
  expect(types.map((t) => t.id)).toEqual(["t3a.medium", "t3a.large", "t3a.xlarge", "t3a.2xlarge", "g5.xlarge", "g5.2xlarge", "g6.xlarge", "g6e.xlarge"]);
  const g5 = types.find((t) => t.id === "g5.xlarge")!;
  expect(g5).toMatchObject({ cloudProvider: "aws", region: "us-east-1", price: "30.000000", cpuLimit: "3525m", cpus: 3.525, cpuMemory: "13774Mi", numAccelerators: 1, acceleratorType: ["NVIDIA-A10G"], acceleratorMemory: "23028Mi", allowedCapacity: ["onDemand", "spot"] });
  expect(g5.acceleratorMemoryGiB).toBeCloseTo(22.49, 2);
  expect(types.find((t) => t.id === "t3a.large")).toMatchObject({ numAccelerators: 0, acceleratorType: [] });
});

it("filters by accelerator type, count, memory and capacity", async () => {
  const ids = async (f: object, where = { cloudProvider: "aws", region: "us-east-1" }) => (await getInstanceTypes({ ...where, ...f })).map((t) => t.id);
  expect(await ids({ minAccelerators: 1 })).toEqual(["g5.xlarge", "g5.2xlarge", "g6.xlarge", "g6e.xlarge"]);
  expect(await ids({ minAcceleratorMemoryGiB: 40 })).toEqual(["g6e.xlarge"]);
  expect(await ids({ acceleratorType: "a10g", minCpuMemoryGiB: 20 })).toEqual(["g5.2xlarge"]);
  expect(await ids({ acceleratorType: "NVIDIA-L4" })).toEqual(["g6.xlarge"]);
  const gcp = { cloudProvider: "gcp", region: "us-central1" };
  expect(await ids({ minAccelerators: 1, capacity: "onDemand" }, gcp)).toEqual(["g2-standard-4", "ct5lp-hightpu-1t"]);
  expect(await ids({ minAccelerators: 1, capacity: "spot" }, gcp)).toEqual(["g2-standard-4", "a3-highgpu-1g", "ct5lp-hightpu-1t"]);
  // all providers and regions at once, de-duplicated
  const all = await getInstanceTypes({ cloudProvider: "all", region: "all", minAccelerators: 8 });
  expect(all.map((t) => `${t.cloudProvider}:${t.id}`)).toEqual(["lambda:cl-xl-gpu-8-b200"]);
  expect(emu.requests().requests.every((r) => r.method === "GET")).toBe(true);
});

it("has an Output variant", async () => {
  const out = getInstanceTypesOutput({ cloudProvider: "aws", region: "us-east-1", minAcceleratorMemoryGiB: 40 });
  const value = await new Promise((resolve) => out.apply(resolve));
  expect((value as { id: string }[]).map((t) => t.id)).toEqual(["g6e.xlarge"]);
});
