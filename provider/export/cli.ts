#!/usr/bin/env node
/**
 * pulumi-clarifai export [--language typescript|yaml] [--out DIR] [--cluster ID]... [--context NAME]
 *                        [--config FILE] [--name PROJECT] [--package-spec SPEC] [--force]
 *
 * Progress and the summary go to stderr; nothing goes to stdout except with `--out -`, which prints
 * the program instead of writing a project. Exit status: 0 done, 1 failed, 2 bad command line.
 */
import * as path from "path";
import { CredentialsError, ExportError, LANGUAGES, type Language, UnknownClusterError, describeCounts, exportAccount, resolveCredentials, writeProject } from "./index";
import type { ClientOptions } from "../client";

export const USAGE = `usage: pulumi-clarifai export [options]

Reads the Clarifai account's compute clusters, nodepools and deployments (read calls only) and writes a
Pulumi project that declares them with \`adopt: true\`, so that \`pulumi up\` takes them over unchanged.

options:
  --out DIR            where to write the project (default: ./clarifai-<user>); "-" prints the program
  --cluster ID         only this compute cluster, its nodepools and the deployments on them (repeatable)
  --language L         ${LANGUAGES.join(" | ")} (default: typescript)
  --name NAME          the Pulumi project name (default: clarifai-<user>)
  --package-spec SPEC  how package.json names pulumi-clarifai (default: ^<version>, or file:<checkout>)
  --context NAME       a clarifai CLI context other than the current one
  --config FILE        the clarifai CLI config file (default: ~/.config/clarifai/config)
  --force              write into a folder that is not empty

credentials: CLARIFAI_PAT, CLARIFAI_USER_ID, CLARIFAI_API_BASE from the environment, else the clarifai
CLI's current context (\`clarifai login\`).
`;

export interface CliArgs {
  command?: string;
  out?: string;
  clusters: string[];
  language: Language;
  name?: string;
  packageSpec?: string;
  context?: string;
  config?: string;
  force: boolean;
  help: boolean;
}

/** A command-line mistake: exit status 2 with the usage. */
export class UsageError extends Error {}

export function parseArgs(argv: string[]): CliArgs {
  const a: CliArgs = { clusters: [], language: "typescript", force: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.startsWith("--") ? arg.indexOf("=") : -1;
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    const value = (): string => {
      // `--out --force` is a forgotten value, not a folder named "--force".
      const v = eq > 0 ? arg.slice(eq + 1) : argv[i + 1]?.startsWith("--") ? undefined : argv[++i];
      if (v === undefined || v === "") throw new UsageError(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case "--help":
      case "-h":
        a.help = true;
        break;
      case "--out":
        a.out = value();
        break;
      case "--cluster":
        a.clusters.push(value());
        break;
      case "--language": {
        const l = value();
        const language = LANGUAGES.find((x) => x === l);
        if (!language) throw new UsageError(`--language "${l}" is not supported; use one of: ${LANGUAGES.join(", ")}`);
        a.language = language;
        break;
      }
      case "--name":
        a.name = value();
        break;
      case "--package-spec":
        a.packageSpec = value();
        break;
      case "--context":
        a.context = value();
        break;
      case "--config":
        a.config = value();
        break;
      case "--force":
        a.force = true;
        break;
      default:
        if (arg.startsWith("-")) throw new UsageError(`unknown option ${arg}`);
        if (a.command !== undefined) throw new UsageError(`unexpected argument "${arg}"`);
        a.command = arg;
    }
  }
  return a;
}

export interface CliIo {
  stdout(s: string): void;
  stderr(s: string): void;
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** For tests: client settings (retries). */
  client?: Partial<Omit<ClientOptions, "pat" | "userId" | "apiBase">>;
}

const processIo: CliIo = {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  env: process.env,
  cwd: process.cwd(),
};

/** Runs the command; resolves the exit status. */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const err = (line: string) => io.stderr(`${line}\n`);
  let args: CliArgs;
  try {
    args = parseArgs(argv);
    if (!args.help && args.command !== "export") throw new UsageError(args.command === undefined ? "missing command: export" : `unknown command "${args.command}"; the command is: export`);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    err(`pulumi-clarifai: ${e.message}`);
    io.stderr(USAGE);
    return 2;
  }
  if (args.help) {
    io.stderr(USAGE);
    return 0;
  }
  try {
    const credentials = resolveCredentials({ env: io.env, context: args.context, configFile: args.config && path.resolve(io.cwd, args.config) });
    const toStdout = args.out === "-";
    const result = await exportAccount({
      credentials,
      clusterIds: args.clusters,
      language: args.language,
      projectName: args.name,
      packageSpec: args.packageSpec,
      outDir: args.out && !toStdout ? args.out : undefined,
      cwd: io.cwd,
      progress: err,
      client: io.client,
    });
    for (const w of result.plan.warnings) err(`warning: ${w}`);
    if (toStdout) {
      io.stdout(result.files[args.language === "yaml" ? "Pulumi.yaml" : "index.ts"]);
      err(`Printed the program: ${describeCounts(result.plan)}.`);
      return 0;
    }
    const dir = result.outDir;
    writeProject(dir, result.files, args.force);
    const shown = path.relative(io.cwd, dir) || ".";
    err(`Wrote ${shown}/ (${Object.keys(result.files).join(", ")}): ${describeCounts(result.plan)}, each with adopt: true.`);
    err("Next:");
    err(`  cd ${shown} && npm install`);
    err("  pulumi stack init       # any backend; `pulumi login --local` keeps the state on this machine");
    err("  pulumi config set --secret clarifai:pat <PAT>   # or keep CLARIFAI_PAT in the environment");
    err("  pulumi up               # adopts every object; Clarifai sees reads only");
    return 0;
  } catch (e) {
    if (e instanceof CredentialsError || e instanceof ExportError || e instanceof UnknownClusterError) {
      err(`pulumi-clarifai export: ${e.message}`);
      return 1;
    }
    err(`pulumi-clarifai export failed: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e: unknown) => {
      process.stderr.write(`pulumi-clarifai: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
