// The lifecycle every Clarifai resource shares, as four top-level functions over a definition: create
// (adoption, ambiguous writes kept as partial records), read (refresh: eventual consistency), update
// (an object gone out of band is re-created) and delete (a 404 is confirmed before it counts as gone).
// makeProvider puts them together with check.ts and diff.ts; each resource file describes only what
// is its own (definition.ts).
import type * as pulumi from "@pulumi/pulumi";
import { ClarifaiClient, ClarifaiError, NotFoundError, isAmbiguous } from "../client";
import { client } from "../settings/config";
import type { ResourceKind } from "../model/model.generated";
import { diffKeys, resourceSpec } from "../model/schema";
import { checkResource, labelOf } from "./check";
import { Checked, Outputs, Props, ResourceDefinition, bag, checkedOf, clean, priorOf, deepEqual, hidden, pause, withoutProvider } from "./definition";
import { changedKeys, diffResource } from "./diff";
import { refuseForeignHosted, warnForeignHosted } from "./forceDestroy";
import { madeByThisResource } from "../model/owner";
import { HeldIdTarget, IdTaken, Stamped, createPastHeldId, noteDeleted } from "./heldIds";
import { readListed } from "./listedReads";
import { timing } from "./timing";

/** A dynamic ResourceProvider with every method the engine calls (none optional). */
export type ResourceProvider = Required<Pick<pulumi.dynamic.ResourceProvider, "check" | "diff" | "create" | "read" | "update" | "delete">>;

type Def<K extends ResourceKind, Remote> = ResourceDefinition<K, Remote>;

/** Builds the dynamic ResourceProvider for a definition. */
export function makeProvider<K extends ResourceKind, Remote extends Stamped>(def: Def<K, Remote>): ResourceProvider {
  return {
    check: (olds: Props, news: Props) => checkResource(def, olds, news),
    diff: async (id: string, olds: Props, news: Props) => {
      const d = await diffResource(def, id, olds, news);
      if (d.replaces.length) await warnForeignHosted(def, client, id, olds);
      return d;
    },
    create: (news: Props) => createResource(def, news),
    read: (id: string, olds: Props) => readResource(def, id, olds),
    update: (id: string, olds: Props, news: Props) => updateResource(def, id, olds, news),
    delete: (id: string, olds: Props) => deleteResource(def, id, olds),
  };
}


export async function createResource<K extends ResourceKind, Remote extends Stamped>(def: Def<K, Remote>, raw: Props): Promise<{ id: string; outs: Outputs<K> }> {
  const inputs = checkedOf<K>(raw);
  const id = def.pulumiId(inputs);
  const c = client();
  if (inputs.adopt === true) {
    const found = await adoptFirst(def, c, inputs).catch((e: unknown) => {
      throw e instanceof ClarifaiError ? wrap(def, inputs, e) : e;
    });
    // Nothing changed: nothing to wait for (a scaled-to-zero deployment would otherwise hold `up`
    // until its timeout): the outputs are the object as it is.
    if (found) return { id, outs: found.wrote ? await finish(def, c, id, found.remote, inputs) : clean(def.outputs(found.remote, priorOf<K>(inputs))) };
  }
  let remote: Remote;
  try {
    remote = await createPastHeldId(heldIdTarget(def, c, inputs), c);
  } catch (e) {
    // The client has already checked whether an uncertain POST was committed; when even that could
    // not be settled the object may exist. Ids are chosen here, so record it as a partial resource:
    // the next `up` resumes it with `update` (which creates it if absent), refresh or destroy clean up.
    if (e instanceof ClarifaiError && isAmbiguous(e)) throw partial(def, id, withoutProvider(inputs), inputs, e);
    if (!(e instanceof IdTaken)) throw wrap(def, inputs, e);
    remote = await adopt(def, c, inputs, e).catch((e2: unknown) => {
      throw e2 instanceof ClarifaiError ? wrap(def, inputs, e2) : e2;
    });
  }
  return { id, outs: await finish(def, c, id, remote, inputs) };
}

export async function readResource<K extends ResourceKind, Remote>(def: Def<K, Remote>, id: string, raw: Props): Promise<pulumi.dynamic.ReadResult> {
  const props = priorOf<K>(raw);
  let remote: Remote | undefined;
  try {
    const c = client();
    // Served from one list per parent when it can be (listedReads.ts); an object the list does not
    // hold is asked for on its own. A read can lag behind a write (eventual consistency right after a
    // create): confirm a 404 once after a pause before the engine drops the resource, which would
    // orphan a live object.
    remote =
      (def.listed && (await readListed(c, def.kind, def.listed, id, props))) ??
      (await def.get(c, id)) ??
      (await pause(timing().secondLookMs).then(() => def.get(c, id)));
  } catch (e) {
    throw wrap(def, props, e);
  }
  if (!remote) return {}; // deleted out of band: the engine drops it from the state
  const outs = clean(def.outputs(remote, props));
  return { id, props: outs, inputs: inputsOf(def.kind, outs) };
}

/**
 * The stored inputs (those with an apiField) that changed: an update writes these only (the model wing
 * builds a message of them: provider/model/wireMap.ts), so a field the program did not change (an
 * out-of-band change to it, a value `ignoreChanges` keeps) is not overwritten from the state.
 */
function changedFields(kind: ResourceKind, olds: Props, news: Props): string[] {
  const spec = resourceSpec(kind).inputProperties;
  return changedKeys(kind, olds, news).filter((k) => spec[k]?.["x-clarifai"]?.apiField !== undefined);
}

export async function updateResource<K extends ResourceKind, Remote extends Stamped>(def: Def<K, Remote>, id: string, olds: Props, raw: Props): Promise<{ outs: Outputs<K> }> {
  const news = checkedOf<K>(raw);
  const fields = changedFields(def.kind, olds, raw);
  const c = client();
  // Nothing to write (a resumed partial record, a changed provider-side setting): read the object.
  const write = async () => {
    if (fields.length) return def.patch(c, news, fields);
    const found = await def.get(c, id);
    if (!found) throw new NotFoundError({ operation: `Get ${def.noun}`, description: `${def.noun} "${id}" does not exist` });
    return found;
  };
  let remote: Remote;
  try {
    remote = await write();
  } catch (e) {
    // Gone although the state has it (a create that never committed, or deleted out of band without
    // a refresh): create it, which is what `up` is asked to make true.
    if (!(e instanceof NotFoundError)) throw wrap(def, news, e);
    try {
      remote = await createPastHeldId(heldIdTarget(def, c, news), c);
    } catch (e2) {
      if (!(e2 instanceof IdTaken)) throw wrap(def, news, e2);
      // The 404 was a read lagging behind a write: the object is there, and the state says it is ours.
      remote = await write().catch((e3: unknown) => {
        throw wrap(def, news, e3);
      });
    }
  }
  return { outs: await finish(def, c, id, remote, news) };
}

export async function deleteResource<K extends ResourceKind, Remote>(def: Def<K, Remote>, id: string, props: Props): Promise<void> {
  const c = client();
  // What the object hosts goes with it on Clarifai's side: refused, before any write, unless it is
  // this stack's or forceDestroy says so.
  await refuseForeignHosted(def, c, id, props).catch((e: unknown) => {
    throw e instanceof ClarifaiError ? wrap(def, props, e) : e;
  });
  try {
    if (await def.remove(c, id)) return noteDeleted(c, def.kind, id);
    // 404: already gone (success too), or a read lagging behind a recent write. Confirm once after a
    // pause, so that the engine does not drop a live object from the state.
    await pause(timing().secondLookMs);
    if ((await def.get(c, id)) && (await def.remove(c, id))) noteDeleted(c, def.kind, id);
  } catch (e) {
    throw wrap(def, props, e);
  }
}

/** A create of these inputs, for createPastHeldId. */
function heldIdTarget<K extends ResourceKind, Remote extends Stamped>(def: Def<K, Remote>, c: ClarifaiClient, inputs: Checked<K>): HeldIdTarget<Remote> {
  const id = def.pulumiId(inputs);
  return { kind: def.kind, noun: def.noun, label: labelOf(def.kind, inputs), id, create: () => def.create(c, inputs), get: () => def.get(c, id) };
}

/** The inputs a read reports: the outputs that are inputs, and the hidden ones the object keeps. */
function inputsOf(kind: ResourceKind, outs: object): Props {
  const names = resourceSpec(kind).inputProperties;
  const out: Props = {};
  for (const [k, v] of Object.entries(outs)) if ((k in names || hidden(k)) && v !== undefined) out[k] = v;
  return out;
}

/** Errors carry the resource's name; the client's errors already carry status code and req_id. */
function wrap(def: { kind: ResourceKind }, p: object, e: unknown): Error {
  const err = new Error(`${labelOf(def.kind, p)}: ${e instanceof Error ? e.message : String(e)}`);
  if (e instanceof ClarifaiError) Object.assign(err, { code: e.code, reqId: e.reqId });
  return err;
}

/**
 * A failure after the object exists must not orphan it: an error carrying `id` makes the engine keep
 * a partial record (with these outputs) and resume with `update` on the next `up`.
 */
function partial<K extends ResourceKind>(def: { kind: K }, id: string, outs: object, inputs: Checked<K>, e: unknown): Error {
  return Object.assign(wrap(def, inputs, e), { id, properties: { ...outs, __provider: inputs.__provider }, reasons: [String(e instanceof Error ? e.message : e)] });
}

/** Outputs after a successful write, once `settle` (waiting) is done; a settle failure keeps a partial record. */
async function finish<K extends ResourceKind, Remote>(def: Def<K, Remote>, c: ClarifaiClient, id: string, remote: Remote, inputs: Checked<K>): Promise<Outputs<K>> {
  const outs = clean(def.outputs(remote, priorOf<K>(inputs)));
  if (!def.settle) return outs;
  try {
    return clean(await def.settle(c, remote, outs));
  } catch (e) {
    throw partial(def, id, outs, inputs, e);
  }
}

/** Immutable fields must match to adopt; the error names each difference. */
function refuseMismatches<K extends ResourceKind, Remote>(def: Def<K, Remote>, inputs: Checked<K>, existing: Remote): void {
  const mismatches = def.immutableMismatches(existing, inputs);
  if (!mismatches.length) return;
  throw new Error(
    `${labelOf(def.kind, inputs)}: cannot adopt the existing ${def.noun} "${def.pulumiId(inputs)}": its immutable fields differ from the program (${mismatches.join("; ")}). ` +
      `Change the program to match, or use another id.`,
  );
}

/**
 * `adopt: true`: look before writing. An existing object whose compared fields already equal the
 * program's (exactly what the next diff will compare) is taken over with reads only; otherwise one
 * PATCH applies the program. A secret input that is set cannot be compared (Clarifai masks it), so
 * it is always written. Undefined when nothing has the id (the caller creates it).
 */
async function adoptFirst<K extends ResourceKind, Remote>(def: Def<K, Remote>, c: ClarifaiClient, inputs: Checked<K>): Promise<{ remote: Remote; wrote: boolean } | undefined> {
  const existing = await def.get(c, def.pulumiId(inputs));
  if (!existing) return undefined;
  refuseMismatches(def, inputs, existing);
  const spec = resourceSpec(def.kind).inputProperties;
  const outs = bag(clean(def.outputs(existing, priorOf<K>(inputs))));
  const ins = bag(inputs);
  // Compared as diff compares: a field the object does not report is at its default.
  const same =
    diffKeys(def.kind).every((k) => deepEqual(outs[k] === undefined ? spec[k].default : outs[k], ins[k])) &&
    !Object.keys(spec).some((k) => spec[k].secret && ins[k] !== undefined);
  return same ? { remote: existing, wrote: false } : { remote: await def.patch(c, inputs), wrote: true };
}

/**
 * The id is taken: adopt it when the program says so, take it back when an earlier create of this very
 * resource made it (an interrupted `up`; ownership.ts), otherwise say how to adopt it.
 */
async function adopt<K extends ResourceKind, Remote>(def: Def<K, Remote>, c: ClarifaiClient, inputs: Checked<K>, taken: IdTaken<Remote>): Promise<Remote> {
  const id = def.pulumiId(inputs);
  const { refusal: cause, live: existing } = taken;
  if (!inputs.adopt) {
    if (madeByThisResource(def.kind, inputs, id, { has: def.ownerOf !== undefined, owner: def.ownerOf?.(existing) })) {
      refuseMismatches(def, inputs, existing);
      console.log(`${labelOf(def.kind, inputs)}: ${def.noun} "${id}" was made by an earlier, unfinished create of this resource; taking it back`);
      return def.patch(c, inputs);
    }
    const tags = [cause.code !== undefined ? `code ${cause.code}` : "", cause.reqId ? `req_id ${cause.reqId}` : ""].filter(Boolean).join(", ");
    throw new Error(
      `${labelOf(def.kind, inputs)}: a ${def.noun} with id "${id}" already exists in this Clarifai account${tags ? ` [${tags}]` : ""}. ` +
        `To manage the existing ${def.noun} with Pulumi, set \`adopt: true\` on this resource (it is taken over only if its immutable fields match); ` +
        `otherwise choose another id, or omit the id to have one generated.`,
    );
  }
  refuseMismatches(def, inputs, existing);
  return def.patch(c, inputs);
}
