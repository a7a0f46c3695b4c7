// The engine-facing side of pulumi-clarifai, loaded by package name ("pulumi-clarifai/provider") inside
// the dynamic-provider process. The SDK classes serialize only a few lines that forward here.
export { configure, setSettings, settings, client } from "./config";
import type * as pulumi from "@pulumi/pulumi";
import { forEngine } from "./resources/check";
import type { ResourceProvider } from "./resources/lifecycle";
import { providers } from "./resources/registry";

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
