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
import type { ApiComputeCluster, ApiDeployment, ApiNodepool } from "../../api/wire.generated";
import { nodepoolKey } from "../model/ids";
import { capacity } from "../model/codecs";
import { deploymentPools, modelRef, servedWorker, workflowRef } from "../model/messages";
import { definitions } from "../resources/registry";
import { Props, clean, deepEqual } from "../resources/definition";
import { PropertySpec, ResourceKind, diffKeys, resourceSpec, typeSpec, validateInputs } from "../model/schema";
import type { Account } from "./account";

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
  outputs(remote: unknown, prior: Props): Props;
  normalize?(inputs: Props): void;
  crossCheck?(inputs: Props, fail: (property: string, reason: string) => void): void;
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

/**
 * What the program states beyond what the object shows, for `outputs` to report it. A deployment that
 * does not follow new versions (deployLatestVersion false) pins the version it serves; one that does
 * leaves it to Clarifai, as its outputs do.
 */
const STATED: Partial<Record<ResourceKind, (remote: never) => Props>> = {
  Deployment: (d: ApiDeployment) => (d.deploy_latest_version ? {} : { model: modelRef(servedWorker(d)), workflow: workflowRef(servedWorker(d)) }),
};

/** The inputs that reproduce `remote`: outputs that are inputs, minus defaults, steering and secrets. */
function inputsFor(kind: ResourceKind, remote: unknown): Props {
  const outs = clean(DEFINITIONS[kind].outputs(remote, STATED[kind]?.(remote as never) ?? {}));
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
    .map((k) => [k, state[k]] as [string, unknown]);
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

const SUFFIX: Record<ResourceKind, string> = { ComputeCluster: "Cluster", Nodepool: "Pool", Deployment: "Deployment" };

/** Builds the plan for an account read by readAccount. */
export function planAccount(listed: Account): Plan {
  // Names and variable suffixes are given in this order: sorted, they do not depend on the API's.
  const order = (a = "", b = "") => (a < b ? -1 : a > b ? 1 : 0);
  const account: Account = {
    ...listed,
    clusters: [...listed.clusters].sort((a, b) => order(a.id, b.id)),
    nodepools: [...listed.nodepools].sort((a, b) => order(a.compute_cluster?.id, b.compute_cluster?.id) || order(a.id, b.id)),
    deployments: [...listed.deployments].sort((a, b) => order(a.id, b.id)),
  };
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
    let v = RESERVED.has(base) || taken.has(base) ? `${base}${SUFFIX[kind]}` : base;
    for (let i = 2; taken.has(v) || RESERVED.has(v); i++) v = `${base}${SUFFIX[kind]}${i}`;
    taken.add(v);
    return v;
  };

  const add = (kind: ResourceKind, name: string, id: string, remote: unknown, summary: string, refs: (inputs: Props) => Record<string, Value>) => {
    const inputs: Record<string, Value> = { ...(inputsFor(kind, remote) as Record<string, Value>) };
    Object.assign(inputs, refs(inputs));
    const unique = logical(kind, name);
    const r: PlannedResource = { kind, name: unique, variable: variable(kind, unique), id, inputs, summary, notes: [] };
    // Two rounds: a value the defaults or normalisation would change is written out as recorded.
    for (let round = 0; round < 2; round++) {
      const { differs } = checkAgainstState(kind, remote, withAdopt(inputs));
      if (!differs.length) break;
      for (const [k, v] of differs) if (v !== undefined) inputs[k] = v as Value;
    }
    const { differs, failures } = checkAgainstState(kind, remote, withAdopt(inputs));
    for (const [k] of differs) r.notes.push(`${k} cannot be written so that it matches the object; the first \`pulumi up\` will update it`);
    for (const f of failures) r.notes.push(`the object does not pass this package's checks: ${f}`);
    r.inputs = withAdopt(inputs);
    resources.push(r);
    return r;
  };

  const clusters = new Map<string, PlannedResource>();
  const poolsPerCluster = new Map<string, number>();
  const clusterOf = (p: ApiNodepool) => p.compute_cluster?.id ?? "";
  for (const p of account.nodepools) poolsPerCluster.set(clusterOf(p), (poolsPerCluster.get(clusterOf(p)) ?? 0) + 1);
  for (const k of account.clusters) {
    const id = k.id ?? "";
    clusters.set(id, add("ComputeCluster", id, id, k, clusterSummary(k, poolsPerCluster.get(id) ?? 0), () => ({})));
  }

  // A nodepool id is unique within its cluster only: when two clusters share one, each of those
  // nodepools is named by its Pulumi id, `cluster/nodepool`, which no id can equal (ids hold no '/')
  // and which does not depend on the order the account lists them in.
  const poolIdCount = new Map<string, number>();
  for (const p of account.nodepools) poolIdCount.set(p.id ?? "", (poolIdCount.get(p.id ?? "") ?? 0) + 1);
  const pools = new Map<string, PlannedResource>();
  for (const p of account.nodepools) {
    const id = nodepoolKey({ computeClusterId: clusterOf(p), nodepoolId: p.id ?? "" });
    const name = (poolIdCount.get(p.id ?? "") ?? 0) > 1 ? id : (p.id ?? "");
    const cluster = clusters.get(clusterOf(p));
    pools.set(id, add("Nodepool", name, id, p, poolSummary(p), (): Record<string, Value> => (cluster ? { computeClusterId: new Ref(cluster, cluster.id) } : {})));
  }

  for (const d of account.deployments) {
    const r = add("Deployment", d.id ?? "", d.id ?? "", d, deploymentSummary(d), (inputs) => {
      const ids = Array.isArray(inputs.nodepools) ? (inputs.nodepools as string[]) : [];
      return { nodepools: ids.map((id) => (pools.has(id) ? new Ref(pools.get(id)!, id) : id)) };
    });
    const outside = (Array.isArray(r.inputs.nodepools) ? r.inputs.nodepools : []).filter((v): v is string => typeof v === "string");
    if (outside.length) {
      r.notes.push(`nodepool${outside.length > 1 ? "s" : ""} ${outside.map((id) => `"${id}"`).join(", ")} ${outside.length > 1 ? "are" : "is"} not in this program (outside the chosen clusters), so referenced by id`);
    }
  }

  const counts = { ComputeCluster: clusters.size, Nodepool: pools.size, Deployment: account.deployments.length };
  const warnings = resources.flatMap((r) => r.notes.map((n) => `${r.kind} "${r.name}": ${n}`));
  return { userId: account.userId, ownerId: account.ownerId, resources, counts, warnings };
}

function withAdopt(inputs: Record<string, Value>): Record<string, Value> {
  const out = { ...inputs };
  delete out.adopt;
  return { ...out, adopt: true };
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function clusterSummary(k: ApiComputeCluster, pools: number): string {
  return `Compute cluster "${k.id}": ${k.cloud_provider?.id ?? ""} ${k.region ?? ""}, ${plural(pools, "nodepool")}.`;
}

const CAPACITY: Record<string, string> = { onDemand: "on demand", spot: "spot", spotWithFallback: "spot with on-demand fallback" };

function poolSummary(p: ApiNodepool): string {
  const types = (p.instance_types ?? []).map((t) => t.id).join(", ");
  return `Nodepool "${p.id}" in "${p.compute_cluster?.id ?? ""}": ${types}, ${CAPACITY[capacity.fromWire(p) ?? "onDemand"]}, ${p.min_instances ?? 0} to ${p.max_instances ?? 0} nodes.`;
}

function deploymentSummary(d: ApiDeployment): string {
  const [model, workflow] = [modelRef(servedWorker(d)), workflowRef(servedWorker(d))];
  const what = model
    ? `model ${model.userId}/${model.appId}/${model.modelId}${model.versionId ? ` version ${model.versionId}` : ""}`
    : workflow
      ? `workflow ${workflow.userId}/${workflow.appId}/${workflow.workflowId}`
      : "nothing";
  return `Deployment "${d.id}": ${what}, on ${deploymentPools(d).map(nodepoolKey).join(", ")}.`;
}
