/**
 * Stored objects -> API objects (still plain objects; json.encodeMessage renders them on the wire).
 * Keys are masked, nodepools embed their full cluster, deployments their full nodepools, runners their
 * nodepool and worker. Readiness is computed here from the readiness settings.
 */
import type { Obj } from "../json";
import { loadProtos } from "../protos";
import { findProvider } from "../catalogue";
import { Store, type ClusterRec, type DeploymentRec, type NodepoolRec, type RunnerRec } from "../store";
import { clone, type HandlerContext } from "./context";

export const MASKED_KEY = "****";

export function renderCluster(c: ClusterRec): Obj {
  const o = clone(c.obj);
  const cp = o.cloud_provider as Obj | undefined;
  if (cp) cp.name = findProvider(String(cp.id))?.clusterName ?? String(cp.id).toUpperCase();
  if (o.key) o.key = { id: MASKED_KEY };
  return o;
}

/** Readiness of a nodepool's nodes: ready after nodepoolReadyAfterMs and nodepoolReadyAfterReads. */
export function nodepoolState(n: NodepoolRec, ctx: HandlerContext): { state: "pending" | "ready" | "failed"; reason?: string } {
  const r = ctx.readiness;
  const reason = r.failNodepools?.[n.id];
  if (reason !== undefined) return { state: "failed", reason };
  const timeOk = ctx.nowMs() - n.createdMs >= (r.nodepoolReadyAfterMs ?? 0);
  const readsOk = n.reads >= (r.nodepoolReadyAfterReads ?? 0);
  return { state: timeOk && readsOk ? "ready" : "pending" };
}

export function deploymentState(d: DeploymentRec, ctx: HandlerContext): { state: "pending" | "ready" | "failed"; reason?: string } {
  const r = ctx.readiness;
  const reason = r.failDeployments?.[d.id];
  if (reason !== undefined) return { state: "failed", reason };
  if (r.stallDeployments?.[d.id] !== undefined) return { state: "pending" };
  return { state: deploymentSettled(ctx, d.createdMs, d.reads) ? "ready" : "pending" };
}

/** The deployment readiness controls, with time and reads counted from `sinceMs` (a create or a rollout). */
function deploymentSettled(ctx: HandlerContext, sinceMs: number, reads: number): boolean {
  const r = ctx.readiness;
  return ctx.nowMs() - sinceMs >= (r.deploymentReadyAfterMs ?? 0) && reads >= (r.deploymentReadyAfterReads ?? 0);
}

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

/** Deployment.Status.DISABLED (12.x): scaled to zero, autoscale_config kept. */
const DISABLED = 1;

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

function hasField(typeName: string, field: string): boolean {
  return Boolean(loadProtos().type(typeName).fields[field]);
}

export function renderNodepool(n: NodepoolRec, ctx: HandlerContext): Obj {
  const o = clone(n.obj);
  const c = ctx.store.cluster(n.user, n.cluster);
  if (c) o.compute_cluster = renderCluster(c);
  // Newer protos (12.x) have Nodepool.status / status_description / node_count: fill them when present.
  if (hasField("Nodepool", "status")) {
    const s = nodepoolState(n, ctx);
    o.status = s.state === "ready" ? 2 : s.state === "failed" ? 3 : 1;
    if (s.reason) o.status_description = s.reason;
    if (hasField("Nodepool", "node_count")) o.node_count = s.state === "ready" ? Math.max(Number(o.min_instances ?? 0), 1) : 0;
  }
  return o;
}

/** pods_running for a runner: all desired pods once both the nodepool and the deployment are ready, else 0. */
function podsRunning(d: DeploymentRec, n: NodepoolRec | undefined, ctx: HandlerContext): { total: number; running: number; failure?: string } {
  const total = desiredReplicas(d);
  const ds = deploymentState(d, ctx);
  const ns = n ? nodepoolState(n, ctx) : { state: "failed" as const, reason: "nodepool no longer exists" };
  const failure = ds.state === "failed" ? ds.reason : ns.state === "failed" ? ns.reason : undefined;
  const running = failure === undefined && ds.state === "ready" && ns.state === "ready" ? total : 0;
  return { total, running, failure };
}

export function renderDeployment(d: DeploymentRec, ctx: HandlerContext): Obj {
  const rolling = advanceRollout(d, ctx);
  const o = clone(d.obj);
  const nps: Obj[] = [];
  for (const ref of Store.refs(d)) {
    const n = ctx.store.nodepool(d.user, ref.cluster, ref.nodepool);
    if (n) nps.push(renderNodepool(n, ctx));
  }
  o.nodepools = nps;
  // deployment_nodepools (12.x) as posted, each with its full nodepool (an output field).
  if (Array.isArray(o.deployment_nodepools)) {
    o.deployment_nodepools = (o.deployment_nodepools as Obj[]).map((x) => {
      const n = ctx.store.nodepool(d.user, String((x.compute_cluster as Obj | undefined)?.id ?? ""), String(x.id ?? ""));
      return n ? { ...x, nodepool: renderNodepool(n, ctx) } : x;
    });
  }
  // Newer protos (12.x) have Deployment.deployment_metrics: fill it when present.
  if (hasField("Deployment", "deployment_metrics")) {
    let desired = 0;
    let live = 0;
    const perNp: Obj[] = [];
    for (const ref of Store.refs(d)) {
      const p = podsRunning(d, ctx.store.nodepool(d.user, ref.cluster, ref.nodepool), ctx);
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

export function renderRunner(r: RunnerRec, ctx: HandlerContext): Obj {
  const d = ctx.store.deployment(r.user, r.deployment);
  const n = ctx.store.nodepool(r.user, r.cluster, r.nodepool);
  const o: Obj = { id: r.id, created_at: r.created_at, modified_at: r.modified_at };
  if (d) {
    o.description = `runner for deployment ${d.id}`;
    if (d.obj.worker) o.worker = clone(d.obj.worker);
    const p = podsRunning(d, n, ctx);
    o.num_replicas = p.total;
    o.runner_metrics = { pods_total: p.total, pods_running: p.running };
    if (p.failure !== undefined) o.metadata = { status: "ERROR", status_description: p.failure };
  }
  if (n) o.nodepool = renderNodepool(n, ctx);
  return o;
}

/** Count a read of a deployment (GetDeployment, ListDeployments, runner reads) for the readiness-by-reads setting. */
export function countDeploymentRead(d: DeploymentRec): void {
  d.reads += 1;
  if (d.rollout) d.rollout.reads += 1;
}

export function countNodepoolRead(n: NodepoolRec | undefined): void {
  if (n) n.reads += 1;
}
