// The engine-facing side of pulumi-clarifai, loaded by package name ("pulumi-clarifai/provider") inside
// the dynamic-provider process. The SDK classes serialize only a few lines that forward here.
export { configure, setSettings, settings, client } from "./config";
import { forEngine } from "./resources/check";
import type { ResourceProvider } from "./resources/lifecycle";
import { providers } from "./resources/registry";

/** The engine prints check failures itself: each is given the property it can print (check.ts forEngine). */
function engineFacing(p: ResourceProvider): ResourceProvider {
  return {
    ...p,
    check: async (olds, news) => {
      const r = await p.check(olds, news);
      return { ...r, failures: r.failures?.map((f) => forEngine(f, news)) };
    },
  };
}

export const ComputeCluster = engineFacing(providers.ComputeCluster);
export const Nodepool = engineFacing(providers.Nodepool);
export const Deployment = engineFacing(providers.Deployment);
