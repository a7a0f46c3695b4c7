// ComputeCluster: a cloud provider + region. Pulumi id = the Clarifai compute cluster id.
import type { ComputeCluster, ComputeClusterInput, Visibility } from "../client";
import { currentPat } from "../config";
import { NAME, Props, ResourceDefinition, carried, makeProvider } from "./base";
import { preflightCluster } from "./preflight";

function toInput(p: Props): ComputeClusterInput {
  return {
    id: String(p.computeClusterId),
    description: (p.description as string) ?? "",
    cloudProvider: String(p.cloudProvider),
    region: String(p.region),
    clusterType: String(p.clusterType),
    managedBy: String(p.managedBy),
    visibility: p.visibility as Visibility,
    // Like Clarifai's SDK, the cluster uses the caller's PAT unless another key is given; the default
    // is sent to the API only, never stored in the Pulumi state.
    key: (p.key as string | undefined) ?? currentPat(),
  };
}

export const computeClusterDefinition: ResourceDefinition<ComputeCluster> = {
  kind: "ComputeCluster",
  noun: "compute cluster",
  pulumiId: (p) => String(p.computeClusterId),
  preflight: (olds, p, fail) => preflightCluster(olds, p, `ComputeCluster "${String(p[NAME] ?? p.computeClusterId)}"`, fail),
  create: (c, p) => c.createComputeCluster(toInput(p)),
  get: (c, id) => c.getComputeCluster(id),
  patch: (c, p) => c.patchComputeCluster(toInput(p)),
  remove: (c, id) => c.deleteComputeCluster(id),
  immutableMismatches(r, p) {
    const out: string[] = [];
    for (const [k, have] of [["cloudProvider", r.cloudProvider], ["region", r.region], ["clusterType", r.clusterType], ["managedBy", r.managedBy]] as const) {
      if (have !== p[k]) out.push(`${k}: existing "${have}", program "${String(p[k])}"`);
    }
    return out;
  },
  outputs(r, p) {
    return {
      ...carried(p, ["key", "adopt"]),
      computeClusterId: r.id,
      description: r.description ?? "",
      cloudProvider: r.cloudProvider,
      region: r.region,
      clusterType: r.clusterType,
      managedBy: r.managedBy,
      visibility: r.visibility ?? "private",
      userId: r.userId,
      cloudProviderName: r.cloudProviderName,
      createdAt: r.createdAt,
      modifiedAt: r.modifiedAt,
    };
  },
};

export const computeClusterProvider = makeProvider(computeClusterDefinition);
