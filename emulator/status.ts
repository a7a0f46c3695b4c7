/**
 * Clarifai status codes (by name, from status_code.proto) and the HTTP status each maps to.
 *
 * The real HTTP mapping is only partly known (reference §5: 200/400/401/404 are evidenced). Reading used
 * here (documented in emulator/README.md):
 *   *_DOES_NOT_EXIST, 11101                         -> 404
 *   *_INVALID_ARGUMENT, *_INVALID_REQUEST, 11100, 11102, other 2xxxx-2xxxx resource errors -> 400
 *   11002, 11008, 11009 (and 11001)                  -> 401
 *   11007, *_PERMISSION_DENIED                       -> 403
 *   11103                                            -> 405
 *   11003, 11005                                     -> 429
 *   10040 NOT_IMPLEMENTED                            -> 501
 *   40031 RPC_SERVER_UNAVAILABLE                     -> 503
 *   98xxx, 99xxx, 40xxx                              -> 500
 */
import { loadProtos } from "./protos";

let byName: Record<string, number> | undefined;
let byCode: Map<number, string> | undefined;

function tables(): { byName: Record<string, number>; byCode: Map<number, string> } {
  if (!byName || !byCode) {
    const en = loadProtos().statusCodes;
    byName = { ...en.values };
    byCode = new Map();
    const deprecated = (name: string): boolean => Boolean(en.valuesOptions?.[name]?.deprecated);
    for (const [name, c] of Object.entries(en.values)) {
      const prev = byCode.get(c);
      if (prev === undefined || (deprecated(prev) && !deprecated(name))) byCode.set(c, name);
    }
  }
  return { byName, byCode };
}

/** Numeric code for a StatusCode name; throws if the proto does not define it. */
export function code(name: string): number {
  const c = tables().byName[name];
  if (c === undefined) throw new Error(`unknown status code ${name}`);
  return c;
}

export function codeName(c: number): string | undefined {
  return tables().byCode.get(c);
}

/** Descriptions observed on the real API (reference §1, §5); others are derived from the enum name. */
const KNOWN_DESCRIPTIONS: Record<string, string> = {
  SUCCESS: "Ok",
  CONN_INVALID_REQUEST: "Empty or malformed authorization header. Please provide an API key or session token.",
  CONN_KEY_INVALID: "Invalid API key or Invalid API key/application pair",
  CONN_KEY_NOT_FOUND: "API key not found",
  CONN_THROTTLED: "Making too many requests",
  CONN_DOES_NOT_EXIST: "Resource does not exist",
  CONN_BAD_REQUEST_FORMAT: "Bad request format",
  CONN_METHOD_NOT_ALLOWED: "Method not allowed",
  CONN_INSUFFICIENT_SCOPES: "Insufficient scopes",
  NOT_IMPLEMENTED: "Not implemented",
  INTERNAL_SERVER_ISSUE: "Internal server error",
  RPC_SERVER_UNAVAILABLE: "Server unavailable",
};

export function description(c: number): string {
  const name = codeName(c);
  if (!name) return "Unknown status";
  if (KNOWN_DESCRIPTIONS[name]) return KNOWN_DESCRIPTIONS[name];
  const words = name.toLowerCase().split("_").join(" ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function httpStatusFor(c: number): number {
  const name = codeName(c) ?? "";
  if (c === 10000) return 200;
  if (c === 10070) return 202;
  if (name.endsWith("_DOES_NOT_EXIST") || c === 11101) return 404;
  if (name.endsWith("_PERMISSION_DENIED") || c === 11007) return 403;
  if (c === 11001 || c === 11002 || c === 11008 || c === 11009) return 401;
  if (c === 11103) return 405;
  if (c === 11003 || c === 11005) return 429;
  if (c === 10040) return 501;
  if (c === 40031) return 503;
  if (c >= 98000 || (c >= 40000 && c < 41000)) return 500;
  return 400;
}

/** An API error carried from a handler to the serializer. */
export class ApiError extends Error {
  readonly code: number;
  readonly details: string;
  readonly httpStatus: number;
  constructor(codeOrName: number | string, details: string, httpStatus?: number) {
    super(details);
    this.code = typeof codeOrName === "number" ? codeOrName : code(codeOrName);
    this.details = details;
    this.httpStatus = httpStatus ?? httpStatusFor(this.code);
  }
}
