/**
 * The control plane under /_emulator/ (JSON in and out, no auth, not logged, not rate-limited):
 *   POST   /_emulator/reset      clear state, faults, request log; settings back to the start options
 *   GET    /_emulator/state      everything stored, rendered as the API would (keys masked)
 *   GET    /_emulator/requests   {requests, counts}
 *   DELETE /_emulator/requests   clear the request log
 *   GET    /_emulator/faults     the active fault rules
 *   POST   /_emulator/faults     body FaultRule -> {id}
 *   DELETE /_emulator/faults     remove every fault rule
 *   GET    /_emulator/settings   {rateLimitPerSecond, latencyMs, unknownResponseFields, readiness, deletedIdReuseMs}
 *   POST   /_emulator/settings   body {rateLimitPerSecond?, latencyMs?, unknownResponseFields?, readiness?, deletedIdReuseMs?} (null clears a value)
 *   POST   /_emulator/models     body {user_id, app_id, model_id, version_id, inference_compute_info?} (API field names):
 *                                 a model version GetModelVersion serves (replaces one with the same ids)
 */
import type * as http from "http";
import { deletedIdReuse } from "./deletedIds";
import type { DeletedIdReuse, EmulatorSettings, EmulatorState, FaultRule, ReadinessSettings } from "./types";

/** The emulator as the control plane drives it (server.ts passes itself, so this module needs nothing from it). */
export interface Controlled {
  reset(): void;
  state(): EmulatorState;
  requests(): unknown;
  clearRequests(): void;
  readonly faults: { list(): unknown };
  addFault(rule: FaultRule): string;
  clearFaults(): void;
  readonly limiter: { readonly perSecond?: number };
  readonly latencyMs?: number;
  readonly unknownResponseFields: boolean;
  readonly readiness: ReadinessSettings;
  readonly deletedIdReuseMs: Required<DeletedIdReuse>;
  /** The start options, for a `null` that restores them. */
  readonly options: { deletedIdReuseMs?: number | DeletedIdReuse };
  setRateLimit(perSecond: number | undefined): void;
  setLatency(ms: number | undefined): void;
  setUnknownResponseFields(on: boolean): void;
  setReadiness(r: ReadinessSettings): void;
  setDeletedIdReuse(ms: number | DeletedIdReuse): void;
  addModel(body: unknown): void;
}

function send(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json; charset=UTF-8", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}

function parse(raw: string): unknown {
  return raw.trim() === "" ? {} : JSON.parse(raw);
}

export function handleControl(emu: Controlled, method: string, path: string, raw: string, res: http.ServerResponse): void {
  const route = `${method} ${path.replace(/\/+$/, "") || "/"}`;
  try {
    switch (route) {
      case "POST /reset":
        emu.reset();
        return send(res, 200, { ok: true });
      case "GET /state":
        return send(res, 200, emu.state());
      case "GET /requests":
        return send(res, 200, emu.requests());
      case "DELETE /requests":
        emu.clearRequests();
        return send(res, 200, { ok: true });
      case "GET /faults":
        return send(res, 200, { faults: emu.faults.list() });
      case "POST /faults": {
        const id = emu.addFault(parse(raw) as FaultRule);
        return send(res, 200, { id });
      }
      case "DELETE /faults":
        emu.clearFaults();
        return send(res, 200, { ok: true });
      case "POST /models":
        emu.addModel(parse(raw));
        return send(res, 200, { ok: true });
      case "GET /settings":
        return send(res, 200, { rateLimitPerSecond: emu.limiter.perSecond ?? null, latencyMs: emu.latencyMs ?? null, unknownResponseFields: emu.unknownResponseFields, readiness: emu.readiness, deletedIdReuseMs: emu.deletedIdReuseMs });
      case "POST /settings": {
        const s = parse(raw) as EmulatorSettings;
        if (typeof s !== "object" || s === null || Array.isArray(s)) throw new Error("settings must be an object");
        if ("rateLimitPerSecond" in s) emu.setRateLimit(s.rateLimitPerSecond ?? undefined);
        if ("latencyMs" in s) emu.setLatency(s.latencyMs ?? undefined);
        if ("unknownResponseFields" in s) emu.setUnknownResponseFields(Boolean(s.unknownResponseFields));
        if (s.readiness !== undefined) emu.setReadiness(s.readiness ?? {});
        if (s.deletedIdReuseMs === null) emu.setDeletedIdReuse(deletedIdReuse(emu.options.deletedIdReuseMs));
        else if (s.deletedIdReuseMs !== undefined) emu.setDeletedIdReuse(s.deletedIdReuseMs);
        return send(res, 200, { ok: true });
      }
      default:
        return send(res, 404, { error: `unknown control endpoint ${route}` });
    }
  } catch (e) {
    return send(res, 400, { error: (e as Error).message });
  }
}
