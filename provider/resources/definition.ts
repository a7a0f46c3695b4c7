// What every Clarifai resource shares: the definition each resource file fills in (how inputs map to
// the API, how to read the object back), and the small helpers on property bags that check, diff and
// the lifecycle all use.
import type { ClarifaiClient } from "../client";
import type { ResourceKind } from "../schema";
import type { ListedReads } from "./listedReads";
export { pause } from "./timing";

export type Props = Record<string, unknown>;

export interface ResourceDefinition<Remote> {
  kind: ResourceKind;
  /** Lower-case noun for messages: "compute cluster". */
  noun: string;
  /** The Pulumi id for checked inputs (known values only). */
  pulumiId(inputs: Props): string;
  /** Defaults schema.json cannot express (e.g. for an omitted object input); runs before crossCheck. */
  normalize?(inputs: Props): void;
  /** Cross-field rules schema.json cannot state (min ≤ max, model xor workflow, ...). */
  crossCheck?(inputs: Props, fail: (property: string, reason: string) => void): void;
  /**
   * Read-only checks against the account (catalogue, existing objects), run by `check` when the schema
   * and crossCheck found nothing. It must never write and must not fail on transient errors.
   */
  preflight?(olds: Props, inputs: Props, fail: (property: string, reason: string) => void): Promise<void>;
  create(c: ClarifaiClient, inputs: Props): Promise<Remote>;
  get(c: ClarifaiClient, id: string): Promise<Remote | undefined>;
  /** `read` served from one list per parent instead of one GET each (listedReads.ts). */
  listed?: ListedReads<Remote>;
  patch(c: ClarifaiClient, inputs: Props): Promise<Remote>;
  remove(c: ClarifaiClient, id: string): Promise<boolean>;
  /** Immutable fields of `remote` that differ from `inputs` ("region: us-east-1 ≠ us-west-2"). */
  immutableMismatches(remote: Remote, inputs: Props): string[];
  /** The API's view as outputs: every input field the API reports, plus computed fields. */
  outputs(remote: Remote, inputs: Props): Props;
  /** Runs after a successful create or update (waiting for readiness); may refresh the outputs. */
  settle?(c: ClarifaiClient, remote: Remote, outs: Props): Promise<Props>;
}

/** Hidden inputs the SDK classes add: the logical name, and whether the id was generated. */
export const NAME = "__logicalName";
export const AUTO_NAMED = "__autoNamed";

/** Hidden inputs (`__name`): set by the SDK classes, never sent to Clarifai, never diffed. */
export const hidden = (k: string) => k.startsWith("__");


export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (a && b && typeof a === "object" && typeof b === "object") {
    const ka = Object.keys(a as object).filter((k) => (a as Props)[k] !== undefined);
    const kb = Object.keys(b as object).filter((k) => (b as Props)[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => deepEqual((a as Props)[k], (b as Props)[k]));
  }
  return false;
}

/** The engine cannot carry `undefined` inside structs ("Unexpected struct type"): drop it everywhere. */
export function clean<T>(v: T): T {
  if (Array.isArray(v)) return v.map(clean) as T;
  if (v && typeof v === "object") {
    const out: Props = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = clean(x);
    return out as T;
  }
  return v;
}



export function withoutProvider(p: Props): Props {
  const out: Props = {};
  for (const [k, v] of Object.entries(p)) if (k !== "__provider") out[k] = v;
  return out;
}

/** Output helper: the inputs that are not the API's business (hidden ones, provider switches). */
export function carried(inputs: Props, keys: string[]): Props {
  const out: Props = {};
  // The program-side hints (sdk/placement.ts) serve check only: not outputs.
  const hint = (k: string) => k.startsWith("__cluster") || k === "__samePoolConflicts";
  for (const k of Object.keys(inputs)) if ((hidden(k) && k !== "__provider" && !hint(k)) || keys.includes(k)) if (inputs[k] !== undefined) out[k] = inputs[k];
  return out;
}
