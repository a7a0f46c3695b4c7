/**
 * The retry policy, as pure functions (no clock, no I/O; randomness injected). The request pipeline
 * in http.ts is its only caller.
 *
 * - Retried: connection errors, timeouts, HTTP 429 and 5xx, and Clarifai's TRY_AGAIN (10030),
 *   throttled (11003, 11005) and server codes (98xxx, 99xxx, 40030-40032).
 * - Two budgets: throttling has its own, larger one, so a server rate limit slows a run down instead
 *   of failing it; everything else shares `maxRetries`.
 * - Delay: full jitter over `base * factor^(attempt-1)` capped at `capMs`; a server `Retry-After`
 *   wins (capped at `maxRetryAfterMs`).
 * - A POST is never blindly repeated. A throttle or a connection that provably never opened is a
 *   refusal, so the POST is sent again. Any other transient failure is ambiguous (the write may have
 *   happened): the decision says `verifyFirst`, and the caller must look the object up before
 *   deciding to send again.
 */
import { ClarifaiError, RETRYABLE_CODES, isServerCode } from "./errors";

export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";

export interface RetryPolicy {
  /** Retries for server errors, connection errors and timeouts. @default 6 */
  maxRetries: number;
  /** Retries for throttling (429, 11003, 11005). @default 30 */
  maxThrottleRetries: number;
  /** @unit milliseconds @default 250 */
  baseMs: number;
  /** @default 2 */
  factor: number;
  /** @unit milliseconds @default 8000 */
  capMs: number;
  /** Longest Retry-After honoured; longer values are clamped. @unit milliseconds @default 60000 */
  maxRetryAfterMs: number;
  /** [0, 1) */
  random: () => number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 6,
  maxThrottleRetries: 30,
  baseMs: 250,
  factor: 2,
  capMs: 8000,
  maxRetryAfterMs: 60_000,
  random: Math.random,
};

/** Which budget an error draws from; "none" means it is final. */
export type RetryClass = "throttle" | "transient" | "none";

export interface RetryDecision {
  /** Send the same request again after `delayMs`. */
  retry: boolean;
  /**
   * POST only: the failure was ambiguous. Wait `delayMs`, then check whether the object exists
   * before sending again. Never set together with `retry`.
   */
  verifyFirst: boolean;
  delayMs: number;
  /** Short reason, for log lines. */
  reason: string;
}

export function retryClass(e: ClarifaiError): RetryClass {
  if (e.kind === "rateLimited") {
    // 11004 (monthly limit) and friends are PermissionDenied; only real throttling lands here.
    return "throttle";
  }
  if (e.kind === "connection" || e.kind === "timeout") return "transient";
  if (e.code !== undefined && RETRYABLE_CODES.has(e.code)) return "transient";
  if (e.kind === "server") {
    if (e.httpStatus !== undefined && e.httpStatus >= 500) return "transient";
    if (e.code !== undefined && isServerCode(e.code)) return "transient";
  }
  return "none";
}

/** A failure after which a POST may or may not have been committed. */
export function isAmbiguous(e: ClarifaiError): boolean {
  if (retryClass(e) !== "transient") return false;
  if (e.kind === "connection" && e.requestSent === false) return false;
  return true;
}

/** Full-jitter exponential backoff for the attempt-th retry (1-based). */
export function backoffMs(attempt: number, p: Pick<RetryPolicy, "baseMs" | "factor" | "capMs" | "random">): number {
  const ceiling = Math.min(p.capMs, p.baseMs * Math.pow(p.factor, Math.max(0, attempt - 1)));
  const r = Math.min(Math.max(p.random(), 0), 1);
  return Math.floor(r * ceiling);
}

/**
 * @param attempt 1-based number of this failure within its budget class (see {@link retryClass}):
 *   the first throttle is 1, the first server error is 1, independently.
 */
export function retryDecision(
  attempt: number,
  error: ClarifaiError,
  method: HttpMethod,
  policy: Partial<RetryPolicy> = {},
): RetryDecision {
  const p: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...policy };
  const cls = retryClass(error);
  const no = (reason: string): RetryDecision => ({ retry: false, verifyFirst: false, delayMs: 0, reason });
  if (cls === "none") return no(`${error.kind} is final`);
  const budget = cls === "throttle" ? p.maxThrottleRetries : p.maxRetries;
  if (attempt > budget) return no(`${cls} retry budget of ${budget} spent`);
  let delayMs = backoffMs(attempt, p);
  if (error.retryAfterMs !== undefined) delayMs = Math.min(Math.max(error.retryAfterMs, 0), p.maxRetryAfterMs);
  const reason = `${cls} ${attempt}/${budget}`;
  if (method === "POST" && isAmbiguous(error)) return { retry: false, verifyFirst: true, delayMs, reason };
  return { retry: true, verifyFirst: false, delayMs, reason };
}
