/**
 * Protobuf binary messages <-> the plain objects the handlers work on, for the gRPC side.
 *
 * The handlers take what json.ts `decodeMessage` produces and return what `encodeMessage` renders:
 * proto (snake_case) field names, enums as numbers, 64-bit integers as decimal strings, bytes as
 * base64, Timestamp as RFC 3339 (six fractional digits), Duration as "1.5s", Struct/Value/ListValue as
 * plain JSON, wrappers as bare scalars. This module maps binary messages (decoded by protobufjs from
 * the same API definition) to that shape and back, so REST and gRPC share one set of handlers.
 *
 * Presence: proto3 binary does not carry unset scalars, so a field is "present" when it was on the
 * wire (protobufjs sets only those as own properties); an explicit zero sent by a client is kept.
 * Empty repeated fields and maps count as absent, as in the JSON decoder's output for `[]`-less bodies.
 */
import * as protobuf from "protobufjs";
import { DecodeError, formatTimestamp, WRAPPER_SCALAR, type Obj } from "./json";

const INT64 = new Set(["int64", "sint64", "sfixed64", "uint64", "fixed64"]);

function own(o: object, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

function bigintOf(v: unknown): bigint {
  return BigInt(String(v ?? 0));
}

/** Duration {seconds, nanos} as proto3 JSON ("3s", "1.500s", "-0.2s"). */
function formatDuration(seconds: unknown, nanos: unknown): string {
  const s = bigintOf(seconds);
  const n = Number(nanos ?? 0);
  if (n === 0) return `${s}s`;
  const neg = s < 0n || n < 0;
  const abs = (x: bigint): bigint => (x < 0n ? -x : x);
  const frac = String(Math.abs(n)).padStart(9, "0").replace(/0+$/, "");
  return `${neg ? "-" : ""}${abs(s)}.${frac}s`;
}

function parseDuration(v: string): { seconds: string; nanos: number } {
  const m = /^(-?)(\d+)(?:\.(\d{1,9}))?s$/.exec(v);
  if (!m) throw new DecodeError(`invalid google.protobuf.Duration value ${JSON.stringify(v)}`);
  const sign = m[1] === "-" ? -1 : 1;
  const nanos = Number((m[3] ?? "").padEnd(9, "0")) * sign;
  return { seconds: `${m[1]}${m[2]}`, nanos };
}

function parseTimestamp(v: string): { seconds: string; nanos: number } {
  const m = /^(.*?)(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/.exec(v);
  const ms = m ? Date.parse(`${m[1]}${m[3].toUpperCase()}`) : NaN;
  if (!m || Number.isNaN(ms)) throw new DecodeError(`invalid google.protobuf.Timestamp value ${JSON.stringify(v)}`);
  return { seconds: String(Math.floor(ms / 1000)), nanos: Number((m[2] ?? "").padEnd(9, "0")) };
}

// ---- binary message -> plain object --------------------------------------------------------------

function valueToJson(v: Obj | undefined | null): unknown {
  if (!v) return null;
  if (own(v, "null_value")) return null;
  if (own(v, "number_value")) return v.number_value;
  if (own(v, "string_value")) return v.string_value;
  if (own(v, "bool_value")) return v.bool_value;
  if (own(v, "struct_value")) return structToJson(v.struct_value as Obj);
  if (own(v, "list_value")) return ((v.list_value as Obj).values as Obj[] | undefined ?? []).map(valueToJson);
  return null;
}

function structToJson(s: Obj | undefined): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries((s?.fields as Record<string, Obj> | undefined) ?? {})) out[k] = valueToJson(v);
  return out;
}

function wellKnownToPlain(fullName: string, msg: Obj): { handled: boolean; value?: unknown } {
  switch (fullName) {
    case "google.protobuf.Timestamp":
      return { handled: true, value: formatTimestamp(bigintOf(msg.seconds) * 1000000n + BigInt(Math.trunc(Number(msg.nanos ?? 0) / 1000))) };
    case "google.protobuf.Duration":
      return { handled: true, value: formatDuration(msg.seconds, msg.nanos) };
    case "google.protobuf.Struct":
      return { handled: true, value: structToJson(msg) };
    case "google.protobuf.Value":
      return { handled: true, value: valueToJson(msg) };
    case "google.protobuf.ListValue":
      return { handled: true, value: ((msg.values as Obj[] | undefined) ?? []).map(valueToJson) };
    case "google.protobuf.FieldMask":
      return { handled: true, value: ((msg.paths as string[] | undefined) ?? []).join(",") };
    case "google.protobuf.Empty":
      return { handled: true, value: {} };
    case "google.protobuf.Any":
      throw new DecodeError("google.protobuf.Any is not supported");
    default:
      if (WRAPPER_SCALAR[fullName]) return { handled: true, value: scalarToPlain(WRAPPER_SCALAR[fullName], msg.value ?? defaultOf(WRAPPER_SCALAR[fullName])) };
      return { handled: false };
  }
}

function defaultOf(scalarType: string): unknown {
  if (scalarType === "bool") return false;
  if (scalarType === "string") return "";
  if (scalarType === "bytes") return new Uint8Array();
  return 0;
}

function scalarToPlain(scalarType: string, v: unknown): unknown {
  if (INT64.has(scalarType)) return String(v);
  if (scalarType === "bytes") return Buffer.from(v as Uint8Array).toString("base64");
  return v;
}

function fieldToPlain(field: protobuf.Field, v: unknown): unknown {
  const rt = field.resolvedType;
  if (rt instanceof protobuf.Type) return messageToPlain(rt, v as protobuf.Message);
  if (rt instanceof protobuf.Enum) return v;
  return scalarToPlain(field.type, v);
}

/** A protobufjs-decoded message as the plain object the JSON decoder would have produced. */
export function messageToPlain(type: protobuf.Type, msg: protobuf.Message | Obj): unknown {
  const m = msg as unknown as Obj;
  const wk = wellKnownToPlain(type.fullName.slice(1), m);
  if (wk.handled) return wk.value;
  const out: Obj = {};
  for (const field of type.fieldsArray) {
    if (!own(m, field.name)) continue;
    const v = m[field.name];
    if (v === null || v === undefined) continue;
    if (field.map) {
      const entries = Object.entries(v as Obj);
      if (entries.length) out[field.name] = Object.fromEntries(entries.map(([k, x]) => [k, fieldToPlain(field, x)]));
    } else if (field.repeated) {
      if ((v as unknown[]).length) out[field.name] = (v as unknown[]).map((x) => fieldToPlain(field, x));
    } else {
      out[field.name] = fieldToPlain(field, v);
    }
  }
  return out;
}

// ---- plain object -> binary message --------------------------------------------------------------

function jsonToValue(v: unknown): Obj {
  if (v === null || v === undefined) return { null_value: 0 };
  if (typeof v === "number") return { number_value: v };
  if (typeof v === "string") return { string_value: v };
  if (typeof v === "boolean") return { bool_value: v };
  if (Array.isArray(v)) return { list_value: { values: v.map(jsonToValue) } };
  return { struct_value: jsonToStruct(v as Obj) };
}

function jsonToStruct(v: Obj): Obj {
  return { fields: Object.fromEntries(Object.entries(v ?? {}).map(([k, x]) => [k, jsonToValue(x)])) };
}

/** Rewrite the API-style plain object into protobufjs `fromObject` input (well-known types as messages). */
function toProtoInput(type: protobuf.Type, v: unknown): unknown {
  const fullName = type.fullName.slice(1);
  switch (fullName) {
    case "google.protobuf.Timestamp":
      return typeof v === "string" ? parseTimestamp(v) : v;
    case "google.protobuf.Duration":
      return typeof v === "string" ? parseDuration(v) : v;
    case "google.protobuf.Struct":
      return jsonToStruct(v as Obj);
    case "google.protobuf.Value":
      return jsonToValue(v);
    case "google.protobuf.ListValue":
      return { values: ((v as unknown[]) ?? []).map(jsonToValue) };
    case "google.protobuf.FieldMask":
      return typeof v === "string" ? { paths: v === "" ? [] : v.split(",") } : v;
    default:
      if (WRAPPER_SCALAR[fullName]) return { value: v };
  }
  const src = (v ?? {}) as Obj;
  const out: Obj = {};
  for (const field of type.fieldsArray) {
    const x = src[field.name];
    if (x === undefined || x === null) continue;
    const rt = field.resolvedType;
    if (!(rt instanceof protobuf.Type)) {
      out[field.name] = x;
      continue;
    }
    if (field.map) out[field.name] = Object.fromEntries(Object.entries(x as Obj).map(([k, e]) => [k, toProtoInput(rt, e)]));
    else if (field.repeated) out[field.name] = (x as unknown[]).map((e) => toProtoInput(rt, e));
    else out[field.name] = toProtoInput(rt, x);
  }
  return out;
}

/** Serialize an API-style plain object (as json.ts `encodeMessage` renders it) as protobuf binary. */
export function plainToBinary(type: protobuf.Type, obj: Obj): Uint8Array {
  return type.encode(type.fromObject(toProtoInput(type, obj) as Obj)).finish();
}

/** Parse protobuf binary into the plain object the handlers take. Throws DecodeError on bad bytes. */
export function binaryToPlain(type: protobuf.Type, bytes: Uint8Array): Obj {
  let msg: protobuf.Message;
  try {
    msg = type.decode(bytes);
  } catch (e) {
    throw new DecodeError(`invalid ${type.fullName.slice(1)} message: ${(e as Error).message}`);
  }
  return messageToPlain(type, msg) as Obj;
}
