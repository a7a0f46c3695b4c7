// What every API call passes through, whichever face (REST in server.ts, gRPC in grpc.ts) it came by.
import type * as protobuf from "protobufjs";
import type { Obj } from "./json";
import type { ApiError } from "./status";

/** What a handler run (or an early refusal) produced, before it is serialized. */
export interface HandlerResult {
  body: Obj;
  statusCode: number;
  details?: string;
  httpStatus?: number;
  type?: protobuf.Type;
}

/** The outcome of the gate a call passes first (rate limit, fault rules, added latency). */
export type Gate =
  | { kind: "reply"; statusCode: number; details: string; httpStatus: number; headers: Record<string, string>; fault: string }
  | { kind: "drop" }
  | { kind: "proceed"; lostResponse: boolean };

/** An API error as a handler result (the gRPC face ignores `httpStatus`: its errors travel in `status`). */
export function failure(e: ApiError): HandlerResult {
  return { body: {}, statusCode: e.code, details: e.details, httpStatus: e.httpStatus };
}
