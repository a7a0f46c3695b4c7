// The kind's provider as the dynamic-provider process serves it (provider/providers.generated.ts wraps
// each kind's): its check failures lose their property, which the engine would print beside a value it
// looks up wrongly (see forEngine); the native plugin does the same on its side.
import type * as pulumi from "@pulumi/pulumi";
import { forEngine } from "./resources/check";
import type { ResourceProvider } from "./resources/lifecycle";

/** A provider whose check failures reach the engine without a property (see forEngine). */
export function engineFacing(p: ResourceProvider): ResourceProvider {
  return {
    ...p,
    check: async (olds: pulumi.Inputs, news: pulumi.Inputs) => {
      const r = await p.check(olds, news);
      return { ...r, failures: forEngine(r.failures) };
    },
  };
}
