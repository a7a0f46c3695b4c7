/**
 * One error hierarchy for every Clarifai failure, built in one place ({@link buildApiError} for
 * answers, {@link buildTransportError} for no answer). Errors are plain objects of our own: they never
 * hold the axios error, its config or its headers, so the PAT cannot leak through `cause`, a stack,
 * `util.inspect` or `JSON.stringify`.
 */

export type ErrorKind =
  | "notFound"
  | "invalidArgument"
  | "alreadyExists"
  | "unauthenticated"
  | "permissionDenied"
  | "rateLimited"
  | "server"
  | "connection"
  | "timeout"
  | "createConflict"
  | "unknown";

export interface ClarifaiErrorFields {
  /** RPC name, e.g. "PostNodepools". */
  operation: string;
  httpStatus?: number;
  /** Clarifai `status.code`. */
  code?: number;
  description?: string;
  details?: string;
  reqId?: string;
  /** Server-requested wait (Retry-After), milliseconds. */
  retryAfterMs?: number;
  /** Connection errors only: false when the request provably never left (refused, DNS). */
  requestSent?: boolean;
}

/** Clarifai status code names, for messages (status_code.proto; the subset this API uses). */
const CODE_NAMES: Readonly<Record<number, string>> = {
  10000: "SUCCESS",
  10010: "MIXED_STATUS",
  10020: "FAILURE",
  10030: "TRY_AGAIN",
  10040: "NOT_IMPLEMENTED",
  10050: "MOVED",
  10070: "ACCEPTED",
  11000: "CONN_ACCOUNT_ISSUES",
  11001: "CONN_TOKEN_INVALID",
  11002: "CONN_CREDENTIALS_INVALID",
  11003: "CONN_EXCEED_HOURLY_LIMIT",
  11004: "CONN_EXCEED_MONTHLY_LIMIT",
  11005: "CONN_THROTTLED",
  11006: "CONN_EXCEEDS_LIMITS",
  11007: "CONN_INSUFFICIENT_SCOPES",
  11008: "CONN_KEY_INVALID",
  11009: "CONN_KEY_NOT_FOUND",
  11100: "CONN_BAD_REQUEST_FORMAT",
  11101: "CONN_DOES_NOT_EXIST",
  11102: "CONN_INVALID_REQUEST",
  11103: "CONN_METHOD_NOT_ALLOWED",
  11200: "CONN_AUTH_METHOD_DISABLED",
  21200: "MODEL_DOES_NOT_EXIST",
  21201: "MODEL_PERMISSION_DENIED",
  21202: "MODEL_INVALID_ARGUMENT",
  22102: "WORKFLOW_DOES_NOT_EXIST",
  22103: "WORKFLOW_PERMISSION_DENIED",
  25600: "RUNNER_DOES_NOT_EXIST",
  25601: "RUNNER_PERMISSION_DENIED",
  25602: "RUNNER_INVALID_ARGUMENT",
  25603: "RUNNER_INVALID_REQUEST",
  25604: "RUNNER_NEEDS_RETRY",
  25700: "NODEPOOL_DOES_NOT_EXIST",
  25701: "NODEPOOL_INVALID_ARGUMENT",
  25702: "NODEPOOL_INVALID_REQUEST",
  25800: "COMPUTE_CLUSTER_DOES_NOT_EXIST",
  25801: "COMPUTE_CLUSTER_INVALID_ARGUMENT",
  25802: "COMPUTE_CLUSTER_INVALID_REQUEST",
  25900: "DEPLOYMENT_DOES_NOT_EXIST",
  25901: "DEPLOYMENT_INVALID_ARGUMENT",
  25902: "DEPLOYMENT_INVALID_REQUEST",
  25903: "DEPLOYMENT_DISABLED",
  26000: "INSTANCE_TYPE_DOES_NOT_EXIST",
  26001: "INSTANCE_TYPE_INVALID_ARGUMENT",
  26002: "INSTANCE_TYPE_INVALID_REQUEST",
  39997: "REQUEST_DISABLED_FOR_MAINTENANCE",
  40010: "DATABASE_DUPLICATE_KEY",
  40017: "DATABASE_CONSTRAINT_VIOLATED",
  40030: "RPC_REQUEST_QUEUE_FULL",
  40031: "RPC_SERVER_UNAVAILABLE",
  40032: "RPC_REQUEST_TIMEOUT",
  90400: "BAD_REQUEST",
  90500: "SERVER_ERROR",
  98004: "INTERNAL_SERVER_ISSUE",
  98005: "INTERNAL_FETCHING_ISSUE",
  98006: "INTERNAL_DATABASE_ISSUE",
  98009: "INTERNAL_UNEXPECTED_TIMEOUT",
  98014: "INTERNAL_RESOURCE_EXHAUSTED",
  99009: "INTERNAL_UNCATEGORIZED",
};

export const SUCCESS = 10000;

export class ClarifaiError extends Error {
  /** Survives duplicate copies of this module (see {@link ClarifaiError.isInstance}). */
  readonly __clarifaiError = true;
  readonly kind: ErrorKind = "unknown";
  readonly operation: string;
  readonly httpStatus?: number;
  readonly code?: number;
  readonly codeName?: string;
  readonly description?: string;
  readonly details?: string;
  readonly reqId?: string;
  readonly retryAfterMs?: number;
  readonly requestSent?: boolean;

  constructor(f: ClarifaiErrorFields) {
    super(formatMessage(f));
    this.name = new.target.name;
    this.operation = f.operation;
    this.httpStatus = f.httpStatus;
    this.code = f.code;
    this.codeName = f.code === undefined ? undefined : CODE_NAMES[f.code];
    this.description = f.description;
    this.details = f.details;
    this.reqId = f.reqId;
    this.retryAfterMs = f.retryAfterMs;
    this.requestSent = f.requestSent;
  }

  static isInstance(e: unknown): e is ClarifaiError {
    return typeof e === "object" && e !== null && "__clarifaiError" in e && e.__clarifaiError === true;
  }

  /** The fields as given, to rebuild the same error with changes (see `withContext`). */
  fields(): ClarifaiErrorFields {
    return {
      operation: this.operation,
      httpStatus: this.httpStatus,
      code: this.code,
      description: this.description,
      details: this.details,
      reqId: this.reqId,
      retryAfterMs: this.retryAfterMs,
      requestSent: this.requestSent,
    };
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      kind: this.kind,
      message: this.message,
      operation: this.operation,
      httpStatus: this.httpStatus,
      code: this.code,
      codeName: this.codeName,
      description: this.description,
      details: this.details,
      reqId: this.reqId,
    };
  }
}

export class NotFoundError extends ClarifaiError {
  override readonly kind: ErrorKind = "notFound";
}
export class InvalidArgumentError extends ClarifaiError {
  override readonly kind: ErrorKind = "invalidArgument";
}
/** A create met an existing object with the same id. */
export class AlreadyExistsError extends InvalidArgumentError {
  override readonly kind: ErrorKind = "alreadyExists";
}
export class UnauthenticatedError extends ClarifaiError {
  override readonly kind: ErrorKind = "unauthenticated";
}
export class PermissionDeniedError extends ClarifaiError {
  override readonly kind: ErrorKind = "permissionDenied";
}
export class RateLimitedError extends ClarifaiError {
  override readonly kind: ErrorKind = "rateLimited";
}
export class ServerError extends ClarifaiError {
  override readonly kind: ErrorKind = "server";
}
export class ConnectionError extends ClarifaiError {
  override readonly kind: ErrorKind = "connection";
}
export class TimeoutError extends ClarifaiError {
  override readonly kind: ErrorKind = "timeout";
}
/** After an ambiguous create, an object with that id exists but differs from what was sent. */
export class CreateConflictError extends ClarifaiError {
  override readonly kind: ErrorKind = "createConflict";
}

type ErrorClass = new (f: ClarifaiErrorFields) => ClarifaiError;

/** The class of each kind: an error rebuilt with more context keeps its kind (`withContext`). */
const CLASS_OF: Record<ErrorKind, ErrorClass> = {
  notFound: NotFoundError,
  invalidArgument: InvalidArgumentError,
  alreadyExists: AlreadyExistsError,
  unauthenticated: UnauthenticatedError,
  permissionDenied: PermissionDeniedError,
  rateLimited: RateLimitedError,
  server: ServerError,
  connection: ConnectionError,
  timeout: TimeoutError,
  createConflict: CreateConflictError,
  unknown: ClarifaiError,
};

/** `<operation> failed: <description> (<details>) [code <code> <CODE_NAME>, HTTP <status>, req_id <id>]` */
export function formatMessage(f: ClarifaiErrorFields): string {
  let m = `${f.operation} failed: ${f.description || "no description"}`;
  if (f.details && f.details !== f.description) m += ` (${f.details})`;
  const tags: string[] = [];
  if (f.code !== undefined) tags.push(`code ${f.code}${CODE_NAMES[f.code] ? " " + CODE_NAMES[f.code] : ""}`);
  if (f.httpStatus !== undefined) tags.push(`HTTP ${f.httpStatus}`);
  if (f.reqId) tags.push(`req_id ${f.reqId}`);
  return tags.length > 0 ? `${m} [${tags.join(", ")}]` : m;
}

// ---- mapping -----------------------------------------------------------------------------------

const NOT_FOUND_CODES = new Set([11101, 21200, 22102, 25600, 25700, 25800, 25900, 26000]);
const INVALID_CODES = new Set([
  10020, 10040, 11100, 11103, 21202, 25602, 25603, 25701, 25702, 25801, 25802, 25901, 25902, 25903, 26001, 26002, 40017,
  90400,
]);
const UNAUTHENTICATED_CODES = new Set([11001, 11002, 11008, 11009, 11200]);
const PERMISSION_CODES = new Set([11000, 11004, 11006, 11007, 21201, 22103, 25601]);
const THROTTLE_CODES = new Set([11003, 11005]);
/** Codes the server uses for "transient, please try again". */
export const RETRYABLE_CODES = new Set([10030, 11003, 11005, 25604, 39997, 40030, 40031, 40032]);

export function isServerCode(code: number): boolean {
  return (code >= 98000 && code < 100000) || (code >= 40000 && code < 40100 && code !== 40010 && code !== 40017) || code === 90500 || code === 10030 || code === 25604 || code === 39997;
}

const ALREADY_EXISTS = /already exist|duplicate/i;

/**
 * "An object with this id already exists", as opposed to other uniqueness conflicts that also say
 * "already exists" (e.g. one deployment per model and nodepool). When the id that was sent is
 * known, the text must name it.
 */
function saysAlreadyExists(text: string, resourceId?: string): boolean {
  if (!ALREADY_EXISTS.test(text)) return false;
  if (resourceId === undefined) return true;
  const esc = resourceId.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(^|[^A-Za-z0-9_-])${esc}($|[^A-Za-z0-9_-])`).test(text);
}

/**
 * Picks the class from the body's `status.code` first, the HTTP status second.
 * @param resourceId the id a create sent, to tell "this id already exists" from other conflicts
 */
function classify(httpStatus: number | undefined, code: number | undefined, text: string, resourceId?: string): ErrorClass {
  const exists = saysAlreadyExists(text, resourceId);
  if (code !== undefined && code !== SUCCESS) {
    if (code === 40010 || (INVALID_CODES.has(code) && exists)) return AlreadyExistsError;
    if (NOT_FOUND_CODES.has(code)) return NotFoundError;
    if (THROTTLE_CODES.has(code)) return RateLimitedError;
    if (UNAUTHENTICATED_CODES.has(code)) return UnauthenticatedError;
    if (PERMISSION_CODES.has(code)) return PermissionDeniedError;
    if (INVALID_CODES.has(code)) return InvalidArgumentError;
    if (isServerCode(code)) return ServerError;
    // 11102 CONN_INVALID_REQUEST is used both for a malformed auth header (401) and bad requests.
    if (code === 11102) return httpStatus === 401 ? UnauthenticatedError : InvalidArgumentError;
  }
  switch (httpStatus) {
    case 400:
    case 422:
      return exists ? AlreadyExistsError : InvalidArgumentError;
    case 401:
      return UnauthenticatedError;
    case 403:
      return PermissionDeniedError;
    case 404:
      return NotFoundError;
    case 408:
      return TimeoutError;
    case 409:
      return AlreadyExistsError;
    case 429:
      return RateLimitedError;
  }
  if (httpStatus !== undefined && httpStatus >= 500) return ServerError;
  if (httpStatus !== undefined && httpStatus >= 400) return InvalidArgumentError;
  return ClarifaiError;
}

/** Retry-After: delay-seconds or an HTTP date. Returns milliseconds, or undefined when absent/invalid. */
export function parseRetryAfter(value: unknown, now: number = Date.now()): number | undefined {
  if (typeof value !== "string" && typeof value !== "number") return undefined;
  const s = String(value).trim();
  if (s === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(s)) return Math.round(Number(s) * 1000);
  const t = Date.parse(s);
  return Number.isFinite(t) ? Math.max(0, t - now) : undefined;
}

export interface ApiAnswer {
  operation: string;
  httpStatus: number;
  /** Parsed JSON body, or undefined when the body was not JSON. */
  body: unknown;
  /** The raw text, used only when the body is not JSON (a proxy page), truncated. */
  rawText?: string;
  retryAfter?: unknown;
  /** Scrubs secrets (the PAT, cluster keys) from any server-provided text. */
  redact?: (s: string) => string;
  /** Creates: the id sent (see {@link saysAlreadyExists}). */
  resourceId?: string;
}

function str(v: unknown): string | undefined {
  return typeof v === "string" && v !== "" ? v : undefined;
}

/**
 * The one place an answer becomes an error. Returns undefined when the answer is a success
 * (`status.code` 10000, or a 2xx without a status code).
 */
export function buildApiError(a: ApiAnswer): ClarifaiError | undefined {
  const redact = a.redact ?? ((s: string) => s);
  const retryAfterMs = parseRetryAfter(a.retryAfter);
  const body = a.body;
  if (typeof body !== "object" || body === null) {
    if (a.httpStatus >= 200 && a.httpStatus < 300 && a.body === undefined && !a.rawText) return undefined;
    const Cls = a.httpStatus === 429 ? RateLimitedError : ServerError;
    const snippet = a.rawText ? redact(a.rawText.replace(/\s+/g, " ").trim().slice(0, 200)) : undefined;
    return new Cls({
      operation: a.operation,
      httpStatus: a.httpStatus,
      description: `unexpected non-JSON response (HTTP ${a.httpStatus})`,
      details: snippet,
      retryAfterMs,
    });
  }
  const status = "status" in body && typeof body.status === "object" && body.status !== null ? body.status : {};
  const code = "code" in status && typeof status.code === "number" ? status.code : undefined;
  const ok2xx = a.httpStatus >= 200 && a.httpStatus < 300;
  if (code === SUCCESS && ok2xx) return undefined;
  if (code === undefined && ok2xx) return undefined;
  const description = str("description" in status ? status.description : undefined);
  const details = str("details" in status ? status.details : undefined);
  const text = `${description ?? ""} ${details ?? ""}`;
  const Cls = classify(a.httpStatus, code === SUCCESS ? undefined : code, text, a.resourceId);
  return new Cls({
    operation: a.operation,
    httpStatus: a.httpStatus,
    code,
    description: description === undefined ? undefined : redact(description),
    details: details === undefined ? undefined : redact(details),
    reqId: str("req_id" in status ? status.req_id : undefined),
    retryAfterMs,
  });
}

/**
 * No answer: the socket failed or the per-request timeout fired. `errCode` is the Node/axios error
 * code (ECONNRESET, ECONNREFUSED, ETIMEDOUT, ...); no other part of the underlying error is kept.
 */
export function buildTransportError(operation: string, errCode: string | undefined, timeoutMs?: number): ClarifaiError {
  const c = errCode ?? "UNKNOWN";
  if (c === "ECONNABORTED" || c === "ETIMEDOUT") {
    return new TimeoutError({ operation, description: `no response within ${timeoutMs ?? "?"} ms`, details: c });
  }
  // These fail before a byte of the request is written: a POST can safely be sent again.
  const neverSent = c === "ECONNREFUSED" || c === "ENOTFOUND" || c === "EAI_AGAIN" || c === "ERR_INVALID_URL";
  return new ConnectionError({ operation, description: "connection failed", details: c, requestSent: !neverSent });
}

/** The same error class with fields changed (used to add context without losing the kind). */
export function withContext(e: ClarifaiError, change: Partial<ClarifaiErrorFields>): ClarifaiError {
  const Cls = CLASS_OF[e.kind];
  return new Cls({ ...e.fields(), ...change });
}
