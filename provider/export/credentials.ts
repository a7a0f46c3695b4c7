// Where `export` finds its credentials. Stack config does not exist outside a Pulumi program, so the
// order is the environment (the official SDKs' variables), then the `clarifai` CLI's current context,
// as Clarifai's Python SDK 12.5.0 resolves them (clarifai/utils/config.py, Context.__getattr__):
// per setting, an environment variable wins over the context; in the context, `CLARIFAI_PAT` wins over
// a lower-case `pat`; the value "ENVVAR" means "read it from the environment".
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { DEFAULT_API_BASE } from "../client";

/** What the export connects with. The PAT is held in memory only and never printed. */
export interface Credentials {
  pat: string;
  userId: string;
  apiBase: string;
  /** Where each setting came from, for the progress lines: "the environment", "clarifai context \"x\"", "the default". */
  sources: { pat: string; userId: string; apiBase: string };
}

export interface CredentialOptions {
  /** Defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** The CLI config file. Default: `~/.config/clarifai/config` (clarifai/utils/constants.py DEFAULT_CONFIG). */
  configFile?: string;
  /** A context of that file other than its `current_context` (the CLI's `--context`). */
  context?: string;
}

/** A setting is missing or the CLI config file cannot be used: the message says what to do. */
export class CredentialsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CredentialsError";
  }
}

/** The CLI's config file for a home folder. */
export function defaultConfigFile(home = os.homedir()): string {
  return path.join(home, ".config", "clarifai", "config");
}

type Ctx = { name: string; env: Record<string, unknown> };

/** Reads the chosen context of the CLI's YAML file; undefined when the file does not exist. */
function readContext(file: string, wanted: string | undefined): Ctx | undefined {
  if (!fs.existsSync(file)) {
    if (wanted) throw new CredentialsError(`--context "${wanted}": the clarifai CLI config file ${file} does not exist`);
    return undefined;
  }
  let doc: unknown;
  try {
    doc = parseYaml(fs.readFileSync(file, "utf8"));
  } catch (e) {
    throw new CredentialsError(`the clarifai CLI config file ${file} is not valid YAML: ${(e as Error).message.split("\n")[0]}`);
  }
  const cfg = (doc ?? {}) as { current_context?: unknown; contexts?: Record<string, unknown> };
  const contexts = cfg.contexts && typeof cfg.contexts === "object" ? cfg.contexts : {};
  const name = wanted ?? (typeof cfg.current_context === "string" ? cfg.current_context : undefined);
  if (!name) return undefined;
  const raw = contexts[name];
  if (!raw || typeof raw !== "object") {
    if (wanted) throw new CredentialsError(`--context "${wanted}" is not in ${file}; its contexts: ${Object.keys(contexts).join(", ") || "none"}`);
    return undefined;
  }
  // Files written by the CLI hold the variables directly; older ones nest them under `env:`.
  const r = raw as Record<string, unknown>;
  const env = r.env && typeof r.env === "object" ? (r.env as Record<string, unknown>) : r;
  return { name, env };
}

/**
 * Resolves the PAT, user id and API base for `export`. Throws CredentialsError when no PAT is found,
 * naming both places it looked.
 */
export function resolveCredentials(opts: CredentialOptions = {}): Credentials {
  const env = opts.env ?? process.env;
  const file = opts.configFile ?? defaultConfigFile();
  const ctx = readContext(file, opts.context);
  const where = ctx ? `clarifai context "${ctx.name}"` : "";

  const pick = (key: "pat" | "user_id" | "api_base"): { value?: string; source: string } => {
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

  const pat = pick("pat");
  if (!pat.value) {
    throw new CredentialsError(
      "Clarifai credentials are missing: set CLARIFAI_PAT (and CLARIFAI_USER_ID, optionally CLARIFAI_API_BASE), " +
        `or log in with the clarifai CLI (\`clarifai login\`), which writes ${file}` +
        (ctx ? ` (its context "${ctx.name}" has no PAT)` : ""),
    );
  }
  const userId = pick("user_id");
  const apiBase = pick("api_base");
  return {
    pat: pat.value,
    userId: userId.value ?? "me",
    apiBase: (apiBase.value ?? DEFAULT_API_BASE).replace(/\/+$/, ""),
    sources: { pat: pat.source, userId: userId.source, apiBase: apiBase.source },
  };
}
