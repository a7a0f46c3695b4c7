// Nodepool: an autoscaling group inside a compute cluster. Pulumi id = "<computeClusterId>/<nodepoolId>",
// enough to find it again on refresh and destroy.
import { nodepoolKey, parseNodepoolKey } from "../client";
import type { CapacityType, Nodepool, NodepoolInput, Visibility } from "../client";
import { NAME, Props, ResourceDefinition, carried, makeProvider } from "./base";
import { preflightNodepool } from "./preflight";

export type Capacity = "onDemand" | "spot" | "spotWithFallback";

/** The API's node_capacity_type lists the allowed kinds; both listed means spot first, then on-demand. */
export function capacityToTypes(c: Capacity): CapacityType[] {
  return c === "spot" ? ["spot"] : c === "spotWithFallback" ? ["spot", "onDemand"] : ["onDemand"];
}

export function capacityFromTypes(t: CapacityType[]): Capacity {
  const spot = t.includes("spot");
  const onDemand = t.includes("onDemand") || t.length === 0;
  return spot && onDemand ? "spotWithFallback" : spot ? "spot" : "onDemand";
}


function toInput(p: Props): NodepoolInput {
  return {
    id: String(p.nodepoolId),
    computeClusterId: String(p.computeClusterId),
    description: (p.description as string) ?? "",
    instanceTypes: p.instanceTypes as string[],
    minInstances: p.minInstances as number,
    maxInstances: p.maxInstances as number,
    capacityTypes: capacityToTypes(p.capacity as Capacity),
    visibility: p.visibility as Visibility,
    metadata: p.metadata as Record<string, unknown> | undefined,
    warmInstances: p.warmInstances as number | undefined,
  };
}

export const nodepoolDefinition: ResourceDefinition<Nodepool> = {
  kind: "Nodepool",
  noun: "nodepool",
  pulumiId: (p) => nodepoolKey({ computeClusterId: String(p.computeClusterId), nodepoolId: String(p.nodepoolId) }),
  crossCheck(p, fail) {
    const min = p.minInstances as number;
    const max = p.maxInstances as number;
    if (typeof min === "number" && typeof max === "number" && min > max) {
      fail("minInstances", `${min} is above maxInstances (${max}); the autoscaling range needs minInstances ≤ maxInstances`);
    }
    const warm = p.warmInstances;
    if (typeof warm === "number" && typeof max === "number" && warm > max) {
      fail("warmInstances", `${warm} is above maxInstances (${max}); Clarifai can keep at most maxInstances nodes warm`);
    }
  },
  preflight: (olds, p, fail) =>
    preflightNodepool(olds, p, `Nodepool "${String(p[NAME] ?? p.nodepoolId)}"`, capacityToTypes(p.capacity as Capacity), fail),
  create: (c, p) => c.createNodepool(toInput(p)),
  get: (c, id) => {
    const { computeClusterId, nodepoolId } = parseNodepoolKey(id);
    return c.getNodepool(computeClusterId, nodepoolId);
  },
  // The API definition gives ListNodepools the same Nodepool message as GetNodepool; status (computed
  // from the cluster's nodes) is the field a list could leave out, so a listed pool without it is read
  // with a GET (the safe reading; a server that never reports it costs one GET per pool, as before).
  listed: { parent: (id) => parseNodepoolKey(id).computeClusterId, list: (c, cluster) => c.listNodepools(cluster), idOf: (n) => nodepoolKey({ computeClusterId: n.computeClusterId, nodepoolId: n.id }), complete: (n) => n.status !== "unknown" },
  patch: (c, p) => c.patchNodepool(toInput(p)),
  remove: (c, id) => {
    const { computeClusterId, nodepoolId } = parseNodepoolKey(id);
    return c.deleteNodepool(computeClusterId, nodepoolId);
  },
  immutableMismatches(r, p) {
    const have = r.instanceTypes.map((t) => t.id);
    const want = p.instanceTypes as string[];
    return have.join(",") === want.join(",") ? [] : [`instanceTypes: existing [${have.join(", ")}], program [${want.join(", ")}]`];
  },
  outputs(r, p) {
    return {
      ...carried(p, ["adopt"]),
      computeClusterId: r.computeClusterId,
      nodepoolId: r.id,
      description: r.description ?? "",
      instanceTypes: r.instanceTypes.map((t) => t.id),
      minInstances: r.minInstances ?? 0,
      maxInstances: r.maxInstances ?? 0,
      // Reported only when the program sets it, so 0.1.0 stacks and programs without it see no change.
      warmInstances: p.warmInstances === undefined && !r.warmInstances ? undefined : (r.warmInstances ?? 0),
      capacity: capacityFromTypes(r.capacityTypes),
      visibility: r.visibility ?? "private",
      // The API omits an empty Struct: report `{}` when the program sets metadata, nothing when it does not.
      metadata: r.metadata && Object.keys(r.metadata).length ? r.metadata : p.metadata === undefined ? undefined : {},
      instanceTypeDetails: r.instanceTypes.map((t) => ({
        id: t.id,
        description: t.description,
        cloudProvider: t.cloudProvider,
        region: t.region,
        price: t.price,
        cpuLimit: t.computeInfo?.cpuLimit,
        cpuMemory: t.computeInfo?.cpuMemory,
        numAccelerators: t.computeInfo?.numAccelerators ?? 0,
        acceleratorType: t.computeInfo?.acceleratorType ?? [],
        acceleratorMemory: t.computeInfo?.acceleratorMemory,
      })),
      enforcedMinInstances: r.enforcedMinInstances ?? 0,
      enforcedMaxInstances: r.enforcedMaxInstances ?? 0,
      status: r.status,
      statusDescription: r.statusDescription,
      nodeCount: r.nodeCount ?? 0,
      createdAt: r.createdAt,
      modifiedAt: r.modifiedAt,
    };
  },
};

export const nodepoolProvider = makeProvider(nodepoolDefinition);
