// forceDestroy: Clarifai deletes what a compute cluster or a nodepool hosts along with it (a cluster's
// nodepools and deployments, a nodepool's deployments), and nothing in the API asks first. Before the
// provider deletes one, it lists what it hosts. The stack's own dependents are deleted before it (the
// engine orders deletes by dependency, and a fixed-id replacement replaces them along), so what is
// still there is someone else's, unless its owner marker names this stack (an object of this stack
// whose create was interrupted before the state recorded it). Someone else's objects stop the delete
// before any write, unless `forceDestroy: true`; the anchor is S3's `forceDestroy` on a non-empty bucket.
import { type ClarifaiClient, NotFoundError } from "../client";
import type { ResourceKind } from "../model/model.generated";
import { labelOf } from "./check";
import type { HostedObject, Props, ResourceDefinition } from "./definition";
import { OWNER, sameStack } from "../model/owner";
import { pause, timing } from "./timing";

type Hosting = Pick<ResourceDefinition<ResourceKind, unknown>, "kind" | "noun" | "hosted">;

const names = (xs: HostedObject[]) => xs.map((x) => x.what).join(", ");

/** What `id` hosts, split into this stack's (by its marker) and everyone else's. */
async function hostedBy(def: Hosting, c: ClarifaiClient, id: string, props: Props): Promise<{ own: HostedObject[]; foreign: HostedObject[] }> {
  // An object already gone (its listing answers 404) hosts nothing: the delete finds it gone too.
  const all = def.hosted ? await def.hosted(c, id).catch((e: unknown) => (e instanceof NotFoundError ? [] : Promise.reject(e))) : [];
  const mine = (h: HostedObject) => sameStack(h.owner, typeof props[OWNER] === "string" ? props[OWNER] : undefined);
  return { own: all.filter(mine), foreign: all.filter((h) => !mine(h)) };
}

/**
 * Before a delete: refuses it, naming each foreign object and the setting, when the object hosts
 * objects that are not this stack's and `forceDestroy` is not set; with it, says what goes along.
 */
export async function refuseForeignHosted(def: Hosting, c: ClarifaiClient, id: string, props: Props): Promise<void> {
  if (!def.hosted) return;
  let { own, foreign } = await hostedBy(def, c, id, props);
  // The engine orders deletes by dependency only: the stack's own objects without one on this object
  // (imported ones, or a program that names the id as a literal) are being deleted by this same run.
  // Give them a bounded moment to go before calling what is left someone else's.
  for (let waited = 0, step = 250; foreign.length && props.forceDestroy !== true && waited < timing().hostedSettleMs; waited += step, step = Math.min(step * 2, 1000)) {
    await pause(Math.min(step, timing().hostedSettleMs - waited));
    ({ own, foreign } = await hostedBy(def, c, id, props));
  }
  const label = labelOf(def.kind, props);
  if (own.length) console.log(`${label}: deleting ${def.noun} "${id}" also deletes ${names(own)}, made by this stack but not in its state`);
  if (!foreign.length) return;
  if (props.forceDestroy === true) {
    console.log(`warning: ${label}: forceDestroy: deleting ${def.noun} "${id}" also deletes ${names(foreign)}, which this stack does not manage`);
    return;
  }
  throw new Error(
    `${label}: refusing to delete ${def.noun} "${id}": it hosts ${names(foreign)}, which this stack does not manage, and Clarifai would delete them with it. ` +
      `Delete or move them first, or set \`forceDestroy: true\` on this resource (and run \`pulumi up\` to record it) to delete them along.`,
  );
}

/**
 * At diff, for a replacement (which deletes the old object): a warning naming the foreign objects the
 * delete would refuse to take (or, with forceDestroy, take). Read-only; a failed look-up says nothing
 * (the delete checks again).
 */
export async function warnForeignHosted(def: Hosting, c: () => ClarifaiClient, id: string, olds: Props): Promise<void> {
  if (!def.hosted) return;
  let foreign: HostedObject[];
  try {
    foreign = (await hostedBy(def, c(), id, olds)).foreign;
  } catch {
    return;
  }
  if (!foreign.length) return;
  const label = labelOf(def.kind, olds);
  console.log(
    olds.forceDestroy === true
      ? `warning: ${label}: this replacement deletes ${def.noun} "${id}" and, with forceDestroy, ${names(foreign)}, which this stack does not manage`
      : `warning: ${label}: this replacement deletes ${def.noun} "${id}", which hosts ${names(foreign)}, not managed by this stack: the delete will be refused; ` +
          `delete or move them first, or set \`forceDestroy: true\``,
  );
}
