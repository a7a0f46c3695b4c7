// The engine-facing side of pulumi-clarifai, loaded by package name ("pulumi-clarifai/provider") inside
// the dynamic-provider process. The SDK classes serialize only a few lines that forward here.
export { configure, setSettings, settings, client } from "./settings/config";
import { engineAddressOf, watchEngine } from "./resources/engineWatch";
// Each kind's engine-facing provider, by the kind's name (generated from schema.json).
export * from "./providers.generated";

// In the dynamic-provider process (started by the engine with its address as an argument), stop when
// the engine goes away rather than keep waiting on deployments for a dead `pulumi up`.
const engine = engineAddressOf(process.argv.slice(2));
if (engine) {
  watchEngine(
    () => engine,
    () => {
      process.stderr.write("pulumi-clarifai: the Pulumi engine has gone away; stopping\n");
      process.exit(1);
    },
  );
}
