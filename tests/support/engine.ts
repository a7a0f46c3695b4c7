// Engine-test harness: drives the real Pulumi CLI (built by scripts/ensure-pulumi) through the
// Automation API, with a file backend in a temporary folder, a passphrase, no update checks and no
// plugin downloads. Program folders are copied into the temporary folder (so stack files never land
// in the repo) with node_modules linked to the repo's, where `pulumi-clarifai` resolves to this checkout.
//
// Artifacts: every stack records what it leaves behind (state file snapshots, the engine's stdout and
// stderr, error messages, `stack export` text and the serialized `__provider` strings) in a folder under
// artifactsRoot(), and on dispose fails if any secret it was given (secret config values, CLARIFAI_PAT,
// `secrets`) occurs in them. tests/reliability/secretHygiene.test.ts scans every folder of the run.
import { execFile, execFileSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  LocalWorkspace,
  PulumiCommand,
  Stack,
  type ConfigMap,
  type PulumiFn,
  type UpResult,
  type PreviewResult,
  type RefreshResult,
  type DestroyResult,
} from "@pulumi/pulumi/automation";
import { packedProject } from "../engine/packed";

export const repoRoot = path.resolve(__dirname, "..", "..");

const cachedBins = new Map<string, string>();
/**
 * The folder holding pulumi, pulumi-language-nodejs and pulumi-resource-pulumi-nodejs: scripts/ensure-pulumi's
 * engine, or `engine` ("oldest": package.json pulumi.minEngineVersion, or a version).
 */
export function pulumiBin(engine?: string): string {
  const key = engine ?? "";
  if (!cachedBins.has(key)) {
    const out = execFileSync("bash", [path.join(repoRoot, "scripts", "ensure-pulumi"), ...(engine ? [engine] : [])], {
      env: { ...process.env, ENSURE_PULUMI_QUIET: "1" },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    cachedBins.set(key, out.trim().split("\n").pop()!);
  }
  return cachedBins.get(key)!;
}

let yamlTools: { pluginDir: string; path: string } | undefined;
/**
 * For Pulumi YAML programs: the native plugin packaged into `workDir` as a user installs it (the folder
 * to name under `plugins.providers` in Pulumi.yaml), and a PATH holding Pulumi YAML's language host
 * (scripts/ensure-pulumi-yaml) and the CLI. Made once per test file.
 */
export function pulumiYamlTools(workDir: string): { pluginDir: string; path: string } {
  if (!yamlTools) {
    const quiet = { ...process.env, ENSURE_PULUMI_QUIET: "1" };
    const yamlBin = execFileSync("bash", [path.join(repoRoot, "scripts", "ensure-pulumi-yaml")], { env: quiet, encoding: "utf8" }).trim().split("\n").pop()!;
    yamlTools = {
      pluginDir: execFileSync("node", [path.join(repoRoot, "scripts", "package-plugin.js"), "--out", path.join(workDir, "plugin")], { encoding: "utf8" }).trim().split("\n")[0],
      path: `${yamlBin}${path.delimiter}${pulumiBin()}${path.delimiter}${process.env.PATH ?? ""}`,
    };
  }
  return yamlTools;
}

/**
 * Where engine stacks record their artifacts: one folder per stack, under one folder per checkout, so
 * that a run in another checkout of this machine (whose stacks are given other secrets and log at
 * other verbosities) never mixes with this one's scans.
 */
export function artifactsRoot(): string {
  const checkout = createHash("sha256").update(repoRoot).digest("hex").slice(0, 12);
  return process.env.PULUMI_CLARIFAI_ARTIFACTS || path.join(os.tmpdir(), "pulumi-clarifai-engine-artifacts", checkout);
}

/** The file of an artifacts folder that lists the secrets to look for (never scanned itself). */
export const SECRETS_FILE = "secrets.json";

/**
 * The engine's own verbose log records (`-v=7` and above) print the stack config it hands the default
 * dynamic provider in plain text: the planner's decisions and the gRPC marshaling of CheckConfig and
 * Configure. That is Pulumi's behaviour (verbose logs are documented as possibly holding secrets), not
 * ours; such lines are counted apart, never silently.
 */
export const ENGINE_VERBOSE_CONFIG_LINE = /^\s*\{"time":"[^"]+","level":"INFO","msg":"(Planner decided|Marshaling property for RPC)\b.*"v":([7-9])\}\s*$/;

/**
 * Every occurrence of a secret in the artifact files of `dir`: "file: secret #i". With
 * `engineVerbose`, lines matching ENGINE_VERBOSE_CONFIG_LINE are collected there instead.
 */
export function findSecrets(dir: string, secrets: string[], engineVerbose?: string[]): string[] {
  const hits: string[] = [];
  if (!fs.existsSync(dir)) return hits;
  for (const f of fs.readdirSync(dir)) {
    if (f === SECRETS_FILE) continue;
    const text = fs.readFileSync(path.join(dir, f), "utf8");
    secrets.forEach((sec, i) => {
      if (sec.length < 8 || !text.includes(sec)) return;
      const lines = text.split("\n").filter((l) => l.includes(sec));
      const engine = engineVerbose ? lines.filter((l) => ENGINE_VERBOSE_CONFIG_LINE.test(l)) : [];
      engineVerbose?.push(...engine.map((l) => `${path.join(dir, f)}: ${l.trim().slice(0, 120)}`));
      if (lines.length > engine.length) hits.push(`${path.join(dir, f)}: secret #${i}`);
    });
  }
  return hits;
}

let pruned = false;
/** Once per process: artifacts of runs older than a day go. */
function pruneArtifacts(): void {
  if (pruned) return;
  pruned = true;
  const root = artifactsRoot();
  if (!fs.existsSync(root)) return;
  for (const d of fs.readdirSync(root)) {
    if (Number(d.split("-")[0]) < Date.now() - 86_400_000) fs.rmSync(path.join(root, d), { recursive: true, force: true });
  }
}

/** Engine flags for every operation of a stack (verbose logs, log flow, debug output). */
export interface EngineFlags {
  logVerbosity?: number;
  logToStdErr?: boolean;
  logFlow?: boolean;
  debug?: boolean;
}

export interface StackOptions {
  /** A program folder (with Pulumi.yaml), copied to a temporary folder before use. */
  programDir?: string;
  /** Or an inline program, run in this process by the Automation API's language server. */
  program?: PulumiFn;
  projectName?: string;
  config?: ConfigMap;
  env?: Record<string, string>;
  /** Passed to every up/preview/refresh/destroy. */
  flags?: EngineFlags;
  /** More strings that must never appear in the artifacts (secret config values are added already). */
  secrets?: string[];
  /**
   * "packed": the program's node_modules hold the package as users install it, from `npm pack`
   * (tests/engine/packed.ts), instead of the repo's, where `pulumi-clarifai` links to this checkout.
   */
  install?: "packed";
  /** The engine, as pulumiBin takes it; scripts/ensure-pulumi's by default. */
  engine?: string;
}

export interface EngineStack {
  stack: Stack;
  dir: string;
  /** Everything the engine printed, across all operations so far. */
  output: string[];
  /** What the engine wrote to stderr (verbose logs with `flags.logToStdErr`). */
  stderr: string[];
  /** The messages of the operations that failed. */
  errors: string[];
  /** This stack's artifacts folder. */
  artifactsDir: string;
  /** `pulumi stack export` text; secrets shown only if asked. */
  exportText(showSecrets?: boolean): Promise<string>;
  up(): Promise<UpResult>;
  /** With `policyPacks` (folders) and `policyPackConfigs` (JSON files), as `pulumi preview --policy-pack … --policy-pack-config …`. */
  preview(opts?: { expectNoChanges?: boolean; policyPacks?: string[]; policyPackConfigs?: string[] }): Promise<PreviewResult>;
  refresh(opts?: { expectNoChanges?: boolean }): Promise<RefreshResult>;
  destroy(): Promise<DestroyResult>;
  setConfig(key: string, value: string, secret?: boolean): Promise<void>;
  /** The stack's state file as stored by the file backend (raw text and parsed). */
  stateText(): string;
  exportState(): Promise<StateResource[]>;
  dispose(): Promise<void>;
}

export interface StateResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  initErrors?: string[];
  [k: string]: unknown;
}

let counter = 0;

export async function createStack(opts: StackOptions): Promise<EngineStack> {
  const bin = pulumiBin(opts.engine);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-clarifai-engine-"));
  const backend = path.join(tmp, "backend");
  const home = path.join(tmp, "home");
  fs.mkdirSync(backend);
  fs.mkdirSync(home);
  const projectName = opts.projectName ?? "engine-test";
  const stackName = `t${process.pid}-${++counter}`;
  const envVars: Record<string, string> = {
    PATH: `${bin}${path.delimiter}${process.env.PATH ?? ""}`,
    PULUMI_HOME: home,
    PULUMI_BACKEND_URL: `file://${backend}`,
    PULUMI_CONFIG_PASSPHRASE: "engine-test-passphrase",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_SKIP_CONFIRMATIONS: "true",
    // Programs are type-checked by `npm run typecheck`; the engine only needs to run them.
    PULUMI_NODEJS_TRANSPILE_ONLY: "true",
    ...(opts.env ?? {}),
  };
  // The inline program's language server and the CLI's plugins read these from this process too.
  const pulumiCommand = await PulumiCommand.get({ root: path.dirname(bin), skipVersionCheck: false });

  let stack: Stack;
  let dir: string;
  if (opts.programDir) {
    dir = path.join(tmp, "program");
    fs.cpSync(opts.programDir, dir, { recursive: true, filter: (src) => !/Pulumi\.[^/]+\.yaml$/.test(path.basename(src)) || path.basename(src) === "Pulumi.yaml" });
    fs.symlinkSync(path.join(opts.install === "packed" ? packedProject() : repoRoot, "node_modules"), path.join(dir, "node_modules"), "dir");
    if (!fs.existsSync(path.join(dir, "package.json"))) {
      fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: path.basename(opts.programDir), private: true }));
    }
    stack = await LocalWorkspace.createStack({ stackName, workDir: dir }, { envVars, pulumiCommand, pulumiHome: home });
  } else if (opts.program) {
    dir = path.join(tmp, "inline");
    fs.mkdirSync(dir);
    // The dynamic-provider plugin resolves @pulumi/pulumi from the working folder.
    fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(dir, "node_modules"), "dir");
    stack = await LocalWorkspace.createStack(
      { stackName, projectName, program: opts.program },
      {
        workDir: dir,
        envVars,
        pulumiCommand,
        pulumiHome: home,
        projectSettings: { name: projectName, runtime: "nodejs", backend: { url: `file://${backend}` } },
      },
    );
  } else {
    throw new Error("createStack needs programDir or program");
  }
  if (opts.config) await stack.setAllConfig(opts.config);

  const output: string[] = [];
  const stderr: string[] = [];
  const errors: string[] = [];
  const onOutput = (s: string) => output.push(s);
  const onError = (s: string) => stderr.push(s);
  const flags = { ...(opts.flags ?? {}) };
  const secrets = new Set<string>(opts.secrets ?? []);
  for (const v of Object.values(opts.config ?? {})) if (v.secret) secrets.add(v.value);
  if (opts.env?.CLARIFAI_PAT) secrets.add(opts.env.CLARIFAI_PAT);
  pruneArtifacts();
  const artifactsDir = path.join(artifactsRoot(), `${Date.now()}-${stackName}`);
  fs.mkdirSync(artifactsDir, { recursive: true });
  const statePath = () => {
    const found: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name === `${stackName}.json`) found.push(p);
      }
    };
    walk(path.join(backend, ".pulumi", "stacks"));
    if (found.length !== 1) throw new Error(`expected one state file for ${stackName}, found ${found.length}`);
    return found[0];
  };

  const exportText = (showSecrets = false) =>
    new Promise<string>((resolve, reject) =>
      execFile(
        path.join(bin, "pulumi"),
        ["stack", "export", `--show-secrets=${showSecrets}`, "--stack", stackName, "--non-interactive"],
        { cwd: dir, env: { ...process.env, ...envVars }, maxBuffer: 64 << 20 },
        (err, stdout, stderr) => (err ? reject(new Error(`pulumi stack export: ${err.message}\n${stderr}`)) : resolve(stdout)),
      ),
    );

  /** Writes what the stack has left behind so far into its artifacts folder. */
  let ops = 0;
  const providers = new Set<string>();
  const record = async () => {
    const w = (f: string, text: string) => fs.writeFileSync(path.join(artifactsDir, f), text);
    w(SECRETS_FILE, JSON.stringify([...secrets]));
    w("output.txt", output.join(""));
    w("stderr.txt", stderr.join(""));
    w("errors.txt", errors.join("\n----\n"));
    let state = "";
    try {
      state = fs.readFileSync(statePath(), "utf8");
    } catch {
      return; // no state file yet
    }
    w(`state-${String(ops).padStart(3, "0")}.json`, state);
    JSON.stringify(JSON.parse(state), (k, v) => {
      if (k === "__provider" && typeof v === "string") providers.add(v);
      return v;
    });
    w("providers.txt", [...providers].join("\n----\n"));
    try {
      w("export.json", await exportText(false));
    } catch (e) {
      errors.push(`stack export: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
  const run = async <T>(op: () => Promise<T>): Promise<T> => {
    ops++;
    try {
      return await op();
    } catch (e) {
      errors.push(e instanceof Error ? `${e.message}\n${(e as { stderr?: string }).stderr ?? ""}` : String(e));
      throw e;
    } finally {
      await record();
    }
  };

  return {
    stack,
    dir,
    output,
    stderr,
    errors,
    artifactsDir,
    exportText,
    up: () => run(() => stack.up({ onOutput, onError, color: "never", ...flags })),
    preview: (o) =>
      run(() =>
        stack.preview({ onOutput, onError, color: "never", expectNoChanges: o?.expectNoChanges, diff: true, policyPacks: o?.policyPacks, policyPackConfigs: o?.policyPackConfigs, ...flags }),
      ),
    refresh: (o) => run(() => stack.refresh({ onOutput, onError, color: "never", expectNoChanges: o?.expectNoChanges, ...flags })),
    destroy: () => run(() => stack.destroy({ onOutput, onError, color: "never", ...flags })),
    setConfig: async (key, value, secret) => {
      if (secret) secrets.add(value);
      await stack.setConfig(key, { value, secret: secret ?? false });
    },
    stateText: () => fs.readFileSync(statePath(), "utf8"),
    exportState: async () => {
      const d = await stack.exportStack();
      return (d.deployment.resources ?? []) as StateResource[];
    },
    dispose: async () => {
      await record();
      try {
        await stack.workspace.removeStack(stackName, { force: true });
      } catch {
        /* the stack may hold resources after a failed test; the folder goes anyway */
      }
      fs.rmSync(tmp, { recursive: true, force: true });
      const hits = findSecrets(artifactsDir, [...secrets], flags.logVerbosity && flags.logVerbosity >= 7 ? [] : undefined);
      if (hits.length) throw new Error(`a secret leaked into the engine artifacts:\n${hits.join("\n")}`);
    },
  };
}
