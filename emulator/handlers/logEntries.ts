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
import { DEFAULT_PER_PAGE, owner, paginate, type Handler, type HandlerContext } from "./context";
import { runnerEvents } from "./events";
import { runnersInScope, servedModel, type RunnerRec } from "./runners";

const LOG_TYPES = ["runner.events", "runner"];

function selected(req: Obj, ctx: HandlerContext, user: string): RunnerRec[] {
  const scope = runnersInScope(req, ctx, user);
  if (req.runner_id) return [scope.one(String(req.runner_id))];
  const version = String(req.model_version_id ?? "");
  const model = String(req.model_id ?? "");
  return scope.all.filter((r) => {
    const m = servedModel(r, ctx);
    if (version && String((m?.model_version as Obj | undefined)?.id ?? "") !== version) return false;
    return !model || String(m?.id ?? "") === model;
  });
}

const ListLogEntries: Handler = (req, ctx) => {
  const user = owner(req, ctx);
  const logType = String(req.log_type ?? "");
  if (!LOG_TYPES.includes(logType))
    throw new ApiError("LOG_ENTRIES_INVALID_REQUEST", `log_type '${logType}' is not served by the emulator (served: ${LOG_TYPES.join(", ")})`);
  const runners = selected(req, ctx, user);
  const entries: Obj[] = [];
  if (logType === "runner.events") {
    for (const r of runners) {
      const m = servedModel(r, ctx);
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

export const handlers: Record<string, Handler> = { ListLogEntries };
