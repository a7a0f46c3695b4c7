// Exiting when the engine goes away. The Pulumi CLI starts the language host and the provider plugins
// as child processes and talks to them over gRPC; when it is killed (SIGKILL, a closed terminal) nothing
// tells them, and a provider waiting for a deployment would keep polling the Clarifai API until its
// deadline. Each of them watches the engine's gRPC address instead: once it refuses connections (the
// operating system closes a dead process's listening socket at once), they stop.
import * as net from "net";

export interface EngineWatchOptions {
  /** Between two looks. @unit milliseconds @default PULUMI_CLARIFAI_ENGINE_WATCH_MS or 1000 */
  intervalMs?: number;
  /** Refused looks in a row that count as "gone" (one refusal may be a full backlog). @default 2 */
  misses?: number;
}

/** The engine's address among a plugin's arguments: the positional `host:port` (flags start with "-"). */
export function engineAddressOf(argv: readonly string[]): string | undefined {
  return argv.find((a) => !a.startsWith("-") && /^[\w.[\]:-]+:\d+$/.test(a));
}

/**
 * Calls `onGone` once, when the engine at `address()` has refused connections `misses` times in a row;
 * returns a function that stops watching. The timer does not keep the process alive. A look that
 * times out or fails otherwise counts as alive: a busy engine is not a dead one.
 */
export function watchEngine(address: () => string | undefined, onGone: () => void, opts: EngineWatchOptions = {}): () => void {
  const intervalMs = opts.intervalMs ?? (Number(process.env.PULUMI_CLARIFAI_ENGINE_WATCH_MS) || 1000);
  const misses = opts.misses ?? 2;
  let refused = 0;
  let looking = false;
  const timer = setInterval(() => {
    const m = /^(.*):(\d+)$/.exec(address() ?? "");
    if (!m || looking) return;
    looking = true;
    const sock = net.connect({ host: m[1].replace(/^\[|\]$/g, ""), port: Number(m[2]) });
    let settled = false;
    const settle = (alive: boolean) => {
      if (settled) return;
      settled = true;
      looking = false;
      sock.destroy();
      refused = alive ? 0 : refused + 1;
      if (refused >= misses) {
        clearInterval(timer);
        onGone();
      }
    };
    sock.setTimeout(intervalMs, () => settle(true));
    sock.once("connect", () => settle(true));
    sock.once("error", (e: NodeJS.ErrnoException) => settle(e.code !== "ECONNREFUSED"));
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
