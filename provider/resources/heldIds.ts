// Clarifai keeps a deleted id for a few seconds: after DeleteDeployments, a POST of the same deployment
// id is refused until the old one is cleared (wait ≥ 5 s, reference §10.2, §10.3). A replacement that
// keeps its id (delete, then create) meets this on every run. So a create refused as "already exists"
// retries, with backoff and for a bounded time, when the id is held by a deletion: one this process made
// a moment ago, or an object the API no longer shows. It never adopts what it finds: the object being
// deleted is not the one the program asks for.
import { AlreadyExistsError } from "../client";
import type { ClarifaiClient } from "../client";
import type { ResourceKind } from "../model/model.generated";
import { pause, timing } from "./timing";

/** Ids this process deleted, with when (ms), by API base, kind and id. */
const deleted = new Map<string, number>();
/** After this, a deletion of ours is no longer a reason to retry (the API's answer decides). */
const REMEMBER_MS = 120_000;

const key = (c: ClarifaiClient, kind: ResourceKind, id: string) => `${c.apiBase}\n${kind}\n${id}`;

/** Records that this process deleted `id` (of `kind`) just now. */
export function noteDeleted(c: ClarifaiClient, kind: ResourceKind, id: string): void {
  deleted.set(key(c, kind, id), Date.now());
}

/** When this process deleted the id, if lately. */
function deletedByUs(c: ClarifaiClient, kind: ResourceKind, id: string): number | undefined {
  const at = deleted.get(key(c, kind, id));
  return at !== undefined && Date.now() - at < REMEMBER_MS ? at : undefined;
}

/**
 * Whether the refusal comes from a deletion: the API no longer shows the object, or (deleted by this
 * process) it still shows the object being deleted, made before that delete. One made after it is a
 * new object with the id: a live one.
 */
async function heldByDeletion<Remote extends Stamped>(t: HeldIdTarget<Remote>, c: ClarifaiClient): Promise<{ held: true } | { held: false; live: Remote }> {
  const found = await t.get();
  if (found === undefined) return { held: true };
  const ours = deletedByUs(c, t.kind, t.id);
  if (ours === undefined) return { held: false, live: found };
  const created = Date.parse(found.created_at ?? "");
  return created > ours ? { held: false, live: found } : { held: true };
}

/**
 * A live object has the id: the API's refusal, and the object as the look after it found it (so the
 * caller deciding about adopting it needs no second GET).
 */
export class IdTaken<Remote> extends Error {
  constructor(
    readonly refusal: AlreadyExistsError,
    readonly live: Remote,
  ) {
    super(refusal.message);
    this.name = "IdTaken";
  }
}

/** Every kind reads as its API message, which says when the object was made. */
export interface Stamped {
  created_at?: string;
}

/** What the create needs to know about its resource. */
export interface HeldIdTarget<Remote extends Stamped> {
  kind: ResourceKind;
  noun: string;
  /** `<Kind> "<name>"`, the prefix of the progress lines. */
  label: string;
  /** The Pulumi id (what `get` takes). */
  id: string;
  create(): Promise<Remote>;
  get(): Promise<Remote | undefined>;
}

/**
 * `create()`, retried while the API refuses the id as taken and the id is held by a deletion. Throws
 * IdTaken at once when a live object has the id (the caller decides about adopting), and a plain Error
 * when the id is still held after `timing().heldIdWaitMs`.
 */
export async function createPastHeldId<Remote extends Stamped>(t: HeldIdTarget<Remote>, c: ClarifaiClient): Promise<Remote> {
  const { heldIdWaitMs, heldIdRetryMs } = timing();
  const start = Date.now();
  let delay = heldIdRetryMs;
  for (let attempt = 1; ; attempt++) {
    try {
      const made = await t.create();
      if (attempt > 1) console.log(`${t.label}: created after ${((Date.now() - start) / 1000).toFixed(1)}s (the id was held by the ${t.noun} deleted before it)`);
      return made;
    } catch (e) {
      if (!(e instanceof AlreadyExistsError)) throw e;
      const look = await heldByDeletion(t, c);
      if (!look.held) throw new IdTaken(e, look.live);
      const elapsed = Date.now() - start;
      if (elapsed >= heldIdWaitMs) {
        throw new Error(
          `the id "${t.id}" is still held by a deleted ${t.noun} after ${Math.round(elapsed / 1000)}s of retries (Clarifai frees a deleted id a few seconds after the delete) ` +
            `[code ${e.code}, req_id ${e.reqId}]. Nothing was created; run \`pulumi up\` again in a minute.`,
        );
      }
      if (attempt === 1) console.log(`${t.label}: the id "${t.id}" is still held by the ${t.noun} deleted a moment ago; Clarifai frees it within seconds, retrying`);
      await pause(Math.min(delay, heldIdWaitMs - elapsed));
      delay = Math.min(delay * 2, heldIdRetryMs * 4);
    }
  }
}
