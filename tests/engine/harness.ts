// Engine-test harness: drives the real Pulumi CLI (built by scripts/ensure-pulumi) through the
// Automation API, with a file backend in a temporary folder, a passphrase, no update checks and no
// plugin downloads. Program folders are copied into the temporary folder (so stack files never land
// in the repo) with node_modules linked to the repo's, where `pulumi-clarifai` resolves to this checkout.
import { execFileSync } from "child_process";
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

export const repoRoot = path.resolve(__dirname, "..", "..");

let cachedBin: string | undefined;
/** The folder holding pulumi, pulumi-language-nodejs and pulumi-resource-pulumi-nodejs. */
export function pulumiBin(): string {
  if (!cachedBin) {
    const out = execFileSync("bash", [path.join(repoRoot, "scripts", "ensure-pulumi")], {
      env: { ...process.env, ENSURE_PULUMI_QUIET: "1" },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    cachedBin = out.trim().split("\n").pop()!;
  }
  return cachedBin;
}

export interface StackOptions {
  /** A program folder (with Pulumi.yaml), copied to a temporary folder before use. */
  programDir?: string;
  /** Or an inline program, run in this process by the Automation API's language server. */
  program?: PulumiFn;
  projectName?: string;
  config?: ConfigMap;
  env?: Record<string, string>;
}

export interface EngineStack {
  stack: Stack;
  dir: string;
  /** Everything the engine printed, across all operations so far. */
  output: string[];
  up(): Promise<UpResult>;
  preview(opts?: { expectNoChanges?: boolean }): Promise<PreviewResult>;
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
  const bin = pulumiBin();
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
    fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(dir, "node_modules"), "dir");
    if (!fs.existsSync(path.join(dir, "package.json"))) {
      fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: path.basename(opts.programDir), private: true }));
    }
    stack = await LocalWorkspace.createStack({ stackName, workDir: dir }, { envVars, pulumiCommand, pulumiHome: home });
  } else if (opts.program) {
    dir = path.join(tmp, "inline");
    fs.mkdirSync(dir);
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
  const onOutput = (s: string) => output.push(s);
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

  return {
    stack,
    dir,
    output,
    up: () => stack.up({ onOutput, color: "never" }),
    preview: (o) => stack.preview({ onOutput, color: "never", expectNoChanges: o?.expectNoChanges, diff: true }),
    refresh: (o) => stack.refresh({ onOutput, color: "never", expectNoChanges: o?.expectNoChanges }),
    destroy: () => stack.destroy({ onOutput, color: "never" }),
    setConfig: (key, value, secret) => stack.setConfig(key, { value, secret: secret ?? false }),
    stateText: () => fs.readFileSync(statePath(), "utf8"),
    exportState: async () => {
      const d = await stack.exportStack();
      return (d.deployment.resources ?? []) as StateResource[];
    },
    dispose: async () => {
      try {
        await stack.workspace.removeStack(stackName, { force: true });
      } catch {
        /* the stack may hold resources after a failed test; the folder goes anyway */
      }
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}
