// The readings of the fields Clarifai leaves unsettled (docs/fit-cost-policy.md), on the forms the
// catalogue (emulator/catalogue.ts, reference §6.6), the docs' configs and the official SDK show.
import * as fs from "fs";
import * as path from "path";
import { INSTANCE_TYPES } from "../../emulator/catalogue";
import { MODEL_VERSIONS } from "../../emulator/models";
import type { ApiInstanceType } from "../../api/wire.generated";
import { COST_UNIT, costSummaryLine, nodepoolHourlyCost, parsePrice } from "../../provider/model/cost";
import { acceleratorMatches, cpuCores, memoryBytes, readNeeds, shortfalls } from "../../provider/model/fit";

const GiB = 2 ** 30;
const type = (id: string): ApiInstanceType => {
  const t = INSTANCE_TYPES.find((x) => x.id === id)!;
  const ci = t.compute_info;
  return {
    id,
    price: t.price,
    compute_info: { cpu_limit: ci.cpu_limit, cpu_memory: ci.cpu_memory, num_accelerators: ci.num_accelerators, accelerator_memory: ci.accelerator_memory, accelerator_type: ci.accelerator_type },
  };
};
const needsOf = (modelId: string) => {
  const m = MODEL_VERSIONS.find((x) => x.model_id === modelId)!.inference_compute_info;
  return readNeeds(
    m && { cpu_limit: m.cpu_limit, cpu_memory: m.cpu_memory, num_accelerators: m.num_accelerators, accelerator_memory: m.accelerator_memory, accelerator_type: m.accelerator_type },
  );
};

describe("memory and CPU quantities", () => {
  it("reads Kubernetes quantities as the catalogue and the docs write them", () => {
    expect(memoryBytes("23028Mi")).toBe(23028 * 2 ** 20);
    expect(memoryBytes("14Gi")).toBe(14 * GiB);
    expect(memoryBytes("127.816Gi")).toBeCloseTo(127.816 * GiB);
    expect(memoryBytes("24Gi")).toBe(24 * GiB);
    expect(memoryBytes("24G")).toBe(24e9); // decimal, as Kubernetes reads it: less than 24Gi
    expect(memoryBytes("24e9")).toBe(24e9);
    expect(cpuCores("7525m")).toBeCloseTo(7.525);
    expect(cpuCores("3")).toBe(3);
    expect(cpuCores("4.5")).toBe(4.5);
  });

  it("does not guess at anything else", () => {
    for (const q of ["24GiB", "24gb", "24 GB", "24gi", "", "-455Mi", "100m"]) expect(memoryBytes(q)).toBeUndefined();
    for (const q of ["1k", "3 cores", "-105m"]) expect(cpuCores(q)).toBeUndefined();
  });
});

describe("accelerator types", () => {
  it("compare exactly, with `*` as the SDK's wildcard", () => {
    expect(acceleratorMatches("NVIDIA-*", "NVIDIA-A10G")).toBe(true);
    expect(acceleratorMatches("AMD-*", "NVIDIA-A10G")).toBe(false);
    expect(acceleratorMatches("NVIDIA-A10G", "NVIDIA-A10G")).toBe(true);
    expect(acceleratorMatches("nvidia-a10g", "NVIDIA-A10G")).toBe(false);
    expect(acceleratorMatches("a10", "NVIDIA-A10G")).toBe(false);
  });
});

describe("fit of one replica", () => {
  it("the observed Llama-3.2-3B needs fit g5.2xlarge and g6e.xlarge but not g5.xlarge (memory) nor g6.xlarge (L4 is not listed, and memory)", () => {
    const needs = needsOf("Llama-3_2-3B-Instruct")!;
    expect(shortfalls(needs, type("g5.2xlarge")).short).toEqual([]);
    expect(shortfalls(needs, type("g6e.xlarge")).short).toEqual([]);
    expect(shortfalls(needs, type("g5.xlarge")).short).toEqual(["memory 13774Mi < 14Gi"]);
    expect(shortfalls(needs, type("g6.xlarge")).short).toEqual(["accelerator NVIDIA-L4 is not one of NVIDIA-A10G | NVIDIA-L40S | NVIDIA-A100 | NVIDIA-H100", "memory 13774Mi < 14Gi"]);
  });

  it("the large model fits no single catalogue instance", () => {
    const needs = needsOf("Llama-3_1-405B-Instruct")!;
    for (const t of INSTANCE_TYPES) expect(shortfalls(needs, type(t.id)).short.length).toBeGreaterThan(0);
    expect(shortfalls(needs, type("cl-xl-gpu-8-b200")).short).toEqual(["accelerator memory 183359Mi < 192Gi"]);
  });

  it("a model version without needs is not checked; an unreadable need is named and left unchecked", () => {
    expect(needsOf("general-image-recognition")).toBeUndefined();
    const needs = readNeeds({ cpu_limit: "2", cpu_memory: "24GiB", num_accelerators: 1, accelerator_memory: "24G" })!;
    expect(needs.unreadable).toEqual(['cpu_memory "24GiB"']);
    expect(needs.memory).toBeUndefined();
    expect(shortfalls(needs, type("g5.xlarge")).short).toEqual([]); // 24G = 22.35Gi < 23028Mi = 22.49Gi
  });

  it("a request, when stated, is the need (as Kubernetes schedules)", () => {
    const needs = readNeeds({ cpu_limit: "8", cpu_requests: "2", cpu_memory: "64Gi", cpu_memory_requests: "8Gi" })!;
    expect(shortfalls(needs, type("t3a.xlarge")).short).toEqual([]);
  });
});

describe("prices", () => {
  it("reads the catalogue's decimal strings and nothing else", () => {
    expect(parsePrice("42.000000")).toBe(42);
    expect(parsePrice("0.000000")).toBe(0);
    for (const p of ["$1.51/hr", "", "N/A", "-1", "1,5", undefined]) expect(parsePrice(p)).toBeUndefined();
  });

  it("a nodepool's range is min × cheapest to max × dearest; an unreadable price gives none", () => {
    expect(nodepoolHourlyCost(["30.000000", "42.000000"], 1, 4)).toEqual({ atMinInstances: 30, atMaxInstances: 168, unit: COST_UNIT });
    expect(nodepoolHourlyCost(["30.000000", "$1.51/hr"], 1, 4)).toBeUndefined();
    expect(costSummaryLine([{ name: "a", cost: { atMinInstances: 0, atMaxInstances: 60, unit: COST_UNIT } }, { name: "b" }])).toBe(
      "Clarifai compute estimate: 0 to 60 catalogue price units per node-hour for 1 nodepool(s) at min to max instances; no estimate for b (catalogue price not known here, or not a plain decimal)",
    );
  });
});

describe("the policy pack's manifest", () => {
  it("has the package's version (a PolicyPack reads it from policy/package.json)", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "package.json"), "utf8")) as { version: string; files: string[] };
    const pack = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "policy", "package.json"), "utf8")) as { version: string };
    expect(pack.version).toBe(pkg.version);
    expect(pkg.files).toContain("policy");
  });
});
