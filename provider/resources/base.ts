// The lifecycle every Clarifai resource shares (create, read, update, delete: adoption, partial
// failures, eventual consistency, refresh semantics), and the provider it makes with check.ts and
// diff.ts. Each resource file describes only what is its own (definition.ts).
import type * as pulumi from "@pulumi/pulumi";
import { AlreadyExistsError, ClarifaiClient, ClarifaiError, NotFoundError, isAmbiguous } from "../client";
import { client } from "../config";
import { diffKeys, resourceSpec } from "../schema";
import { checkResource, labelOf } from "./check";
import { AUTO_NAMED, NAME, Props, ResourceDefinition, carried, clean, deepEqual, hidden, pause, withoutProvider } from "./definition";
import { changedKeys, diffResource } from "./diff";
import { timing } from "./timing";
import { readListed } from "./listedReads";

export { AUTO_NAMED, NAME, carried, clean, deepEqual, pause, changedKeys, labelOf };
export type { Props, ResourceDefinition };

/** A dynamic ResourceProvider with every method the engine calls (none optional). */
export type ResourceProvider = Required<Pick<pulumi.dynamic.ResourceProvider, "check" | "diff" | "create" | "read" | "update" | "delete">>;

/** Builds the dynamic ResourceProvider for a definition. */
export function makeProvider<Remote>(def: ResourceDefinition<Remote>): ResourceProvider {
  const compared = diffKeys(def.kind);
  const inputNames = Object.keys(resourceSpec(def.kind).inputProperties);
  const secretInputs = Object.entries(resourceSpec(def.kind).inputProperties)
    .filter(([, p]) => p.secret)
    .map(([k]) => k);
  const defaults = Object.fromEntries(Object.entries(resourceSpec(def.kind).inputProperties).map(([k, s]) => [k, s.default]));
  const label = (p: Props) => labelOf(def as ResourceDefinition<unknown>, p);

  const inputsOf = (p: Props): Props => {
    const out: Props = {};
    for (const k of Object.keys(p)) if ((inputNames.includes(k) || hidden(k)) && p[k] !== undefined) out[k] = p[k];
    return out;
  };

  /** Errors carry the resource's name; the client's errors already carry status code and req_id. */
  const wrap = (p: Props, e: unknown): Error => {
    const msg = e instanceof Error ? e.message : String(e);
    const err = new Error(`${label(p)}: ${msg}`);
    if (e instanceof ClarifaiError) Object.assign(err, { code: e.code, reqId: e.reqId });
    return err;
  };

  /**
   * A failure after the object exists must not orphan it: an error carrying `id` makes the engine keep
   * a partial record (with these outputs) and resume with `update` on the next `up`.
   */
  const partial = (id: string, outs: Props, inputs: Props, e: unknown) =>
    Object.assign(wrap(inputs, e), { id, properties: { ...outs, __provider: inputs.__provider }, reasons: [String(e instanceof Error ? e.message : e)] });

  /** Outputs after a successful write, once `settle` (waiting) is done; a settle failure keeps a partial record. */
  async function finish(c: ClarifaiClient, id: string, remote: Remote, inputs: Props): Promise<Props> {
    const outs = clean(def.outputs(remote, inputs));
    if (!def.settle) return outs;
    try {
      return clean(await def.settle(c, remote, outs));
    } catch (e) {
      throw partial(id, outs, inputs, e);
    }
  }

  /** Immutable fields must match to adopt; the error names each difference. */
  const refuseMismatches = (inputs: Props, existing: Remote) => {
    const mismatches = def.immutableMismatches(existing, inputs);
    if (mismatches.length) {
      throw new Error(
        `${label(inputs)}: cannot adopt the existing ${def.noun} "${def.pulumiId(inputs)}": its immutable fields differ from the program (${mismatches.join("; ")}). ` +
          `Change the program to match, or use another id.`,
      );
    }
  };

  /**
   * `adopt: true`: look before writing. An existing object whose compared fields already equal the
   * program's (exactly what the next diff will compare) is taken over with reads only; otherwise one
   * PATCH applies the program. A secret input that is set cannot be compared (Clarifai masks it), so
   * it is always written. Undefined when nothing has the id (the caller creates it).
   */
  async function adoptFirst(c: ClarifaiClient, inputs: Props): Promise<{ remote: Remote; wrote: boolean } | undefined> {
    const existing = await def.get(c, def.pulumiId(inputs));
    if (!existing) return undefined;
    refuseMismatches(inputs, existing);
    const outs = clean(def.outputs(existing, inputs));
    // Compared as diff compares: a field the object does not report is at its default.
    const same = compared.every((k) => deepEqual(outs[k] === undefined ? defaults[k] : outs[k], inputs[k])) && !secretInputs.some((k) => inputs[k] !== undefined);
    return same ? { remote: existing, wrote: false } : { remote: await def.patch(c, inputs), wrote: true };
  }

  async function adopt(c: ClarifaiClient, inputs: Props, cause: AlreadyExistsError): Promise<Remote> {
    const id = def.pulumiId(inputs);
    if (!inputs.adopt) {
      throw new Error(
        `${label(inputs)}: a ${def.noun} with id "${id}" already exists in this Clarifai account [code ${cause.code}, req_id ${cause.reqId}]. ` +
          `To manage the existing ${def.noun} with Pulumi, set \`adopt: true\` on this resource (it is taken over only if its immutable fields match); ` +
          `otherwise choose another id, or omit the id to have one generated.`,
      );
    }
    const existing = await def.get(c, id);
    if (!existing) throw wrap(inputs, cause);
    refuseMismatches(inputs, existing);
    return def.patch(c, inputs);
  }

  return {
    check: (olds: Props, news: Props) => checkResource(def, olds, news),
    diff: (id: string, olds: Props, news: Props) => diffResource(def, id, olds, news),

    async create(inputs: Props) {
      const c = client();
      let remote: Remote;
      if (inputs.adopt === true) {
        let found: Awaited<ReturnType<typeof adoptFirst>>;
        try {
          found = await adoptFirst(c, inputs);
        } catch (e) {
          throw e instanceof ClarifaiError ? wrap(inputs, e) : e;
        }
        if (found) {
          const id = def.pulumiId(inputs);
          // Nothing was changed, so there is nothing to wait for (a scaled-to-zero deployment would
          // otherwise hold `up` until its timeout): the outputs are the object as it is.
          return { id, outs: found.wrote ? await finish(c, id, found.remote, inputs) : clean(def.outputs(found.remote, inputs)) };
        }
      }
      try {
        remote = await def.create(c, inputs);
      } catch (e) {
        // The client has already checked whether an uncertain POST was committed; when even that could
        // not be settled the object may exist. Ids are chosen here, so record it as a partial resource:
        // the next `up` resumes it with `update` (which creates it if absent), refresh or destroy clean up.
        if (e instanceof ClarifaiError && isAmbiguous(e)) throw partial(def.pulumiId(inputs), withoutProvider(inputs), inputs, e);
        if (!(e instanceof AlreadyExistsError)) throw wrap(inputs, e);
        try {
          remote = await adopt(c, inputs, e);
        } catch (e2) {
          throw e2 instanceof ClarifaiError ? wrap(inputs, e2) : e2;
        }
      }
      const id = def.pulumiId(inputs);
      return { id, outs: await finish(c, id, remote, inputs) };
    },

    async read(id: string, props: Props) {
      let remote: Remote | undefined;
      try {
        const c = client();
        // Served from one list per parent when it can be (listedReads.ts); an object the list does not
        // hold is asked for on its own. A read can lag behind a write (eventual consistency right after
        // a create): confirm a 404 once after a pause before the engine drops the resource, which
        // would orphan a live object.
        remote =
          (def.listed && (await readListed(c, def.kind, def.listed, id))) ??
          (await def.get(c, id)) ??
          (await pause(timing().secondLookMs).then(() => def.get(c, id)));
      } catch (e) {
        throw wrap(props, e);
      }
      if (!remote) return {}; // deleted out of band: the engine drops it from the state
      const outs = clean(def.outputs(remote, props));
      return { id, props: outs, inputs: inputsOf(outs) };
    },

    async update(id: string, _olds: Props, news: Props) {
      const c = client();
      let remote: Remote;
      try {
        remote = await def.patch(c, news);
      } catch (e) {
        // Gone although the state has it (a create that never committed, or deleted out of band without
        // a refresh): create it, which is what `up` is asked to make true.
        if (!(e instanceof NotFoundError)) throw wrap(news, e);
        try {
          remote = await def.create(c, news);
        } catch (e2) {
          if (!(e2 instanceof AlreadyExistsError)) throw wrap(news, e2);
          // The 404 was a read lagging behind a write: the object is there, and the state says it is ours.
          try {
            remote = await def.patch(c, news);
          } catch (e3) {
            throw wrap(news, e3);
          }
        }
      }
      return { outs: await finish(c, id, remote, news) };
    },

    async delete(id: string, props: Props) {
      const c = client();
      try {
        if (await def.remove(c, id)) return;
        // 404: already gone (success too), or a read lagging behind a recent write. Confirm once after a
        // pause, so that the engine does not drop a live object from the state.
        await pause(timing().secondLookMs);
        if (await def.get(c, id)) await def.remove(c, id);
      } catch (e) {
        throw wrap(props, e);
      }
    },
  };
}

