/**
 * Runs Clarifai's official Python SDK and CLI (pinned in scripts/python-clients/requirements.txt) from
 * the cached virtual environment that scripts/ensure-python-clients creates. Every run gets a clean
 * environment: a temporary HOME (the CLI keeps its contexts in ~/.config/clarifai) and no CLARIFAI_*
 * variables from the caller, so nothing leaks in or out.
 */
import { execFile, execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.resolve(__dirname, "..", "..");

let cached: string | undefined;

/** The venv's python (built on first use, about 40 s; then cached across runs and checkouts). */
export function venvPython(): string {
  if (!cached) {
    const out = execFileSync("bash", [path.join(ROOT, "scripts", "ensure-python-clients")], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
    cached = out.trim().split("\n").pop() as string;
  }
  return cached;
}

/** The venv's `clarifai` CLI entry point. */
export function venvBin(name: string): string {
  return path.join(path.dirname(venvPython()), name);
}

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** A fresh temporary HOME for one test's Python runs. */
export function tempHome(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), "clarifai-sdk-home-"));
}

/** Run a program with only PATH, HOME and the given variables in its environment. */
export function run(file: string, args: string[], opts: { home: string; env?: Record<string, string>; cwd?: string; timeoutMs?: number }): Promise<Run> {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: opts.home,
    PYTHONDONTWRITEBYTECODE: "1",
    // The SDK's logger colours its output; plain text is easier to read in a failure message.
    NO_COLOR: "1",
    ...(opts.env ?? {}),
  };
  return new Promise((resolve) => {
    execFile(file, args, { env, cwd: opts.cwd ?? opts.home, timeout: opts.timeoutMs ?? 60000, maxBuffer: 16 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as NodeJS.ErrnoException & { code?: unknown }).code === "number" ? Number((err as { code?: unknown }).code) : 1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}
