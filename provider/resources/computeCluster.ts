// ComputeCluster: a cloud provider + region. Pulumi id = the Clarifai compute cluster id.
import type { ApiComputeCluster } from "../../api/wire.generated";
import { AlreadyExistsError } from "../client";
import { nodepoolKey } from "../model/ids";
import { currentPat } from "../settings/config";
import { byId, visibility } from "../model/codecs";
import { identity } from "../model/identity";
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
// A patch sends the id and the fields that changed (`fields`: the schema's names; every field when omitted).
const message = (p: Checked<"ComputeCluster">, mode: "create" | "patch", fields?: readonly string[]): ApiComputeCluster =>
  toWire("ComputeCluster", wire, { ...p, key: p.key ?? currentPat() }, mode, fields && [...fields, "computeClusterId"]);

export const computeClusterDefinition: ResourceDefinition<"ComputeCluster", ApiComputeCluster> = {
  kind: "ComputeCluster",
  noun: "compute cluster",
  wire,
  pulumiId: (p) => p.computeClusterId,
  preflight: (olds, p, fail) => preflightCluster(olds, p, `ComputeCluster "${p[NAME] ?? p.computeClusterId}"`, fail),
  async create(c, p) {
    // A cluster has no metadata to carry an owner marker (provider/client/ownership.ts): look first, so
    // that a cluster already there is refused as "already exists" whatever becomes of the POST, and
    // only one made in the moment between the look and the POST is left to `created_at`. (`adopt`
    // has looked already.)
    if (!p.adopt && (await c.getComputeCluster(p.computeClusterId))) {
      throw new AlreadyExistsError({ operation: "PostComputeClusters", description: `compute cluster "${p.computeClusterId}" already exists`, details: "found before the create" });
    }
    return c.createComputeCluster(message(p, "create"), { mismatches: identity("ComputeCluster", wire) });
  },
  get: (c, id) => c.getComputeCluster(id),
  patch: (c, p, fields) => c.patchComputeCluster(message(p, "patch", fields)),
  async hosted(c, id) {
    const [pools, deps] = await Promise.all([c.listNodepools(id), c.listDeployments({ computeClusterId: id })]);
    return [
      ...pools.map((n) => ({ what: `nodepool "${nodepoolKey({ computeClusterId: id, nodepoolId: n.id ?? "" })}"`, owner: n.owner })),
      ...deps.map((d) => ({ what: `deployment "${d.id ?? ""}"`, owner: d.owner })),
    ];
  },
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
      ...carried(p, ["key", "adopt", "forceDestroy"]),
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
  exported: {
    list: { scope: (c) => c.listComputeClusters() },
    variableSuffix: "Cluster",
    summary: (k, pools) => `Compute cluster "${k.id}": ${k.cloud_provider?.id ?? ""} ${k.region ?? ""}, ${pools} nodepool${pools === 1 ? "" : "s"}.`,
  },
};

export const computeClusterProvider = makeProvider(computeClusterDefinition);
