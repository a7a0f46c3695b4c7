// The catalogue look-ups, shared by the TypeScript SDK's functions (sdk/lookups.ts, in the program) and
// the native plugin's Invoke (provider/native): one implementation of the filters and the parsing.
import type { ApiInstanceType } from "../../api/wire.generated";
import type { ClarifaiClient } from "../client";
import { capacityTypesFromWire } from "../model/codecs";
import type * as model from "../model/model.generated";

// The shapes come from schema.json's types and function signatures (provider/model.generated.ts);
// the TypeScript SDK's functions return richer regions (objects) than the plugin's Invoke (ids).

/** A cloud provider Clarifai runs compute on. */
export type CloudProvider = model.CloudProviderInfo;

/** A region of a cloud provider. */
export interface Region {
  /** The id to use as a cluster's `region`, e.g. `us-east-1`. */
  id: string;
  /** The provider it belongs to. */
  cloudProvider: string;
}

/** Filters for {@link getInstanceTypes}: every given filter must hold. */
export type GetInstanceTypesArgs = model.GetInstanceTypesArgs;

/** Catalogue details of one instance type (also each entry of a nodepool's `instanceTypeDetails`). */
export type InstanceTypeInfo = model.InstanceTypeInfo;

import { parseQuantity, quantityToGiB } from "../model/quantity";

export { parseQuantity, quantityToGiB } from "../model/quantity";

/** One catalogue entry of getInstanceTypes, with its quantities parsed. */
export type InstanceTypeResult = model.InstanceTypeResult;

function toResult(t: ApiInstanceType): InstanceTypeResult {
  const ci = t.compute_info ?? {};
  const allowed = capacityTypesFromWire(t.allowed_capacity_types);
  return {
    id: t.id ?? "",
    description: t.description,
    cloudProvider: t.cloud_provider?.id,
    region: t.region,
    price: t.price,
    cpuLimit: ci.cpu_limit,
    cpus: parseQuantity(ci.cpu_limit),
    cpuMemory: ci.cpu_memory,
    cpuMemoryGiB: quantityToGiB(ci.cpu_memory),
    numAccelerators: ci.num_accelerators ?? 0,
    acceleratorType: ci.accelerator_type ?? [],
    acceleratorMemory: ci.accelerator_memory,
    acceleratorMemoryGiB: quantityToGiB(ci.accelerator_memory),
    allowedCapacity: allowed.length ? allowed : ["onDemand", "spot"],
  };
}

/** Applies the filters of {@link GetInstanceTypesArgs} (pure; exported for tests). */
export function filterInstanceTypes(types: InstanceTypeResult[], f: Omit<GetInstanceTypesArgs, "cloudProvider" | "region">): InstanceTypeResult[] {
  const want = f.acceleratorType?.toLowerCase();
  return types.filter((t) => {
    if (want !== undefined && !t.acceleratorType.some((a) => a.toLowerCase() === want || a.toLowerCase().split("-").slice(1).join("-") === want)) return false;
    if (f.minAccelerators !== undefined && t.numAccelerators < f.minAccelerators) return false;
    if (f.minAcceleratorMemoryGiB !== undefined && !((t.acceleratorMemoryGiB ?? 0) >= f.minAcceleratorMemoryGiB)) return false;
    if (f.minCpuMemoryGiB !== undefined && !((t.cpuMemoryGiB ?? 0) >= f.minCpuMemoryGiB)) return false;
    if (f.capacity !== undefined && !t.allowedCapacity.includes(f.capacity)) return false;
    return true;
  });
}

/** The cloud providers Clarifai offers. */
export async function getCloudProviders(c: ClarifaiClient): Promise<CloudProvider[]> {
  return (await c.listCloudProviders()).map((p) => (p.name ? { id: p.id ?? "", name: p.name } : { id: p.id ?? "" }));
}

/** The regions Clarifai offers for a cloud provider. */
export async function getRegions(c: ClarifaiClient, args: { cloudProvider: string }): Promise<Region[]> {
  return (await c.listCloudRegions(args.cloudProvider)).map((id) => ({ id, cloudProvider: args.cloudProvider }));
}

/** The instance types offered in a provider's region, narrowed by the filters, in catalogue order. */
export async function getInstanceTypes(c: ClarifaiClient, args: GetInstanceTypesArgs): Promise<InstanceTypeResult[]> {
  const { cloudProvider, region, ...filters } = args;
  const types = (await c.listInstanceTypes(cloudProvider, region)).map(toResult);
  // The real `all/all` list repeats entries; keep one per (provider, region, id).
  const seen = new Set<string>();
  const unique = types.filter((t) => {
    const k = `${t.cloudProvider}\n${t.region}\n${t.id}`;
    return seen.has(k) ? false : (seen.add(k), true);
  });
  return filterInstanceTypes(unique, filters);
}

