// The provider object each resource class hands to Pulumi. Pulumi serializes it into the state of every
// resource (`__provider`), so it holds no code of its own and captures nothing but the resource kind:
// each method loads the real provider by package name in the dynamic-provider process, at call time.
// That keeps the serialized text to about 2 KB (mostly the serializer's own wrapping of each method), keeps credentials out of it (they arrive via
// `configure` or the environment), and lets `refresh`/`destroy` of old stacks run the installed code.
import * as pulumi from "@pulumi/pulumi";
import type { ResourceKind } from "../provider/model.generated";
import { resourceSpec } from "../provider/schema";
import { ownerToken } from "../provider/resources/ownership";

export function forwarder(kind: ResourceKind): pulumi.dynamic.ResourceProvider {
  // Short parameter names on purpose: this text is stored twice per resource in every state file.
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
 * The property bag for `dynamic.Resource`: every output of schema.json seeded as `undefined` (Pulumi only
 * creates an Output for keys present), then the user's arguments, then the hidden logical name that
 * auto-naming needs and the owner token (provider/resources/ownership.ts): the provider never sees the URN.
 */
export function resourceProps(kind: ResourceKind, name: string, args: object): Record<string, unknown> {
  const seeded: Record<string, unknown> = {};
  for (const k of Object.keys(resourceSpec(kind).properties)) seeded[k] = undefined;
  return { ...seeded, ...args, __logicalName: name, __owner: ownerToken(pulumi.getProject(), pulumi.getStack(), kind, name) };
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
