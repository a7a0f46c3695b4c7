// What a program already knows at preview, about the objects it creates, that `check` cannot see
// (`check` sees one resource at a time, and ids of new objects are unknown at preview).
//
// 1. The cluster a nodepool names, when the nodepool passes
// `cluster.id` (unknown at preview for a cluster the program creates): the cluster's cloud provider and
// region, which the program states. Each ComputeCluster records them against its `id` output (and
// `computeClusterId`); a Nodepool given one of those outputs passes them along as hidden inputs, so its
// check can test the instance types and capacity against that region's catalogue at preview, before
// anything is created. Hidden inputs are never diffed and never sent to Clarifai.
import type * as pulumi from "@pulumi/pulumi";
import type { ResourceKind } from "../provider/model/model.generated";
import { recordNodepoolCost } from "./costSummary";
import type { ArgsOf, ClassOutputsOf } from "./model.generated";
import { isRecord } from "../provider/model/unknowns";

export interface Placement {
  cloudProvider: pulumi.Input<string>;
  region: pulumi.Input<string>;
  clusterType?: pulumi.Input<string>;
}

const placements = new WeakMap<object, Placement>();

/** Records where the cluster whose output `id` is runs. */
export function recordPlacement(id: object, p: Placement): void {
  placements.set(id, p);
}

/** The hidden inputs a nodepool adds for `computeClusterId`, when it is a recorded cluster output. */
export function placementInputs(computeClusterId: unknown): Record<string, unknown> {
  const p = computeClusterId && typeof computeClusterId === "object" ? placements.get(computeClusterId) : undefined;
  if (!p) return {};
  return { __clusterCloudProvider: p.cloudProvider, __clusterRegion: p.region, __clusterType: p.clusterType ?? "dedicated" };
}

// 2. Which deployments the program puts on each nodepool it creates: two deployments of the same model
// on one nodepool are refused by Clarifai at the second create, half-way through an `up`. Each Nodepool
// records its `id` output; a Deployment on one of them, with a model given as plain values, records
// itself there, and a later Deployment of the same model on the same nodepool passes the conflict as a
// hidden input, which its check refuses at preview.

const deploymentsOnPool = new WeakMap<object, Map<string, string>>();

// 3. What each nodepool the program creates will run on (its instance types and where), so a
// deployment on it can check at preview that the model fits (provider/resources/fitCheck.ts): the
// deployment passes the plans of its nodepools as a hidden input.
type Plan = { name: string; instanceTypes?: unknown; computeClusterId?: unknown; cloudProvider?: unknown; region?: unknown };
const plans = new WeakMap<object, Plan>();

/** Records a nodepool's `id` output with its plan, so deployments on it can be checked at preview. */
export function recordPool(id: object, name: string, args: { instanceTypes?: unknown; computeClusterId?: unknown } | undefined): void {
  if (!deploymentsOnPool.has(id)) deploymentsOnPool.set(id, new Map());
  const placed = placementInputs(args?.computeClusterId);
  plans.set(id, {
    name,
    instanceTypes: args?.instanceTypes,
    computeClusterId: typeof args?.computeClusterId === "string" ? args.computeClusterId : undefined,
    cloudProvider: placed.__clusterCloudProvider,
    region: placed.__clusterRegion,
  });
}

/** The hidden input naming the planned nodepools among a deployment's `nodepools` (empty when none). */
export function poolPlans(nodepools: unknown): Record<string, unknown> {
  if (!Array.isArray(nodepools)) return {};
  const found = nodepools.flatMap((pool, index) => {
    const plan = pool && typeof pool === "object" ? plans.get(pool) : undefined;
    return plan ? [{ index, ...plan }] : [];
  });
  return found.length ? { __poolPlans: found } : {};
}

/**
 * Records `deployment` (a logical name) on each recorded nodepool of `nodepools` and returns the hidden
 * input naming earlier deployments of the same model on the same nodepool (empty when none, or when
 * the model is not known as plain values).
 */
export function samePoolConflicts(deployment: string, nodepools: unknown, model: unknown): Record<string, unknown> {
  if (!Array.isArray(nodepools) || !isRecord(model)) return {};
  const { userId, appId, modelId } = model;
  if (typeof userId !== "string" || typeof appId !== "string" || typeof modelId !== "string") return {};
  const key = `${userId}/${appId}/${modelId}`;
  const conflicts: { index: number; deployment: string; model: string }[] = [];
  nodepools.forEach((pool, index) => {
    const on = pool && typeof pool === "object" ? deploymentsOnPool.get(pool) : undefined;
    if (!on) return;
    const other = on.get(key);
    if (other !== undefined && other !== deployment) conflicts.push({ index, deployment: other, model: key });
    else on.set(key, deployment);
  });
  return conflicts.length ? { __samePoolConflicts: conflicts } : {};
}

/** What a generated resource class (sdk/resources.generated.ts) does at registration beyond the schema. */
interface ProgramHints<K extends ResourceKind> {
  /** Hidden inputs added to the resource's properties. */
  inputs?(name: string, args: ArgsOf[K]): Record<string, unknown>;
  /** Runs once the resource is registered (its outputs exist); `name` is its logical name. */
  registered?(resource: pulumi.CustomResource & ClassOutputsOf[K], args: ArgsOf[K], name: string): void;
}

/** By kind; a kind without hints has no entry. */
export const programHints: { [K in ResourceKind]?: ProgramHints<K> } = {
  ComputeCluster: {
    registered(cluster, args) {
      if (args?.cloudProvider === undefined || args.region === undefined) return;
      const placement = { cloudProvider: args.cloudProvider, region: args.region, clusterType: args.clusterType };
      recordPlacement(cluster.id, placement);
      recordPlacement(cluster.computeClusterId, placement);
    },
  },
  Nodepool: {
    // `__catalogue` (undefined here) makes Pulumi create an Output for what the check records: the cost
    // summary reads it at preview.
    inputs: (_name, args) => ({ ...placementInputs(args?.computeClusterId), __catalogue: undefined }),
    registered(pool, args, name) {
      recordPool(pool.id, name, args);
      // Not a property of the class: the engine made an Output of the hidden input.
      const catalogue = "__catalogue" in pool ? pool.__catalogue : undefined;
      recordNodepoolCost({ name, cost: pool.estimatedHourlyCost, catalogue, min: pool.minInstances, max: pool.maxInstances });
    },
  },
  Deployment: {
    inputs: (name, args) => ({ ...samePoolConflicts(name, args?.nodepools, args?.model), ...poolPlans(args?.nodepools) }),
  },
};
