// The provider object each resource class hands to Pulumi. Pulumi serializes it into the state of every
// resource (`__provider`), so it holds no code of its own and captures nothing but the resource kind:
// each method loads the real provider by package name in the dynamic-provider process, at call time.
// That keeps the serialized text to a few hundred bytes, keeps credentials out of it (they arrive via
// `configure` or the environment), and lets `refresh`/`destroy` of old stacks run the installed code.
import type * as pulumi from "@pulumi/pulumi";
import { resourceSpec } from "../provider/schema";

export type ResourceKind = "ComputeCluster" | "Nodepool" | "Deployment";

export function forwarder(kind: ResourceKind): pulumi.dynamic.ResourceProvider {
  return {
    configure: (req) => require("pulumi-clarifai/provider").configure(req),
    check: (olds, news) => require("pulumi-clarifai/provider")[kind].check(olds, news),
    diff: (id, olds, news) => require("pulumi-clarifai/provider")[kind].diff(id, olds, news),
    create: (inputs) => require("pulumi-clarifai/provider")[kind].create(inputs),
    read: (id, props) => require("pulumi-clarifai/provider")[kind].read(id, props),
    update: (id, olds, news) => require("pulumi-clarifai/provider")[kind].update(id, olds, news),
    delete: (id, props) => require("pulumi-clarifai/provider")[kind].delete(id, props),
  };
}

/**
 * The property bag for `dynamic.Resource`: every output of schema.json seeded as `undefined` (Pulumi only
 * creates an Output for keys present), then the user's arguments, then the hidden logical name that
 * auto-naming needs (the provider never sees the URN).
 */
export function resourceProps(kind: ResourceKind, name: string, args: object): Record<string, unknown> {
  const seeded: Record<string, unknown> = {};
  for (const k of Object.keys(resourceSpec(kind).properties)) seeded[k] = undefined;
  return { ...seeded, ...args, __logicalName: name };
}
