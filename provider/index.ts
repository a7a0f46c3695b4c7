// The engine-facing side of pulumi-clarifai, loaded by package name ("pulumi-clarifai/provider") inside
// the dynamic-provider process. The SDK classes serialize only a few lines that forward here.
export { configure, setSettings, settings, client } from "./settings/config";
import type * as pulumi from "@pulumi/pulumi";
import { forEngine } from "./resources/check";
import type { ResourceProvider } from "./resources/lifecycle";
import { providers } from "./resources/registry";
import { engineAddressOf, watchEngine } from "./resources/engineWatch";

/** A provider whose check failures reach the engine without a property (see forEngine). */
function engineFacing(p: ResourceProvider): ResourceProvider {
  return {
    ...p,
    check: async (olds: pulumi.Inputs, news: pulumi.Inputs) => {
      const r = await p.check(olds, news);
      return { ...r, failures: forEngine(r.failures) };
    },
  };
}

export const ComputeCluster = engineFacing(providers.ComputeCluster);
export const Nodepool = engineFacing(providers.Nodepool);
export const Deployment = engineFacing(providers.Deployment);

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
