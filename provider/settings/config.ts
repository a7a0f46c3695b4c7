// The one door for settings and clients. Stack config arrives through the dynamic provider's
// `configure` (clarifai:pat, userId, apiBase, requestTimeoutSeconds, maxConcurrency); the rest of the
// order (environment, then the clarifai CLI's current context) is provider/credentials.ts. The CRUD
// calls, the preview checks and the program-side look-ups all get their client here, from one cache,
// so they share the concurrency cap and never disagree about credentials. Held in this module's memory
// only: never serialized, never in state.
// The native plugin (provider/native) serves one configuration per provider instance: it runs each call
// inside `withSettings`, which takes the place of the process-wide stack config for that call only.
import { AsyncLocalStorage } from "async_hooks";
import { ClarifaiClient } from "../client";
import { count, flag, missingCredentials, positive, resolveSettings, type ResolvedSettings, type StackSettings } from "./credentials";

export type Settings = StackSettings;

let configured: Settings = {};
/** The configuration of the provider instance whose call is running (native plugin only). */
const scoped = new AsyncLocalStorage<Settings>();

export interface ConfigureRequest {
  config: { get(key: string): string | undefined };
}

/** Called by the engine once per provider process, before any CRUD call (Pulumi ≥ 3.139). */
export function configure(req: ConfigureRequest): void {
  configured = fromConfig((k) => req.config.get(`clarifai:${k}`));
}

/**
 * Stack settings from a reader of the provider configuration keys (schema.json `config.variables`):
 * the engine's configure, a program's pulumi.Config, or a native provider instance's arguments.
 */
export function fromConfig(get: (key: string) => unknown): Settings {
  const v = (k: string) => {
    const x = get(k);
    return x === undefined || x === null || x === "" ? undefined : String(x);
  };
  // A value that is not a usable number is unset, so the next source or the default applies (the
  // native plugin's checkConfig names it).
  return {
    pat: v("pat"),
    userId: v("userId"),
    apiBase: v("apiBase"),
    requestTimeoutSeconds: positive(v("requestTimeoutSeconds")),
    maxConcurrency: count(v("maxConcurrency")),
    offlinePreview: flag(v("offlinePreview")),
  };
}

/** For tests and for programs that embed the provider: replaces the stack config. */
export function setSettings(s: Settings): void {
  configured = { ...s };
}

/**
 * Runs `fn` (and everything it awaits) with `s` in place of the process-wide stack config: one provider
 * instance's settings in a process that serves several. The environment and CLI context still apply.
 */
export function withSettings<T>(s: Settings, fn: () => T): T {
  return scoped.run({ ...s }, fn);
}

/** The stack config of the call that is running. */
const current = (): Settings => scoped.getStore() ?? configured;

/**
 * The settings in force for `stack` (default: what `configure` received). A CLI config file that cannot
 * be used is skipped here (the environment or stack config may suffice); its problem is reported with
 * the missing-credentials error.
 */
export function settings(stack: Settings = current()): ResolvedSettings {
  return resolveSettings({ stack, lenient: true });
}

export class MissingCredentialsError extends Error {
  constructor(s: ResolvedSettings) {
    super(missingCredentials(s, true).message + (s.cliProblem ? `; ${s.cliProblem}` : ""));
    this.name = "MissingCredentialsError";
  }
}

/**
 * How a client behaves: `crud` for the engine's writes and reads (full retries), `preview` for
 * look-ups a preview may skip (few retries, short timeout: it must not hang on an unreachable API).
 */
export type ClientProfile = "crud" | "preview";

const clients = new Map<string, ClarifaiClient>();

/** One client per profile and settings for the whole process: the concurrency cap and retries are shared. */
export function client(profile: ClientProfile = "crud", stack: Settings = current()): ClarifaiClient {
  const s = settings(stack);
  if (!s.pat) throw new MissingCredentialsError(s);
  const key = [profile, s.apiBase, s.userId, s.requestTimeoutSeconds, s.maxConcurrency, s.pat].join("\n");
  let c = clients.get(key);
  if (!c) {
    // Retries, throttling and recoveries reach the Pulumi output; routine successful requests, and
    // GETs answering 404 (existence checks), only with PULUMI_CLARIFAI_DEBUG set.
    const log = (line: string) => {
      if (process.env.PULUMI_CLARIFAI_DEBUG || (profile === "crud" && !/ -> HTTP 2\d\d |^clarifai: GET \S+ -> HTTP 404 /.test(line))) console.log(line);
    };
    const base = { pat: s.pat, userId: s.userId, apiBase: s.apiBase, maxConcurrency: s.maxConcurrency, log };
    c =
      profile === "crud"
        ? new ClarifaiClient({ ...base, timeoutMs: Math.round(s.requestTimeoutSeconds * 1000) })
        : new ClarifaiClient({ ...base, maxRetries: 2, timeoutMs: 15_000, retry: { maxThrottleRetries: 5 } });
    // A rotated PAT leaves its old client behind: keep only the few live configurations.
    if (clients.size >= 16) clients.delete(clients.keys().next().value!);
    clients.set(key, c);
  }
  return c;
}

/** The PAT in use, for the cluster key default; callers must never store it. */
export function currentPat(): string | undefined {
  return settings().pat;
}
