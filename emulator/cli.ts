#!/usr/bin/env node
/**
 * clarifai-emulator --port 0 --token T [--token T2] [--user-id U] [--host H] [--state-file F] [--loose] [--unknown-response-fields]
 *                   [--rate-limit N] [--latency MS] [--deleted-id-reuse-ms MS | --deleted-id-reuse-ms deployments=MS,nodepools=MS,computeClusters=MS]
 * Prints the URL (http://127.0.0.1:PORT) as its first line and serves until SIGINT/SIGTERM. The URL serves
 * REST (HTTP/1.1) and gRPC (cleartext HTTP/2), so Clarifai's Python SDK and CLI can use it as their base.
 */
import { startEmulator } from "./server";
import { DELETED_KINDS } from "./deletedIds";
import type { DeletedIdReuse, EmulatorOptions } from "./types";

function usage(msg?: string): never {
  if (msg) process.stderr.write(`clarifai-emulator: ${msg}\n`);
  process.stderr.write(
    "usage: clarifai-emulator [--port N] [--host H] [--token PAT]... [--user-id U] [--state-file F] [--loose] [--unknown-response-fields] [--rate-limit N] [--latency MS] [--deleted-id-reuse-ms MS|KIND=MS,...] [--verbose]\n",
  );
  process.exit(msg ? 2 : 0);
}

/** `5000` (deployments) or `deployments=5000,nodepools=0,computeClusters=0`. */
function reuseArg(flag: string, v: string): number | DeletedIdReuse {
  const ms = (x: string): number => {
    const n = Number(x);
    if (x.trim() === "" || !Number.isFinite(n) || n < 0) usage(`${flag} needs milliseconds ≥ 0, got '${x}'`);
    return n;
  };
  if (!v.includes("=")) return ms(v);
  const out: Record<string, number> = {};
  for (const part of v.split(",")) {
    const [kind, value] = part.split("=");
    if (!(DELETED_KINDS as readonly string[]).includes(kind)) usage(`${flag}: unknown kind '${kind}' (${DELETED_KINDS.join(", ")})`);
    out[kind] = ms(value ?? "");
  }
  return out;
}

export function parseArgs(argv: string[]): EmulatorOptions & { verbose?: boolean } {
  const opts: EmulatorOptions & { verbose?: boolean } = {};
  const tokens: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].startsWith("--") && argv[i].includes("=") ? [argv[i].slice(0, argv[i].indexOf("=")), argv[i].slice(argv[i].indexOf("=") + 1)] : [argv[i], undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) usage(`${flag} needs a value`);
      return v;
    };
    const num = (): number => {
      const v = value();
      const n = Number(v);
      if (!Number.isFinite(n) || n < 0) usage(`${flag} needs a non-negative number, got '${v}'`);
      return n;
    };
    switch (flag) {
      case "--port": opts.port = num(); break;
      case "--host": opts.host = value(); break;
      case "--token": tokens.push(value()); break;
      case "--user-id": opts.userId = value(); break;
      case "--state-file": opts.stateFile = value(); break;
      case "--loose": opts.loose = true; break;
      case "--unknown-response-fields": opts.unknownResponseFields = true; break;
      case "--rate-limit": opts.rateLimitPerSecond = num(); break;
      case "--latency": opts.latencyMs = num(); break;
      case "--deleted-id-reuse-ms": opts.deletedIdReuseMs = reuseArg(flag, value()); break;
      case "--verbose": opts.verbose = true; break;
      case "--help": case "-h": usage(); break;
      default: usage(`unknown argument '${argv[i]}'`);
    }
  }
  if (tokens.length) opts.tokens = tokens;
  return opts;
}

export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  const opts = parseArgs(argv);
  if (opts.verbose) opts.log = (line) => process.stderr.write(`${line}\n`);
  const emu = await startEmulator(opts);
  process.stdout.write(`${emu.url}\n`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    emu.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (require.main === module) {
  main().catch((e: unknown) => {
    process.stderr.write(`clarifai-emulator: ${(e as Error).message ?? String(e)}\n`);
    process.exit(1);
  });
}
