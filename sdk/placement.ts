// What a program already knows at preview about the cluster a nodepool names, when the nodepool passes
// `cluster.id` (unknown at preview for a cluster the program creates): the cluster's cloud provider and
// region, which the program states. Each ComputeCluster records them against its `id` output (and
// `computeClusterId`); a Nodepool given one of those outputs passes them along as hidden inputs, so its
// check can test the instance types and capacity against that region's catalogue at preview, before
// anything is created. Hidden inputs are never diffed and never sent to Clarifai.
import type * as pulumi from "@pulumi/pulumi";

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
