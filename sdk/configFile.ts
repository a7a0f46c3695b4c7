// Reads the Clarifai SDK's YAML config files (compute_cluster_config.yaml, nodepool_config.yaml,
// deployment_config.yaml) as users keep them, into resource arguments. Strict: an unknown key or a bad
// value fails with the file, the key path and what is allowed, before anything reaches Pulumi.
import * as fs from "fs";
import { parseDocument } from "yaml";
import { nodepoolKey } from "../provider/model/ids";
import { capacityFromTypes } from "../provider/model/capacity";
import { enumValues, resourceSpec, typeSpec } from "../provider/model/schema";
import type { PropertySpec } from "../provider/model/schema";
import { configSections, resourceKinds, type ResourceKind } from "../provider/model/model.generated";
import { isRecord, messageOf } from "../provider/model/unknowns";

/** A kind's section in its config file (schema.json's x-clarifai.configSection). */
export type Section = (typeof configSections)[ResourceKind];
/** The kind each section declares. */
const KIND = new Map<string, ResourceKind>(resourceKinds.map((k) => [configSections[k], k]));

export class ConfigFileError extends Error {
  constructor(file: string, keyPath: string, problem: string) {
    super(`${file}: ${keyPath}: ${problem}`);
    this.name = "ConfigFileError";
  }
}

type Obj = Record<string, unknown>;

const VISIBILITY: Record<string, string> = { "10": "private", "30": "org", "50": "public", PRIVATE: "private", ORG: "org", PUBLIC: "public" };
const CAPACITY: Record<string, "onDemand" | "spot"> = { "1": "onDemand", "2": "spot", ON_DEMAND_TYPE: "onDemand", SPOT_TYPE: "spot" };
// schema.json lists the choices in the API's order, so a file's number (1..8) indexes it.
const SCHEDULING = enumValues("SchedulingChoice");
/** The SDK's files may name a choice as the proto enum does: `PREFER_SPOT` for `preferSpot`. */
const SCHEDULING_NAMES: Record<string, string> = Object.fromEntries(SCHEDULING.map((v) => [v.replace(/([A-Z])/g, "_$1").toUpperCase(), v]));

class Reader {
  constructor(readonly file: string) {}

  fail(at: string, problem: string): never {
    throw new ConfigFileError(this.file, at, problem);
  }

  /** A mapping whose keys are all in `allowed` (any keys when it is not given). */
  object(at: string, v: unknown, allowed?: string[], hints: Record<string, string> = {}): Obj {
    if (!isRecord(v)) return this.fail(at, `expected a mapping, got ${JSON.stringify(v)}`);
    for (const k of Object.keys(v)) {
      if (allowed && !allowed.includes(k)) {
        this.fail(`${at}.${k}`, `unknown key${hints[k] ? `; ${hints[k]}` : ""}; allowed keys: ${allowed.join(", ")}`);
      }
    }
    return v;
  }

  string(at: string, v: unknown): string | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "string" && typeof v !== "number") this.fail(at, `expected a string, got ${JSON.stringify(v)}`);
    return String(v);
  }

  int(at: string, v: unknown): number | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "number" || !Number.isInteger(v) || v < 0) this.fail(at, `expected a whole number ≥ 0, got ${JSON.stringify(v)}`);
    return v;
  }

  number(at: string, v: unknown): number | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "number" || !Number.isFinite(v)) this.fail(at, `expected a number, got ${JSON.stringify(v)}`);
    return v;
  }

  bool(at: string, v: unknown): boolean | undefined {
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "boolean") this.fail(at, `expected true or false, got ${JSON.stringify(v)}`);
    return v;
  }

  list(at: string, v: unknown): unknown[] {
    if (!Array.isArray(v)) this.fail(at, `expected a list, got ${JSON.stringify(v)}`);
    return v;
  }

  visibility(at: string, v: unknown): string | undefined {
    if (v === undefined || v === null) return undefined;
    const o = this.object(at, v, ["gettable"]);
    const g = VISIBILITY[String(o.gettable)];
    if (!g) this.fail(`${at}.gettable`, `${JSON.stringify(o.gettable)} is not allowed; use 10 (PRIVATE), 30 (ORG) or 50 (PUBLIC)`);
    return g;
  }

  idRef(at: string, v: unknown): string | undefined {
    if (v === undefined || v === null) return undefined;
    return this.string(`${at}.id`, this.object(at, v, ["id", "user_id"]).id);
  }
}

// Each section is read by the schema: a property with an `apiField` (x-clarifai) is read from that key
// by its schema type (strings, whole numbers, yes/no, free-form mappings, and nested types such as
// autoscale_config by their own fields), so a new plain field needs schema.json only. The fields whose
// file shape is not the property's own (an id inside a mapping, an enum as a proto number, one key for
// two properties) have a reader here.

/** Reads a property from its section `s` (at `at`), whatever key(s) it lives under. */
type FieldReader = (r: Reader, at: string, s: Obj) => unknown;

/** Keys the published files carry that map to no property (the owner is the caller's user). */
const IGNORED: Partial<Record<Section, string[]>> = { deployment: ["user_id"] };
/** Hints for keys that look right but are not Clarifai's, by the path of the mapping they are in. */
const HINTS: Record<string, Record<string, string>> = {
  "deployment.autoscale_config": { enable_packing: "did you mean disable_packing (with the opposite value)? Clarifai's AutoscaleConfig has no enable_packing" },
};

const visibility: FieldReader = (r, at, s) => r.visibility(`${at}.visibility`, s.visibility);

function instanceTypes(r: Reader, at: string, v: unknown): (string | undefined)[] {
  return r.list(at, v).map((it, i) => {
    const o = r.object(`${at}[${i}]`, it, ["id", "description", "compute_info"]);
    // compute_info is accepted (the published files carry it) but Clarifai fills it from its catalogue.
    if (o.compute_info !== undefined) r.object(`${at}[${i}].compute_info`, o.compute_info, ["cpu_limit", "cpu_memory", "cpu_requests", "cpu_memory_requests", "num_accelerators", "accelerator_memory", "accelerator_type", "accelerator_topology"]);
    return r.string(`${at}[${i}].id`, o.id);
  });
}

function capacity(r: Reader, at: string, v: unknown): string {
  const nct = r.object(at, v, ["capacity_types"]);
  const kinds = r.list(`${at}.capacity_types`, nct.capacity_types).map((c, i) => {
    const k = CAPACITY[String(c)];
    if (!k) r.fail(`${at}.capacity_types[${i}]`, `${JSON.stringify(c)} is not allowed; use 1 (ON_DEMAND_TYPE) or 2 (SPOT_TYPE)`);
    return k;
  });
  return capacityFromTypes(kinds.filter((k) => k !== undefined));
}

function worker(r: Reader, at: string, s: Obj, kind: "model" | "workflow"): Obj | undefined {
  if (s.worker === undefined) return undefined;
  const w = r.object(`${at}.worker`, s.worker, ["model", "workflow"]);
  if (w[kind] === undefined) return undefined;
  const where = `${at}.worker.${kind}`;
  const verKey = kind === "model" ? "model_version" : "workflow_version";
  const o = r.object(where, w[kind], ["id", "user_id", "app_id", verKey]);
  const ver = o[verKey] === undefined ? undefined : r.object(`${where}.${verKey}`, o[verKey], ["id"]);
  return {
    userId: r.string(`${where}.user_id`, o.user_id),
    appId: r.string(`${where}.app_id`, o.app_id),
    [kind === "model" ? "modelId" : "workflowId"]: r.string(`${where}.id`, o.id),
    versionId: ver && r.string(`${where}.${verKey}.id`, ver.id),
  };
}

/** `nodepools`, or 12.x `deployment_nodepools` [{id, compute_cluster, priority}], its prioritized form. */
function placements(r: Reader, at: string, s: Obj): { key: string; priority: number }[] | undefined {
  if (s.nodepools !== undefined && s.deployment_nodepools !== undefined) {
    r.fail(`${at}.deployment_nodepools`, "cannot be given together with nodepools; Clarifai accepts one or the other");
  }
  const listKey = s.deployment_nodepools !== undefined ? "deployment_nodepools" : "nodepools";
  if (s[listKey] === undefined) return undefined;
  return r.list(`${at}.${listKey}`, s[listKey]).map((n, i) => {
    const where = `${at}.${listKey}[${i}]`;
    const o = r.object(where, n, listKey === "nodepools" ? ["id", "compute_cluster"] : ["id", "compute_cluster", "priority"]);
    const cluster = r.idRef(`${where}.compute_cluster`, o.compute_cluster);
    if (!cluster) r.fail(`${where}.compute_cluster`, "is required: a nodepool is named by its cluster and its id");
    return { key: nodepoolKey({ computeClusterId: cluster, nodepoolId: String(r.string(`${where}.id`, o.id)) }), priority: r.int(`${where}.priority`, o.priority) ?? 0 };
  });
}

/** The fields a section spells otherwise than by their apiField and type; a kind without any has no entry. */
const READERS: Partial<Record<Section, Record<string, FieldReader>>> = {
  compute_cluster: {
    cloudProvider: (r, at, s) => (s.cloud_provider === undefined ? undefined : r.string(`${at}.cloud_provider.id`, r.object(`${at}.cloud_provider`, s.cloud_provider, ["id", "name"]).id)),
    key: (r, at, s) => (s.key === undefined ? undefined : r.string(`${at}.key.id`, r.object(`${at}.key`, s.key, ["id"]).id)),
    visibility,
  },
  nodepool: {
    computeClusterId: (r, at, s) => r.idRef(`${at}.compute_cluster`, s.compute_cluster),
    instanceTypes: (r, at, s) => (s.instance_types === undefined ? undefined : instanceTypes(r, `${at}.instance_types`, s.instance_types)),
    capacity: (r, at, s) => (s.node_capacity_type === undefined ? undefined : capacity(r, `${at}.node_capacity_type`, s.node_capacity_type)),
    visibility,
  },
  deployment: {
    model: (r, at, s) => worker(r, at, s, "model"),
    workflow: (r, at, s) => worker(r, at, s, "workflow"),
    nodepools: (r, at, s) => placements(r, at, s)?.map((p) => p.key),
    nodepoolPriorities: (r, at, s) => {
      const ps = placements(r, at, s);
      return ps?.some((p) => p.priority !== 0) ? ps.map((p) => p.priority) : undefined;
    },
    schedulingChoice: (r, at, s) => {
      const c = s.scheduling_choice;
      if (c === undefined) return undefined;
      const choice = typeof c === "number" ? SCHEDULING[c - 1] : SCHEDULING_NAMES[String(c)];
      if (!choice) r.fail(`${at}.scheduling_choice`, `${JSON.stringify(c)} is not allowed; use 1-8 or ${Object.keys(SCHEDULING_NAMES).join(", ")}`);
      return choice;
    },
    visibility,
  },
};

const fieldOf = (p: PropertySpec) => p["x-clarifai"]?.apiField;

/** A value under its key, read by the property's schema type. */
function byType(r: Reader, at: string, spec: PropertySpec, v: unknown): unknown {
  // An empty key (YAML null) is "not set" for a scalar, as in the SDK, but a mapping or list must be one.
  if (v === undefined) return undefined;
  if (spec.$ref?.startsWith("#/types/")) {
    const t = typeSpec(spec.$ref);
    return t.enum ? r.string(at, v) : fields(r, at, t.properties ?? {}, r.object(at, v, apiFields(t.properties ?? {}), HINTS[at]));
  }
  switch (spec.type) {
    case "integer":
      return r.int(at, v);
    case "number":
      return r.number(at, v);
    case "boolean":
      return r.bool(at, v);
    case "object":
      return r.object(at, v);
    case "array":
      return r.list(at, v).map((x, i) => byType(r, `${at}[${i}]`, spec.items ?? {}, x));
    default:
      return r.string(at, v);
  }
}

/** The keys a mapping may have: its properties' API fields, `id` first as in Clarifai's files. */
function apiFields(props: Record<string, PropertySpec>, extra: string[] = []): string[] {
  const keys = [...new Set([...Object.values(props).map(fieldOf).filter((k): k is string => !!k), ...extra])];
  return keys.includes("id") ? ["id", ...keys.filter((k) => k !== "id")] : keys;
}

function fields(r: Reader, at: string, props: Record<string, PropertySpec>, s: Obj, readers: Record<string, FieldReader> = {}): Obj {
  const out: Obj = {};
  for (const [name, spec] of Object.entries(props)) {
    const key = fieldOf(spec);
    if (readers[name]) out[name] = readers[name](r, at, s);
    else if (key) out[name] = byType(r, `${at}.${key}`, spec, s[key]);
  }
  return out;
}

function readSection(r: Reader, section: Section, v: unknown): Obj {
  // Called from JavaScript, the section may be any string.
  const kind = KIND.get(section);
  if (!kind) return r.fail(section, `is not a section of Clarifai's config files; use ${[...KIND.keys()].join(", ")}`);
  const props = resourceSpec(kind).inputProperties;
  const s = r.object(section, v, apiFields(props, IGNORED[section]));
  return fields(r, section, props, s, READERS[section]);
}

/** Drops keys whose value is undefined, so that `{ ...fromFile, ...overrides }` behaves. */
function compact(o: Obj): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    out[k] = isRecord(v) ? compact(v) : v;
  }
  return out;
}

/** Reads one Clarifai SDK config file and returns resource arguments (camelCase). */
export function loadConfigFile(file: string, section: Section): Obj {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new ConfigFileError(file, "(file)", `cannot be read: ${messageOf(e)}`);
  }
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length) throw new ConfigFileError(file, "(yaml)", doc.errors.map((e) => e.message).join("; "));
  const r = new Reader(file);
  const root = r.object("(top level)", doc.toJS() ?? {}, [section]);
  if (root[section] === undefined) r.fail(section, "is missing: the file must have a top-level `" + section + ":` mapping");
  return compact(readSection(r, section, root[section]));
}
