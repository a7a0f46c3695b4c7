/**
 * The request pipeline: one axios instance per client, one attempt at a time through the shared
 * {@link HostGate}, answers turned into errors by errors.ts, retries decided by retry.ts.
 *
 * Secrets: the axios instance (which holds `Authorization: Key <PAT>`) sits in an ES private field,
 * so `util.inspect` of the pipeline or the client does not show it; nothing axios throws is ever
 * rethrown or attached; every log line and every server-provided string goes through `redact`.
 */
import axios, { type AxiosInstance, type AxiosResponse } from "axios";
import {
  ClarifaiError,
  buildApiError,
  buildTransportError,
  withContext,
} from "./errors";
import { type HttpMethod, type RetryPolicy, isAmbiguous, retryClass, retryDecision } from "./retry";
import { type HostGate } from "./semaphore";
import { type QueryValue, query } from "./path";
import { requestIdPrefix } from "./version";

export interface PipelineOptions {
  pat: string;
  apiBase: string;
  timeoutMs: number;
  retry: Partial<RetryPolicy>;
  gate: HostGate;
  log?: (line: string) => void;
  sleep: (ms: number) => Promise<void>;
  redact: (s: string) => string;
  /** This machine's clock, for the time a create was first sent (ownership.ts). @default Date.now */
  now?: () => number;
}

/** Outcome of looking for the object after an ambiguous POST. */
export type VerifyResult<T> = { found: T } | undefined;

export interface RequestSpec<T> {
  /** RPC name, e.g. "GetNodepool": used in errors and logs. */
  operation: string;
  method: HttpMethod;
  /** Path below the API base, already encoded (see path.ts). */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Creates: the id being created, so "already exists" is recognised for this id only. */
  resourceId?: string;
  /** Turns the success body (a JSON object; each call names its response message) into the result. */
  parse(body: object): T;
  /**
   * POST only. Called after an ambiguous failure (and on "already exists" after one) with the time the
   * POST was first sent (epoch ms): resolves `{found}` when the object exists and the evidence says
   * this create made it (ownership.ts), undefined when it does not exist; throws AlreadyExistsError
   * when it is someone else's, CreateConflictError when it is this create's but differs.
   */
  verify?: (firstSentAt: number) => Promise<VerifyResult<T>>;
}

export const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

let writeEvents = 0;

/**
 * How many times a write (any method but GET) began or ended in this process, through any client. A
 * reader that copied the account at one count knows its copy may be out of date once the count moves,
 * including for a write that was already in flight when it read (its end moves the count).
 */
export const writeCount = (): number => writeEvents;

export class Pipeline {
  readonly #http: AxiosInstance;
  readonly #opts: PipelineOptions;

  constructor(opts: PipelineOptions) {
    this.#opts = opts;
    this.#http = axios.create({
      baseURL: opts.apiBase.replace(/\/+$/, ""),
      timeout: opts.timeoutMs,
      headers: {
        Authorization: `Key ${opts.pat}`,
        "Content-Type": "application/json",
        Accept: "application/json",
        "x-clarifai-request-id-prefix": requestIdPrefix(),
      },
      // We read the raw text ourselves: a non-JSON body must be detectable, and every status is an answer.
      responseType: "text",
      transformResponse: [(d: unknown) => d],
      validateStatus: () => true,
      // A redirect to another host must not take the Authorization header with it.
      maxRedirects: 0,
      transitional: { clarifyTimeoutError: true, silentJSONParsing: true, forcedJSONParsing: false },
    });
  }

  private log(line: string): void {
    if (this.#opts.log) this.#opts.log(this.#opts.redact(`clarifai: ${line}`));
  }

  /**
   * One attempt, no retries. Resolves with the parsed success body; rejects with a ClarifaiError.
   * Waits out the host's shared throttle pause first, unless this attempt has just slept its own.
   */
  async once<T>(spec: RequestSpec<T>, skipPause = false): Promise<object> {
    const { gate, sleep } = this.#opts;
    const wait = skipPause ? 0 : gate.remainingPause();
    if (wait > 0) await sleep(wait);
    const url = spec.path + query(spec.query);
    const started = Date.now();
    let res: AxiosResponse<string>;
    await gate.semaphore.acquire();
    try {
      res = await this.#http.request<string>({ method: spec.method, url, data: spec.body === undefined ? undefined : JSON.stringify(spec.body) });
    } catch (e) {
      // Keep only the error code: the axios error carries the config and with it the PAT.
      const code = typeof e === "object" && e !== null && "code" in e && typeof e.code === "string" ? e.code : undefined;
      const err = buildTransportError(spec.operation, code, this.#opts.timeoutMs);
      this.log(`${spec.method} ${url} -> ${err.kind} ${code ?? ""} (${Date.now() - started} ms)`);
      throw err;
    } finally {
      gate.semaphore.release();
    }
    const text = typeof res.data === "string" ? res.data : "";
    let body: object | undefined;
    try {
      body = text === "" ? undefined : JSON.parse(text);
    } catch {
      body = undefined;
    }
    const err = buildApiError({
      operation: spec.operation,
      httpStatus: res.status,
      body,
      rawText: body === undefined ? text : undefined,
      retryAfter: res.headers["retry-after"],
      redact: this.#opts.redact,
      resourceId: spec.resourceId,
    });
    const st = body && "status" in body && typeof body.status === "object" && body.status !== null ? body.status : undefined;
    this.log(
      `${spec.method} ${url} -> HTTP ${res.status}` +
        (st && "code" in st && st.code !== undefined ? ` code ${String(st.code)}` : "") +
        (st && "req_id" in st && st.req_id ? ` req_id ${String(st.req_id)}` : "") +
        ` (${Date.now() - started} ms)`,
    );
    if (err) {
      if (err.kind === "rateLimited") gate.onThrottle();
      throw err;
    }
    gate.onSuccess();
    return body ?? {};
  }

  /** The full pipeline: attempts, retries per retry.ts, and the ambiguous-POST check; writes are counted (writeCount). */
  async request<T>(spec: RequestSpec<T>): Promise<T> {
    if (spec.method === "GET") return this.attempts(spec);
    writeEvents++;
    try {
      return await this.attempts(spec);
    } finally {
      writeEvents++;
    }
  }

  private async attempts<T>(spec: RequestSpec<T>): Promise<T> {
    const { gate, sleep, retry } = this.#opts;
    const used = { throttle: 0, transient: 0 };
    let ambiguousSeen = false;
    let slept = false;
    const firstSentAt = (this.#opts.now ?? Date.now)();
    for (;;) {
      let e: ClarifaiError;
      const skipPause = slept;
      slept = false;
      try {
        return spec.parse(await this.once(spec, skipPause));
      } catch (caught) {
        if (!ClarifaiError.isInstance(caught)) throw caught;
        e = caught;
      }
      // The re-sent POST met the object: the earlier, ambiguous attempt did land after all.
      if (spec.method === "POST" && spec.verify && ambiguousSeen && e.kind === "alreadyExists") {
        const v = await this.verifyOrExplain(spec, e, firstSentAt);
        if (v) return v.found;
        throw e;
      }
      const cls = retryClass(e);
      const attempt = cls === "throttle" ? ++used.throttle : cls === "transient" ? ++used.transient : 1;
      const d = retryDecision(attempt, e, spec.method, retry);
      if (cls === "throttle" && (d.retry || d.verifyFirst)) gate.pause(d.delayMs);
      if (d.retry) {
        this.log(`retrying ${spec.operation} in ${d.delayMs} ms (${d.reason}: ${e.message})`);
        await sleep(d.delayMs);
        slept = true;
        continue;
      }
      if (spec.method === "POST" && spec.verify && (d.verifyFirst || isAmbiguous(e))) {
        // Ambiguous: the write may have happened. Look before sending again.
        ambiguousSeen = true;
        this.log(`${spec.operation} outcome unknown (${e.message}); checking whether it was committed`);
        await sleep(d.delayMs);
        const v = await this.verifyOrExplain(spec, e, firstSentAt);
        if (v) {
          this.log(`${spec.operation}: the object exists, this create made it and it matches what was sent; using it`);
          return v.found;
        }
        if (d.verifyFirst) {
          this.log(`${spec.operation} was not committed; sending it again (${d.reason})`);
          continue;
        }
        // Budget spent and the object is not there: say so plainly.
        throw withContext(e, {
          details: [e.details, `the create was not committed; gave up after ${used.transient} attempts`].filter(Boolean).join("; "),
        });
      }
      throw e;
    }
  }

  private async verifyOrExplain<T>(spec: RequestSpec<T>, cause: ClarifaiError, firstSentAt: number): Promise<VerifyResult<T>> {
    try {
      return await spec.verify!(firstSentAt);
    } catch (ve) {
      if (ClarifaiError.isInstance(ve) && (ve.kind === "createConflict" || ve.kind === "alreadyExists")) throw ve;
      const why = ClarifaiError.isInstance(ve) ? ve.message : "lookup failed";
      throw withContext(cause, {
        details: [cause.details, `outcome unknown: the create may have been committed, and checking failed: ${why}`]
          .filter(Boolean)
          .join("; "),
      });
    }
  }
}
