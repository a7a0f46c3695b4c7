/**
 * Evidence that an object found under an id is the one this program's create made, so that a create
 * whose outcome is unknown (a lost response, a dropped connection, a 5xx) or an interrupted run never
 * takes over someone else's object.
 *
 * - Nodepools and deployments carry a marker: the create writes `metadata.pulumi_clarifai_owner`, a
 *   token naming the stack and the resource (provider/model/owner.ts). The client strips it from
 *   every message it reads (callers see the user's metadata only, in `metadata`, and the token in
 *   `owner`) and writes it again whenever a PATCH carries `metadata`, which Clarifai replaces wholesale.
 * - Compute clusters have no metadata: their evidence is time. An object whose `created_at` is earlier
 *   than the moment this create was first sent, minus {@link CLOCK_SKEW_MS}, existed before it.
 */

/** The metadata key of the marker. */
export const OWNER_KEY = "pulumi_clarifai_owner";

/**
 * How far Clarifai's clock may run behind this machine's for an object created by this request to
 * still count as created by it (ClientOptions.clockSkewMs, PULUMI_CLARIFAI_CLOCK_SKEW_MS). 30 s covers
 * NTP-synchronised hosts with a wide margin; an object someone else created in the 30 s before this
 * create was sent could be mistaken for this one (compute clusters only: the other kinds are decided
 * by the marker).
 */
export const CLOCK_SKEW_MS = 30_000;

/** What the client adds to nodepools and deployments it reads: the marker's token, if any. */
export interface Owned {
  /** The token of the program that created the object (the marker), absent on objects made elsewhere. */
  owner?: string;
}

type WithMetadata = { metadata?: Record<string, unknown> };

/** Metadata with the marker, to send: the user's keys, and the token under {@link OWNER_KEY}. */
export function marked(metadata: Record<string, unknown> | undefined, owner: string | undefined): Record<string, unknown> | undefined {
  if (owner === undefined) return metadata;
  return { ...(metadata ?? {}), [OWNER_KEY]: owner };
}

/** A read object with the marker moved out of `metadata` into `owner` (an empty metadata is dropped). */
export function unmarked<T extends WithMetadata>(x: T): T & Owned {
  const m = x.metadata;
  if (!m || !(OWNER_KEY in m)) return x;
  const { [OWNER_KEY]: token, ...rest } = m;
  const out: T & Owned = { ...x, metadata: Object.keys(rest).length ? rest : undefined };
  if (out.metadata === undefined) delete out.metadata;
  if (typeof token === "string") out.owner = token;
  return out;
}

/**
 * Why the object found after an uncertain create is not this create's, or undefined when the evidence
 * says it is. `owner`: the token this create wrote (kinds with a marker); `firstSentAt`: when the POST
 * was first sent (epoch ms, this machine's clock).
 */
export function notMine(found: { owner?: string; created_at?: string }, sent: { owner?: string; firstSentAt: number }, skewMs = CLOCK_SKEW_MS): string | undefined {
  if (sent.owner !== undefined) {
    if (found.owner === sent.owner) return undefined;
    return found.owner === undefined ? "it carries no owner marker, so it was made elsewhere" : "its owner marker names another stack or resource";
  }
  const created = found.created_at === undefined ? NaN : Date.parse(found.created_at);
  if (Number.isNaN(created)) return "it reports no creation time";
  if (created < sent.firstSentAt - skewMs) {
    return `it was created at ${found.created_at}, before this create was sent (allowing ${skewMs / 1000} s of clock skew)`;
  }
  return undefined;
}
