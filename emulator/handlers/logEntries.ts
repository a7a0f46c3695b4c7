/**
 * ListLogEntries for runners: `log_type` "runner.events" (the orchestrator's events, handlers/events.ts)
 * and "runner" (the model's stdout/stderr: none in the emulator, so an empty list). Selected as the
 * official SDK asks (clarifai/runners/models/model_deploy.py stream_model_logs): `runner_id`, with
 * `compute_cluster_id` and `nodepool_id` when known; without a runner id, every runner of the nodepool
 * (or of the user) serving `model_version_id` or `model_id`. Oldest first, `page` / `per_page` as in
 * every list (the SDK follows new entries by asking for the next page once one is full).
 */
import type { Obj } from "../json";
import { ApiError } from "../status";
import type { RunnerRec } from "../store";
import { DEFAULT_PER_PAGE, owner, paginate, type Handler, type HandlerContext } from "./context";
import { runnerEvents } from "./events";

const LOG_TYPES = ["runner.events", "runner"];

function selected(req: Obj, ctx: HandlerContext, user: string): RunnerRec[] {
  const cluster = req.compute_cluster_id ? String(req.compute_cluster_id) : undefined;
  const nodepool = req.nodepool_id ? String(req.nodepool_id) : undefined;
  const runnerId = req.runner_id ? String(req.runner_id) : undefined;
  if (cluster !== undefined && !ctx.store.cluster(user, cluster)) throw new ApiError("COMPUTE_CLUSTER_DOES_NOT_EXIST", `Compute cluster '${cluster}' not found`);
  if (cluster !== undefined && nodepool !== undefined && !ctx.store.nodepool(user, cluster, nodepool))
    throw new ApiError("NODEPOOL_DOES_NOT_EXIST", `Nodepool '${nodepool}' not found in compute cluster '${cluster}'`);
  const inScope = (r: RunnerRec) => r.user === user && (cluster === undefined || r.cluster === cluster) && (nodepool === undefined || r.nodepool === nodepool);
  if (runnerId !== undefined) {
    const r = ctx.store.runner(user, runnerId);
    if (!r || !inScope(r)) throw new ApiError("RUNNER_DOES_NOT_EXIST", `Runner '${runnerId}' not found`);
    return [r];
  }
  const version = String(req.model_version_id ?? "");
  const model = String(req.model_id ?? "");
  return ctx.store.data.runners.filter((r) => {
    if (!inScope(r)) return false;
    const m = (ctx.store.deployment(r.user, r.deployment)?.obj.worker as Obj | undefined)?.model as Obj | undefined;
    if (version && String((m?.model_version as Obj | undefined)?.id ?? "") !== version) return false;
    return !model || String(m?.id ?? "") === model;
  });
}

export const ListLogEntries: Handler = (req, ctx) => {
  const user = owner(req, ctx);
  const logType = String(req.log_type ?? "");
  if (!LOG_TYPES.includes(logType))
    throw new ApiError("LOG_ENTRIES_INVALID_REQUEST", `log_type '${logType}' is not served by the emulator (served: ${LOG_TYPES.join(", ")})`);
  const runners = selected(req, ctx, user);
  const entries: Obj[] = [];
  if (logType === "runner.events") {
    for (const r of runners) {
      const d = ctx.store.deployment(r.user, r.deployment);
      const m = (d?.obj.worker as Obj | undefined)?.model as Obj | undefined;
      const meta: Obj = { user_app_id: { user_id: user }, compute_cluster_id: r.cluster, nodepool_id: r.nodepool, runner_id: r.id };
      if (m?.id) meta.model_id = m.id;
      const version = (m?.model_version as Obj | undefined)?.id;
      if (version) meta.model_version_id = version;
      for (const e of runnerEvents(r, ctx)) entries.push({ at: e.at, entry: { message: `${e.at} ${e.message}`, log_type: logType, meta } });
    }
  }
  entries.sort((a, b) => String(a.at).localeCompare(String(b.at)));
  return {
    log_entries: paginate(entries, req).map((e) => e.entry as Obj),
    page: Math.max(1, Number(req.page ?? 0) || 1),
    per_page: Number(req.per_page ?? 0) || DEFAULT_PER_PAGE,
  };
};
