// Reads schema.json (the single source of truth for every resource property) and applies it:
// defaults, type/enum/range/pattern checks for `check`, and the replace-on-change sets for `diff`.
import * as fs from "fs";
import * as path from "path";

/** The value the engine sends at preview for inputs that depend on outputs not yet known. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export interface Rules {
  pattern?: string;
  itemPattern?: string;
  itemMinimum?: number;
  itemMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  uniqueItems?: boolean;
  /** The id field filled from the logical name when omitted. */
  autoName?: boolean;
  /** Inputs that steer the provider only: never compared by diff. */
  noDiff?: boolean;
  /**
   * An input naming the object this one lives on (a deployment's nodepools). When the engine sends it
   * wholly unknown to `diff`, that object is being replaced with its id kept (delete-before-replace: the
   * engine asks each dependent with the property unknown) and Clarifai deletes this one with it, so
   * this one is replaced along. A list with unknown items (a new nodepool at preview) stays an update.
   */
  replaceWhenUnknown?: boolean;
  /**
   * An input that updates in place but tells one object from another (a deployment's model): an
   * ambiguous create compares it, with what replaces on change, before adopting the object it finds
   * (identity.ts, the generated `identityFields`).
   */
  identity?: boolean;
  /**
   * The Clarifai API field this property maps to, as the SDK's YAML config files name it
   * (`warm_instances`); sdk/configFile.ts reads the files by it.
   */
  apiField?: string;
}

export interface PropertySpec {
  type?: "string" | "integer" | "number" | "boolean" | "array" | "object";
  $ref?: string;
  items?: PropertySpec;
  additionalProperties?: PropertySpec;
  description?: string;
  default?: unknown;
  secret?: boolean;
  replaceOnChanges?: boolean;
  "x-clarifai"?: Rules;
}

export interface TypeSpec {
  type: "string" | "object";
  enum?: { value: string; description?: string }[];
  properties?: Record<string, PropertySpec>;
  required?: string[];
  description?: string;
}

export interface ResourceSpec {
  description: string;
  inputProperties: Record<string, PropertySpec>;
  requiredInputs: string[];
  properties: Record<string, PropertySpec>;
  required: string[];
}

export interface ObjectSpec {
  properties: Record<string, PropertySpec>;
  required?: string[];
}

export interface FunctionSpec {
  description: string;
  inputs?: ObjectSpec;
  outputs: ObjectSpec;
}

export interface PackageSchema {
  name: string;
  version: string;
  config: { variables: Record<string, PropertySpec> };
  types: Record<string, TypeSpec>;
  resources: Record<string, ResourceSpec>;
  functions: Record<string, FunctionSpec>;
  /** The explicit provider resource; schema.json leaves it out (the plugin derives it from `config`: native/server.ts). */
  provider?: object;
}

export type { ResourceKind } from "./model.generated";
import type { FunctionArgsOf, FunctionToken, ResourceKind } from "./model.generated";
import { isRecord } from "./unknowns";

let loaded: PackageSchema | undefined;

/** The parts of a package schema every reader here relies on (the rest is read where it is used). */
function isPackageSchema(v: unknown): v is PackageSchema {
  return isRecord(v) && typeof v.name === "string" && isRecord(v.config) && isRecord(v.config.variables) && isRecord(v.types) && isRecord(v.resources) && isRecord(v.functions);
}

/** schema.json sits at the package root, which is one level further up once compiled into dist/. */
export function schema(): PackageSchema {
  if (!loaded) {
    for (let dir = __dirname; ; dir = path.dirname(dir)) {
      const file = path.join(dir, "schema.json");
      if (fs.existsSync(file) && fs.existsSync(path.join(dir, "package.json"))) {
        const parsed: unknown = JSON.parse(fs.readFileSync(file, "utf8"));
        if (!isPackageSchema(parsed)) throw new Error(`pulumi-clarifai: ${file} is not a Pulumi package schema`);
        loaded = parsed;
        break;
      }
      if (path.dirname(dir) === dir) throw new Error("pulumi-clarifai: schema.json not found next to package.json");
    }
  }
  return loaded;
}

export function resourceSpec(kind: ResourceKind): ResourceSpec {
  return schema().resources[`clarifai:index:${kind}`];
}

export function typeSpec(ref: string): TypeSpec {
  const name = ref.replace(/^#\/types\//, "");
  const t = schema().types[name];
  if (!t) throw new Error(`schema.json: unknown type ${ref}`);
  return t;
}

/** The values of one of schema.json's enums, e.g. `enumValues("SchedulingChoice")`. */
export function enumValues(name: string): string[] {
  return (typeSpec(`#/types/clarifai:index:${name}`).enum ?? []).map((e) => e.value);
}

/** Input names whose change forces a replacement. */
export function replaceKeys(kind: ResourceKind): string[] {
  return Object.entries(resourceSpec(kind).inputProperties)
    .filter(([, p]) => p.replaceOnChanges)
    .map(([k]) => k);
}

/** Input names diff compares (everything but provider-steering inputs). */
export function diffKeys(kind: ResourceKind): string[] {
  return Object.entries(resourceSpec(kind).inputProperties)
    .filter(([, p]) => !p["x-clarifai"]?.noDiff)
    .map(([k]) => k);
}

/** Input names whose wholly unknown value means "the object this one lives on is being replaced". */
export function replaceWhenUnknownKeys(kind: ResourceKind): string[] {
  return Object.entries(resourceSpec(kind).inputProperties)
    .filter(([, p]) => p["x-clarifai"]?.replaceWhenUnknown)
    .map(([k]) => k);
}

export function autoNameKey(kind: ResourceKind): string | undefined {
  return Object.entries(resourceSpec(kind).inputProperties).find(([, p]) => p["x-clarifai"]?.autoName)?.[0];
}

export function isUnknown(v: unknown): boolean {
  if (v === UNKNOWN) return true;
  if (Array.isArray(v)) return v.some(isUnknown);
  if (v && typeof v === "object") return Object.values(v).some(isUnknown);
  return false;
}

export interface Failure {
  property: string;
  reason: string;
}

const show = (v: unknown) => (typeof v === "string" ? JSON.stringify(v) : JSON.stringify(v) ?? String(v));

/**
 * Checks `value` against `spec`, pushing one failure per problem (never stopping at the first), and
 * returns the value with defaults filled in. Unknown values (preview) pass through untouched.
 */
export function validateValue(where: string, spec: PropertySpec, value: unknown, failures: Failure[]): unknown {
  if (value === UNKNOWN) return value;
  const rules = spec["x-clarifai"] ?? {};
  if (spec.$ref) {
    if (spec.$ref.startsWith("pulumi.json#")) return value;
    const t = typeSpec(spec.$ref);
    if (t.enum) {
      const allowed = t.enum.map((e) => e.value);
      if (typeof value !== "string" || !allowed.includes(value)) {
        failures.push({ property: where, reason: `${show(value)} is not allowed; use one of: ${allowed.join(", ")}` });
      }
      return value;
    }
    return validateObject(where, t.properties ?? {}, t.required ?? [], value, failures);
  }
  switch (spec.type) {
    case "string": {
      if (typeof value !== "string") {
        failures.push({ property: where, reason: `${show(value)} is not a string` });
        return value;
      }
      if (rules.minLength !== undefined && value.length < rules.minLength) failures.push({ property: where, reason: `${show(value)} is shorter than ${rules.minLength} characters` });
      if (rules.maxLength !== undefined && value.length > rules.maxLength) failures.push({ property: where, reason: `${show(value)} is longer than ${rules.maxLength} characters` });
      if (rules.pattern && !new RegExp(rules.pattern).test(value)) failures.push({ property: where, reason: `${show(value)} is not allowed: ${patternHelp(rules.pattern)}` });
      return value;
    }
    case "integer":
    case "number": {
      if (typeof value !== "number" || !Number.isFinite(value) || (spec.type === "integer" && !Number.isInteger(value))) {
        failures.push({ property: where, reason: `${show(value)} is not ${spec.type === "integer" ? "a whole number" : "a number"}` });
        return value;
      }
      if (rules.minimum !== undefined && value < rules.minimum) failures.push({ property: where, reason: `${value} is below the minimum ${rules.minimum}` });
      if (rules.maximum !== undefined && value > rules.maximum) failures.push({ property: where, reason: `${value} is above the maximum ${rules.maximum}` });
      return value;
    }
    case "boolean":
      if (typeof value !== "boolean") failures.push({ property: where, reason: `${show(value)} is not true or false` });
      return value;
    case "array": {
      if (!Array.isArray(value)) {
        failures.push({ property: where, reason: `${show(value)} is not a list` });
        return value;
      }
      if (rules.minItems !== undefined && value.length < rules.minItems) failures.push({ property: where, reason: `${show(value)} needs at least ${rules.minItems} item${rules.minItems === 1 ? "" : "s"}, got ${value.length}` });
      if (rules.maxItems !== undefined && value.length > rules.maxItems) failures.push({ property: where, reason: `${show(value)}: allows at most ${rules.maxItems} items, got ${value.length}` });
      if (rules.uniqueItems) {
        const dup = value.find((v, i) => v !== UNKNOWN && value.indexOf(v) !== i);
        if (dup !== undefined) failures.push({ property: where, reason: `${show(dup)} is listed twice` });
      }
      const itemRules: Rules = { pattern: rules.itemPattern, minimum: rules.itemMinimum, maximum: rules.itemMaximum };
      const itemSpec: PropertySpec = { ...(spec.items ?? {}), "x-clarifai": itemRules };
      return value.map((v, i) => validateValue(`${where}[${i}]`, itemSpec, v, failures));
    }
    case "object":
      if (value === null || typeof value !== "object" || Array.isArray(value)) failures.push({ property: where, reason: `${show(value)} is not an object` });
      return value;
    default:
      return value;
  }
}

export function validateObject(
  where: string,
  props: Record<string, PropertySpec>,
  required: string[],
  value: unknown,
  failures: Failure[],
): unknown {
  if (!isRecord(value)) {
    failures.push({ property: where, reason: `${show(value)} is not an object` });
    return value;
  }
  return validateFields(where, props, required, value, failures);
}

/** An object's fields against their specs: defaults filled in, hidden (`__`) keys kept as they are. */
function validateFields(where: string, props: Record<string, PropertySpec>, required: string[], input: Record<string, unknown>, failures: Failure[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const prefix = where ? `${where}.` : "";
  for (const key of Object.keys(input)) {
    if (!(key in props) && !key.startsWith("__") && input[key] !== undefined) {
      failures.push({ property: `${prefix}${key}`, reason: `is not a known property; known: ${Object.keys(props).join(", ")} (given: ${show(input[key])})` });
    }
  }
  for (const [key, spec] of Object.entries(props)) {
    let v = input[key];
    if (v === undefined || v === null) {
      if (spec.default !== undefined) v = spec.default;
      else if (required.includes(key)) {
        failures.push({ property: `${prefix}${key}`, reason: "is required" });
        continue;
      } else continue;
    }
    out[key] = validateValue(`${prefix}${key}`, spec, v, failures);
  }
  for (const key of Object.keys(input)) if (key.startsWith("__")) out[key] = input[key];
  return out;
}

function patternHelp(pattern: string): string {
  if (pattern === "^[A-Za-z0-9][A-Za-z0-9_-]*$") return "use letters, digits, '-' and '_', starting with a letter or digit";
  if (pattern === "^[a-z0-9][a-z0-9_-]*$") return "use lower-case letters, digits, '-' and '_'";
  return `it must match ${pattern}`;
}

/**
 * Validates a function's arguments (`clarifai:index:getRegions`) against schema.json, as resource inputs
 * are. Without failures they have the generated type of the function's arguments: model.generated.ts is
 * generated from the same schema.
 */
export function validateFunctionArgs<T extends FunctionToken>(token: T, args: Record<string, unknown>): { args: FunctionArgsOf[T]; failures: [] } | { args?: undefined; failures: Failure[] } {
  const spec = schema().functions[token]?.inputs ?? { properties: {} };
  const failures: Failure[] = [];
  const checked: object = validateFields("", spec.properties, spec.required ?? [], args, failures);
  return failures.length ? { failures } : { args: checked as FunctionArgsOf[T], failures: [] };
}

/** Validates a resource's inputs against schema.json; returns the inputs with defaults and all failures. */
export function validateInputs(kind: ResourceKind, news: Record<string, unknown>): { inputs: Record<string, unknown>; failures: Failure[] } {
  const spec = resourceSpec(kind);
  const failures: Failure[] = [];
  const inputs = validateFields("", spec.inputProperties, spec.requiredInputs, news, failures);
  return { inputs, failures };
}
