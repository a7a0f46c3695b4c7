// The CRUD core reports progress and warnings with console.log ("waiting for replicas", "warning: ...
// preflight skipped"). Under the dynamic host the engine shows those lines; a plugin's own output is
// only in the engine's verbose logs. So in the plugin, console output goes to the engine's Log
// service, attached to the resource whose call printed it, as the CLI shows it for any provider.
import { AsyncLocalStorage } from "async_hooks";
import { EngineClient, engine, engineClient, grpc } from "./rpc";

const current = new AsyncLocalStorage<string>();

/** Runs `fn` with its console output attributed to the resource `urn`. */
export function forResource<T>(urn: string, fn: () => T): T {
  return current.run(urn, fn);
}

let client: EngineClient | undefined;

/**
 * Sends console.log/info/warn/error to the engine at `address` (lines starting with "warning:" as
 * warnings, console.error as errors). Without an engine, output goes to stderr: stdout carries the
 * plugin handshake (the port) and nothing else.
 */
export function routeConsoleToEngine(address: string | undefined): void {
  if (address) client = new engineClient(address, grpc.credentials.createInsecure());
  const send = (severity: number, args: unknown[]) => {
    const text = args.map((a) => (typeof a === "string" ? a : a instanceof Error ? a.message : JSON.stringify(a))).join(" ");
    const sev = severity === engine.LogSeverity.INFO && /^warning:/i.test(text) ? engine.LogSeverity.WARNING : severity;
    const message = sev === engine.LogSeverity.WARNING ? text.replace(/^warning:\s*/i, "") : text;
    if (!client) {
      process.stderr.write(`${text}\n`);
      return;
    }
    const req = new engine.LogRequest();
    req.setSeverity(sev);
    req.setMessage(message);
    req.setUrn(current.getStore() ?? "");
    client.log(req, (err) => {
      if (err) process.stderr.write(`${text}\n`);
    });
  };
  console.log = (...a: unknown[]) => send(engine.LogSeverity.INFO, a);
  console.info = console.log;
  console.warn = (...a: unknown[]) => send(engine.LogSeverity.WARNING, a);
  console.error = (...a: unknown[]) => send(engine.LogSeverity.ERROR, a);
}

export function closeEngineLog(): void {
  client?.close();
  client = undefined;
}
