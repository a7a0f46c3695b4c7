/**
 * Proto3 JSON mapping, driven by protobufjs reflection.
 *
 * decode: strict parse of request JSON into a plain object keyed by proto (snake_case) field names.
 *   - accepts the proto name and the lowerCamel JSON name of each field (as protojson does);
 *   - enums as numbers or names (normalised to numbers);
 *   - 32-bit integers as JSON numbers or decimal strings, 64-bit integers kept as decimal strings;
 *   - `null` means "not set"; Timestamp/Duration/Struct/Value/ListValue/wrappers/FieldMask handled;
 *   - unknown fields, wrong types, unknown enum names and two members of one oneof are errors
 *     (`loose` drops unknown fields instead).
 *   The decoded object only holds keys that were present in the JSON, so PATCH can tell "absent" from
 *   an explicit zero.
 * encode: render a plain object as the API does: snake_case, enums as numbers, zero values omitted,
 *   repeated fields tagged `cl_show_if_empty` always present, `cl_private_field` fields never rendered.
 */
import * as protobuf from "protobufjs";

export class DecodeError extends Error {}

export interface DecodeOptions {
  loose?: boolean;
}

type Json = unknown;
export type Obj = Record<string, unknown>;

const INT32 = new Set(["int32", "sint32", "sfixed32"]);
const UINT32 = new Set(["uint32", "fixed32"]);
const INT64 = new Set(["int64", "sint64", "sfixed64", "uint64", "fixed64"]);
const FLOAT = new Set(["float", "double"]);

const PARSE_BOOL_TRUE = new Set(["1", "t", "T", "TRUE", "true", "True"]);
const PARSE_BOOL_FALSE = new Set(["0", "f", "F", "FALSE", "false", "False"]);

const SHOW_IF_EMPTY = "(clarifai.api.utils.cl_show_if_empty)";
const PRIVATE_FIELD = "(clarifai.auth.util.cl_private_field)";

function camel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
}

function fieldByJsonKey(type: protobuf.Type, key: string): protobuf.Field | undefined {
  const direct = type.fields[key];
  if (direct) return direct;
  for (const f of type.fieldsArray) if (camel(f.name) === key) return f;
  return undefined;
}

function describe(v: Json): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v;
}

function isPlainObject(v: Json): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** RFC 3339 with exactly six fractional digits, UTC. */
export function formatTimestamp(epochMicros: bigint | number): string {
  const us = BigInt(epochMicros);
  const ms = Number(us / 1000n);
  const micro = Number(((us % 1000n) + 1000n) % 1000n);
  const iso = new Date(ms).toISOString(); // 2024-09-04T00:28:26.852Z
  return `${iso.slice(0, 23)}${String(micro).padStart(3, "0")}Z`;
}

const TS_RE = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?([Zz]|[+-]\d{2}:\d{2})$/;

function parseTimestamp(s: string, where: string): string {
  const m = TS_RE.exec(s);
  if (!m) throw new DecodeError(`invalid google.protobuf.Timestamp value ${JSON.stringify(s)} for ${where}`);
  const base = Date.parse(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[8].toUpperCase() === "Z" ? "Z" : m[8]}`);
  if (Number.isNaN(base)) throw new DecodeError(`invalid google.protobuf.Timestamp value ${JSON.stringify(s)} for ${where}`);
  const frac = (m[7] ?? "").padEnd(6, "0").slice(0, 6);
  return formatTimestamp(BigInt(base) * 1000n + BigInt(frac));
}

function decodeInt(v: Json, field: protobuf.Field, where: string): number | string {
  let n: number;
  if (typeof v === "number") n = v;
  else if (typeof v === "string" && /^-?\d+$/.test(v.trim())) n = Number(v.trim());
  else throw new DecodeError(`invalid value for ${field.type} field ${where}: ${JSON.stringify(v)}`);
  if (!Number.isInteger(n)) throw new DecodeError(`invalid value for ${field.type} field ${where}: ${JSON.stringify(v)}`);
  if (INT64.has(field.type)) {
    if (field.type.startsWith("u") || field.type === "fixed64") {
      if (n < 0) throw new DecodeError(`invalid value for ${field.type} field ${where}: ${JSON.stringify(v)}`);
    }
    return typeof v === "string" ? v.trim() : String(n);
  }
  if (UINT32.has(field.type) && (n < 0 || n > 0xffffffff))
    throw new DecodeError(`invalid value for ${field.type} field ${where}: ${JSON.stringify(v)}`);
  if (INT32.has(field.type) && (n < -0x80000000 || n > 0x7fffffff))
    throw new DecodeError(`invalid value for ${field.type} field ${where}: ${JSON.stringify(v)}`);
  return n;
}

function decodeEnum(v: Json, en: protobuf.Enum, where: string): number {
  if (typeof v === "number") {
    if (!Number.isInteger(v) || v < -0x80000000 || v > 0x7fffffff)
      throw new DecodeError(`invalid value for enum ${en.fullName.slice(1)} field ${where}: ${v}`);
    // proto3 enums are open: unknown numbers are accepted by protojson; handlers validate meaning.
    return v;
  }
  if (typeof v === "string") {
    if (Object.prototype.hasOwnProperty.call(en.values, v)) return en.values[v];
    throw new DecodeError(`invalid value for enum ${en.fullName.slice(1)} field ${where}: ${JSON.stringify(v)}`);
  }
  throw new DecodeError(`invalid value for enum ${en.fullName.slice(1)} field ${where}: ${JSON.stringify(v)}`);
}

function decodeWellKnown(typeName: string, v: Json, where: string): { handled: boolean; value?: unknown } {
  switch (typeName) {
    case "google.protobuf.Timestamp":
      if (typeof v !== "string") throw new DecodeError(`invalid google.protobuf.Timestamp value for ${where}: expected string`);
      return { handled: true, value: parseTimestamp(v, where) };
    case "google.protobuf.Duration":
      if (typeof v !== "string" || !/^-?\d+(\.\d{1,9})?s$/.test(v))
        throw new DecodeError(`invalid google.protobuf.Duration value for ${where}: ${JSON.stringify(v)}`);
      return { handled: true, value: v };
    case "google.protobuf.Struct":
      if (!isPlainObject(v)) throw new DecodeError(`invalid google.protobuf.Struct value for ${where}: expected object, got ${describe(v)}`);
      return { handled: true, value: JSON.parse(JSON.stringify(v)) };
    case "google.protobuf.ListValue":
      if (!Array.isArray(v)) throw new DecodeError(`invalid google.protobuf.ListValue value for ${where}: expected array`);
      return { handled: true, value: JSON.parse(JSON.stringify(v)) };
    case "google.protobuf.Value":
      return { handled: true, value: JSON.parse(JSON.stringify(v)) };
    case "google.protobuf.FieldMask":
      if (typeof v !== "string") throw new DecodeError(`invalid google.protobuf.FieldMask value for ${where}: expected string`);
      return { handled: true, value: v };
    case "google.protobuf.Empty":
      if (!isPlainObject(v) || Object.keys(v).length) throw new DecodeError(`invalid google.protobuf.Empty value for ${where}`);
      return { handled: true, value: {} };
    case "google.protobuf.Any":
      throw new DecodeError(`google.protobuf.Any is not supported (field ${where})`);
    default:
      return { handled: false };
  }
}

/** google.protobuf wrapper message -> the scalar type it wraps (proto3 JSON renders wrappers as bare scalars). */
export const WRAPPER_SCALAR: Record<string, string> = {
  "google.protobuf.DoubleValue": "double",
  "google.protobuf.FloatValue": "float",
  "google.protobuf.Int64Value": "int64",
  "google.protobuf.UInt64Value": "uint64",
  "google.protobuf.Int32Value": "int32",
  "google.protobuf.UInt32Value": "uint32",
  "google.protobuf.BoolValue": "bool",
  "google.protobuf.StringValue": "string",
  "google.protobuf.BytesValue": "bytes",
};

function decodeScalar(v: Json, field: protobuf.Field, scalarType: string, where: string): unknown {
  if (field.resolvedType instanceof protobuf.Enum) return decodeEnum(v, field.resolvedType, where);
  if (scalarType === "string") {
    if (typeof v !== "string") throw new DecodeError(`invalid value for string field ${where}: ${describe(v)} ${JSON.stringify(v)}`);
    return v;
  }
  if (scalarType === "bool") {
    if (typeof v !== "boolean") throw new DecodeError(`invalid value for bool field ${where}: ${JSON.stringify(v)}`);
    return v;
  }
  if (scalarType === "bytes") {
    if (typeof v !== "string" || !/^[A-Za-z0-9+/_-]*={0,2}$/.test(v))
      throw new DecodeError(`invalid value for bytes field ${where}: ${JSON.stringify(v)}`);
    return v;
  }
  if (FLOAT.has(scalarType)) {
    if (typeof v === "number") return v;
    if (typeof v === "string" && (["NaN", "Infinity", "-Infinity"].includes(v) || (v.trim() !== "" && !Number.isNaN(Number(v)))))
      return Number(v);
    throw new DecodeError(`invalid value for ${scalarType} field ${where}: ${JSON.stringify(v)}`);
  }
  if (INT32.has(scalarType) || UINT32.has(scalarType) || INT64.has(scalarType)) {
    return decodeInt(v, { type: scalarType } as protobuf.Field, where);
  }
  throw new DecodeError(`unsupported field type ${scalarType} for ${where}`);
}

function decodeValue(field: protobuf.Field, v: Json, where: string, opts: DecodeOptions): unknown {
  const rt = field.resolvedType;
  if (rt instanceof protobuf.Type) {
    const fullName = rt.fullName.slice(1);
    const wk = decodeWellKnown(fullName, v, where);
    if (wk.handled) return wk.value;
    if (WRAPPER_SCALAR[fullName]) return decodeScalar(v, { type: WRAPPER_SCALAR[fullName] } as protobuf.Field, WRAPPER_SCALAR[fullName], where);
    if (!isPlainObject(v)) throw new DecodeError(`invalid value for message ${fullName} field ${where}: expected object, got ${describe(v)}`);
    return decodeMessage(rt, v, opts, where);
  }
  return decodeScalar(v, field, field.type, where);
}

/** Strictly decode a JSON object as message `type`. */
export function decodeMessage(type: protobuf.Type, json: Json, opts: DecodeOptions = {}, where = ""): Obj {
  const tname = type.fullName.slice(1);
  if (!isPlainObject(json)) throw new DecodeError(`invalid value for message ${tname}${where ? ` (${where})` : ""}: expected object, got ${describe(json)}`);
  const out: Obj = {};
  const oneofSeen: Record<string, string> = {};
  for (const [key, raw] of Object.entries(json)) {
    const field = fieldByJsonKey(type, key);
    const fwhere = where ? `${where}.${key}` : key;
    if (!field) {
      if (opts.loose) continue;
      throw new DecodeError(`unknown field "${key}" in ${tname}`);
    }
    if (field.name in out) throw new DecodeError(`duplicate field "${key}" in ${tname}`);
    if (raw === null && !(field.resolvedType && field.resolvedType.fullName === ".google.protobuf.Value")) continue;
    if (field.partOf) {
      const prev = oneofSeen[field.partOf.name];
      if (prev) throw new DecodeError(`error parsing "${key}", oneof ${tname}.${field.partOf.name} is already set (by "${prev}")`);
      oneofSeen[field.partOf.name] = key;
    }
    if (field.map) {
      if (!isPlainObject(raw)) throw new DecodeError(`invalid value for map field ${fwhere}: expected object`);
      const m: Obj = {};
      const mf = field as unknown as protobuf.MapField;
      for (const [k, v] of Object.entries(raw)) {
        if (mf.keyType !== "string") decodeScalar(k, { type: mf.keyType } as protobuf.Field, mf.keyType, `${fwhere}[${k}]`);
        m[k] = decodeValue(field, v, `${fwhere}[${k}]`, opts);
      }
      out[field.name] = m;
    } else if (field.repeated) {
      if (!Array.isArray(raw)) throw new DecodeError(`invalid value for repeated field ${fwhere}: expected array, got ${describe(raw)}`);
      out[field.name] = raw.map((v, i) => {
        if (v === null) throw new DecodeError(`invalid value for repeated field ${fwhere}[${i}]: null`);
        return decodeValue(field, v, `${fwhere}[${i}]`, opts);
      });
    } else {
      out[field.name] = decodeValue(field, raw, fwhere, opts);
    }
  }
  return out;
}

/**
 * Decode GET query parameters into `into` (dotted field paths, repeated keys for lists), as the
 * grpc-gateway does. Unknown parameters are ignored (grpc-gateway v2 logs and skips them); known
 * parameters with values of the wrong type are errors.
 */
export function decodeQuery(type: protobuf.Type, params: URLSearchParams, into: Obj): void {
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    const parts = key.split(".");
    let t: protobuf.Type = type;
    let target: Obj = into;
    let ok = true;
    for (let i = 0; i < parts.length; i++) {
      const f = fieldByJsonKey(t, parts[i]);
      if (!f) {
        ok = false;
        break;
      }
      if (i === parts.length - 1) {
        if (f.resolvedType instanceof protobuf.Type && !WRAPPER_SCALAR[f.resolvedType.fullName.slice(1)]) {
          throw new DecodeError(`query parameter "${key}" names a message field`);
        }
        const conv = (s: string): unknown => {
          const scalarType = f.resolvedType instanceof protobuf.Type ? WRAPPER_SCALAR[f.resolvedType.fullName.slice(1)] : f.type;
          if (f.resolvedType instanceof protobuf.Enum) return decodeEnum(/^-?\d+$/.test(s) ? Number(s) : s, f.resolvedType, key);
          if (scalarType === "bool") {
            // grpc-gateway parses query booleans with Go's strconv.ParseBool: the official Python
            // client writes them with str() ("True").
            if (PARSE_BOOL_TRUE.has(s)) return true;
            if (PARSE_BOOL_FALSE.has(s)) return false;
            throw new DecodeError(`invalid value for bool field ${key}: ${JSON.stringify(s)}`);
          }
          if (scalarType === "string" || scalarType === "bytes") return s;
          return decodeScalar(FLOAT.has(scalarType) ? s : s, { type: scalarType } as protobuf.Field, scalarType, key);
        };
        if (f.repeated) target[f.name] = values.map(conv);
        else {
          if (values.length > 1) throw new DecodeError(`query parameter "${key}" given ${values.length} times for a non-repeated field`);
          target[f.name] = conv(values[0]);
        }
      } else {
        if (!(f.resolvedType instanceof protobuf.Type) || f.repeated) {
          ok = false;
          break;
        }
        t = f.resolvedType;
        if (!isPlainObject(target[f.name])) target[f.name] = {};
        target = target[f.name] as Obj;
      }
    }
    if (!ok) continue;
  }
}

/** Set a dotted field path (path variables) on a decoded request. */
export function setPath(obj: Obj, dotted: string, value: string): void {
  const parts = dotted.split(".");
  let o = obj;
  for (let i = 0; i < parts.length - 1; i++) {
    if (!isPlainObject(o[parts[i]])) o[parts[i]] = {};
    o = o[parts[i]] as Obj;
  }
  o[parts[parts.length - 1]] = value;
}

function isZeroScalar(v: unknown): boolean {
  return v === undefined || v === null || v === "" || v === 0 || v === false || v === "0";
}

function encodeValue(field: protobuf.Field, v: unknown): unknown {
  const rt = field.resolvedType;
  if (rt instanceof protobuf.Type) {
    const fullName = rt.fullName.slice(1);
    if (fullName.startsWith("google.protobuf.")) {
      if (WRAPPER_SCALAR[fullName]) return v;
      return JSON.parse(JSON.stringify(v));
    }
    return encodeMessage(rt, v as Obj);
  }
  if (rt instanceof protobuf.Enum) return typeof v === "string" ? (rt.values[v] ?? 0) : v;
  if (INT64.has(field.type)) return String(v);
  return v;
}

/** Render a plain object as the API would: proto field order, zero values omitted. */
export function encodeMessage(type: protobuf.Type, obj: Obj | undefined): Obj {
  const out: Obj = {};
  const src = obj ?? {};
  for (const field of type.fieldsArray) {
    if (field.options?.[PRIVATE_FIELD]) continue;
    const showIfEmpty = Boolean(field.options?.[SHOW_IF_EMPTY]);
    const v = src[field.name];
    if (field.map) {
      if (v && typeof v === "object" && Object.keys(v).length) {
        const m: Obj = {};
        for (const [k, x] of Object.entries(v as Obj)) m[k] = encodeValue(field, x);
        out[field.name] = m;
      } else if (showIfEmpty) out[field.name] = {};
      continue;
    }
    if (field.repeated) {
      if (Array.isArray(v) && v.length) out[field.name] = v.map((x) => encodeValue(field, x));
      else if (showIfEmpty) out[field.name] = [];
      continue;
    }
    if (field.resolvedType instanceof protobuf.Type) {
      const wrapper = WRAPPER_SCALAR[field.resolvedType.fullName.slice(1)];
      if (v !== undefined && v !== null && !(wrapper === undefined && typeof v !== "object" && field.resolvedType.fullName !== ".google.protobuf.Timestamp" && field.resolvedType.fullName !== ".google.protobuf.Duration"))
        out[field.name] = encodeValue(field, v);
      continue;
    }
    if (isZeroScalar(v)) {
      if (showIfEmpty) out[field.name] = field.resolvedType instanceof protobuf.Enum || field.type !== "string" ? (field.type === "bool" ? false : 0) : "";
      continue;
    }
    out[field.name] = encodeValue(field, v);
  }
  return out;
}
