/**
 * The server: REST (HTTP/1.1, Node's `http`) and gRPC (cleartext HTTP/2, grpc.ts) on one port
 * (listener.ts). Pipeline for a REST API request, in order:
 *   control plane (/_emulator/*, not logged, not limited) -> req_id -> route match (from the protos)
 *   -> global rate limit -> fault rules -> added latency -> 404/405/501 -> auth -> strict decode
 *   (body "*" or query string, then path variables) -> handler -> encode (proto3 JSON, API style)
 *   -> state file save -> response (or a destroyed socket for "drop"/"lost_response").
 * gRPC requests go through the same gate (rate limit, faults, latency), auth and handlers.
 */
import * as http from "http";
import * as http2 from "http2";
import { randomBytes } from "crypto";
import type { AddressInfo } from "net";
import * as protobuf from "protobufjs";
import { DecodeError, decodeMessage, decodeQuery, encodeMessage, setPath, type Obj } from "./json";
import { loadProtos, matchRoutes, type ProtoModel, type Route, type RouteMatch } from "./protos";
import { ApiError, code, description, httpStatusFor } from "./status";
import { Store } from "./store";
import { FaultSet, type FaultRule } from "./faults";
import { RateLimiter } from "./rateLimit";
import { HANDLERS, KINDS, ROUTED } from "./handlers";
import { nowIso, type HandlerContext, type Kind, type ReadinessSettings } from "./handlers/context";
import { deletedIdReuse, type DeletedIdReuse } from "./deletedIds";
import { handleControl } from "./control";
import { STALLS } from "./handlers/events";
import { DualProtocolListener } from "./listener";
import { serveGrpc } from "./grpc";
import { failure, type Gate, type HandlerResult } from "./calls";
import { modelVersionKey, type ModelVersionSeed } from "./models";
import type { EmulatorOptions, EmulatorState, RequestLogEntry, RunningEmulator } from "./types";

const CONTROL_PREFIX = "/_emulator";
/** The stored kinds, as the generic code sees them. */
const kinds: readonly Kind[] = KINDS;
const MAX_LOG = 10000;

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export class Emulator implements RunningEmulator {
  url = "";
  port = 0;
  readonly protos: ProtoModel;
  /** the definition's routes of the RPCs the handler files serve */
  readonly routes: Route[];
  readonly store: Store;
  readonly faults = new FaultSet();
  readonly limiter: RateLimiter;
  unknownResponseFields: boolean;
  latencyMs?: number;
  readiness: ReadinessSettings;
  deletedIdReuseMs: Required<DeletedIdReuse>;
  private log: RequestLogEntry[] = [];
  private counts: Record<string, number> = {};
  private readonly listener: DualProtocolListener;
  private readonly baseResponse: protobuf.Type;

  constructor(readonly options: EmulatorOptions = {}) {
    this.protos = loadProtos();
    this.baseResponse = this.protos.type("clarifai.api.status.BaseResponse");
    this.routes = this.protos.routes.filter((r) => ROUTED.has(r.rpc));
    this.store = new Store(kinds, options.stateFile);
    this.limiter = new RateLimiter(options.rateLimitPerSecond);
    this.latencyMs = options.latencyMs;
    this.unknownResponseFields = options.unknownResponseFields ?? false;
    this.readiness = { ...(options.readiness ?? {}) };
    this.deletedIdReuseMs = deletedIdReuse(options.deletedIdReuseMs);
    const rest = http.createServer((req, res) => {
      this.dispatch(req, res).catch((err: unknown) => {
        this.options.log?.(`internal error: ${String((err as Error)?.stack ?? err)}`);
        if (!res.headersSent) this.sendStatus(res, this.baseResponse, {}, code("INTERNAL_SERVER_ISSUE"), "internal emulator error", this.newReqId(req.headers));
      });
    });
    const grpc = http2.createServer();
    grpc.on("stream", (stream, headers) => serveGrpc(this, stream, headers));
    this.listener = new DualProtocolListener(rest, grpc);
  }

  get tokens(): string[] {
    return this.options.tokens && this.options.tokens.length ? this.options.tokens : ["emulator-pat"];
  }

  get userId(): string {
    return this.options.userId ?? "emulator-user";
  }

  async listen(): Promise<void> {
    const host = this.options.host ?? "127.0.0.1";
    const addr: AddressInfo = await this.listener.listen(this.options.port ?? 0, host);
    this.port = addr.port;
    const shown = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host.includes(":") ? `[${host}]` : host;
    this.url = `http://${shown}:${addr.port}`;
  }

  close(): Promise<void> {
    return this.listener.close();
  }

  // ---- control methods -------------------------------------------------------------------------

  reset(): void {
    this.store.reset();
    this.faults.clear();
    this.limiter.reset();
    this.limiter.perSecond = this.options.rateLimitPerSecond;
    this.latencyMs = this.options.latencyMs;
    this.unknownResponseFields = this.options.unknownResponseFields ?? false;
    this.readiness = { ...(this.options.readiness ?? {}) };
    this.deletedIdReuseMs = deletedIdReuse(this.options.deletedIdReuseMs);
    this.clearRequests();
  }

  addFault(rule: FaultRule): string {
    return this.faults.add(rule);
  }

  clearFaults(): void {
    this.faults.clear();
  }

  setRateLimit(perSecond: number | undefined): void {
    this.limiter.perSecond = perSecond;
    this.limiter.reset();
  }

  setUnknownResponseFields(on: boolean): void {
    this.unknownResponseFields = on;
  }

  setLatency(ms: number | undefined): void {
    this.latencyMs = ms;
  }

  setReadiness(r: ReadinessSettings): void {
    for (const [id, stall] of Object.entries(r.stallDeployments ?? {}))
      if (!STALLS.includes(stall)) throw new Error(`readiness.stallDeployments.${id}: unknown stall '${String(stall)}' (allowed: ${STALLS.join(", ")})`);
    this.readiness = { ...r };
  }

  setDeletedIdReuse(ms: number | DeletedIdReuse): void {
    this.deletedIdReuseMs = deletedIdReuse(ms, this.deletedIdReuseMs);
  }

  /** Adds (or replaces) a model version GetModelVersion serves; compute info decoded as strictly as a request. */
  addModel(body: unknown): void {
    const b = (body ?? {}) as Obj;
    if (typeof body !== "object" || body === null || Array.isArray(body)) throw new Error("a model version must be an object");
    const allowed = ["user_id", "app_id", "model_id", "version_id", "inference_compute_info"];
    const unknown = Object.keys(b).filter((k) => !allowed.includes(k));
    if (unknown.length) throw new Error(`unknown field(s) ${unknown.join(", ")}; allowed: ${allowed.join(", ")}`);
    const ids = ["user_id", "app_id", "model_id", "version_id"] as const;
    for (const k of ids) if (typeof b[k] !== "string" || b[k] === "") throw new Error(`${k} must be a non-empty string`);
    const m: ModelVersionSeed = { user_id: String(b.user_id), app_id: String(b.app_id), model_id: String(b.model_id), version_id: String(b.version_id) };
    if (b.inference_compute_info !== undefined) {
      m.inference_compute_info = decodeMessage(this.protos.type("ComputeInfo"), b.inference_compute_info as Obj, {}, "inference_compute_info") as ModelVersionSeed["inference_compute_info"];
    }
    const key = modelVersionKey(m);
    this.store.models = [...this.store.models.filter((x) => modelVersionKey(x) !== key), m];
    this.store.save();
  }

  context(): HandlerContext {
    return {
      userId: this.userId,
      tokens: this.tokens,
      store: this.store,
      readiness: this.readiness,
      deletedIdReuseMs: this.deletedIdReuseMs,
      wrote: false,
      nowMs: () => Date.now(),
      nowIso,
    };
  }

  state(): EmulatorState {
    const ctx = this.context();
    const rendered = kinds.map((k) => [k.list, this.store.all(k).map((r) => encodeMessage(this.protos.type(k.message), k.render(r, ctx)))]);
    return Object.fromEntries(rendered) as EmulatorState;
  }

  requests(): { requests: RequestLogEntry[]; counts: Record<string, number> } {
    return { requests: this.log.map((e) => ({ ...e })), counts: { ...this.counts } };
  }

  clearRequests(): void {
    this.log = [];
    this.counts = {};
  }

  // ---- request pipeline ------------------------------------------------------------------------

  /** @internal A req_id: 32 hex characters, after the client's `x-clarifai-request-id-prefix` if sent. */
  newReqId(headers: http.IncomingHttpHeaders): string {
    const prefix = headers["x-clarifai-request-id-prefix"];
    const hex = randomBytes(16).toString("hex");
    const p = Array.isArray(prefix) ? prefix[0] : prefix;
    return p ? `${p}-${hex}` : hex;
  }

  /** @internal Append to the request log (both protocols). */
  record(entry: RequestLogEntry): void {
    this.log.push(entry);
    if (this.log.length > MAX_LOG) this.log.shift();
    if (entry.rpc) this.counts[entry.rpc] = (this.counts[entry.rpc] ?? 0) + 1;
    this.options.log?.(`${entry.method} ${entry.path} ${entry.rpc ?? "-"} -> ${entry.http_status}${entry.status_code ? ` (${entry.status_code})` : ""}${entry.fault ? ` [${entry.fault}]` : ""}`);
  }

  /** @internal A response message as the API renders it: the handler's body plus `status`. */
  payload(type: protobuf.Type, body: Obj, statusCode: number, details: string | undefined, reqId: string): Obj {
    const status: Obj = { code: statusCode, description: description(statusCode), req_id: reqId };
    if (details) status.details = details;
    return encodeMessage(type, { ...body, status });
  }

  private sendStatus(
    res: http.ServerResponse,
    type: protobuf.Type,
    body: Obj,
    statusCode: number,
    details: string | undefined,
    reqId: string,
    httpStatus?: number,
    headers: Record<string, string> = {},
  ): number {
    const payload = this.payload(type, body, statusCode, details, reqId);
    if (this.unknownResponseFields) addUnknownFields(payload);
    const hs = httpStatus ?? httpStatusFor(statusCode);
    const text = JSON.stringify(payload);
    res.writeHead(hs, { "Content-Type": "application/json; charset=UTF-8", "Content-Length": Buffer.byteLength(text), ...headers });
    res.end(text);
    return hs;
  }

  private async dispatch(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://emulator.local");
    const method = (req.method ?? "GET").toUpperCase();
    const rawBody = await readBody(req);
    if (url.pathname === CONTROL_PREFIX || url.pathname.startsWith(`${CONTROL_PREFIX}/`)) {
      handleControl(this, method, url.pathname.slice(CONTROL_PREFIX.length) || "/", rawBody, res);
      return;
    }
    const reqId = this.newReqId(req.headers);
    const path = url.pathname;
    const matches: RouteMatch[] = matchRoutes(this.routes, path);
    const match = matches.find((m) => m.route.method === method);
    const rpc = match?.route.rpc;
    const type = match?.route.responseType ?? this.baseResponse;
    const at = nowIso();
    const done = (http_status: number, status_code?: number, fault?: string): void =>
      this.record({ method, path, rpc, http_status, status_code, at, ...(fault ? { fault } : {}) });

    const gate = await this.gate(rpc, method, path);
    if (gate.kind === "drop") {
      req.socket.destroy();
      done(0, undefined, "drop");
      return;
    }
    if (gate.kind === "reply") {
      done(this.sendStatus(res, type, {}, gate.statusCode, gate.details, reqId, gate.httpStatus, gate.headers), gate.statusCode, gate.fault);
      return;
    }

    const result = this.execute(req, method, url, rawBody, matches, match);
    if (gate.lostResponse) {
      // The write (if any) is committed; the client never sees the response.
      req.socket.destroy();
      done(0, result.statusCode, "lost_response");
      return;
    }
    const hs = this.sendStatus(res, result.type ?? type, result.body, result.statusCode, result.details, reqId, result.httpStatus);
    done(hs, result.statusCode);
  }

  /**
   * @internal The steps every API request passes before it is handled, whatever the protocol: the
   * global rate limit, then the fault rules, then the added latency. Says whether to answer with an
   * error status now, drop the connection, or go on (and whether to lose the response afterwards).
   */
  async gate(rpc: string | undefined, method: string, path: string): Promise<Gate> {
    const wait = this.limiter.take();
    if (wait > 0) {
      const details = `Rate limit of ${this.limiter.perSecond} requests per second exceeded`;
      return { kind: "reply", statusCode: code("CONN_THROTTLED"), details, httpStatus: 429, headers: { "Retry-After": String(wait) }, fault: "rate_limit" };
    }
    const decision = this.faults.decide({ rpc, method, path });
    const delay = decision.latencyMs + (this.latencyMs ?? 0);
    if (delay > 0) await sleep(delay);
    const fault = decision.fault;
    switch (fault?.kind) {
      case "drop":
        return { kind: "drop" };
      case "throttle": {
        const headers = { "Retry-After": String(fault.retryAfterSeconds ?? 1) };
        return { kind: "reply", statusCode: code("CONN_THROTTLED"), details: "Too many requests (injected fault)", httpStatus: 429, headers, fault: "throttle" };
      }
      case "server_error": {
        const hs = fault.httpStatus ?? 503;
        const c = fault.statusCode ?? (hs === 503 ? code("RPC_SERVER_UNAVAILABLE") : code("INTERNAL_SERVER_ISSUE"));
        return { kind: "reply", statusCode: c, details: "Injected server error", httpStatus: hs, headers: {}, fault: "server_error" };
      }
      case "not_found": {
        // Eventual consistency: the object is not visible yet. Nothing is handled or written.
        const c = fault.statusCode ?? code(notFoundCodeFor(rpc));
        return { kind: "reply", statusCode: c, details: "Not found (injected fault)", httpStatus: 404, headers: {}, fault: "not_found" };
      }
      default:
        return { kind: "proceed", lostResponse: fault?.kind === "lost_response" };
    }
  }

  /** @internal Check an `authorization` header / metadata value: exactly "Key <PAT>" with a known PAT. */
  authorize(auth: string | string[] | undefined): ApiError | undefined {
    const parts = typeof auth === "string" ? auth.split(" ") : [];
    if (parts.length !== 2 || parts[0] !== "Key" || parts[1] === "") {
      return new ApiError("CONN_INVALID_REQUEST", "Empty or malformed authorization header. Please provide an API key or session token.", 401);
    }
    if (!this.tokens.includes(parts[1])) return new ApiError("CONN_KEY_NOT_FOUND", "API key not found", 401);
    return undefined;
  }

  /** @internal Run an RPC's handler on a decoded request; saves the state file after a write. */
  runHandler(rpc: string, request: Obj): HandlerResult {
    const handler = HANDLERS[rpc];
    if (!handler) return failure(new ApiError("NOT_IMPLEMENTED", `${rpc} is not implemented by the emulator`));
    const ctx = this.context();
    try {
      const body = handler(request, ctx);
      if (ctx.wrote) this.store.save();
      return { body, statusCode: code("SUCCESS") };
    } catch (e) {
      if (e instanceof ApiError) return failure(e);
      throw e;
    }
  }

  /** Route, authenticate, decode, run the handler. Never throws. */
  private execute(
    req: http.IncomingMessage,
    method: string,
    url: URL,
    rawBody: string,
    matches: RouteMatch[],
    match: RouteMatch | undefined,
  ): HandlerResult {
    const fail = failure;
    if (!matches.length) return fail(new ApiError("CONN_DOES_NOT_EXIST", `No API route for ${method} ${url.pathname}`));
    if (!match) {
      const allowed = [...new Set(matches.map((m) => m.route.method))].join(", ");
      return { ...fail(new ApiError("CONN_METHOD_NOT_ALLOWED", `Method ${method} not allowed for ${url.pathname} (allowed: ${allowed})`)), type: this.baseResponse };
    }
    if (!HANDLERS[match.route.rpc]) return fail(new ApiError("NOT_IMPLEMENTED", `${match.route.rpc} is not implemented by the emulator`));
    const denied = this.authorize(req.headers.authorization);
    if (denied) return fail(denied);

    // Decode the request strictly.
    let request: Obj;
    try {
      if (match.route.body === "*" && method !== "GET") {
        let json: unknown = {};
        if (rawBody.trim() !== "") {
          try {
            json = JSON.parse(rawBody);
          } catch (e) {
            throw new ApiError("CONN_BAD_REQUEST_FORMAT", `Failed to parse JSON body: ${(e as Error).message}`);
          }
        }
        request = decodeMessage(match.route.requestType, json, { loose: this.options.loose });
      } else {
        request = {};
        decodeQuery(match.route.requestType, url.searchParams, request);
      }
      for (const [k, v] of Object.entries(match.params)) setPath(request, k, v);
    } catch (e) {
      if (e instanceof ApiError) return fail(e);
      if (e instanceof DecodeError) return fail(new ApiError("CONN_BAD_REQUEST_FORMAT", e.message));
      throw e;
    }
    return this.runHandler(match.route.rpc, request);
  }
}

/** Every object gains fields from a hypothetical future API version (option unknownResponseFields). */
function addUnknownFields(v: unknown): void {
  if (Array.isArray(v)) v.forEach(addUnknownFields);
  else if (v && typeof v === "object") {
    for (const x of Object.values(v)) addUnknownFields(x);
    Object.assign(v, { future_field_x: "from a newer API version", future_message_x: { nested: [1, 2], flag: true } });
  }
}



export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const emu = new Emulator(options);
  await emu.listen();
  return emu;
}

/** The *_DOES_NOT_EXIST status name for the kind an RPC names ("GetNodepool" -> NODEPOOL_DOES_NOT_EXIST). */
function notFoundCodeFor(rpc: string | undefined): string {
  const k = kinds.find((x) => x.codes !== undefined && rpc?.includes(x.message));
  return k ? `${k.codes}_DOES_NOT_EXIST` : "CONN_DOES_NOT_EXIST";
}
