/**
 * `pulumi-clarifai export`: reads a Clarifai account (read calls only) and writes a Pulumi project
 * that declares its compute clusters, nodepools and deployments with `adopt: true`, so that the first
 * `pulumi up` takes them over without changing them. The command line is in cli.ts; this module is
 * the part tests and other tools call.
 */
import * as fs from "fs";
import * as path from "path";
import { ClarifaiClient, ClarifaiError, type ClientOptions } from "../client";
import { readAccount } from "./account";
import type { Credentials } from "../settings/credentials";
import { yamlProject } from "./yaml";
import { Plan, planAccount } from "./plan";
import { ProjectFiles, typescriptProject } from "./typescript";
import { isRecord } from "../model/unknowns";

export { resolveCredentials, CredentialsError, defaultConfigFile } from "../settings/credentials";
export type { Credentials, CredentialOptions } from "../settings/credentials";
export { readAccount, UnknownClusterError } from "./account";
export type { Account } from "./account";
export { planAccount, checkAgainstState, resolved, identifier, Ref } from "./plan";
export type { Plan, PlannedResource, Value } from "./plan";
export { typescriptProject, renderIndexTs, tsValue, describeCounts } from "./typescript";
export { yamlProject } from "./yaml";
export type { ProjectFiles } from "./typescript";

export type Language = "typescript" | "yaml";
export const LANGUAGES: readonly Language[] = ["typescript", "yaml"];

export interface ExportOptions {
  credentials: Credentials;
  /** Only these compute clusters (and the nodepools and deployments on them). Default: all. */
  clusterIds?: string[];
  /** Default "typescript"; "yaml" writes a Pulumi YAML program for the native plugin. */
  language?: Language;
  /** Default: `clarifai-<owner>`. */
  projectName?: string;
  /** Default: from where this package is installed (see {@link defaultPackageSpec}). */
  packageSpec?: string;
  /** Where the project will be written (for a `file:` package spec). Default: a folder named after the project. */
  outDir?: string;
  /** Resolves a relative `outDir`. Default: process.cwd(). */
  cwd?: string;
  /** One line per step, for stderr. */
  progress?: (line: string) => void;
  /** Client settings for tests (retries, timeouts). */
  client?: Partial<Omit<ClientOptions, "pat" | "userId" | "apiBase">>;
}

export interface ExportResult {
  plan: Plan;
  files: ProjectFiles;
  projectName: string;
  /** The absolute folder: `outDir`, or its default. */
  outDir: string;
}

/** A failure the command reports as one clear sentence (bad credentials, unreachable API). */
export class ExportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ExportError";
  }
}

/** This package's root folder (holding its package.json and schema.json), from src or dist. */
export function packageRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const f = path.join(dir, "package.json");
    if (fs.existsSync(f) && packageJson(f).name === "pulumi-clarifai") return dir;
    if (path.dirname(dir) === dir) throw new Error("pulumi-clarifai: package.json not found");
  }
}

/** A package.json, as a record of unknown values. */
function packageJson(file: string): Record<string, unknown> {
  const pkg: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
  return isRecord(pkg) ? pkg : {};
}

function ownPackage(): { version: string; pulumiVersion: string } {
  const pkg = packageJson(path.join(packageRoot(), "package.json"));
  const pulumi = isRecord(pkg.dependencies) ? pkg.dependencies["@pulumi/pulumi"] : undefined;
  return { version: String(pkg.version), pulumiVersion: typeof pulumi === "string" ? pulumi : "^3.139.0" };
}

/**
 * How the exported package.json depends on this package: installed from a registry (the package sits
 * in a node_modules folder) → `^<version>`; run from a checkout → `file:` the checkout, relative to the
 * project folder, so the project uses exactly the code that exported it.
 */
export function defaultPackageSpec(outDir: string): string {
  const root = packageRoot();
  if (root.split(path.sep).includes("node_modules")) return `^${ownPackage().version}`;
  const out = path.resolve(outDir);
  // Relative while the two share a folder below the file-system root (a repository, a home folder),
  // so the project can move with it; absolute otherwise, which is easier to read than ../../../..
  const shared = out.split(path.sep)[1] === root.split(path.sep)[1];
  const rel = path.relative(out, root).split(path.sep).join("/");
  return `file:${shared ? rel || "." : root.split(path.sep).join("/")}`;
}

/** A Pulumi project name from free text: letters, digits, `-`, `_`, `.`. */
export function projectNameFrom(s: string): string {
  const n = s.replace(/[^A-Za-z0-9_.-]+/g, "-").replace(/^[-.]+|[-.]+$/g, "");
  return n || "clarifai";
}

/** Rephrases the errors a user can act on: refused credentials and an API that cannot be reached. */
function explain(e: unknown, cred: Credentials): unknown {
  if (!ClarifaiError.isInstance(e)) return e;
  const at = `${cred.apiBase} (user "${cred.userId}")`;
  const codes = `${e.httpStatus ? `HTTP ${e.httpStatus}` : ""}${e.code ? `, code ${e.code}` : ""}${e.reqId ? `, req_id ${e.reqId}` : ""}`;
  if (e.kind === "unauthenticated" || e.kind === "permissionDenied") {
    return new ExportError(
      `Clarifai refused the credentials at ${at} [${codes}]: ${e.description ?? e.message}. ` +
        `The PAT came from ${cred.sources.pat}; the user id ${cred.sources.userId === "the default" ? 'is the default "me" (the PAT\'s owner)' : `came from ${cred.sources.userId}`}. ` +
        `Check that the PAT is valid and may read compute clusters, nodepools and deployments of that user ` +
        `(set CLARIFAI_PAT / CLARIFAI_USER_ID, or \`clarifai login\`).`,
    );
  }
  if (e.kind === "connection" || e.kind === "timeout") {
    return new ExportError(
      `cannot reach the Clarifai API at ${cred.apiBase} (from ${cred.sources.apiBase}): ${e.message}. ` +
        `Check the address (CLARIFAI_API_BASE or the clarifai context's CLARIFAI_API_BASE) and the network.`,
    );
  }
  return e;
}

/** Reads the account and builds the project's files; writes nothing anywhere. */
export async function exportAccount(o: ExportOptions): Promise<ExportResult> {
  const language = o.language ?? "typescript";
  if (!LANGUAGES.includes(language)) throw new ExportError(`--language "${String(language)}" is not supported; use one of: ${LANGUAGES.join(", ")}`);
  const progress = o.progress ?? (() => undefined);
  const cred = o.credentials;
  const c = new ClarifaiClient({
    // Fewer retries than the provider: a person is waiting, and a wrong address should fail in seconds.
    maxRetries: 2,
    ...o.client,
    pat: cred.pat,
    userId: cred.userId,
    apiBase: cred.apiBase,
    // Retries and failures only; routine successes would drown the progress lines.
    log: o.client?.log ?? ((line) => (/ -> HTTP 2\d\d /.test(line) ? undefined : progress(line))),
  });
  progress(`Reading the Clarifai account of user "${cred.userId}" at ${cred.apiBase} (PAT from ${cred.sources.pat})`);
  let plan: Plan;
  try {
    plan = planAccount(await readAccount(c, { clusterIds: o.clusterIds, progress: (l) => progress(`  ${l}`) }));
  } catch (e) {
    throw explain(e, cred);
  }
  const owner = plan.ownerId ?? (cred.userId === "me" ? "account" : cred.userId);
  const projectName = projectNameFrom(o.projectName ?? `clarifai-${owner}`);
  const { pulumiVersion } = ownPackage();
  const outDir = path.resolve(o.cwd ?? process.cwd(), o.outDir ?? projectName);
  const files =
    language === "yaml"
      ? yamlProject(plan, { projectName, apiBase: cred.apiBase })
      : typescriptProject(plan, { projectName, packageSpec: o.packageSpec ?? defaultPackageSpec(outDir), pulumiVersion, apiBase: cred.apiBase });
  return { plan, files, projectName, outDir };
}

/**
 * Writes the files into `dir` (created when missing). A folder that already holds files is refused
 * unless `force`, so an earlier export or a program in use is never overwritten by accident.
 */
export function writeProject(dir: string, files: ProjectFiles, force = false): void {
  if (fs.existsSync(dir)) {
    if (!fs.statSync(dir).isDirectory()) throw new ExportError(`--out ${dir} is a file, not a folder`);
    const present = fs.readdirSync(dir);
    if (present.length && !force) {
      throw new ExportError(`--out ${dir} is not empty (${present.slice(0, 5).join(", ")}${present.length > 5 ? ", ..." : ""}); choose a new folder, or pass --force to overwrite the exported files`);
    }
  }
  fs.mkdirSync(dir, { recursive: true });
  for (const [rel, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, rel), text);
}
