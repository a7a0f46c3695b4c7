/**
 * GetRunner and ListRunners: the runner view of readiness (the SDK polls it). Runners are created by
 * the emulator's "orchestrator" for each deployment nodepool (see deployments.ts); their
 * runner_metrics {pods_total, pods_running} show readiness, metadata {status, status_description}
 * shows a terminal failure.
 */
import type { Obj } from "../json";
import { ApiError } from "../status";
import type { RunnerRec } from "../store";
import { owner, paginate, type Handler, type HandlerContext } from "./context";
import { countDeploymentRead, countNodepoolRead, desiredReplicas, renderRunner } from "./render";

function countRead(r: RunnerRec, ctx: HandlerContext): void {
  const d = ctx.store.deployment(r.user, r.deployment);
  if (d) countDeploymentRead(d);
  countNodepoolRead(ctx.store.nodepool(r.user, r.cluster, r.nodepool));
}

/** With compute_cluster_id/nodepool_id from the path, both must exist. */
function scope(req: Obj, ctx: HandlerContext, user: string): { cluster?: string; nodepool?: string } {
  const cluster = req.compute_cluster_id ? String(req.compute_cluster_id) : undefined;
  const nodepool = req.nodepool_id ? String(req.nodepool_id) : undefined;
  if (cluster !== undefined && !ctx.store.cluster(user, cluster)) throw new ApiError("COMPUTE_CLUSTER_DOES_NOT_EXIST", `Compute cluster '${cluster}' not found`);
  if (cluster !== undefined && nodepool !== undefined && !ctx.store.nodepool(user, cluster, nodepool))
    throw new ApiError("NODEPOOL_DOES_NOT_EXIST", `Nodepool '${nodepool}' not found in compute cluster '${cluster}'`);
  return { cluster, nodepool };
}

export const GetRunner: Handler = (req, ctx) => {
  const user = owner(req, ctx);
  const s = scope(req, ctx, user);
  const id = String(req.runner_id ?? "");
  const r = ctx.store.runner(user, id);
  if (!r || (s.cluster !== undefined && r.cluster !== s.cluster) || (s.nodepool !== undefined && r.nodepool !== s.nodepool))
    throw new ApiError("RUNNER_DOES_NOT_EXIST", `Runner '${id}' not found`);
  const out = { runner: renderRunner(r, ctx) };
  countRead(r, ctx);
  return out;
};

export const ListRunners: Handler = (req, ctx) => {
  const user = owner(req, ctx);
  const s = scope(req, ctx, user);
  const versions = (req.model_version_ids as string[] | undefined) ?? [];
  const minReplicas = Number(req.min_replicas ?? 0);
  const all = ctx.store.data.runners.filter((r) => {
    if (r.user !== user) return false;
    if (s.cluster !== undefined && r.cluster !== s.cluster) return false;
    if (s.nodepool !== undefined && r.nodepool !== s.nodepool) return false;
    const d = ctx.store.deployment(r.user, r.deployment);
    if (versions.length) {
      const v = String((((d?.obj.worker as Obj | undefined)?.model as Obj | undefined)?.model_version as Obj | undefined)?.id ?? "");
      if (!versions.includes(v)) return false;
    }
    if (minReplicas > 0 && (!d || desiredReplicas(d) < minReplicas)) return false;
    return true;
  });
  const page = paginate(all, req);
  const out = { runners: page.map((r) => renderRunner(r, ctx)) };
  page.forEach((r) => countRead(r, ctx));
  return out;
};
