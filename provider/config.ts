// Credentials and endpoint, resolved at call time: stack config delivered by the engine through the
// dynamic provider's `configure` (clarifai:pat, clarifai:userId, clarifai:apiBase,
// clarifai:requestTimeoutSeconds), else the official SDKs' environment variables. Held in this module's memory only: never serialized, never in state.
import { ClarifaiClient } from "./client";

export interface Settings {
  pat?: string;
  userId?: string;
  apiBase?: string;
  /** Per-request (per attempt) timeout, in seconds: config clarifai:requestTimeoutSeconds, env CLARIFAI_REQUEST_TIMEOUT_SECONDS. Default 30. */
  requestTimeoutSeconds?: number;
  /** Ceiling of concurrent requests: config clarifai:maxConcurrency, env CLARIFAI_MAX_CONCURRENCY. Default 32; halved on each 429. */
  maxConcurrency?: number;
}

let configured: Settings = {};
let cached: { key: string; client: ClarifaiClient } | undefined;

export interface ConfigureRequest {
  config: { get(key: string): string | undefined };
}

/** Called by the engine once per provider process, before any CRUD call (Pulumi ≥ 3.139). */
export function configure(req: ConfigureRequest): void {
  const get = (k: string) => req.config.get(`clarifai:${k}`) || undefined;
  configured = {
    pat: get("pat"),
    userId: get("userId"),
    apiBase: get("apiBase"),
    requestTimeoutSeconds: seconds(get("requestTimeoutSeconds")),
    maxConcurrency: count(get("maxConcurrency")),
  };
}

/** For tests and for programs that embed the provider (lookups): overrides stack config. */
export function setSettings(s: Settings): void {
  configured = { ...s };
  cached = undefined;
}

/** A positive number of seconds, or undefined (unset or not a positive number: the default applies). */
function seconds(v: string | number | undefined): number | undefined {
  const n = typeof v === "number" ? v : v === undefined || v.trim() === "" ? NaN : Number(v);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

/** A whole number ≥ 1, or undefined. */
function count(v: string | number | undefined): number | undefined {
  const n = typeof v === "number" ? v : v === undefined || v.trim() === "" ? NaN : Number(v);
  return Number.isInteger(n) && n >= 1 ? n : undefined;
}

export function settings(): Required<Pick<Settings, "userId" | "apiBase" | "requestTimeoutSeconds">> & Settings {
  const env = process.env;
  return {
    pat: configured.pat || env.CLARIFAI_PAT || undefined,
    userId: configured.userId || env.CLARIFAI_USER_ID || "me",
    apiBase: (configured.apiBase || env.CLARIFAI_API_BASE || "https://api.clarifai.com").replace(/\/+$/, ""),
    requestTimeoutSeconds: seconds(configured.requestTimeoutSeconds) ?? seconds(env.CLARIFAI_REQUEST_TIMEOUT_SECONDS) ?? 30,
    maxConcurrency: count(configured.maxConcurrency) ?? count(env.CLARIFAI_MAX_CONCURRENCY),
  };
}

export class MissingCredentialsError extends Error {
  constructor() {
    super(
      "Clarifai credentials are missing: set a personal access token with " +
        "`pulumi config set --secret clarifai:pat <token>` or the CLARIFAI_PAT environment variable.",
    );
    this.name = "MissingCredentialsError";
  }
}

export function hasCredentials(): boolean {
  return !!settings().pat;
}

/** One client per process and credentials, so the concurrency cap and retries are shared. */
export function client(): ClarifaiClient {
  const s = settings();
  if (!s.pat) throw new MissingCredentialsError();
  const key = `${s.apiBase}\n${s.userId}\n${s.requestTimeoutSeconds}\n${s.maxConcurrency}\n${s.pat}`;
  if (!cached || cached.key !== key) {
    // Retries, throttling and recoveries reach the Pulumi output; routine successful requests, and a
    // GET answering 404 (an existence check: `adopt`, refresh, delete), only with PULUMI_CLARIFAI_DEBUG set.
    const log = (line: string) => {
      if (process.env.PULUMI_CLARIFAI_DEBUG || !/ -> HTTP 2\d\d |^clarifai: GET \S+ -> HTTP 404 /.test(line)) console.log(line);
    };
    cached = { key, client: new ClarifaiClient({ pat: s.pat, userId: s.userId, apiBase: s.apiBase, timeoutMs: Math.round(s.requestTimeoutSeconds * 1000), maxConcurrency: s.maxConcurrency, log }) };
  }
  return cached.client;
}

/** The PAT in use, for the cluster key default; callers must never store it. */
export function currentPat(): string | undefined {
  return settings().pat;
}
