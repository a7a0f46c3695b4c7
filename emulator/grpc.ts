/**
 * gRPC for Clarifai's `clarifai.api.V2` service, over cleartext HTTP/2 (what Clarifai's Python SDK and
 * CLI speak when given an http:// base). Unary RPCs only. Framing per the gRPC HTTP/2 protocol: each
 * message is a 5-byte prefix (compressed flag, big-endian length) and the protobuf bytes; the call ends
 * with `grpc-status` / `grpc-message` trailers.
 *
 * A call runs the same steps as a REST request (server.ts): the gate (rate limit, fault rules, added
 * latency), auth on the `authorization: Key <PAT>` metadata, the same handlers and state, and the same
 * request log (path `/clarifai.api.V2/<Method>`, method POST, `protocol: "grpc"`). As the real API
 * does, API errors travel in the response message's `status` with grpc-status 0 (OK). Non-zero
 * grpc-status is used only where no API response exists: an unknown service or method or a streaming
 * RPC (12 UNIMPLEMENTED), bytes that are not a gRPC message of the request type (13 INTERNAL, as a
 * grpc-go server answers), an unsupported compression (12).
 */
import * as http2 from "http2";
import * as zlib from "zlib";
import * as protobuf from "protobufjs";
import { DecodeError, type Obj } from "./json";
import { binaryToPlain, plainToBinary } from "./protoObjects";
import { ApiError } from "./status";
import { nowIso } from "./handlers/context";
import { HANDLERS } from "./handlers";
import { failure, type Gate, type HandlerResult } from "./calls";
import type { ProtoModel } from "./protos";
import type { RequestLogEntry } from "./types";

/**
 * The emulator as this face uses it: the REST side's steps, shared (server.ts passes itself, so
 * this module needs nothing from it).
 */
export interface GrpcHost {
  readonly options: { log?: (line: string) => void };
  readonly protos: ProtoModel;
  readonly unknownResponseFields: boolean;
  record(entry: RequestLogEntry): void;
  newReqId(headers: http2.IncomingHttpHeaders): string;
  payload(type: protobuf.Type, body: Obj, statusCode: number, details: string | undefined, reqId: string): Obj;
  gate(rpc: string | undefined, method: string, path: string): Promise<Gate>;
  authorize(auth: string | string[] | undefined): ApiError | undefined;
  runHandler(rpc: string, request: Obj): HandlerResult;
}

const SERVICE = "clarifai.api.V2";

/** gRPC status codes used here (grpc/doc/statuscodes.md). */
const GRPC_OK = 0;
const GRPC_INTERNAL = 13;
const GRPC_UNIMPLEMENTED = 12;

/** Field number of the unknown field appended when `unknownResponseFields` is on (no API message uses it). */
const FUTURE_FIELD = 9999;

class GrpcError extends Error {
  constructor(
    readonly grpcStatus: number,
    message: string,
  ) {
    super(message);
  }
}

/** grpc-message is percent-encoded (gRPC HTTP/2 protocol, "Responses"). */
function grpcMessage(text: string): string {
  return Buffer.from(text, "utf8")
    .toString("latin1")
    .replace(/[^\x20-\x24\x26-\x7e]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}

function readAll(stream: http2.ServerHttp2Stream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });
}

/** The single message of a unary request body, decompressed if the client compressed it. */
function unframe(body: Buffer, encoding: string | undefined): Buffer {
  if (body.length < 5) throw new GrpcError(GRPC_INTERNAL, `request body of ${body.length} bytes is not a gRPC message (5-byte prefix expected)`);
  const compressed = body[0];
  const length = body.readUInt32BE(1);
  if (body.length !== 5 + length) throw new GrpcError(GRPC_INTERNAL, `unary request must hold exactly one gRPC message (prefix says ${length} bytes, body has ${body.length - 5})`);
  const payload = body.subarray(5);
  if (compressed === 0) return payload;
  if (encoding === "gzip") return zlib.gunzipSync(payload);
  if (encoding === "deflate") return zlib.inflateSync(payload);
  throw new GrpcError(GRPC_UNIMPLEMENTED, `compressed message with grpc-encoding '${encoding ?? ""}' is not supported (use identity, gzip or deflate)`);
}

function frame(bytes: Uint8Array): Buffer {
  const out = Buffer.alloc(5 + bytes.length);
  out.writeUInt32BE(bytes.length, 1);
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).copy(out, 5);
  return out;
}

function open(stream: http2.ServerHttp2Stream): boolean {
  return !stream.destroyed && !stream.closed && !stream.headersSent;
}

/** A call that ends without a response message (status in the headers, "Trailers-Only"). */
function trailersOnly(stream: http2.ServerHttp2Stream, status: number, message: string): void {
  if (!open(stream)) return;
  stream.respond({ ":status": 200, "content-type": "application/grpc", "grpc-status": String(status), "grpc-message": grpcMessage(message) }, { endStream: true });
}

function respond(stream: http2.ServerHttp2Stream, bytes: Uint8Array, headers: Record<string, string>): void {
  if (!open(stream)) return;
  stream.respond({ ":status": 200, "content-type": "application/grpc", ...headers }, { waitForTrailers: true });
  stream.once("wantTrailers", () => stream.sendTrailers({ "grpc-status": String(GRPC_OK), "grpc-message": "" }));
  stream.end(frame(bytes));
}

/** Serve one HTTP/2 stream of the emulator's port (registered on the HTTP/2 server's "stream" event). */
export function serveGrpc(emu: GrpcHost, stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders): void {
  stream.on("error", () => undefined); // a client reset is not a server error
  handle(emu, stream, headers).catch((err: unknown) => {
    emu.options.log?.(`internal error: ${String((err as Error)?.stack ?? err)}`);
    trailersOnly(stream, GRPC_INTERNAL, "internal emulator error");
  });
}

async function handle(emu: GrpcHost, stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders): Promise<void> {
  const path = String(headers[":path"] ?? "");
  const httpMethod = String(headers[":method"] ?? "");
  const contentType = String(headers["content-type"] ?? "");
  const at = nowIso();
  // Calls refused up front are answered at once, without waiting for the request body: a streaming
  // client may keep its side open, and must not hang.
  if (httpMethod !== "POST" || !contentType.startsWith("application/grpc")) {
    // Not a gRPC call. REST is served over HTTP/1.1 on this same port.
    stream.resume();
    if (!open(stream)) return;
    stream.respond({ ":status": 415, "content-type": "text/plain; charset=utf-8" });
    stream.end("Over HTTP/2 this port serves gRPC only (POST, content-type application/grpc). Use HTTP/1.1 for the REST API.\n");
    return;
  }
  const m = /^\/([^/]+)\/([^/]+)$/.exec(path);
  const method = m && m[1] === SERVICE ? (m[2] in emu.protos.service.methods ? emu.protos.service.methods[m[2]] : undefined) : undefined;
  const record = (status_code: number | undefined, extra: Partial<{ fault: string; http_status: number; grpc_status: number; rpc: string }> = {}): void =>
    emu.record({ method: "POST", path, rpc: method?.name, http_status: 200, status_code, at, protocol: "grpc", grpc_status: GRPC_OK, ...extra });

  if (!method || method.requestStream || method.responseStream) {
    const text = method
      ? `${method.name} is a streaming RPC; the emulator serves unary compute-orchestration RPCs only`
      : `unknown method ${path}: the emulator serves the ${SERVICE} service`;
    stream.resume();
    record(undefined, { grpc_status: GRPC_UNIMPLEMENTED });
    trailersOnly(stream, GRPC_UNIMPLEMENTED, text);
    return;
  }
  const body = await readAll(stream);
  const rpc = method.name;
  const requestType = method.resolvedRequestType as protobuf.Type;
  const responseType = method.resolvedResponseType as protobuf.Type;
  const reqId = emu.newReqId(headers);
  const send = (result: HandlerResult, extraHeaders: Record<string, string> = {}): void => {
    const payload = emu.payload(responseType, result.body, result.statusCode, result.details, reqId);
    let bytes = plainToBinary(responseType, payload);
    if (emu.unknownResponseFields) bytes = withUnknownField(bytes);
    respond(stream, bytes, extraHeaders);
  };

  const gate = await emu.gate(rpc, "POST", path);
  if (gate.kind === "drop") {
    stream.session?.destroy();
    record(undefined, { http_status: 0, grpc_status: undefined, fault: "drop" });
    return;
  }
  if (gate.kind === "reply") {
    send({ body: {}, statusCode: gate.statusCode, details: gate.details }, lowerCaseKeys(gate.headers));
    record(gate.statusCode, { fault: gate.fault });
    return;
  }

  let result: HandlerResult;
  try {
    result = execute(emu, rpc, requestType, body, headers);
  } catch (e) {
    if (!(e instanceof GrpcError)) throw e;
    record(undefined, { grpc_status: e.grpcStatus });
    trailersOnly(stream, e.grpcStatus, e.message);
    return;
  }
  if (gate.lostResponse) {
    // The write (if any) is committed; the client never sees the response.
    stream.session?.destroy();
    record(result.statusCode, { http_status: 0, grpc_status: undefined, fault: "lost_response" });
    return;
  }
  send(result);
  record(result.statusCode);
}

/** Not implemented -> auth -> decode -> handler, as REST orders them. Throws GrpcError for undecodable bytes. */
function execute(emu: GrpcHost, rpc: string, requestType: protobuf.Type, body: Buffer, headers: http2.IncomingHttpHeaders): HandlerResult {
  if (!HANDLERS[rpc]) return failure(new ApiError("NOT_IMPLEMENTED", `${rpc} is not implemented by the emulator`));
  const denied = emu.authorize(headers.authorization);
  if (denied) return failure(denied);
  let request: Obj;
  try {
    request = binaryToPlain(requestType, unframe(body, headers["grpc-encoding"] as string | undefined));
  } catch (e) {
    if (e instanceof DecodeError) throw new GrpcError(GRPC_INTERNAL, `grpc: error unmarshalling request: ${e.message}`);
    if (e instanceof GrpcError) throw e;
    throw new GrpcError(GRPC_INTERNAL, `grpc: error reading request: ${(e as Error).message}`);
  }
  return emu.runHandler(rpc, request);
}

function lowerCaseKeys(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
}

/** Append a field no API version defines: clients must skip unknown fields (option unknownResponseFields). */
function withUnknownField(bytes: Uint8Array): Uint8Array {
  const extra = protobuf.Writer.create().uint32((FUTURE_FIELD << 3) | 2).string("from a newer API version").finish();
  return Buffer.concat([bytes, extra]);
}
