// Nodepool: an autoscaling group inside a compute cluster. Pulumi id = "<computeClusterId>/<nodepoolId>",
// enough to find it again on refresh and destroy.
import { nodepoolKey, parseNodepoolKey } from "../client";
import type { Nodepool, NodepoolInput, Owned } from "../client";
import { capacityFromTypes, capacityToTypes } from "../capacity";
import { nodepoolHourlyCost } from "../cost";
import { Checked, NAME, ResourceDefinition, carried } from "./definition";
import { makeProvider } from "./lifecycle";
import { preflightNodepool } from "./preflight";


function toInput(p: Checked<"Nodepool">): NodepoolInput {
  return {
    id: p.nodepoolId,
    computeClusterId: p.computeClusterId,
    description: p.description,
    instanceTypes: p.instanceTypes,
    minInstances: p.minInstances,
    maxInstances: p.maxInstances,
    capacityTypes: capacityToTypes(p.capacity),
    visibility: p.visibility,
    metadata: p.metadata,
    warmInstances: p.warmInstances,
  };
}

export const nodepoolDefinition: ResourceDefinition<"Nodepool", Nodepool & Owned> = {
  kind: "Nodepool",
  noun: "nodepool",
  pulumiId: (p) => nodepoolKey(p),
  crossCheck(p, fail) {
    const { minInstances: min, maxInstances: max } = p;
    if (typeof min === "number" && typeof max === "number" && min > max) {
      fail("minInstances", `${min} is above maxInstances (${max}); the autoscaling range needs minInstances ≤ maxInstances`);
    }
    const warm = p.warmInstances;
    if (typeof warm === "number" && typeof max === "number" && warm > max) {
      fail("warmInstances", `${warm} is above maxInstances (${max}); Clarifai can keep at most maxInstances nodes warm`);
    }
  },
  preflight: (olds, p, fail) => preflightNodepool(olds, p, `Nodepool "${p[NAME] ?? p.nodepoolId}"`, fail),
  create: (c, p) => c.createNodepool(toInput(p), { owner: p.__owner }),
  ownerOf: (n) => n.owner,
  async hosted(c, id) {
    const { computeClusterId, nodepoolId } = parseNodepoolKey(id);
    const deps = await c.listDeployments({ computeClusterId, nodepoolId });
    // The API filters by cluster and pool; a server that ignores the pool filter must not widen the list.
    return deps
      .filter((d) => d.nodepools.some((n) => n.computeClusterId === computeClusterId && n.nodepoolId === nodepoolId))
      .map((d) => ({ what: `deployment "${d.id}"`, owner: d.owner }));
  },
  get: (c, id) => {
    const { computeClusterId, nodepoolId } = parseNodepoolKey(id);
    return c.getNodepool(computeClusterId, nodepoolId);
  },
  // The API definition gives ListNodepools the same Nodepool message as GetNodepool. What a list could
  // leave out, the status (computed from the cluster's nodes) and the instance types' compute info, makes
  // the read a GET (the safe reading; a server that never lists them costs one GET per pool, as before).
  listed: {
    parent: (id) => parseNodepoolKey(id).computeClusterId,
    list: (c, cluster) => c.listNodepools(cluster),
    idOf: (n) => nodepoolKey({ computeClusterId: n.computeClusterId, nodepoolId: n.id }),
    complete: (n) => n.status !== "unknown" && n.instanceTypes.every((t) => t.computeInfo !== undefined),
  },
  patch: (c, p, fields) => c.patchNodepool(toInput(p), { fields, owner: p.__owner }),
  remove: (c, id) => {
    const { computeClusterId, nodepoolId } = parseNodepoolKey(id);
    return c.deleteNodepool(computeClusterId, nodepoolId);
  },
  immutableMismatches(r, p) {
    const have = r.instanceTypes.map((t) => t.id);
    const want = p.instanceTypes;
    return have.join(",") === want.join(",") ? [] : [`instanceTypes: existing [${have.join(", ")}], program [${want.join(", ")}]`];
  },
  outputs(r, p) {
    return {
      ...carried(p, ["adopt", "forceDestroy"]),
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
      estimatedHourlyCost: nodepoolHourlyCost(
        r.instanceTypes.map((t) => t.price),
        r.minInstances ?? 0,
        r.maxInstances ?? 0,
      ),
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
