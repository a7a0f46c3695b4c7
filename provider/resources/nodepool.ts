// Nodepool: an autoscaling group inside a compute cluster. Pulumi id = "<computeClusterId>/<nodepoolId>",
// enough to find it again on refresh and destroy.
import type { ApiNodepool } from "../../api/wire.generated";
import type { Owned } from "../client";
import { nodepoolHourlyCost } from "../model/cost";
import { nodepoolKey, parseNodepoolKey } from "../model/ids";
import type { Capacity } from "../model/model.generated";
import { byId, capacity, listById, visibility } from "../model/codecs";
import { identity } from "../model/identity";
import { deploymentPools, nodepoolStatus } from "../model/messages";
import { type Codecs, fromWire, toWire } from "../model/wireMap";
import { Checked, NAME, ResourceDefinition, carried } from "./definition";
import { makeProvider } from "./lifecycle";
import { preflightNodepool } from "./preflight";

/** The fields whose wire shape differs; every other stored field goes by its apiField. */
const wire: Codecs<"Nodepool"> = {
  computeClusterId: byId("compute_cluster"),
  instanceTypes: listById("instance_types"),
  capacity,
  visibility,
};

/**
 * The message for checked inputs; a patch sends the ids and the fields that changed (`fields`: the
 * schema's names; every field when omitted). Metadata the program removes is written empty (Clarifai
 * replaces it wholesale), so the owner marker the client adds to it stays.
 */
function message(p: Checked<"Nodepool">, mode: "create" | "patch", fields?: readonly string[]): ApiNodepool {
  const m = toWire("Nodepool", wire, p, mode, fields && [...fields, "computeClusterId", "nodepoolId"]);
  return fields?.includes("metadata") && m.metadata === undefined ? { ...m, metadata: {} } : m;
}

/** A capacity in words, for the export's comments. */
const CAPACITY: Record<Capacity, string> = { onDemand: "on demand", spot: "spot", spotWithFallback: "spot with on-demand fallback" };

export const nodepoolDefinition: ResourceDefinition<"Nodepool", ApiNodepool & Owned> = {
  kind: "Nodepool",
  noun: "nodepool",
  wire,
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
  create: (c, p) => c.createNodepool(message(p, "create"), { owner: p.__owner, mismatches: identity("Nodepool", wire) }),
  ownerOf: (n) => n.owner,
  async hosted(c, id) {
    const { computeClusterId, nodepoolId } = parseNodepoolKey(id);
    const deps = await c.listDeployments({ computeClusterId, nodepoolId });
    // The API filters by cluster and pool; a server that ignores the pool filter must not widen the list.
    return deps
      .filter((d) => deploymentPools(d).some((n) => n.computeClusterId === computeClusterId && n.nodepoolId === nodepoolId))
      .map((d) => ({ what: `deployment "${d.id ?? ""}"`, owner: d.owner }));
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
    idOf: (n) => nodepoolKey({ computeClusterId: n.compute_cluster?.id ?? "", nodepoolId: n.id ?? "" }),
    complete: (n) => nodepoolStatus(n) !== "unknown" && (n.instance_types ?? []).every((t) => t.compute_info !== undefined),
  },
  patch: (c, p, fields) => c.patchNodepool(message(p, "patch", fields), { owner: p.__owner }),
  remove: (c, id) => {
    const { computeClusterId, nodepoolId } = parseNodepoolKey(id);
    return c.deleteNodepool(computeClusterId, nodepoolId);
  },
  immutableMismatches(r, p) {
    const have = fromWire("Nodepool", wire, r).instanceTypes ?? [];
    const want = p.instanceTypes;
    return have.join(",") === want.join(",") ? [] : [`instanceTypes: existing [${have.join(", ")}], program [${want.join(", ")}]`];
  },
  outputs(r, p) {
    const f = fromWire("Nodepool", wire, r);
    return {
      ...carried(p, ["adopt", "forceDestroy"]),
      ...f,
      computeClusterId: f.computeClusterId ?? "",
      nodepoolId: f.nodepoolId ?? "",
      description: f.description ?? "",
      instanceTypes: f.instanceTypes ?? [],
      minInstances: f.minInstances ?? 0,
      maxInstances: f.maxInstances ?? 0,
      // Reported only when the program sets it, so 0.1.0 stacks and programs without it see no change.
      warmInstances: p.warmInstances === undefined && !f.warmInstances ? undefined : (f.warmInstances ?? 0),
      capacity: f.capacity ?? "onDemand",
      visibility: f.visibility ?? "private",
      // The API omits an empty Struct: report `{}` when the program sets metadata, nothing when it does not.
      metadata: f.metadata && Object.keys(f.metadata).length ? f.metadata : p.metadata === undefined ? undefined : {},
      instanceTypeDetails: (r.instance_types ?? []).map((t) => ({
        id: t.id ?? "",
        description: t.description,
        cloudProvider: t.cloud_provider?.id,
        region: t.region,
        price: t.price,
        cpuLimit: t.compute_info?.cpu_limit,
        cpuMemory: t.compute_info?.cpu_memory,
        numAccelerators: t.compute_info?.num_accelerators ?? 0,
        acceleratorType: t.compute_info?.accelerator_type ?? [],
        acceleratorMemory: t.compute_info?.accelerator_memory,
      })),
      estimatedHourlyCost: nodepoolHourlyCost(
        (r.instance_types ?? []).map((t) => t.price),
        f.minInstances ?? 0,
        f.maxInstances ?? 0,
      ),
      enforcedMinInstances: r.enforced_min_instances ?? 0,
      enforcedMaxInstances: r.enforced_max_instances ?? 0,
      status: nodepoolStatus(r),
      statusDescription: r.status_description || undefined,
      nodeCount: r.node_count ?? 0,
      createdAt: r.created_at,
      modifiedAt: r.modified_at,
    };
  },
  exported: {
    list: { perCluster: (c, cluster) => c.listNodepools(cluster) },
    references: { computeClusterId: "ComputeCluster" },
    variableSuffix: "Pool",
    summary(p) {
      const types = (p.instance_types ?? []).map((t) => t.id).join(", ");
      return `Nodepool "${p.id}" in "${p.compute_cluster?.id ?? ""}": ${types}, ${CAPACITY[capacity.fromWire(p) ?? "onDemand"]}, ${p.min_instances ?? 0} to ${p.max_instances ?? 0} nodes.`;
    },
  },
};

export const nodepoolProvider = makeProvider(nodepoolDefinition);
