// Credentials and endpoint, resolved at call time: stack config delivered by the engine through the
// dynamic provider's `configure` (clarifai:pat, clarifai:userId, clarifai:apiBase,
// clarifai:requestTimeoutSeconds), else the official SDKs' environment variables. Held in this module's memory only: never serialized, never in state.
// The native plugin (provider/native) serves one configuration per provider instance: it runs each call
// inside `withSettings`, which takes the place of the process-wide configuration for that call only.
import { AsyncLocalStorage } from "async_hooks";
import { ClarifaiClient } from "./client";

export interface Settings {
  pat?: string;
  userId?: string;
  apiBase?: string;
  /** Per-request (per attempt) timeout, in seconds: config clarifai:requestTimeoutSeconds, env CLARIFAI_REQUEST_TIMEOUT_SECONDS. Default 30. */
  requestTimeoutSeconds?: number;
}

let configured: Settings = {};
/** The configuration of the provider instance whose call is running (native plugin only). */
const scoped = new AsyncLocalStorage<Settings>();
/** Clients by credentials: one per provider instance, so each keeps its concurrency cap and retries. */
const clients = new Map<string, ClarifaiClient>();

export interface ConfigureRequest {
  config: { get(key: string): string | undefined };
}

/** The provider configuration keys (schema.json `config.variables`), read through `get(key)`. */
export function settingsFrom(get: (key: string) => unknown): Settings {
  const str = (k: string) => {
    const v = get(k);
    return v === undefined || v === null || v === "" ? undefined : String(v);
  };
  return { pat: str("pat"), userId: str("userId"), apiBase: str("apiBase"), requestTimeoutSeconds: seconds(str("requestTimeoutSeconds")) };
}

/** Called by the engine once per provider process, before any CRUD call (Pulumi ≥ 3.139). */
export function configure(req: ConfigureRequest): void {
  configured = settingsFrom((k) => req.config.get(`clarifai:${k}`));
}

/** For tests and for programs that embed the provider (lookups): overrides stack config. */
export function setSettings(s: Settings): void {
  configured = { ...s };
  clients.clear();
}

/**
 * Runs `fn` (and everything it awaits) with `s` in place of the process-wide configuration: one
 * provider instance's settings in a process that serves several. Environment fallbacks still apply.
 */
export function withSettings<T>(s: Settings, fn: () => T): T {
  return scoped.run({ ...s }, fn);
}

/** A positive number of seconds, or undefined (unset or not a positive number: the default applies). */
function seconds(v: string | number | undefined): number | undefined {
  const n = typeof v === "number" ? v : v === undefined || v.trim() === "" ? NaN : Number(v);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

export function settings(): Required<Pick<Settings, "userId" | "apiBase" | "requestTimeoutSeconds">> & Settings {
  const env = process.env;
  const conf = scoped.getStore() ?? configured;
  return {
    pat: conf.pat || env.CLARIFAI_PAT || undefined,
    userId: conf.userId || env.CLARIFAI_USER_ID || "me",
    apiBase: (conf.apiBase || env.CLARIFAI_API_BASE || "https://api.clarifai.com").replace(/\/+$/, ""),
    requestTimeoutSeconds: seconds(conf.requestTimeoutSeconds) ?? seconds(env.CLARIFAI_REQUEST_TIMEOUT_SECONDS) ?? 30,
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
  const key = `${s.apiBase}\n${s.userId}\n${s.requestTimeoutSeconds}\n${s.pat}`;
  let cached = clients.get(key);
  if (!cached) {
    // Retries, throttling and recoveries reach the Pulumi output; routine successful requests only
    // with PULUMI_CLARIFAI_DEBUG set.
    const log = (line: string) => {
      if (process.env.PULUMI_CLARIFAI_DEBUG || !/ -> HTTP 2\d\d /.test(line)) console.log(line);
    };
    cached = new ClarifaiClient({ pat: s.pat, userId: s.userId, apiBase: s.apiBase, timeoutMs: Math.round(s.requestTimeoutSeconds * 1000), log });
    // A rotated PAT leaves its old client behind: keep only the few live configurations.
    if (clients.size >= 8) clients.delete(clients.keys().next().value!);
    clients.set(key, cached);
  }
  return cached;
}

/** The PAT in use, for the cluster key default; callers must never store it. */
export function currentPat(): string | undefined {
  return settings().pat;
}
