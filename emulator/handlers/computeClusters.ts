/** Compute clusters: their records, their rendering, and GetComputeCluster, ListComputeClusters, PostComputeClusters, PatchComputeClusters, DeleteComputeClusters. */
import type { Obj } from "../json";
import { ApiError } from "../status";
import { findProvider } from "../catalogue";
import type { Rec } from "../store";
import { checkId, checkVisibility, clone, owner, paginate, readAction, refuseHeldId, deleteIds, requireList, type Handler, type HandlerContext, type Kind } from "./context";

export interface ClusterRec extends Rec {
  /** ComputeCluster fields as stored (key unmasked) */
  obj: Obj;
}

const MASKED_KEY = "****";

/** The key is stored but always shown masked; the provider's name is the catalogue's. */
export function renderCluster(c: ClusterRec): Obj {
  const o = clone(c.obj);
  const cp = o.cloud_provider as Obj | undefined;
  if (cp) cp.name = findProvider(String(cp.id))?.clusterName ?? String(cp.id).toUpperCase();
  if (o.key) o.key = { id: MASKED_KEY };
  return o;
}

export const kind = {
  message: "ComputeCluster",
  list: "compute_clusters",
  codes: "COMPUTE_CLUSTER",
  /** the state file's name for them since its first version */
  stored: "clusters",
  key: (c: ClusterRec) => [c.user, c.id],
  /** No evidence that a cluster's id is held after its delete. */
  deletedIds: { option: "computeClusters", ms: 0 },
  render: renderCluster,
} as const satisfies Kind<ClusterRec>;

const INVALID = "COMPUTE_CLUSTER_INVALID_ARGUMENT";
const BAD_REQUEST = "COMPUTE_CLUSTER_INVALID_REQUEST";
const MISSING = "COMPUTE_CLUSTER_DOES_NOT_EXIST";

/** cluster_type values from the proto comment; "shared" can only be created by Clarifai. */
const CLUSTER_TYPES = ["dedicated", "local-dev"];
const MANAGED_BY = ["clarifai", "user"];

function checkKey(key: unknown, ctx: HandlerContext): Obj | undefined {
  if (key === undefined) return undefined;
  const id = String((key as Obj).id ?? "");
  if (!id) throw new ApiError(INVALID, "key.id is required when key is given");
  if (!ctx.tokens.includes(id)) throw new ApiError(INVALID, "key.id does not name an existing key of this user");
  return { id };
}

/** Validate a complete cluster (after defaults/patch) and return the object to store. */
function validate(c: Obj, ctx: HandlerContext): Obj {
  const cpId = String((c.cloud_provider as Obj | undefined)?.id ?? "");
  if (!cpId) throw new ApiError(INVALID, "cloud_provider.id is required");
  const provider = findProvider(cpId);
  if (!provider) throw new ApiError(INVALID, `Cloud provider '${cpId}' is not supported`);
  const region = String(c.region ?? "");
  if (!region) throw new ApiError(INVALID, "region is required");
  if (!provider.regions.includes(region)) throw new ApiError(INVALID, `Region '${region}' is not supported for cloud provider '${cpId}'`);
  const clusterType = String(c.cluster_type ?? "");
  if (clusterType === "shared") throw new ApiError(INVALID, "cluster_type 'shared' clusters can only be created by Clarifai");
  if (!CLUSTER_TYPES.includes(clusterType))
    throw new ApiError(INVALID, `cluster_type must be one of ${CLUSTER_TYPES.map((t) => `'${t}'`).join(", ")}; got '${clusterType}'`);
  const managedBy = String(c.managed_by ?? "");
  if (!MANAGED_BY.includes(managedBy))
    throw new ApiError(INVALID, `managed_by must be one of ${MANAGED_BY.map((t) => `'${t}'`).join(", ")}; got '${managedBy}'`);
  const out: Obj = { ...c, cloud_provider: { id: cpId }, visibility: checkVisibility(c.visibility, INVALID) };
  const key = checkKey(c.key, ctx);
  if (key) out.key = key;
  else delete out.key;
  return out;
}

const GetComputeCluster: Handler = (req, ctx) => {
  const user = owner(req, ctx);
  const id = String(req.compute_cluster_id ?? "");
  const c = ctx.store.find(kind, user, id);
  if (!c) throw new ApiError(MISSING, `Compute cluster '${id}' not found`);
  return { compute_cluster: renderCluster(c) };
};

const ListComputeClusters: Handler = (req, ctx) => {
  const user = owner(req, ctx);
  const all = ctx.store.all(kind).filter((c) => c.user === user);
  return { compute_clusters: paginate(all, req).map(renderCluster) };
};

const PostComputeClusters: Handler = (req, ctx) => {
  const user = owner(req, ctx);
  const items = requireList(req.compute_clusters, BAD_REQUEST, "compute_clusters");
  const seen = new Set<string>();
  const prepared: Obj[] = [];
  for (const item of items) {
    const id = checkId(item.id, "Compute cluster", INVALID);
    const taken = `Compute cluster with id '${id}' already exists`;
    if (seen.has(id) || ctx.store.find(kind, user, id)) throw new ApiError(INVALID, taken);
    refuseHeldId(ctx, kind, [user, id], taken, INVALID);
    seen.add(id);
    const c = validate(clone(item), ctx);
    const now = ctx.nowIso();
    prepared.push({ ...c, user_id: user, created_at: now, modified_at: now });
  }
  const recs: ClusterRec[] = prepared.map((obj) => ({ user, id: String(obj.id), obj }));
  ctx.store.add(kind, recs, ctx.nowIso);
  ctx.wrote = true;
  return { compute_clusters: recs.map(renderCluster) };
};

/** Fields fixed at creation (they pin the physical location / the kind of cluster). */
const IMMUTABLE = ["cloud_provider", "region", "cluster_type", "managed_by"];

const PatchComputeClusters: Handler = (req, ctx) => {
  const user = owner(req, ctx);
  readAction(req, ["overwrite"], INVALID);
  const items = requireList(req.compute_clusters, BAD_REQUEST, "compute_clusters");
  const updates: Array<{ rec: ClusterRec; obj: Obj }> = [];
  for (const item of items) {
    const id = String(item.id ?? "");
    if (!id) throw new ApiError(INVALID, "Compute cluster id is required");
    const rec = ctx.store.find(kind, user, id);
    if (!rec) throw new ApiError(MISSING, `Compute cluster '${id}' not found`);
    for (const f of IMMUTABLE) {
      if (item[f] === undefined) continue;
      const before = f === "cloud_provider" ? (rec.obj.cloud_provider as Obj).id : rec.obj[f];
      const after = f === "cloud_provider" ? (item.cloud_provider as Obj).id : item[f];
      if (before !== after) throw new ApiError(INVALID, `${f} of compute cluster '${id}' cannot be changed`);
    }
    // overwrite: every field present in the request replaces the stored one; absent fields are kept.
    const merged: Obj = { ...rec.obj };
    for (const [k, v] of Object.entries(item)) {
      if (["user_id", "created_at", "modified_at"].includes(k)) continue;
      merged[k] = clone(v);
    }
    const obj = validate(merged, ctx);
    obj.modified_at = ctx.nowIso();
    updates.push({ rec, obj });
  }
  for (const u of updates) u.rec.obj = u.obj;
  ctx.wrote = true;
  return { compute_clusters: updates.map((u) => renderCluster(u.rec)) };
};

/** A cluster takes its nodepools with it, and what stands on them. */
const DeleteComputeClusters: Handler = (req, ctx) => deleteIds(req, ctx, kind, [owner(req, ctx)], (missing) => `Compute cluster(s) not found: ${missing}`);

export const handlers: Record<string, Handler> = { GetComputeCluster, ListComputeClusters, PostComputeClusters, PatchComputeClusters, DeleteComputeClusters };
