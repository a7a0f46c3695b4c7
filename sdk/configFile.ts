// Reads the Clarifai SDK's YAML config files (compute_cluster_config.yaml, nodepool_config.yaml,
// deployment_config.yaml) as users keep them, into resource arguments. Strict: an unknown key or a bad
// value fails with the file, the key path and what is allowed, before anything reaches Pulumi.
import * as fs from "fs";
import { parseDocument } from "yaml";
import { nodepoolKey } from "../provider/client";
import { capacityFromTypes } from "../provider/capacity";
import { enumValues } from "../provider/schema";

export type Section = "compute_cluster" | "nodepool" | "deployment";

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

  object(at: string, v: unknown, allowed: string[], hints: Record<string, string> = {}): Obj {
    if (v === null || typeof v !== "object" || Array.isArray(v)) this.fail(at, `expected a mapping, got ${JSON.stringify(v)}`);
    for (const k of Object.keys(v as Obj)) {
      if (!allowed.includes(k)) {
        this.fail(`${at}.${k}`, `unknown key${hints[k] ? `; ${hints[k]}` : ""}; allowed keys: ${allowed.join(", ")}`);
      }
    }
    return v as Obj;
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

function computeCluster(r: Reader, at: string, s: Obj): Obj {
  r.object(at, s, ["id", "description", "cloud_provider", "region", "managed_by", "cluster_type", "visibility", "key"]);
  const cloud = s.cloud_provider === undefined ? undefined : r.object(`${at}.cloud_provider`, s.cloud_provider, ["id", "name"]);
  return {
    computeClusterId: r.string(`${at}.id`, s.id),
    description: r.string(`${at}.description`, s.description),
    cloudProvider: cloud && r.string(`${at}.cloud_provider.id`, cloud.id),
    region: r.string(`${at}.region`, s.region),
    managedBy: r.string(`${at}.managed_by`, s.managed_by),
    clusterType: r.string(`${at}.cluster_type`, s.cluster_type),
    visibility: r.visibility(`${at}.visibility`, s.visibility),
    key: s.key === undefined ? undefined : r.string(`${at}.key.id`, r.object(`${at}.key`, s.key, ["id"]).id),
  };
}

function nodepool(r: Reader, at: string, s: Obj): Obj {
  r.object(at, s, ["id", "compute_cluster", "description", "instance_types", "node_capacity_type", "min_instances", "max_instances", "warm_instances", "visibility", "metadata"]);
  const instanceTypes = s.instance_types === undefined ? undefined : r.list(`${at}.instance_types`, s.instance_types).map((it, i) => {
    const o = r.object(`${at}.instance_types[${i}]`, it, ["id", "description", "compute_info"]);
    // compute_info is accepted (the published files carry it) but Clarifai fills it from its catalogue.
    if (o.compute_info !== undefined) r.object(`${at}.instance_types[${i}].compute_info`, o.compute_info, ["cpu_limit", "cpu_memory", "cpu_requests", "cpu_memory_requests", "num_accelerators", "accelerator_memory", "accelerator_type", "accelerator_topology"]);
    return r.string(`${at}.instance_types[${i}].id`, o.id);
  });
  let capacity: string | undefined;
  if (s.node_capacity_type !== undefined) {
    const nct = r.object(`${at}.node_capacity_type`, s.node_capacity_type, ["capacity_types"]);
    const kinds = r.list(`${at}.node_capacity_type.capacity_types`, nct.capacity_types).map((c, i) => {
      const k = CAPACITY[String(c)];
      if (!k) r.fail(`${at}.node_capacity_type.capacity_types[${i}]`, `${JSON.stringify(c)} is not allowed; use 1 (ON_DEMAND_TYPE) or 2 (SPOT_TYPE)`);
      return k;
    });
    capacity = capacityFromTypes(kinds.filter((k) => k !== undefined));
  }
  if (s.metadata !== undefined) r.object(`${at}.metadata`, s.metadata, Object.keys((s.metadata as Obj) ?? {}));
  return {
    nodepoolId: r.string(`${at}.id`, s.id),
    computeClusterId: r.idRef(`${at}.compute_cluster`, s.compute_cluster),
    description: r.string(`${at}.description`, s.description),
    instanceTypes,
    capacity,
    minInstances: r.int(`${at}.min_instances`, s.min_instances),
    maxInstances: r.int(`${at}.max_instances`, s.max_instances),
    warmInstances: r.int(`${at}.warm_instances`, s.warm_instances),
    visibility: r.visibility(`${at}.visibility`, s.visibility),
    metadata: s.metadata as Obj | undefined,
  };
}

function modelOrWorkflow(r: Reader, at: string, v: unknown, kind: "model" | "workflow"): Obj {
  const o = r.object(at, v, ["id", "user_id", "app_id", kind === "model" ? "model_version" : "workflow_version"]);
  const verKey = kind === "model" ? "model_version" : "workflow_version";
  const ver = o[verKey] === undefined ? undefined : r.object(`${at}.${verKey}`, o[verKey], ["id"]);
  return {
    userId: r.string(`${at}.user_id`, o.user_id),
    appId: r.string(`${at}.app_id`, o.app_id),
    [kind === "model" ? "modelId" : "workflowId"]: r.string(`${at}.id`, o.id),
    versionId: ver && r.string(`${at}.${verKey}.id`, ver.id),
  };
}

function deployment(r: Reader, at: string, s: Obj): Obj {
  r.object(at, s, ["id", "description", "autoscale_config", "worker", "scheduling_choice", "nodepools", "deployment_nodepools", "visibility", "deploy_latest_version", "graceful_deploy", "user_id"]);
  let autoscale: Obj | undefined;
  if (s.autoscale_config !== undefined) {
    const a = r.object(`${at}.autoscale_config`, s.autoscale_config,
      ["min_replicas", "max_replicas", "soft_min_replicas", "traffic_history_seconds", "scale_down_delay_seconds", "scale_up_delay_seconds", "scale_to_zero_delay_seconds", "disable_packing"],
      { enable_packing: "did you mean disable_packing (with the opposite value)? Clarifai's AutoscaleConfig has no enable_packing" });
    autoscale = {
      minReplicas: r.int(`${at}.autoscale_config.min_replicas`, a.min_replicas),
      maxReplicas: r.int(`${at}.autoscale_config.max_replicas`, a.max_replicas),
      softMinReplicas: r.int(`${at}.autoscale_config.soft_min_replicas`, a.soft_min_replicas),
      trafficHistorySeconds: r.int(`${at}.autoscale_config.traffic_history_seconds`, a.traffic_history_seconds),
      scaleDownDelaySeconds: r.int(`${at}.autoscale_config.scale_down_delay_seconds`, a.scale_down_delay_seconds),
      scaleUpDelaySeconds: r.int(`${at}.autoscale_config.scale_up_delay_seconds`, a.scale_up_delay_seconds),
      scaleToZeroDelaySeconds: r.int(`${at}.autoscale_config.scale_to_zero_delay_seconds`, a.scale_to_zero_delay_seconds),
      disablePacking: r.bool(`${at}.autoscale_config.disable_packing`, a.disable_packing),
    };
  }
  let model: Obj | undefined;
  let workflow: Obj | undefined;
  if (s.worker !== undefined) {
    const w = r.object(`${at}.worker`, s.worker, ["model", "workflow"]);
    if (w.model !== undefined) model = modelOrWorkflow(r, `${at}.worker.model`, w.model, "model");
    if (w.workflow !== undefined) workflow = modelOrWorkflow(r, `${at}.worker.workflow`, w.workflow, "workflow");
  }
  let schedulingChoice: string | undefined;
  if (s.scheduling_choice !== undefined) {
    const c = s.scheduling_choice;
    schedulingChoice = typeof c === "number" ? SCHEDULING[c - 1] : SCHEDULING_NAMES[String(c)];
    if (!schedulingChoice) r.fail(`${at}.scheduling_choice`, `${JSON.stringify(c)} is not allowed; use 1-8 or ${Object.keys(SCHEDULING_NAMES).join(", ")}`);
  }
  // 12.x `deployment_nodepools` [{id, compute_cluster, priority}] is the prioritized form of `nodepools`.
  const listKey = s.deployment_nodepools !== undefined ? "deployment_nodepools" : "nodepools";
  if (s.nodepools !== undefined && s.deployment_nodepools !== undefined) {
    r.fail(`${at}.deployment_nodepools`, "cannot be given together with nodepools; Clarifai accepts one or the other");
  }
  const priorities: number[] = [];
  const nodepools = s[listKey] === undefined ? undefined : r.list(`${at}.${listKey}`, s[listKey]).map((n, i) => {
    const o = r.object(`${at}.${listKey}[${i}]`, n, listKey === "nodepools" ? ["id", "compute_cluster"] : ["id", "compute_cluster", "priority"]);
    const cluster = r.idRef(`${at}.${listKey}[${i}].compute_cluster`, o.compute_cluster);
    if (!cluster) r.fail(`${at}.${listKey}[${i}].compute_cluster`, "is required: a nodepool is named by its cluster and its id");
    priorities.push(r.int(`${at}.${listKey}[${i}].priority`, o.priority) ?? 0);
    return nodepoolKey({ computeClusterId: String(cluster), nodepoolId: String(r.string(`${at}.${listKey}[${i}].id`, o.id)) });
  });
  return {
    deploymentId: r.string(`${at}.id`, s.id),
    description: r.string(`${at}.description`, s.description),
    autoscale,
    model,
    workflow,
    schedulingChoice,
    nodepools,
    nodepoolPriorities: priorities.some((p) => p !== 0) ? priorities : undefined,
    visibility: r.visibility(`${at}.visibility`, s.visibility),
    deployLatestVersion: r.bool(`${at}.deploy_latest_version`, s.deploy_latest_version),
    gracefulDeploy: r.bool(`${at}.graceful_deploy`, s.graceful_deploy),
  };
}

const SECTIONS = { compute_cluster: computeCluster, nodepool, deployment };

/** Drops keys whose value is undefined, so that `{ ...fromFile, ...overrides }` behaves. */
function compact(o: Obj): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined) continue;
    out[k] = v && typeof v === "object" && !Array.isArray(v) ? compact(v as Obj) : v;
  }
  return out;
}

/** Reads one Clarifai SDK config file and returns resource arguments (camelCase). */
export function loadConfigFile(file: string, section: Section): Obj {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new ConfigFileError(file, "(file)", `cannot be read: ${(e as Error).message}`);
  }
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length) throw new ConfigFileError(file, "(yaml)", doc.errors.map((e) => e.message).join("; "));
  const r = new Reader(file);
  const root = r.object("(top level)", doc.toJS() ?? {}, [section]);
  if (root[section] === undefined) r.fail(section, "is missing: the file must have a top-level `" + section + ":` mapping");
  return compact(SECTIONS[section](r, section, root[section] as Obj));
}
