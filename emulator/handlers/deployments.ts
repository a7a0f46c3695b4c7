/**
 * Deployments: their records, their readiness (replicas, rollouts) and rendering, and GetDeployment,
 * ListDeployments, PostDeployments, PatchDeployments, DeleteDeployments. What a posted or patched one
 * must be is in deploymentRules.ts; their runners follow them (runners.ts).
 */
import type { Obj } from "../json";
import { ApiError } from "../status";
import type { Rec } from "../store";
import {
  checkId,
  clone,
  owner,
  paginate,
  readAction,
  refuseHeldId,
  deleteIds,
  requireList,
  type Handler,
  type HandlerContext,
  type Kind,
} from "./context";
import { hasField, settled, type Readiness } from "./render";
import { kind as nodepools, nodepoolState, renderNodepool, type NodepoolRec } from "./nodepools";
import { INVALID, checkUnique, refs, validate, workerIdentity } from "./deploymentRules";

export interface DeploymentRec extends Rec {
  /**
   * Deployment fields as stored; nodepools are references [{id, compute_cluster{id,user_id}}] (derived
   * from deployment_nodepools when the request used those). `worker` is the observed worker,
   * `desired_worker` the target (12.x).
   */
  obj: Obj;
  createdMs: number;
  reads: number;
  /** A change of desired_worker being rolled out: `worker` follows it when the rollout is ready. */
  rollout?: { startedMs: number; reads: number };
}

export function deploymentState(d: DeploymentRec, ctx: HandlerContext): Readiness {
  const r = ctx.readiness;
  const reason = r.failDeployments?.[d.id];
  if (reason !== undefined) return { state: "failed", reason };
  if (r.stallDeployments?.[d.id] !== undefined) return { state: "pending" };
  return { state: deploymentSettled(ctx, d.createdMs, d.reads) ? "ready" : "pending" };
}

/** The deployment readiness controls, with time and reads counted from `sinceMs` (a create or a rollout). */
function deploymentSettled(ctx: HandlerContext, sinceMs: number, reads: number): boolean {
  return settled(ctx, sinceMs, reads, ctx.readiness.deploymentReadyAfterMs, ctx.readiness.deploymentReadyAfterReads);
}

/** Deployment.Status.DISABLED (12.x): scaled to zero, autoscale_config kept. */
const DISABLED = 1;

/**
 * Replicas the orchestrator asks for on each nodepool: min_replicas + soft_min_replicas, capped at
 * max_replicas; 0 for a DISABLED deployment. A scale-to-zero deployment (0) starts no replica until
 * traffic arrives (reference §10.1), so it is ready with 0 live replicas.
 */
export function desiredReplicas(d: DeploymentRec): number {
  if (Number(d.obj.status ?? 0) === DISABLED) return 0;
  const a = (d.obj.autoscale_config as Obj | undefined) ?? {};
  const floor = Number(a.min_replicas ?? 0) + Number(a.soft_min_replicas ?? 0);
  const max = Number(a.max_replicas ?? 0);
  return max > 0 ? Math.min(floor, max) : floor;
}

/**
 * A rollout of a new desired_worker finishes under the same readiness controls as a new deployment
 * (time and reads counted from the PATCH); `worker` then follows `desired_worker`.
 */
function advanceRollout(d: DeploymentRec, ctx: HandlerContext): boolean {
  const r = d.rollout;
  if (!r) return false;
  const done = desiredReplicas(d) === 0 || deploymentSettled(ctx, r.startedMs, r.reads);
  if (!done || ctx.readiness.failDeployments?.[d.id] !== undefined) return true;
  d.obj.worker = clone(d.obj.desired_worker);
  d.rollout = undefined;
  return false;
}

/** The pods of the deployment on one nodepool: all desired ones run once both the nodepool and the deployment are ready, else none. */
export function podsRunning(d: DeploymentRec, n: NodepoolRec | undefined, ctx: HandlerContext): { total: number; running: number; failure?: string } {
  const total = desiredReplicas(d);
  const ds = deploymentState(d, ctx);
  const ns = nodepoolState(n, ctx);
  const failure = ds.state === "failed" ? ds.reason : ns.state === "failed" ? ns.reason : undefined;
  const running = failure === undefined && ds.state === "ready" && ns.state === "ready" ? total : 0;
  return { total, running, failure };
}

/** Its full nodepools embedded (rendered at read time, so later patches show), and (12.x) its metrics. */
export function renderDeployment(d: DeploymentRec, ctx: HandlerContext): Obj {
  const rolling = advanceRollout(d, ctx);
  const o = clone(d.obj);
  const nps: Obj[] = [];
  for (const ref of refs(d)) {
    const n = ctx.store.find(nodepools, d.user, ref.cluster, ref.nodepool);
    if (n) nps.push(renderNodepool(n, ctx));
  }
  o.nodepools = nps;
  // deployment_nodepools (12.x) as posted, each with its full nodepool (an output field).
  if (Array.isArray(o.deployment_nodepools)) {
    o.deployment_nodepools = (o.deployment_nodepools as Obj[]).map((x) => {
      const n = ctx.store.find(nodepools, d.user, String((x.compute_cluster as Obj | undefined)?.id ?? ""), String(x.id ?? ""));
      return n ? { ...x, nodepool: renderNodepool(n, ctx) } : x;
    });
  }
  if (hasField("Deployment", "deployment_metrics")) {
    let desired = 0;
    let live = 0;
    const perNp: Obj[] = [];
    for (const ref of refs(d)) {
      const p = podsRunning(d, ctx.store.find(nodepools, d.user, ref.cluster, ref.nodepool), ctx);
      desired += p.total;
      live += p.running;
      perNp.push({ compute_cluster_id: ref.cluster, nodepool_id: ref.nodepool, metrics: { desired_replicas: p.total, live_replicas: p.running, rollout_in_progress: rolling || (p.running < p.total && !p.failure) } });
    }
    const aggregate = { desired_replicas: desired, live_replicas: live, rollout_in_progress: rolling || live < desired };
    // The deprecated top-level copies are filled as well: older readers (the SDK's CLI) use them.
    o.deployment_metrics = { ...aggregate, aggregate, nodepool_metrics: perNp };
  }
  return o;
}

/** Count a read of a deployment (GetDeployment, ListDeployments, runner reads) for the readiness-by-reads setting. */
export function countDeploymentRead(d: DeploymentRec): void {
  d.reads += 1;
  if (d.rollout) d.rollout.reads += 1;
}

export const kind = {
  message: "Deployment",
  list: "deployments",
  codes: "DEPLOYMENT",
  stored: "deployments",
  key: (d: DeploymentRec) => [d.user, d.id],
  needs: (d: DeploymentRec) => refs(d).map((r) => ({ kind: nodepools, key: [d.user, r.cluster, r.nodepool] })),
  /** Clarifai asks to wait at least 5 s after DeleteDeployments before posting the same id again (reference §10.2, §10.3). */
  deletedIds: { option: "deployments", ms: 5000, documented: true },
  render: renderDeployment,
} as const satisfies Kind<DeploymentRec>;

const BAD_REQUEST = "DEPLOYMENT_INVALID_REQUEST";
const MISSING = "DEPLOYMENT_DOES_NOT_EXIST";

/** The stored deployments of the user a request's items are checked against (one per model per nodepool), but those it replaces. */
function storedOthers(ctx: HandlerContext, user: string, replaced: Set<string>): Obj[] {
  return ctx.store.all(kind).filter((d) => d.user === user && !replaced.has(d.id)).map((d) => d.obj);
}

const GetDeployment: Handler = (req, ctx) => {
  const user = owner(req, ctx);
  const id = String(req.deployment_id ?? "");
  const d = ctx.store.find(kind, user, id);
  if (!d) throw new ApiError(MISSING, `Deployment '${id}' not found`);
  const out = { deployment: renderDeployment(d, ctx) };
  countDeploymentRead(d);
  return out;
};

function matchesFilters(d: DeploymentRec, req: Obj): boolean {
  const on = refs(d);
  if (req.nodepool_id && !on.some((r) => r.nodepool === req.nodepool_id)) return false;
  if (req.compute_cluster_id && !on.some((r) => r.cluster === req.compute_cluster_id)) return false;
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

const ListDeployments: Handler = (req, ctx) => {
  const user = owner(req, ctx);
  const all = ctx.store.all(kind).filter((d) => d.user === user && matchesFilters(d, req));
  const page = paginate(all, req);
  const out = { deployments: page.map((d) => renderDeployment(d, ctx)) };
  page.forEach(countDeploymentRead);
  return out;
};

const PostDeployments: Handler = (req, ctx) => {
  const user = owner(req, ctx);
  const items = requireList(req.deployments, BAD_REQUEST, "deployments");
  const seen = new Set<string>();
  const prepared: DeploymentRec[] = [];
  for (const item of items) {
    const id = checkId(item.id, "Deployment", INVALID);
    const taken = `Deployment with id '${id}' already exists`;
    if (seen.has(id) || ctx.store.find(kind, user, id)) throw new ApiError(INVALID, taken);
    refuseHeldId(ctx, kind, [user, id], taken, INVALID);
    seen.add(id);
    const obj = validate(clone(item), user, ctx);
    // Created serving its target: `worker` (what the docs' YAML posts) or `desired_worker`, the latter
    // winning when both are sent (it is 12.x's input field).
    obj.worker = clone(obj.desired_worker);
    checkUnique(obj, [...storedOthers(ctx, user, new Set()), ...prepared.map((p) => p.obj)]);
    const now = ctx.nowIso();
    obj.created_at = now;
    obj.modified_at = now;
    prepared.push({ user, id, obj, createdMs: ctx.nowMs(), reads: 0 });
  }
  ctx.store.add(kind, prepared, ctx.nowIso);
  ctx.wrote = true;
  return { deployments: prepared.map((d) => renderDeployment(d, ctx)) };
};

/** Only "overwrite" is accepted: the real backend refuses "merge" (and "remove") for deployments. */
const PatchDeployments: Handler = (req, ctx) => {
  const user = owner(req, ctx);
  readAction(req, ["overwrite"], INVALID);
  const items = requireList(req.deployments, BAD_REQUEST, "deployments");
  const updates: Array<{ rec: DeploymentRec; obj: Obj }> = [];
  const ids = new Set(items.map((i) => String(i.id ?? "")));
  for (const item of items) {
    const id = String(item.id ?? "");
    if (!id) throw new ApiError(INVALID, "Deployment id is required");
    const rec = ctx.store.find(kind, user, id);
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
    checkUnique(obj, [...storedOthers(ctx, user, ids), ...updates.map((u) => u.obj)]);
    obj.modified_at = ctx.nowIso();
    updates.push({ rec, obj });
  }
  for (const u of updates) {
    const changesWorker = workerIdentity(u.obj.desired_worker as Obj) !== workerIdentity(u.rec.obj.worker as Obj);
    u.rec.obj = u.obj;
    if (changesWorker) u.rec.rollout = { startedMs: ctx.nowMs(), reads: 0 };
  }
  ctx.store.written(kind, updates.map((u) => u.rec), ctx.nowIso);
  ctx.wrote = true;
  return { deployments: updates.map((u) => renderDeployment(u.rec, ctx)) };
};

/** A deployment takes its runners with it. */
const DeleteDeployments: Handler = (req, ctx) => deleteIds(req, ctx, kind, [owner(req, ctx)], (missing) => `Deployment(s) not found: ${missing}`);

export const handlers: Record<string, Handler> = { GetDeployment, ListDeployments, PostDeployments, PatchDeployments, DeleteDeployments };
