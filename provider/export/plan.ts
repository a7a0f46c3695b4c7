// From the account's objects to a language-neutral plan of resources: logical names, variable names,
// and for each resource the inputs that reproduce the object exactly, with references in place of
// the ids of other exported resources.
//
// Field lists and defaults are not written down here: each object goes through its resource's own
// `outputs` (the shape the Pulumi state will hold after adoption), and schema.json decides which of
// those are inputs and which values are defaults. A field added to schema.json and to a resource's
// outputs therefore appears in exports without a change here. Every planned resource is then checked
// the way `pulumi preview` will check it (schema defaults, normalisation, the diff's compared keys);
// a field that would still differ is written out in full, so the first `pulumi up` writes nothing.
//
// What differs by kind (how it is listed, its references, its comment line, its variable suffix) is
// its definition's `exported`: a kind in the registry is exported without a change here.
import { definitions, kinds } from "../resources/registry";
import { Props, clean, deepEqual } from "../resources/definition";
import { PropertySpec, ResourceKind, diffKeys, resourceSpec, typeSpec, validateInputs } from "../model/schema";
import { type Account, collection } from "./account";

/** A reference to another planned resource's Pulumi id (`cluster.id`, `pool.id`). */
export class Ref {
  constructor(
    readonly target: PlannedResource,
    /** The id it stands for, for checks and for languages without references. */
    readonly id: string,
  ) {}
}

/** An input value: JSON, with references. */
export type Value = string | number | boolean | null | Ref | Value[] | { [key: string]: Value };

export interface PlannedResource {
  kind: ResourceKind;
  /** The Pulumi logical name (part of the URN). */
  name: string;
  /** A variable name for programs, unique in the plan. */
  variable: string;
  /** The Pulumi id of the existing object. */
  id: string;
  /** Inputs, in schema order, only the non-default ones; `adopt: true` last. */
  inputs: Record<string, Value>;
  /** One line for a comment above the resource. */
  summary: string;
  /** Anything a reader should know (a field the first `up` will still update, an invalid value). */
  notes: string[];
}

export interface Plan {
  userId: string;
  ownerId?: string;
  resources: PlannedResource[];
  counts: Record<ResourceKind, number>;
  /** Every note of every resource, prefixed with the resource. */
  warnings: string[];
}

/**
 * The definitions seen alike for every kind: export works from remote objects and property bags it
 * builds itself, one kind at a time, so the kind-specific types add nothing here.
 */
interface AnyKind {
  noun: string;
  pulumiId(inputs: Props): string;
  outputs(remote: unknown, prior: Props): Props;
  normalize?(inputs: Props): void;
  crossCheck?(inputs: Props, fail: (property: string, reason: string) => void): void;
  exported: {
    references?: Partial<Record<string, ResourceKind>>;
    stated?(remote: unknown): Props;
    variableSuffix: string;
    summary(remote: unknown, children: number): string;
  };
}
const DEFINITIONS = definitions as unknown as Record<ResourceKind, AnyKind>;

/** Drops what equals the schema default; for an object type, sub-fields at their defaults. */
function withoutDefaults(spec: PropertySpec, value: unknown): unknown {
  if (spec.default !== undefined && deepEqual(value, spec.default)) return undefined;
  if (spec.$ref && !spec.$ref.startsWith("pulumi.json#") && value && typeof value === "object" && !Array.isArray(value)) {
    const t = typeSpec(spec.$ref);
    if (t.properties) {
      const out: Props = {};
      for (const [k, v] of Object.entries(value as Props)) {
        const sub = t.properties[k];
        const kept = sub ? withoutDefaults(sub, v) : v;
        if (kept !== undefined) out[k] = kept;
      }
      return Object.keys(out).length ? out : undefined;
    }
  }
  return value;
}

/** The inputs that reproduce `remote`: outputs that are inputs, minus defaults, steering and secrets. */
function inputsFor(kind: ResourceKind, remote: unknown): Props {
  const def = DEFINITIONS[kind];
  const outs = clean(def.outputs(remote, def.exported.stated?.(remote) ?? {}));
  const out: Props = {};
  for (const [k, spec] of Object.entries(resourceSpec(kind).inputProperties)) {
    // `noDiff` inputs steer the provider (adopt, waiting) and secrets cannot be read back.
    if (spec["x-clarifai"]?.noDiff || spec.secret) continue;
    if (outs[k] === undefined) continue;
    const v = withoutDefaults(spec, outs[k]);
    if (v !== undefined) out[k] = v;
  }
  return out;
}

/** References replaced by the ids they stand for: what the provider receives. */
export function resolved(v: Value): unknown {
  if (v instanceof Ref) return v.id;
  if (Array.isArray(v)) return v.map(resolved);
  if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, resolved(x)]));
  return v;
}

/**
 * What preview will do with these inputs: schema defaults and normalisation, then the diff's
 * compared keys against the state adoption records. Returns the keys that would differ (with the
 * recorded value) and the validation failures.
 */
export function checkAgainstState(kind: ResourceKind, remote: unknown, inputs: Record<string, Value>): { differs: [string, unknown][]; failures: string[] } {
  const def = DEFINITIONS[kind];
  const { inputs: checked, failures } = validateInputs(kind, resolved(inputs) as Props);
  const problems = failures.map((f) => `${f.property}: ${f.reason}`);
  def.normalize?.(checked);
  def.crossCheck?.(checked, (property, reason) => problems.push(`${property}: ${reason}`));
  const state = clean(def.outputs(remote, checked));
  const differs = diffKeys(kind)
    .filter((k) => !deepEqual(state[k], checked[k]))
    .map((k): [string, unknown] => [k, state[k]]);
  return { differs, failures: problems };
}

const RESERVED = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally for function if " +
    "import in instanceof new null return super switch this throw true try typeof var void while with yield let static " +
    "implements interface package private protected public await arguments eval undefined clarifai pulumi " +
    // Names a CommonJS module or Node.js holds at its top level: TypeScript refuses to redeclare some
    // (`require`, `exports`), and shadowing the others would confuse a reader.
    "require exports module global globalThis process console"
  ).split(" "),
);

/** A readable JavaScript identifier from an id: `gpu-a10g` → `gpuA10g`. */
export function identifier(s: string): string {
  const words = s.split(/[^A-Za-z0-9]+/).filter(Boolean);
  let id = words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join("");
  if (id === "") id = "resource";
  if (/^[0-9]/.test(id)) id = `_${id}`;
  return id;
}

/** A kind's objects in an account read by readAccount. */
function objectsOf(account: Account, kind: ResourceKind): { id?: string }[] {
  const listed: unknown = new Map(Object.entries(account)).get(collection(kind));
  return Array.isArray(listed) ? listed : [];
}

/** An object to plan: its inputs, its Pulumi id, and its parent (the reference holding one id: a nodepool's cluster). */
interface Found {
  remote: { id?: string };
  inputs: Props;
  id: string;
  parent?: string;
}

/** Builds the plan for an account read by readAccount. */
export function planAccount(listed: Account): Plan {
  // Names and variable suffixes are given in this order: sorted, they do not depend on the API's.
  const order = (a = "", b = "") => (a < b ? -1 : a > b ? 1 : 0);
  const found = kinds.map((kind) => {
    const def = DEFINITIONS[kind];
    const objects: Found[] = objectsOf(listed, kind).map((remote) => {
      const inputs = inputsFor(kind, remote);
      const parent = Object.entries(def.exported.references ?? {}).find(([k]) => typeof inputs[k] === "string");
      return { remote, inputs, id: def.pulumiId(inputs), parent: parent && `${parent[1]}:${String(inputs[parent[0]])}` };
    });
    return { kind, objects: objects.sort((a, b) => order(a.parent, b.parent) || order(a.remote.id, b.remote.id)) };
  });
  const children = new Map<string, number>();
  for (const { parent } of found.flatMap((f) => f.objects)) if (parent) children.set(parent, (children.get(parent) ?? 0) + 1);

  const resources: PlannedResource[] = [];
  const taken = new Set<string>();
  const names = new Set<string>();
  // Logical names are unique per kind (the type is part of the URN). Ids are, except a nodepool id
  // across clusters (qualified below); the suffix only guards against ids this package would refuse.
  const logical = (kind: ResourceKind, name: string) => {
    let n = name;
    for (let i = 2; names.has(`${kind}:${n}`); i++) n = `${name}-${i}`;
    names.add(`${kind}:${n}`);
    return n;
  };
  const variable = (kind: ResourceKind, name: string) => {
    const base = identifier(name);
    const suffix = DEFINITIONS[kind].exported.variableSuffix;
    let v = RESERVED.has(base) || taken.has(base) ? `${base}${suffix}` : base;
    for (let i = 2; taken.has(v) || RESERVED.has(v); i++) v = `${base}${suffix}${i}`;
    taken.add(v);
    return v;
  };
  /** Planned resources by `kind:Pulumi id`, for references. */
  const planned = new Map<string, PlannedResource>();
  /** The references of an object's inputs to resources planned already; the ids of the others stay. */
  const refer = (kind: ResourceKind, inputs: Props): Record<string, Value> => {
    const out: Record<string, Value> = {};
    for (const [k, target] of Object.entries(DEFINITIONS[kind].exported.references ?? {})) {
      const ref = (id: string): Value => {
        const r = planned.get(`${target}:${id}`);
        return r ? new Ref(r, id) : id;
      };
      const v = inputs[k];
      if (typeof v === "string") out[k] = ref(v);
      else if (Array.isArray(v)) out[k] = v.filter((id): id is string => typeof id === "string").map(ref);
    }
    return out;
  };

  const add = (kind: ResourceKind, name: string, o: Found) => {
    const def = DEFINITIONS[kind];
    const inputs: Record<string, Value> = { ...(o.inputs as Record<string, Value>), ...refer(kind, o.inputs) };
    const unique = logical(kind, name);
    const summary = def.exported.summary(o.remote, children.get(`${kind}:${o.id}`) ?? 0);
    const r: PlannedResource = { kind, name: unique, variable: variable(kind, unique), id: o.id, inputs, summary, notes: [] };
    // Two rounds: a value the defaults or normalisation would change is written out as recorded.
    for (let round = 0; round < 2; round++) {
      const { differs } = checkAgainstState(kind, o.remote, withAdopt(inputs));
      if (!differs.length) break;
      for (const [k, v] of differs) if (v !== undefined) inputs[k] = v as Value;
    }
    const { differs, failures } = checkAgainstState(kind, o.remote, withAdopt(inputs));
    for (const [k] of differs) r.notes.push(`${k} cannot be written so that it matches the object; the first \`pulumi up\` will update it`);
    for (const f of failures) r.notes.push(`the object does not pass this package's checks: ${f}`);
    r.inputs = withAdopt(inputs);
    for (const [k, target] of Object.entries(def.exported.references ?? {})) {
      const v = r.inputs[k];
      const outside = (Array.isArray(v) ? v : [v]).filter((id): id is string => typeof id === "string");
      if (!target || !outside.length) continue;
      const many = outside.length > 1;
      r.notes.push(`${DEFINITIONS[target].noun}${many ? "s" : ""} ${outside.map((id) => `"${id}"`).join(", ")} ${many ? "are" : "is"} not in this program (outside the chosen clusters), so referenced by id`);
    }
    resources.push(r);
    planned.set(`${kind}:${o.id}`, r);
  };

  // An id unique within its parent only (a nodepool's, within its cluster): when two objects share one,
  // each is named by its Pulumi id, `cluster/nodepool`, which no id can equal (ids hold no '/') and
  // which does not depend on the order the account lists them in.
  for (const { kind, objects } of found) {
    const idCount = new Map<string, number>();
    for (const o of objects) idCount.set(o.remote.id ?? "", (idCount.get(o.remote.id ?? "") ?? 0) + 1);
    for (const o of objects) add(kind, (idCount.get(o.remote.id ?? "") ?? 0) > 1 ? o.id : (o.remote.id ?? ""), o);
  }

  const counts = Object.fromEntries(kinds.map((k) => [k, [...planned.values()].filter((r) => r.kind === k).length])) as Record<ResourceKind, number>;
  const warnings = resources.flatMap((r) => r.notes.map((n) => `${r.kind} "${r.name}": ${n}`));
  return { userId: listed.userId, ownerId: listed.ownerId, resources, counts, warnings };
}

function withAdopt(inputs: Record<string, Value>): Record<string, Value> {
  const out = { ...inputs };
  delete out.adopt;
  return { ...out, adopt: true };
}
