// The lookups' pure parts: Kubernetes quantities and the instance-type filters.
import { filterInstanceTypes, parseQuantity, quantityToGiB, type InstanceTypeResult } from "../../sdk/lookups";

describe("parseQuantity", () => {
  it.each([
    ["7525m", 7.525],
    ["2", 2],
    ["0.5", 0.5],
    ["29033Mi", 29033 * 2 ** 20],
    ["1Gi", 2 ** 30],
    ["1.5Gi", 1.5 * 2 ** 30],
    ["512Ki", 512 * 1024],
    ["2Ti", 2 * 2 ** 40],
    ["1G", 1e9],
    ["500M", 5e8],
    ["3k", 3000],
    ["1e3", 1000],
    ["-105m", -0.105],
    [" 4Gi ", 4 * 2 ** 30],
  ])("%s → %d", (q, v) => {
    expect(parseQuantity(q)).toBeCloseTo(v, 6);
  });

  it.each(["", "Gi", "4 Gi", "4GB", "abc", "1.2.3Mi"])("rejects %j", (q) => {
    expect(parseQuantity(q)).toBeUndefined();
  });

  it("converts memory to GiB", () => {
    expect(quantityToGiB("23028Mi")).toBeCloseTo(22.488, 3);
    expect(quantityToGiB("46068Mi")).toBeCloseTo(44.988, 3);
    expect(quantityToGiB(undefined)).toBeUndefined();
  });
});

describe("filterInstanceTypes", () => {
  const t = (id: string, over: Partial<InstanceTypeResult>): InstanceTypeResult => ({ id, numAccelerators: 0, acceleratorType: [], allowedCapacity: ["onDemand", "spot"], ...over });
  const types = [
    t("cpu", { cpuMemoryGiB: 6.3 }),
    t("a10", { numAccelerators: 1, acceleratorType: ["NVIDIA-A10G"], acceleratorMemoryGiB: 22.5, cpuMemoryGiB: 13.4 }),
    t("l40s", { numAccelerators: 1, acceleratorType: ["NVIDIA-L40S"], acceleratorMemoryGiB: 45, cpuMemoryGiB: 28.4 }),
    t("h100-spot", { numAccelerators: 1, acceleratorType: ["NVIDIA-H100"], acceleratorMemoryGiB: 79.6, allowedCapacity: ["spot"] }),
    t("b200x8", { numAccelerators: 8, acceleratorType: ["NVIDIA-B200"], acceleratorMemoryGiB: 179 }),
  ];
  const ids = (f: Parameters<typeof filterInstanceTypes>[1]) => filterInstanceTypes(types, f).map((x) => x.id);

  it("applies each filter, and all of them together", () => {
    expect(ids({})).toEqual(["cpu", "a10", "l40s", "h100-spot", "b200x8"]);
    expect(ids({ minAccelerators: 1 })).toEqual(["a10", "l40s", "h100-spot", "b200x8"]);
    expect(ids({ minAccelerators: 2 })).toEqual(["b200x8"]);
    expect(ids({ minAcceleratorMemoryGiB: 40 })).toEqual(["l40s", "h100-spot", "b200x8"]);
    expect(ids({ minCpuMemoryGiB: 13 })).toEqual(["a10", "l40s"]);
    expect(ids({ capacity: "onDemand" })).toEqual(["cpu", "a10", "l40s", "b200x8"]);
    expect(ids({ capacity: "spot" })).toEqual(["cpu", "a10", "l40s", "h100-spot", "b200x8"]);
    expect(ids({ minAcceleratorMemoryGiB: 40, capacity: "onDemand", minAccelerators: 1 })).toEqual(["l40s", "b200x8"]);
  });

  it("matches accelerator types case-insensitively, with or without the vendor", () => {
    expect(ids({ acceleratorType: "NVIDIA-A10G" })).toEqual(["a10"]);
    expect(ids({ acceleratorType: "a10g" })).toEqual(["a10"]);
    expect(ids({ acceleratorType: "l40s" })).toEqual(["l40s"]);
    expect(ids({ acceleratorType: "A100" })).toEqual([]);
  });
});
