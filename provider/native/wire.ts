// What the engine's property maps look like on the wire, and back: secret envelopes, and the
// partial-failure error the engine understands (an object that exists but did not finish).
// The CRUD core works on plain values, as under the dynamic host; this file is the only place that
// knows about envelopes.
import type { Props } from "../resources/definition";
import { isRecord } from "../model/unknowns";

/** The engine's marker for special values in property maps (pulumi.json#/ sig). */
export const SIG = "4dabf18193072939515e22adb298388d";
/** The `SIG` value of a secret. */
export const SECRET_SIG = "1b47061264138c4ac30d75fd1eb44270";

const isSecret = (v: unknown): v is { value: unknown } => isRecord(v) && v[SIG] === SECRET_SIG;

/** Plain values, with secret envelopes opened anywhere inside. */
export function reveal(v: unknown): unknown {
  if (isSecret(v)) return reveal(v.value);
  if (Array.isArray(v)) return v.map(reveal);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, reveal(x)]));
  return v;
}

function holdsSecret(v: unknown): boolean {
  if (isSecret(v)) return true;
  if (Array.isArray(v)) return v.some(holdsSecret);
  if (v && typeof v === "object") return Object.values(v).some(holdsSecret);
  return false;
}

/** A property map opened for the core, and the top-level keys that held a secret (to close them again). */
export interface Opened {
  props: Props;
  secretKeys: Set<string>;
}

export function open(props: Props | undefined): Opened {
  const secretKeys = new Set<string>();
  const out: Props = {};
  for (const [k, v] of Object.entries(props ?? {})) {
    if (holdsSecret(v)) secretKeys.add(k);
    out[k] = reveal(v);
  }
  return { props: out, secretKeys };
}

/** `props` with every key of `secretKeys` wrapped as a secret, ready for the engine. */
export function seal(props: Props, secretKeys: Iterable<string>): Props {
  const out: Props = { ...props };
  for (const k of secretKeys) if (out[k] !== undefined) out[k] = { [SIG]: SECRET_SIG, value: out[k] };
  return out;
}

/** The fields the CRUD core puts on an error whose object exists (pulumi.md §1.3, partial failure). */
export interface PartialFailure extends Error {
  id: string;
  properties?: Props;
  reasons?: string[];
}

export const isPartialFailure = (e: unknown): e is PartialFailure =>
  e instanceof Error && "id" in e && typeof e.id === "string" && e.id !== "";
