#!/usr/bin/env node
// Entry point of `pulumi-resource-clarifai`. The engine starts it with Go-style flags and the engine's
// address as the one positional argument, and reads the port it listens on from the first line of
// stdout (the plugin handshake).
import { closeEngineLog, routeConsoleToEngine } from "./engineLog";
import { serve } from "./server";
import { engineAddressOf, watchEngine } from "../resources/engineWatch";

async function main(): Promise<void> {
  const engineAddress = engineAddressOf(process.argv.slice(2));
  routeConsoleToEngine(engineAddress);
  const { port, stop } = await serve();
  process.stdout.write(`${port}\n`);
  const shutdown = () => {
    stop();
    closeEngineLog();
    process.exit(0);
  };
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.on(sig, shutdown);
  // A killed CLI tells no one: stop rather than keep waiting on deployments for it.
  watchEngine(() => engineAddress, shutdown);
}

main().catch((e: unknown) => {
  process.stderr.write(`pulumi-resource-clarifai: could not start: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
