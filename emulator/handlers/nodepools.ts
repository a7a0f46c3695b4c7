/** Nodepools: their records, their readiness and rendering, and GetNodepool, ListNodepools, PostNodepools, PatchNodepools, DeleteNodepools. */
import type { Obj } from "../json";
import { ApiError } from "../status";
import { findInstanceType } from "../catalogue";
import type { Rec } from "../store";
import {
  checkId,
  checkVisibility,
  clone,
  owner,
  paginate,
  readAction,
  refuseHeldId,
  deleteIds,
  requireList,
  sameUser,
  type Handler,
  type HandlerContext,
  type Kind,
} from "./context";
import { hasField, settled, type Readiness } from "./render";
import { kind as computeClusters, renderCluster, type ClusterRec } from "./computeClusters";

export interface NodepoolRec extends Rec {
  cluster: string;
  /** Nodepool fields as stored; compute_cluster is a reference {id, user_id}, instance_types are catalogue entries */
  obj: Obj;
  createdMs: number;
  reads: number;
}

/** Readiness of a nodepool's nodes: ready after nodepoolReadyAfterMs and nodepoolReadyAfterReads; failed once it is gone. */
export function nodepoolState(n: NodepoolRec | undefined, ctx: HandlerContext): Readiness {
  if (!n) return { state: "failed", reason: "nodepool no longer exists" };
  const r = ctx.readiness;
  const reason = r.failNodepools?.[n.id];
  if (reason !== undefined) return { state: "failed", reason };
  return { state: settled(ctx, n.createdMs, n.reads, r.nodepoolReadyAfterMs, r.nodepoolReadyAfterReads) ? "ready" : "pending" };
}

/** Its full cluster embedded, and (12.x) its status and node count from the readiness model. */
export function renderNodepool(n: NodepoolRec, ctx: HandlerContext): Obj {
  const o = clone(n.obj);
  const c = ctx.store.find(computeClusters, n.user, n.cluster);
  if (c) o.compute_cluster = renderCluster(c);
  if (hasField("Nodepool", "status")) {
    const s = nodepoolState(n, ctx);
    o.status = s.state === "ready" ? 2 : s.state === "failed" ? 3 : 1;
    if (s.reason) o.status_description = s.reason;
    if (hasField("Nodepool", "node_count")) o.node_count = s.state === "ready" ? Math.max(Number(o.min_instances ?? 0), 1) : 0;
  }
  return o;
}

/** Count a read of the nodepool (its own, or of a runner in it) for the readiness-by-reads setting. */
export function countNodepoolRead(n: NodepoolRec | undefined): void {
  if (n) n.reads += 1;
}

export const kind = {
  message: "Nodepool",
  list: "nodepools",
  codes: "NODEPOOL",
  stored: "nodepools",
  key: (n: NodepoolRec) => [n.user, n.cluster, n.id],
  needs: (n: NodepoolRec) => [{ kind: computeClusters, key: [n.user, n.cluster] }],
  /** No evidence that a nodepool's id is held after its delete. */
  deletedIds: { option: "nodepools", ms: 0 },
  render: renderNodepool,
} as const satisfies Kind<NodepoolRec>;

const INVALID = "NODEPOOL_INVALID_ARGUMENT";
const BAD_REQUEST = "NODEPOOL_INVALID_REQUEST";
const MISSING = "NODEPOOL_DOES_NOT_EXIST";
const CLUSTER_MISSING = "COMPUTE_CLUSTER_DOES_NOT_EXIST";

function clusterOf(req: Obj, ctx: HandlerContext, user: string): ClusterRec {
  const id = String(req.compute_cluster_id ?? "");
  const c = ctx.store.find(computeClusters, user, id);
  if (!c) throw new ApiError(CLUSTER_MISSING, `Compute cluster '${id}' not found`);
  return c;
}

/** Replace requested instance types by catalogue entries (without feature_flag_group), checking they are offered. */
function resolveInstanceTypes(list: unknown, cluster: ClusterRec): Obj[] {
  const provider = String((cluster.obj.cloud_provider as Obj).id);
  const region = String(cluster.obj.region);
  if (!Array.isArray(list) || list.length === 0) throw new ApiError(INVALID, "At least one instance type is required");
  const seen = new Set<string>();
  return (list as Obj[]).map((t) => {
    const id = String(t.id ?? "");
    if (!id) throw new ApiError(INVALID, "instance_types[].id is required");
    const entry = findInstanceType(provider, region, id);
    if (!entry) throw new ApiError(INVALID, `Instance type '${id}' is not offered in ${provider}/${region}`);
    if (seen.has(id)) throw new ApiError(INVALID, `Instance type '${id}' is listed twice`);
    seen.add(id);
    const out: Obj = clone(entry) as unknown as Obj;
    delete out.feature_flag_group;
    return out;
  });
}

/** Validate a complete nodepool (after defaults/patch) and return the object to store. */
function validate(n: Obj, cluster: ClusterRec, ctx: HandlerContext): Obj {
  const instance_types = resolveInstanceTypes(n.instance_types, cluster);
  const caps = ((n.node_capacity_type as Obj | undefined)?.capacity_types as number[] | undefined) ?? [];
  const capacity = caps.length ? caps : [1];
  for (const c of capacity) if (c !== 1 && c !== 2) throw new ApiError(INVALID, `Invalid capacity type ${c}: use 1 (ON_DEMAND_TYPE) or 2 (SPOT_TYPE)`);
  for (const t of instance_types) {
    const allowed = ((t.allowed_capacity_types as Obj | undefined)?.capacity_types as number[] | undefined) ?? [];
    const bad = capacity.filter((c) => allowed.length && !allowed.includes(c));
    if (bad.length) throw new ApiError(INVALID, `Instance type '${t.id}' does not allow capacity type(s) ${bad.join(", ")} (allowed: ${allowed.join(", ")})`);
  }
  const min = Number(n.min_instances ?? 0);
  const max = Number(n.max_instances ?? 0);
  if (max < 1) throw new ApiError(INVALID, "max_instances must be at least 1");
  if (min > max) throw new ApiError(INVALID, `min_instances (${min}) must not be greater than max_instances (${max})`);
  // 12.x warm_instances: idle nodes kept ready; strict reading: they count against max_instances.
  const warm = Number(n.warm_instances ?? 0);
  if (warm > max) throw new ApiError(INVALID, `warm_instances (${warm}) must not be greater than max_instances (${max})`);
  const out: Obj = {
    ...n,
    compute_cluster: { id: cluster.id, user_id: cluster.user },
    instance_types,
    node_capacity_type: { capacity_types: [...new Set(capacity)] },
    visibility: checkVisibility(n.visibility, INVALID),
    // Plan limits are not modelled: the enforced values equal the requested ones.
    enforced_min_instances: min,
    enforced_max_instances: max,
  };
  for (const f of ["min_instances", "max_instances"]) if (out[f] === undefined) delete out[f];
  void ctx;
  return out;
}

function checkBodyCluster(item: Obj, cluster: ClusterRec, ctx: HandlerContext): void {
  const cc = item.compute_cluster as Obj | undefined;
  if (!cc) return;
  if ((cc.id !== undefined && cc.id !== "" && cc.id !== cluster.id) || !sameUser(cc.user_id, ctx))
    throw new ApiError(INVALID, `nodepool.compute_cluster (${String(cc.id)}) does not match the compute cluster in the path (${cluster.id})`);
}

const GetNodepool: Handler = (req, ctx) => {
  const user = owner(req, ctx);
  const cluster = clusterOf(req, ctx, user);
  const id = String(req.nodepool_id ?? "");
  const n = ctx.store.find(kind, user, cluster.id, id);
  if (!n) throw new ApiError(MISSING, `Nodepool '${id}' not found in compute cluster '${cluster.id}'`);
  const out = { nodepool: renderNodepool(n, ctx) };
  countNodepoolRead(n);
  return out;
};

/** Kept nodes, or anything running on it (deployments, and the runners the orchestrator made for them). */
function activelyUsed(n: NodepoolRec, ctx: HandlerContext): boolean {
  if (Number(n.obj.min_instances ?? 0) > 0) return true;
  return ctx.store.dependents(kind, n).length > 0;
}

const ListNodepools: Handler = (req, ctx) => {
  const user = owner(req, ctx);
  let all = ctx.store.all(kind).filter((n) => n.user === user);
  if (req.compute_cluster_id) {
    const cluster = clusterOf(req, ctx, user);
    all = all.filter((n) => n.cluster === cluster.id);
  }
  if (req.active_usage) all = all.filter((n) => activelyUsed(n, ctx));
  const page = paginate(all, req);
  const out = { nodepools: page.map((n) => renderNodepool(n, ctx)) };
  page.forEach(countNodepoolRead);
  return out;
};

const PostNodepools: Handler = (req, ctx) => {
  const user = owner(req, ctx);
  const cluster = clusterOf(req, ctx, user);
  const items = requireList(req.nodepools, BAD_REQUEST, "nodepools");
  const seen = new Set<string>();
  const prepared: NodepoolRec[] = [];
  for (const item of items) {
    const id = checkId(item.id, "Nodepool", INVALID);
    const taken = `Nodepool with id '${id}' already exists in compute cluster '${cluster.id}'`;
    if (seen.has(id) || ctx.store.find(kind, user, cluster.id, id)) throw new ApiError(INVALID, taken);
    refuseHeldId(ctx, kind, [user, cluster.id, id], taken, INVALID);
    seen.add(id);
    checkBodyCluster(item, cluster, ctx);
    const obj = validate(clone(item), cluster, ctx);
    const now = ctx.nowIso();
    obj.created_at = now;
    obj.modified_at = now;
    prepared.push({ user, cluster: cluster.id, id, obj, createdMs: ctx.nowMs(), reads: 0 });
  }
  ctx.store.add(kind, prepared, ctx.nowIso);
  ctx.wrote = true;
  return { nodepools: prepared.map((n) => renderNodepool(n, ctx)) };
};

function uniqueById(list: Obj[]): Obj[] {
  const m = new Map<string, Obj>();
  for (const x of list) m.set(String(x.id), x);
  return [...m.values()];
}

/**
 * PATCH semantics (reading documented in emulator/README.md):
 * - overwrite: every field present replaces the stored value (sub-messages and lists wholesale); absent fields are kept.
 * - merge: scalars present replace; instance_types / special_handling are added by id; capacity_types are unioned;
 *   metadata is merged key by key; visibility replaced.
 * - remove: instance_types / special_handling listed by id, capacity_types listed and metadata keys listed are removed;
 *   other fields in the request are ignored. At least one instance type and capacity type must remain.
 */
function applyPatch(stored: Obj, item: Obj, action: "overwrite" | "merge" | "remove"): Obj {
  const out: Obj = clone(stored);
  const skip = new Set(["id", "created_at", "modified_at", "compute_cluster", "enforced_min_instances", "enforced_max_instances", "status", "status_description", "node_count"]);
  for (const [k, v] of Object.entries(item)) {
    if (skip.has(k)) continue;
    if (action === "overwrite") {
      out[k] = clone(v);
      continue;
    }
    if (k === "instance_types" || k === "special_handling") {
      const cur = (out[k] as Obj[] | undefined) ?? [];
      const ids = new Set((v as Obj[]).map((x) => String(x.id)));
      out[k] = action === "merge" ? uniqueById([...cur, ...clone(v as Obj[])]) : cur.filter((x) => !ids.has(String(x.id)));
    } else if (k === "node_capacity_type") {
      const cur = ((out.node_capacity_type as Obj | undefined)?.capacity_types as number[] | undefined) ?? [];
      const given = ((v as Obj).capacity_types as number[] | undefined) ?? [];
      const next = action === "merge" ? [...new Set([...cur, ...given])] : cur.filter((c) => !given.includes(c));
      if (action === "remove" && next.length === 0) throw new ApiError(INVALID, "Cannot remove every capacity type");
      out.node_capacity_type = { capacity_types: next };
    } else if (k === "metadata") {
      const cur = (out.metadata as Obj | undefined) ?? {};
      if (action === "merge") out.metadata = { ...cur, ...clone(v as Obj) };
      else {
        const next = { ...cur };
        for (const key of Object.keys(v as Obj)) delete next[key];
        if (Object.keys(next).length) out.metadata = next;
        else delete out.metadata;
      }
    } else if (action === "merge") {
      out[k] = clone(v);
    }
  }
  return out;
}

const PatchNodepools: Handler = (req, ctx) => {
  const user = owner(req, ctx);
  const cluster = clusterOf(req, ctx, user);
  const action = readAction(req, ["overwrite", "merge", "remove"], INVALID);
  const items = requireList(req.nodepools, BAD_REQUEST, "nodepools");
  const updates: Array<{ rec: NodepoolRec; obj: Obj }> = [];
  for (const item of items) {
    const id = String(item.id ?? "");
    if (!id) throw new ApiError(INVALID, "Nodepool id is required");
    const rec = ctx.store.find(kind, user, cluster.id, id);
    if (!rec) throw new ApiError(MISSING, `Nodepool '${id}' not found in compute cluster '${cluster.id}'`);
    checkBodyCluster(item, cluster, ctx);
    if (action === "remove" && Array.isArray(item.instance_types)) {
      const removeIds = new Set((item.instance_types as Obj[]).map((t) => String(t.id)));
      const left = ((rec.obj.instance_types as Obj[]) ?? []).filter((t) => !removeIds.has(String(t.id)));
      if (left.length === 0) throw new ApiError(INVALID, "Cannot remove every instance type of a nodepool");
    }
    const obj = validate(applyPatch(rec.obj, item, action), cluster, ctx);
    obj.modified_at = ctx.nowIso();
    updates.push({ rec, obj });
  }
  for (const u of updates) u.rec.obj = u.obj;
  ctx.wrote = true;
  return { nodepools: updates.map((u) => renderNodepool(u.rec, ctx)) };
};

/** A nodepool takes with it every deployment that uses it, and their runners. */
const DeleteNodepools: Handler = (req, ctx) => {
  const user = owner(req, ctx);
  const cluster = clusterOf(req, ctx, user);
  return deleteIds(req, ctx, kind, [user, cluster.id], (missing) => `Nodepool(s) not found in compute cluster '${cluster.id}': ${missing}`);
};

export const handlers: Record<string, Handler> = { GetNodepool, ListNodepools, PostNodepools, PatchNodepools, DeleteNodepools };
