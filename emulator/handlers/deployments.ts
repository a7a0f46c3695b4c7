/** GetDeployment, ListDeployments, PostDeployments, PatchDeployments, DeleteDeployments (+ runner orchestration). */
import { randomUUID } from "crypto";
import type { Obj } from "../json";
import { ApiError } from "../status";
import { Store, deletedKey, type DeploymentRec, type NodepoolRef } from "../store";
import {
  checkId,
  checkVisibility,
  clone,
  owner,
  paginate,
  readAction,
  refuseHeldId,
  requireIds,
  requireList,
  sameUser,
  type Handler,
  type HandlerContext,
} from "./context";
import { countDeploymentRead, renderDeployment } from "./render";

const INVALID = "DEPLOYMENT_INVALID_ARGUMENT";
const BAD_REQUEST = "DEPLOYMENT_INVALID_REQUEST";
const MISSING = "DEPLOYMENT_DOES_NOT_EXIST";

/** SchedulingChoice values 1..8 (0 = UNKNOWN_SCHEDULING_CHOICE is refused: the SDK always requires one). */
const SCHEDULING_CHOICES = [1, 2, 3, 4, 5, 6, 7, 8];

/** The deployed object's identity, for "one deployment per model (or workflow) per nodepool". */
function workerKey(worker: Obj | undefined): string {
  const m = worker?.model as Obj | undefined;
  if (m) return `model:${String(m.user_id ?? "")}/${String(m.app_id ?? "")}/${String(m.id ?? "")}`;
  const w = worker?.workflow as Obj | undefined;
  if (w) return `workflow:${String(w.user_id ?? "")}/${String(w.app_id ?? "")}/${String(w.id ?? "")}`;
  return "";
}

/** The worker and its version: a change of either is a rollout. */
function workerIdentity(worker: Obj | undefined): string {
  const m = worker?.model as Obj | undefined;
  const w = worker?.workflow as Obj | undefined;
  const version = String(((m?.model_version ?? w?.version) as Obj | undefined)?.id ?? "");
  return `${workerKey(worker)}@${version}`;
}

function checkWorker(worker: unknown): Obj {
  const w = worker as Obj | undefined;
  if (!w || (!w.model && !w.workflow)) throw new ApiError(INVALID, "worker.model or worker.workflow is required");
  if (w.user) throw new ApiError(INVALID, "worker.user cannot be deployed; use worker.model or worker.workflow");
  const target = (w.model ?? w.workflow) as Obj;
  if (!target.id) throw new ApiError(INVALID, `worker.${w.model ? "model" : "workflow"}.id is required`);
  const out = clone(w);
  // The real API renders Model.app_id even when empty (cl_show_if_empty); keep what was posted.
  return out;
}

function resolveNodepools(list: unknown, user: string, ctx: HandlerContext): Obj[] {
  if (!Array.isArray(list) || list.length === 0) throw new ApiError(INVALID, "At least one nodepool is required");
  const seen = new Set<string>();
  return (list as Obj[]).map((n) => {
    const id = String(n.id ?? "");
    const cc = (n.compute_cluster as Obj | undefined) ?? {};
    const ccId = String(cc.id ?? "");
    if (!id) throw new ApiError(INVALID, "nodepools[].id is required");
    if (!ccId) throw new ApiError(INVALID, `nodepools[].compute_cluster.id is required (nodepool '${id}')`);
    if (!sameUser(cc.user_id, ctx) || !ctx.store.nodepool(user, ccId, id))
      throw new ApiError("NODEPOOL_DOES_NOT_EXIST", `Nodepool '${id}' not found in compute cluster '${ccId}'`);
    const key = `${ccId}/${id}`;
    if (seen.has(key)) throw new ApiError(INVALID, `Nodepool '${key}' is listed twice`);
    seen.add(key);
    return { id, compute_cluster: { id: ccId, user_id: user } };
  });
}

/**
 * 12.x `deployment_nodepools` [{id, compute_cluster, priority 0..9}] is the newer form of `nodepools`;
 * the two must not be set together. Returns the plain references and the normalized list (or undefined).
 */
function resolveTargets(d: Obj, user: string, ctx: HandlerContext): { nodepools: Obj[]; deploymentNodepools?: Obj[] } {
  const dn = d.deployment_nodepools as Obj[] | undefined;
  if (!dn || dn.length === 0) return { nodepools: resolveNodepools(d.nodepools, user, ctx) };
  if (Array.isArray(d.nodepools) && d.nodepools.length)
    throw new ApiError(INVALID, "set either nodepools or deployment_nodepools, not both");
  const nodepools = resolveNodepools(dn, user, ctx);
  const deploymentNodepools = dn.map((x, i) => {
    const priority = Number(x.priority ?? 0);
    if (!Number.isInteger(priority) || priority < 0 || priority > 9)
      throw new ApiError(INVALID, `deployment_nodepools[${i}].priority must be 0..9; got ${priority}`);
    const out: Obj = { ...clone(nodepools[i]) };
    if (priority) out.priority = priority;
    return out;
  });
  return { nodepools, deploymentNodepools };
}

function validate(d: Obj, user: string, ctx: HandlerContext): Obj {
  const worker = checkWorker(d.desired_worker ?? d.worker);
  const { nodepools, deploymentNodepools } = resolveTargets(d, user, ctx);
  const sc = Number(d.scheduling_choice ?? 0);
  if (!SCHEDULING_CHOICES.includes(sc)) throw new ApiError(INVALID, `scheduling_choice is required (1..8); got ${sc}`);
  const ac = d.autoscale_config as Obj | undefined;
  if (ac) {
    const min = Number(ac.min_replicas ?? 0);
    const max = Number(ac.max_replicas ?? 0);
    if (min > max) throw new ApiError(INVALID, `autoscale_config.min_replicas (${min}) must not be greater than max_replicas (${max})`);
  }
  if (d.user_id !== undefined && !sameUser(d.user_id, ctx)) throw new ApiError(INVALID, `user_id '${String(d.user_id)}' does not match the request's user`);
  const out: Obj = { ...d, user_id: user, desired_worker: worker, nodepools, visibility: checkVisibility(d.visibility, INVALID) };
  if (deploymentNodepools) out.deployment_nodepools = deploymentNodepools;
  else delete out.deployment_nodepools;
  return out;
}

/** One deployment per model/workflow per nodepool. `ignore` = ids being replaced in this request. */
function checkUnique(obj: Obj, user: string, ctx: HandlerContext, others: Obj[], ignore: Set<string>): void {
  const key = workerKey((obj.desired_worker ?? obj.worker) as Obj);
  const mine = new Set(Store.refs({ obj } as DeploymentRec).map((r) => `${r.cluster}/${r.nodepool}`));
  const candidates: Obj[] = [
    ...ctx.store.data.deployments.filter((d) => d.user === user && !ignore.has(d.id)).map((d) => d.obj),
    ...others,
  ];
  for (const other of candidates) {
    if (other.id === obj.id || workerKey((other.desired_worker ?? other.worker) as Obj) !== key) continue;
    for (const r of Store.refs({ obj: other } as DeploymentRec)) {
      if (mine.has(`${r.cluster}/${r.nodepool}`))
        throw new ApiError(
          INVALID,
          `A deployment of ${key.replace(/^(model|workflow):/, "$1 ")} already exists in nodepool '${r.nodepool}' (deployment '${String(other.id)}'); each model or workflow can only have one deployment per nodepool`,
        );
    }
  }
}

/** Runners are created by the orchestrator: one per deployment nodepool, with a UUID id. */
function syncRunners(d: DeploymentRec, ctx: HandlerContext): void {
  const refs = Store.refs(d);
  const keep = (r: { cluster: string; nodepool: string }): boolean => refs.some((x) => x.cluster === r.cluster && x.nodepool === r.nodepool);
  const data = ctx.store.data;
  data.runners = data.runners.filter((r) => !(r.user === d.user && r.deployment === d.id && !keep(r)));
  const now = ctx.nowIso();
  for (const ref of refs) {
    const existing = data.runners.find((r) => r.user === d.user && r.deployment === d.id && r.cluster === ref.cluster && r.nodepool === ref.nodepool);
    if (existing) existing.modified_at = now;
    else data.runners.push({ user: d.user, id: randomUUID(), deployment: d.id, cluster: ref.cluster, nodepool: ref.nodepool, created_at: now, modified_at: now });
  }
}

export const GetDeployment: Handler = (req, ctx) => {
  const user = owner(req, ctx);
  const id = String(req.deployment_id ?? "");
  const d = ctx.store.deployment(user, id);
  if (!d) throw new ApiError(MISSING, `Deployment '${id}' not found`);
  const out = { deployment: renderDeployment(d, ctx) };
  countDeploymentRead(d);
  return out;
};

function matchesFilters(d: DeploymentRec, req: Obj): boolean {
  const refs: NodepoolRef[] = Store.refs(d);
  if (req.nodepool_id && !refs.some((r) => r.nodepool === req.nodepool_id)) return false;
  if (req.compute_cluster_id && !refs.some((r) => r.cluster === req.compute_cluster_id)) return false;
  const mv = (req.model_version_ids as string[] | undefined) ?? [];
  if (mv.length) {
    const v = String((((d.obj.worker as Obj | undefined)?.model as Obj | undefined)?.model_version as Obj | undefined)?.id ?? "");
    if (!mv.includes(v)) return false;
  }
  const wv = (req.workflow_version_ids as string[] | undefined) ?? [];
  if (wv.length) {
    const v = String((((d.obj.worker as Obj | undefined)?.workflow as Obj | undefined)?.version as Obj | undefined)?.id ?? "");
    if (!wv.includes(v)) return false;
  }
  return true;
}

export const ListDeployments: Handler = (req, ctx) => {
  const user = owner(req, ctx);
  const all = ctx.store.data.deployments.filter((d) => d.user === user && matchesFilters(d, req));
  const page = paginate(all, req);
  const out = { deployments: page.map((d) => renderDeployment(d, ctx)) };
  page.forEach(countDeploymentRead);
  return out;
};

export const PostDeployments: Handler = (req, ctx) => {
  const user = owner(req, ctx);
  const items = requireList(req.deployments, BAD_REQUEST, "deployments");
  const seen = new Set<string>();
  const prepared: DeploymentRec[] = [];
  for (const item of items) {
    const id = checkId(item.id, "Deployment", INVALID);
    const taken = `Deployment with id '${id}' already exists`;
    if (seen.has(id) || ctx.store.deployment(user, id)) throw new ApiError(INVALID, taken);
    refuseHeldId(ctx, "deployments", user, id, taken, INVALID);
    seen.add(id);
    const obj = validate(clone(item), user, ctx);
    // Created serving its target: `worker` (what the docs' YAML posts) or `desired_worker`, the latter
    // winning when both are sent (it is 12.x's input field).
    obj.worker = clone(obj.desired_worker);
    checkUnique(obj, user, ctx, prepared.map((p) => p.obj), new Set());
    const now = ctx.nowIso();
    obj.created_at = now;
    obj.modified_at = now;
    prepared.push({ user, id, obj, createdMs: ctx.nowMs(), reads: 0 });
  }
  for (const d of prepared) {
    ctx.store.reused(deletedKey("deployments", user, d.id));
    ctx.store.data.deployments.push(d);
    syncRunners(d, ctx);
  }
  ctx.wrote = true;
  return { deployments: prepared.map((d) => renderDeployment(d, ctx)) };
};

/** Only "overwrite" is accepted: the real backend refuses "merge" (and "remove") for deployments. */
export const PatchDeployments: Handler = (req, ctx) => {
  const user = owner(req, ctx);
  readAction(req, ["overwrite"], INVALID);
  const items = requireList(req.deployments, BAD_REQUEST, "deployments");
  const updates: Array<{ rec: DeploymentRec; obj: Obj }> = [];
  const ids = new Set(items.map((i) => String(i.id ?? "")));
  for (const item of items) {
    const id = String(item.id ?? "");
    if (!id) throw new ApiError(INVALID, "Deployment id is required");
    const rec = ctx.store.deployment(user, id);
    if (!rec) throw new ApiError(MISSING, `Deployment '${id}' not found`);
    const merged: Obj = clone(rec.obj);
    // 12.x: `worker` is observed state, silently ignored on input; `desired_worker` is what a PATCH writes.
    for (const [k, v] of Object.entries(item)) {
      if (["created_at", "modified_at", "worker", "deployment_metrics"].includes(k)) continue;
      merged[k] = clone(v);
    }
    if (item.nodepools !== undefined) delete merged.deployment_nodepools;
    if (item.deployment_nodepools !== undefined) delete merged.nodepools;
    const obj = validate(merged, user, ctx);
    checkUnique(obj, user, ctx, updates.map((u) => u.obj), ids);
    obj.modified_at = ctx.nowIso();
    updates.push({ rec, obj });
  }
  for (const u of updates) {
    const changesWorker = workerIdentity(u.obj.desired_worker as Obj) !== workerIdentity(u.rec.obj.worker as Obj);
    u.rec.obj = u.obj;
    if (changesWorker) u.rec.rollout = { startedMs: ctx.nowMs(), reads: 0 };
    syncRunners(u.rec, ctx);
  }
  ctx.wrote = true;
  return { deployments: updates.map((u) => renderDeployment(u.rec, ctx)) };
};

export const DeleteDeployments: Handler = (req, ctx) => {
  const user = owner(req, ctx);
  const ids = requireIds(req, BAD_REQUEST);
  const missing = ids.filter((id) => !ctx.store.deployment(user, id));
  if (missing.length) throw new ApiError(MISSING, `Deployment(s) not found: ${missing.map((m) => `'${m}'`).join(", ")}`);
  ctx.store.deleteDeployments(user, new Set(ids));
  ctx.wrote = true;
  return {};
};
