// ComputeCluster: a cloud provider + region. Pulumi id = the Clarifai compute cluster id.
import type { ApiComputeCluster } from "../../api/wire.generated";
import { currentPat } from "../config";
import { byId, visibility } from "../model/codecs";
import { type Codecs, fromWire, toWire } from "../model/wireMap";
import { Checked, NAME, ResourceDefinition, carried } from "./definition";
import { makeProvider } from "./lifecycle";
import { preflightCluster } from "./preflight";

/** The fields whose wire shape differs; every other stored field goes by its apiField. */
const wire: Codecs<"ComputeCluster"> = {
  cloudProvider: byId("cloud_provider"),
  visibility,
  // The API masks the key it returns: written, never read back.
  key: { toWire: (id) => ({ key: { id } }), fromWire: () => undefined },
};

// Like Clarifai's SDK, the cluster uses the caller's PAT unless another key is given; the default is
// sent to the API only, never stored in the Pulumi state.
const message = (p: Checked<"ComputeCluster">, mode: "create" | "patch"): ApiComputeCluster => toWire("ComputeCluster", wire, { ...p, key: p.key ?? currentPat() }, mode);

export const computeClusterDefinition: ResourceDefinition<"ComputeCluster", ApiComputeCluster> = {
  kind: "ComputeCluster",
  noun: "compute cluster",
  wire,
  pulumiId: (p) => p.computeClusterId,
  preflight: (olds, p, fail) => preflightCluster(olds, p, `ComputeCluster "${p[NAME] ?? p.computeClusterId}"`, fail),
  create: (c, p) => c.createComputeCluster(message(p, "create")),
  get: (c, id) => c.getComputeCluster(id),
  patch: (c, p) => c.patchComputeCluster(message(p, "patch")),
  remove: (c, id) => c.deleteComputeCluster(id),
  immutableMismatches(r, p) {
    const have = fromWire("ComputeCluster", wire, r);
    const out: string[] = [];
    for (const k of ["cloudProvider", "region", "clusterType", "managedBy"] as const) {
      if ((have[k] ?? "") !== p[k]) out.push(`${k}: existing "${have[k] ?? ""}", program "${p[k]}"`);
    }
    return out;
  },
  outputs(r, p) {
    const f = fromWire("ComputeCluster", wire, r);
    return {
      ...carried(p, ["key", "adopt"]),
      ...f,
      computeClusterId: f.computeClusterId ?? "",
      description: f.description ?? "",
      cloudProvider: f.cloudProvider ?? "",
      region: f.region ?? "",
      // As reported: the API knows kinds this provider does not create (e.g. shared clusters).
      clusterType: f.clusterType ?? "dedicated",
      managedBy: f.managedBy ?? "clarifai",
      visibility: f.visibility ?? "private",
      userId: r.user_id,
      cloudProviderName: r.cloud_provider?.name,
      createdAt: r.created_at,
      modifiedAt: r.modified_at,
    };
  },
};

export const computeClusterProvider = makeProvider(computeClusterDefinition);
