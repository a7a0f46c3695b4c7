// After an ambiguous create the client looks the object up. It adopts what it finds only when the
// identity fields it sent agree (the generated `identityFields`: what replaces on change, and what
// schema.json marks x-clarifai.identity), read from both messages in the schema's terms by the kind's
// codecs, so the API's spellings (a served worker or a desired one, `nodepools` or
// `deployment_nodepools`) compare alike. The resources pass it to the client's create.
import { identityFields, type ResourceKind, type WireOf } from "./model.generated";
import { type Codecs, fromWire } from "./wireMap";

const show = (v: unknown) => JSON.stringify(v);

/** A list as a set: the API may return it in another order. */
const asSet = (xs: unknown[]) => show([...new Set(xs.map((x) => (typeof x === "string" ? x : show(x))))].sort());

/** How `found` differs from `sent` at `field`; a value not sent is not compared, a reference by each part sent. */
function differences(field: string, sent: unknown, found: unknown): string[] {
  if (sent === undefined) return [];
  if (Array.isArray(sent)) {
    const [s, f] = [asSet(sent), asSet(Array.isArray(found) ? found : [])];
    return s === f ? [] : [`${field}: sent ${s}, found ${f}`];
  }
  if (sent !== null && typeof sent === "object") {
    if (found === null || typeof found !== "object") return [`${field}: sent ${show(sent)}, found none`];
    const parts = new Map(Object.entries(found));
    return Object.entries(sent).flatMap(([k, v]) => differences(`${field}.${k}`, v, parts.get(k)));
  }
  return sent === (found ?? "") ? [] : [`${field}: sent ${show(sent)}, found ${show(found ?? "")}`];
}

/**
 * The differences between the object sent and the one found (empty: this is the object sent), for the
 * client's `mismatches` option.
 */
export function identity<K extends ResourceKind>(kind: K, codecs: Codecs<K>): (sent: WireOf[K], found: WireOf[K]) => string[] {
  return (sent, found) => {
    const [s, f] = [new Map(Object.entries(fromWire(kind, codecs, sent))), new Map(Object.entries(fromWire(kind, codecs, found)))];
    return identityFields[kind].flatMap((k) => differences(k, s.get(k), f.get(k)));
  };
}
