// The provider each resource names in the state (`__provider`). Pulumi's dynamic-provider process runs
// that text and calls its `handler()`; ours only `require`s the provider by a public, versioned entry of
// the package (package.json "exports": "./dynamic/v1/*", sdk/dynamic/v1), about 75 bytes. No code
// and no credentials are stored (they arrive via `configure` or the environment), and `refresh` and
// `destroy` of old stacks run the installed code. States of 0.1.0 hold a by-value copy of `forwarder`
// (about 2.2 KB, as `dynamic.Resource` serializes it), which loads "pulumi-clarifai/provider": that
// entry stays too.
import * as pulumi from "@pulumi/pulumi";
import type { ResourceKind } from "../provider/model/model.generated";
import { resourceSpec } from "../provider/model/schema";
import { ownerToken } from "../provider/model/owner";

/**
 * The `__provider` text of every resource of `kind`: a reference, not serialized code. Written by hand
 * rather than by Pulumi's closure serializer, whose wrapping of `() => provider` alone is about 170
 * bytes, stored twice per resource; and a reference by package name holds whatever the install layout
 * (a symlinked or pnpm-style package would be serialized by value). The entries it names are public:
 * they stay for as long as states that name them may exist.
 */
export function providerReference(kind: ResourceKind): string {
  return `exports.handler = () => require("pulumi-clarifai/dynamic/v1/${kind[0].toLowerCase()}${kind.slice(1)}");\n`;
}

/** The provider object of `kind` that sdk/dynamic/v1 exports: each method loads the real provider at call time. */
export function forwarder(kind: ResourceKind): pulumi.dynamic.ResourceProvider {
  // Short parameter names: states of 0.1.0 hold this text, serialized, twice per resource.
  return {
    configure: (r) => require("pulumi-clarifai/provider").configure(r),
    check: (o, n) => require("pulumi-clarifai/provider")[kind].check(o, n),
    diff: (i, o, n) => require("pulumi-clarifai/provider")[kind].diff(i, o, n),
    create: (n) => require("pulumi-clarifai/provider")[kind].create(n),
    read: (i, o) => require("pulumi-clarifai/provider")[kind].read(i, o),
    update: (i, o, n) => require("pulumi-clarifai/provider")[kind].update(i, o, n),
    delete: (i, o) => require("pulumi-clarifai/provider")[kind].delete(i, o),
  };
}

/**
 * The property bag of a resource: every output of schema.json seeded as `undefined` (Pulumi only
 * creates an Output for keys present), then the user's arguments, then the hidden logical name that
 * auto-naming needs, the owner token (provider/model/owner.ts: the provider never sees the
 * URN), then the provider reference.
 */
export function resourceProps(kind: ResourceKind, name: string, args: object): Record<string, unknown> {
  const seeded: Record<string, unknown> = {};
  for (const k of Object.keys(resourceSpec(kind).properties)) seeded[k] = undefined;
  return { ...seeded, ...args, __logicalName: name, __owner: ownerToken(pulumi.getProject(), pulumi.getStack(), kind, name), __provider: providerReference(kind) };
}

/**
 * While a resource class registers, @pulumi/pulumi records `new Error().stack` for every promise it
 * creates (one per output property, about 20 for ours) and reads it at once, which formats it (through
 * source maps under ts-node, the Node.js runtime's default): most of the program's CPU per resource at
 * preview. Those stacks are printed only when PULUMI_DEBUG_PROMISE_LEAKS is set. So for the synchronous
 * `super(...)` call, stacks read at once are formatted as their message only, except the one Pulumi
 * takes for the resource's source position (it raises `Error.stackTraceLimit` to Infinity for it), which
 * is formatted as usual. Frames are still captured, and an error whose stack is read later (Pulumi's
 * pre-allocated registration error, which points at the user's code) is formatted as usual then. The
 * returned function restores the formatter; with PULUMI_DEBUG_PROMISE_LEAKS set nothing changes.
 */
export function withoutPromiseStacks(): () => void {
  if (process.env.PULUMI_DEBUG_PROMISE_LEAKS) return () => undefined;
  const prepare = Error.prepareStackTrace;
  Error.prepareStackTrace = (err, frames) => {
    if (Error.stackTraceLimit !== Infinity) return String(err);
    return prepare ? prepare(err, frames) : `${String(err)}${frames.map((f) => `\n    at ${String(f)}`).join("")}`;
  };
  return () => {
    Error.prepareStackTrace = prepare;
  };
}
