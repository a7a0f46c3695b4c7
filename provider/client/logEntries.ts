/**
 * ListLogEntries for a runner (`log_type` "runner.events": the orchestrator's events, what
 * `clarifai deployment logs --log-type events` prints; "runner": the model's output). Wire shape from
 * the API definition (MultiLogEntryResponse, LogEntry); the call sits in client.ts.
 */
import type { WireBaseResponse } from "./wire";

export type LogType = "runner.events" | "runner";

/** One log entry, oldest first in a page. */
export interface LogEntry {
  message: string;
  logType?: string;
  runnerId?: string;
}

/** @internal LogEntry as the API sends it. */
export interface WireLogEntry {
  message?: string;
  log_type?: string;
  url?: string;
  meta?: { runner_id?: string; nodepool_id?: string; compute_cluster_id?: string; model_id?: string; model_version_id?: string };
}

/** @internal */
export interface WireMultiLogEntryResponse extends WireBaseResponse {
  log_entries?: WireLogEntry[];
  page?: number;
  per_page?: number;
}

export function logEntryFromWire(w: WireLogEntry): LogEntry {
  return { message: w.message ?? "", logType: w.log_type, runnerId: w.meta?.runner_id };
}
