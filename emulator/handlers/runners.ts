/**
 * Runners: what the emulator's "orchestrator" makes of a deployment, one per deployment nodepool, kept
 * in step whenever the deployment is written; the runner view of readiness (the SDK polls it): their
 * runner_metrics {pods_total, pods_running} show readiness, metadata {status, status_description} a
 * terminal failure. GetRunner and ListRunners; PostRunners, PatchRunners and DeleteRunners answer 501
 * (routed, no handler).
 */
import { randomUUID } from "crypto";
import type { Obj } from "../json";
import { ApiError } from "../status";
import type { Rec, Store } from "../store";
import { clone, owner, paginate, type Handler, type HandlerContext, type Kind } from "./context";
import { kind as computeClusters } from "./computeClusters";
import { countNodepoolRead, kind as nodepools, renderNodepool } from "./nodepools";
import { countDeploymentRead, desiredReplicas, kind as deployments, podsRunning, type DeploymentRec } from "./deployments";
import { refs } from "./deploymentRules";

export interface RunnerRec extends Rec {
  deployment: string;
  cluster: string;
  nodepool: string;
  created_at: string;
  modified_at: string;
}

/** The deployment's runners match its nodepools: new ones get a UUID, gone ones go, kept ones are touched. */
function made(d: DeploymentRec, store: Store, now: string): void {
  const on = refs(d);
  const mine = (r: RunnerRec): boolean => r.user === d.user && r.deployment === d.id;
  store.remove(kind, store.all(kind).filter((r) => mine(r) && !on.some((x) => x.cluster === r.cluster && x.nodepool === r.nodepool)));
  const add: RunnerRec[] = [];
  for (const ref of on) {
    const existing = store.all(kind).find((r) => mine(r) && r.cluster === ref.cluster && r.nodepool === ref.nodepool);
    if (existing) existing.modified_at = now;
    else add.push({ user: d.user, id: randomUUID(), deployment: d.id, cluster: ref.cluster, nodepool: ref.nodepool, created_at: now, modified_at: now });
  }
  store.add(kind, add, () => now);
}

export function renderRunner(r: RunnerRec, ctx: HandlerContext): Obj {
  const d = ctx.store.find(deployments, r.user, r.deployment);
  const n = ctx.store.find(nodepools, r.user, r.cluster, r.nodepool);
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

export const kind = {
  message: "Runner",
  list: "runners",
  stored: "runners",
  key: (r: RunnerRec) => [r.user, r.id],
  needs: (r: RunnerRec) => [
    { kind: deployments, key: [r.user, r.deployment] },
    { kind: nodepools, key: [r.user, r.cluster, r.nodepool] },
  ],
  follows: { kind: deployments, made },
  render: renderRunner,
} as const satisfies Kind<RunnerRec>;

function countRead(r: RunnerRec, ctx: HandlerContext): void {
  const d = ctx.store.find(deployments, r.user, r.deployment);
  if (d) countDeploymentRead(d);
  countNodepoolRead(ctx.store.find(nodepools, r.user, r.cluster, r.nodepool));
}

/** The runners a request may see: compute_cluster_id / nodepool_id (from the path) narrow them, and must exist. */
export function runnersInScope(req: Obj, ctx: HandlerContext, user: string): { all: RunnerRec[]; one(id: string): RunnerRec } {
  const cluster = req.compute_cluster_id ? String(req.compute_cluster_id) : undefined;
  const nodepool = req.nodepool_id ? String(req.nodepool_id) : undefined;
  if (cluster !== undefined && !ctx.store.find(computeClusters, user, cluster)) throw new ApiError("COMPUTE_CLUSTER_DOES_NOT_EXIST", `Compute cluster '${cluster}' not found`);
  if (cluster !== undefined && nodepool !== undefined && !ctx.store.find(nodepools, user, cluster, nodepool))
    throw new ApiError("NODEPOOL_DOES_NOT_EXIST", `Nodepool '${nodepool}' not found in compute cluster '${cluster}'`);
  const has = (r: RunnerRec): boolean => r.user === user && (cluster === undefined || r.cluster === cluster) && (nodepool === undefined || r.nodepool === nodepool);
  const one = (id: string): RunnerRec => {
    const r = ctx.store.find(kind, user, id);
    if (!r || !has(r)) throw new ApiError("RUNNER_DOES_NOT_EXIST", `Runner '${id}' not found`);
    return r;
  };
  return { all: ctx.store.all(kind).filter(has), one };
}

/** The model a runner serves (its deployment's observed worker). */
export function servedModel(r: RunnerRec, ctx: HandlerContext): Obj | undefined {
  return (ctx.store.find(deployments, r.user, r.deployment)?.obj.worker as Obj | undefined)?.model as Obj | undefined;
}

const GetRunner: Handler = (req, ctx) => {
  const user = owner(req, ctx);
  const r = runnersInScope(req, ctx, user).one(String(req.runner_id ?? ""));
  const out = { runner: renderRunner(r, ctx) };
  countRead(r, ctx);
  return out;
};

const ListRunners: Handler = (req, ctx) => {
  const user = owner(req, ctx);
  const versions = (req.model_version_ids as string[] | undefined) ?? [];
  const minReplicas = Number(req.min_replicas ?? 0);
  const all = runnersInScope(req, ctx, user).all.filter((r) => {
    if (versions.length && !versions.includes(String((servedModel(r, ctx)?.model_version as Obj | undefined)?.id ?? ""))) return false;
    const d = ctx.store.find(deployments, r.user, r.deployment);
    return !(minReplicas > 0 && (!d || desiredReplicas(d) < minReplicas));
  });
  const page = paginate(all, req);
  const out = { runners: page.map((r) => renderRunner(r, ctx)) };
  page.forEach((r) => countRead(r, ctx));
  return out;
};

export const handlers: Record<string, Handler> = { GetRunner, ListRunners };
