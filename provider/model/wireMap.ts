// One field, one place: a kind's inputs go to its API message, and come back from it, by schema.json's
// `x-clarifai.apiField` (the generated `apiFields`). A field whose value fits its API field as it is
// (a string, a number, a list of strings, an enum the wire spells as numbers) needs nothing more; a field
// whose shape differs on the wire (a reference object, a nested message, a renamed struct) needs a codec,
// declared next to the kind's definition. The compiler asks for exactly those: `Codecs<K>` makes a codec
// required for every field whose plain type does not fit its API field.
import { apiFields, type InputsOf, type ResourceKind, type WireOf } from "./model.generated";

type Fields<K extends ResourceKind> = (typeof apiFields)[K];
/** The inputs of a kind that the API stores. */
export type StoredField<K extends ResourceKind> = keyof Fields<K> & keyof InputsOf[K] & string;
type ApiName<K extends ResourceKind, P extends StoredField<K>> = Fields<K>[P] extends { api: infer A } ? A & keyof WireOf[K] : never;
type Plain<K extends ResourceKind, P extends keyof InputsOf[K]> = NonNullable<InputsOf[K][P]>;
/** The field goes to the wire unchanged, or through its generated enum numbers. */
type Direct<K extends ResourceKind, P extends StoredField<K>> = Fields<K>[P] extends { enum: object }
  ? true
  : [Plain<K, P>] extends [NonNullable<WireOf[K][ApiName<K, P>]>]
    ? true
    : false;
type NeedsCodec<K extends ResourceKind> = { [P in StoredField<K>]: Direct<K, P> extends true ? never : P }[StoredField<K>];

/** Create sends what the object starts with; a patch what changes (a deployment's worker goes to another field). */
export type WireMode = "create" | "patch";

/** A field's hand-written mapping: the part of the message it writes, and its value read back. */
export interface Codec<Plain, Wire, All = unknown> {
  /** `all`: every checked input, for fields the wire spells together (a deployment's nodepools and their priorities). */
  toWire(value: Plain, all: All, mode: WireMode): Partial<Wire>;
  fromWire(message: Wire): Plain | undefined;
}

/** The codecs of a kind: required where the wire shape differs, allowed for any stored field. */
export type Codecs<K extends ResourceKind> = { [P in NeedsCodec<K>]: Codec<Plain<K, P>, WireOf[K], InputsOf[K]> } & {
  [P in Exclude<StoredField<K>, NeedsCodec<K>>]?: Codec<Plain<K, P>, WireOf[K], InputsOf[K]>;
};

interface FieldSpec {
  api: string;
  enum?: Readonly<Record<string, number>>;
}
type Loose = Record<string, unknown>;

const specs = (kind: ResourceKind): [string, FieldSpec][] => Object.entries(apiFields[kind]);

/** The API message for checked `inputs` (unset fields are not sent); `only` restricts it to some fields (a patch of what changed). */
export function toWire<K extends ResourceKind>(kind: K, codecs: Codecs<K>, inputs: InputsOf[K], mode: WireMode, only?: readonly string[]): WireOf[K] {
  const all: Loose = { ...inputs };
  const out: Loose = {};
  const byField: Partial<Record<string, Codec<unknown, Loose>>> = codecs;
  for (const [field, spec] of specs(kind)) {
    if (only && !only.includes(field)) continue;
    const value = all[field];
    const codec = byField[field];
    if (value === undefined) continue;
    if (codec) Object.assign(out, codec.toWire(value, all, mode));
    else out[spec.api] = spec.enum ? (typeof value === "string" ? spec.enum[value] : undefined) : value;
  }
  return out as WireOf[K];
}

/**
 * The stored inputs as the API reports them. A field it omits stays unset (proto3 zero values are the
 * caller's to fill), except an enum whose zero value the schema names.
 */
export function fromWire<K extends ResourceKind>(kind: K, codecs: Codecs<K>, message: WireOf[K]): Partial<InputsOf[K]> {
  const msg: Loose = { ...message };
  const out: Loose = {};
  const byField: Partial<Record<string, Codec<unknown, Loose>>> = codecs;
  for (const [field, spec] of specs(kind)) {
    const codec = byField[field];
    const value = codec ? codec.fromWire(msg) : msg[spec.api];
    // proto3 omits an enum at its zero value: absent reads as the value numbered 0, when the schema has one.
    const plain = spec.enum ? Object.keys(spec.enum).find((k) => spec.enum![k] === (value ?? 0)) : value;
    if (plain !== undefined) out[field] = plain;
  }
  return out as Partial<InputsOf[K]>;
}
