// Where every caller finds the Clarifai endpoint and credentials, in one order: the Pulumi stack's
// config (when there is one), then the environment (the official SDKs' variables), then the `clarifai`
// CLI's current context, so a user who ran `clarifai login` needs nothing else. The CLI file is read
// as Clarifai's Python SDK 12.5.0 reads it (clarifai/utils/config.py, Context.__getattr__): per
// setting, the environment wins over the context; in the context, `CLARIFAI_PAT` wins over a lower-case
// `pat`; the value "ENVVAR" means "read it from the environment". The file is never written. The PAT is
// held in memory only and never printed.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { DEFAULT_API_BASE } from "../client";
import { isRecord, messageOf } from "../model/unknowns";

/** Values set in the stack's config (`clarifai:*`), highest priority. */
export interface StackSettings {
  pat?: string;
  userId?: string;
  apiBase?: string;
  /** Per-request (per attempt) timeout. Unit: seconds. Default 30. */
  requestTimeoutSeconds?: number;
  /** Ceiling of concurrent requests; halved on each 429. Default 32. */
  maxConcurrency?: number;
  /** Preview without credentials, skipping the checks against the account. Default false. */
  offlinePreview?: boolean;
}

/** Resolved settings, with where each credential came from (for messages; never the PAT itself). */
export interface ResolvedSettings {
  pat?: string;
  userId: string;
  apiBase: string;
  requestTimeoutSeconds: number;
  maxConcurrency?: number;
  offlinePreview: boolean;
  /** "stack config", "the environment", `clarifai context "x"`, or "the default". */
  sources: { pat: string; userId: string; apiBase: string };
  /** The CLI config file looked at, and the context used (if any). */
  cliConfigFile: string;
  cliContext?: string;
  /** Why the CLI config file was not used, when {@link ResolveOptions.lenient} skipped it. */
  cliProblem?: string;
}

export interface ResolveOptions {
  stack?: StackSettings;
  /** Defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** The CLI config file. Default: `$PULUMI_CLARIFAI_CLI_CONFIG` or `~/.config/clarifai/config` (clarifai/utils/constants.py DEFAULT_CONFIG). */
  configFile?: string;
  /** A context of that file other than its `current_context` (the CLI's `--context`). */
  context?: string;
  /**
   * A CLI config file that cannot be used (bad YAML, an ENVVAR with no variable) is skipped, its
   * problem kept in `cliProblem`, instead of failing: stack config or the environment may suffice.
   */
  lenient?: boolean;
}

/** A setting is missing or the CLI config file cannot be used: the message says what to do. */
export class CredentialsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CredentialsError";
  }
}

/** The CLI's config file for a home folder. */
export function defaultConfigFile(home = os.homedir(), env: NodeJS.ProcessEnv = process.env): string {
  return env.PULUMI_CLARIFAI_CLI_CONFIG || path.join(home, ".config", "clarifai", "config");
}

type Ctx = { name: string; env: Record<string, unknown> };

/** The last read of each CLI file, keyed by path and modification time: settings are resolved often. */
const contextCache = new Map<string, { stamp: string; ctx: Ctx | undefined }>();

/** Reads the chosen context of the CLI's YAML file; undefined when the file does not exist. */
function readContext(file: string, wanted: string | undefined): Ctx | undefined {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    if (wanted) throw new CredentialsError(`--context "${wanted}": the clarifai CLI config file ${file} does not exist`);
    return undefined;
  }
  const key = `${file}\n${wanted ?? ""}`;
  const stamp = `${stat.mtimeMs}:${stat.size}`;
  const hit = contextCache.get(key);
  if (hit && hit.stamp === stamp) return hit.ctx;
  let doc: unknown;
  try {
    doc = parseYaml(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new CredentialsError(`the clarifai CLI config file ${file} is not valid YAML: ${messageOf(e).split("\n")[0]}`);
  }
  const cfg = isRecord(doc) ? doc : {};
  const contexts = isRecord(cfg.contexts) ? cfg.contexts : {};
  const name = wanted ?? (typeof cfg.current_context === "string" ? cfg.current_context : undefined);
  let ctx: Ctx | undefined;
  const raw = name ? contexts[name] : undefined;
  if (name && !isRecord(raw)) {
    if (wanted) throw new CredentialsError(`--context "${wanted}" is not in ${file}; its contexts: ${Object.keys(contexts).join(", ") || "none"}`);
  } else if (name && isRecord(raw)) {
    // Files written by the CLI hold the variables directly; older ones nest them under `env:`.
    ctx = { name, env: isRecord(raw.env) ? raw.env : raw };
  }
  contextCache.set(key, { stamp, ctx });
  return ctx;
}

/** A positive number, or undefined (unset or not a positive number: the default applies). */
export function positive(v: string | number | undefined): number | undefined {
  const n = typeof v === "number" ? v : v === undefined || v.trim() === "" ? NaN : Number(v);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}

/** A whole number ≥ 1, or undefined. */
export function count(v: string | number | undefined): number | undefined {
  const n = positive(v);
  return n !== undefined && Number.isInteger(n) ? n : undefined;
}

/** A yes/no setting: `1`, `true` or `yes` (any case) is yes; undefined when unset. */
export function flag(v: string | undefined): boolean | undefined {
  return v === undefined || v.trim() === "" ? undefined : /^(1|true|yes)$/i.test(v.trim());
}

/** Resolves every setting; the PAT may be missing (see {@link missingCredentials}). */
export function resolveSettings(opts: ResolveOptions = {}): ResolvedSettings {
  if (!opts.lenient) return resolve(opts, true);
  try {
    return resolve(opts, true);
  } catch (e) {
    if (!(e instanceof CredentialsError)) throw e;
    return { ...resolve(opts, false), cliProblem: e.message };
  }
}

/** The resolution itself; `useCliFile` false leaves the CLI's config file out. */
function resolve(opts: ResolveOptions, useCliFile: boolean): ResolvedSettings {
  const env = opts.env ?? process.env;
  const stack = opts.stack ?? {};
  const file = opts.configFile ?? defaultConfigFile(os.homedir(), env);
  const ctx = useCliFile ? readContext(file, opts.context) : undefined;
  const where = ctx ? `clarifai context "${ctx.name}"` : "";

  const pick = (stackValue: string | undefined, key: "pat" | "user_id" | "api_base"): { value?: string; source: string } => {
    if (stackValue && stackValue.trim() !== "") return { value: stackValue.trim(), source: "stack config" };
    const varName = `CLARIFAI_${key.toUpperCase()}`;
    const fromEnv = env[varName];
    if (fromEnv && fromEnv.trim() !== "") return { value: fromEnv.trim(), source: "the environment" };
    if (!ctx) return { source: "the default" };
    const v = ctx.env[varName] ?? ctx.env[key];
    if (typeof v !== "string" || v.trim() === "" || v === "_empty_") return { source: "the default" };
    if (v === "ENVVAR") {
      throw new CredentialsError(`${where} in ${file} says ${varName} comes from the environment (ENVVAR), but ${varName} is not set`);
    }
    return { value: v.trim(), source: where };
  };

  const pat = pick(stack.pat, "pat");
  const userId = pick(stack.userId, "user_id");
  const apiBase = pick(stack.apiBase, "api_base");
  return {
    pat: pat.value,
    userId: userId.value ?? "me",
    apiBase: (apiBase.value ?? DEFAULT_API_BASE).replace(/\/+$/, ""),
    requestTimeoutSeconds: positive(stack.requestTimeoutSeconds) ?? positive(env.CLARIFAI_REQUEST_TIMEOUT_SECONDS) ?? 30,
    maxConcurrency: count(stack.maxConcurrency) ?? count(env.CLARIFAI_MAX_CONCURRENCY),
    offlinePreview: stack.offlinePreview ?? flag(env.CLARIFAI_OFFLINE_PREVIEW) ?? false,
    sources: { pat: pat.source, userId: userId.source, apiBase: apiBase.source },
    cliConfigFile: file,
    cliContext: ctx?.name,
  };
}

/** The one message for missing credentials, naming every place that was looked at. */
export function missingCredentials(s: Pick<ResolvedSettings, "cliConfigFile" | "cliContext">, withStack: boolean): CredentialsError {
  return new CredentialsError(
    "Clarifai credentials are missing: " +
      (withStack ? "set a personal access token with `pulumi config set --secret clarifai:pat <token>`, or " : "set ") +
      "CLARIFAI_PAT (and CLARIFAI_USER_ID, optionally CLARIFAI_API_BASE), " +
      `or log in with the clarifai CLI (\`clarifai login\`), which writes ${s.cliConfigFile}` +
      (s.cliContext ? ` (its context "${s.cliContext}" has no PAT)` : ""),
  );
}

/** What the export connects with: resolved settings whose PAT is known. */
export type Credentials = Pick<ResolvedSettings, "userId" | "apiBase" | "sources"> & { pat: string };

/** Resolves the settings outside a Pulumi program (no stack config); throws when no PAT is found. */
export function resolveCredentials(opts: Omit<ResolveOptions, "stack"> = {}): Credentials {
  const s = resolveSettings(opts);
  if (!s.pat) throw missingCredentials(s, false);
  return { pat: s.pat, userId: s.userId, apiBase: s.apiBase, sources: s.sources };
}

export type CredentialOptions = Omit<ResolveOptions, "stack">;
