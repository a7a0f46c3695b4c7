// The bad-input corpus (issue 8): invalid programs and inputs, each to be rejected at preview with a
// message that names the resource, the field, the value and what is allowed, with no write call.
// Run in full in-process through the providers' `check` (tests/provider/badInput.test.ts, the fast
// tier) and, for a handful, through the real engine (tests/reliability/badInput.test.ts).

export const PAT = "badinput-pat-71c4e0b9-never-in-state";

export type Kind = "ComputeCluster" | "Nodepool" | "Deployment";
export interface Entry {
  kind: Kind;
  name: string;
  args?: Record<string, unknown>;
  yaml?: string;
  cluster?: string;
  nodepools?: string[];
}
export interface Case {
  /** Also the logical name of the invalid resource. */
  name: string;
  kind: Kind;
  args?: Record<string, unknown>;
  yaml?: string;
  /**
   * Pass the id of the valid helper cluster ("ok-cluster", aws/us-east-1), or of the named cluster entry
   * in `before`; at preview that id is unknown (the program creates the cluster).
   */
  cluster?: boolean | string;
  nodepools?: boolean;
  /**
   * Only knowable from the program as a whole (the SDK's program-side records, sdk/placement.ts), so
   * it runs through the engine only; `check` alone cannot see other resources.
   */
  engineOnly?: boolean;
  /** Other resources declared first (conflicts between resources). */
  before?: Entry[];
  field: string;
  /** How the value shows in the message; undefined for a missing field. */
  value?: string;
  allowed: RegExp;
}

const cc = (args: Record<string, unknown>) => ({ cloudProvider: "aws", region: "us-east-1", ...args });
const np = (args: Record<string, unknown>) => ({ instanceTypes: ["g5.xlarge"], maxInstances: 2, ...args });
export const MODEL = { userId: "clarifai", appId: "main", modelId: "general-image-recognition", versionId: "aa11bb22" };
const dep = (args: Record<string, unknown>) => ({ model: MODEL, ...args });
const ID_RULE = /letters, digits, '-' and '_', starting with a letter or digit/;
const CLUSTER = (name: string, args: Record<string, unknown>, field: string, value: string | undefined, allowed: RegExp): Case => ({ name, kind: "ComputeCluster", args: cc(args), field, value, allowed });
const POOL = (name: string, args: Record<string, unknown>, field: string, value: string | undefined, allowed: RegExp): Case => ({ name, kind: "Nodepool", cluster: true, args: np(args), field, value, allowed });
const DEP = (name: string, args: Record<string, unknown>, field: string, value: string | undefined, allowed: RegExp): Case => ({ name, kind: "Deployment", nodepools: true, args: dep(args), field, value, allowed });
const CC_YAML = (name: string, body: string, field: string, value: string | undefined, allowed: RegExp): Case => ({ name, kind: "ComputeCluster", yaml: body, field, value, allowed });
const NP_YAML = (name: string, body: string, field: string, value: string | undefined, allowed: RegExp): Case => ({ name, kind: "Nodepool", cluster: true, yaml: body, field, value, allowed });
const LONG = "x".repeat(49);

export const CASES: Case[] = [
  // ---- ComputeCluster: ids
  CLUSTER("cc-id-space", { computeClusterId: "bad id" }, "computeClusterId", "bad id", ID_RULE),
  CLUSTER("cc-id-dash-first", { computeClusterId: "-lead" }, "computeClusterId", "-lead", ID_RULE),
  CLUSTER("cc-id-underscore-first", { computeClusterId: "_lead" }, "computeClusterId", "_lead", ID_RULE),
  CLUSTER("cc-id-slash", { computeClusterId: "a/b" }, "computeClusterId", "a/b", ID_RULE),
  CLUSTER("cc-id-unicode", { computeClusterId: "clüster" }, "computeClusterId", "clüster", ID_RULE),
  CLUSTER("cc-id-dot", { computeClusterId: "prod.gpu" }, "computeClusterId", "prod.gpu", ID_RULE),
  CLUSTER("cc-id-too-long", { computeClusterId: LONG }, "computeClusterId", LONG, /longer than 48 characters/),
  CLUSTER("cc-id-empty", { computeClusterId: "" }, "computeClusterId", '""', ID_RULE),
  CLUSTER("cc-id-number", { computeClusterId: 42 }, "computeClusterId", "42", /is not a string/),
  // ---- ComputeCluster: required, types, enums, ranges
  { name: "cc-no-provider", kind: "ComputeCluster", args: { region: "us-east-1" }, field: "cloudProvider", allowed: /is required/ },
  { name: "cc-no-region", kind: "ComputeCluster", args: { cloudProvider: "aws" }, field: "region", allowed: /is required/ },
  CLUSTER("cc-provider-upper", { cloudProvider: "AWS" }, "cloudProvider", "AWS", /lower-case letters, digits/),
  CLUSTER("cc-provider-number", { cloudProvider: 7 }, "cloudProvider", "7", /is not a string/),
  CLUSTER("cc-provider-too-long", { cloudProvider: "a".repeat(33) }, "cloudProvider", "a".repeat(33), /longer than 32 characters/),
  CLUSTER("cc-region-space", { region: "us east 1" }, "region", "us east 1", /must match/),
  CLUSTER("cc-region-list", { region: ["us-east-1"] }, "region", "us-east-1", /is not a string/),
  CLUSTER("cc-type-shared", { clusterType: "shared" }, "clusterType", "shared", /use one of: dedicated, local-dev/),
  CLUSTER("cc-type-case", { clusterType: "Dedicated" }, "clusterType", "Dedicated", /use one of: dedicated, local-dev/),
  CLUSTER("cc-managed-by", { managedBy: "me" }, "managedBy", "me", /use one of: clarifai, user/),
  CLUSTER("cc-visibility-word", { visibility: "secret" }, "visibility", "secret", /use one of: private, org, public/),
  CLUSTER("cc-visibility-wire", { visibility: 10 }, "visibility", "10", /use one of: private, org, public/),
  CLUSTER("cc-description-number", { description: 5 }, "description", "5", /is not a string/),
  CLUSTER("cc-description-long", { description: "d".repeat(1025) }, "description", "d".repeat(40), /longer than 1024 characters/),
  CLUSTER("cc-adopt-string", { adopt: "yes" }, "adopt", "yes", /is not true or false/),
  CLUSTER("cc-key-number", { key: 12345 }, "key", "12345", /is not a string/),
  CLUSTER("cc-unknown-prop", { nodeCount: 3 }, "nodeCount", "3", /is not a known property; known: computeClusterId, description, cloudProvider/),
  CLUSTER("cc-snake-case-prop", { cloud_provider: "aws" }, "cloud_provider", "aws", /is not a known property; known: .*cloudProvider/),
  // ---- ComputeCluster: the catalogue (preflight in check)
  CLUSTER("cc-unknown-provider", { cloudProvider: "aws2" }, "cloudProvider", "aws2", /aws.*gcp/),
  CLUSTER("cc-unknown-region", { region: "mars-north-1" }, "region", "mars-north-1", /us-east-1/),
  CLUSTER("cc-region-of-other-provider", { cloudProvider: "gcp", region: "us-east-1" }, "region", "us-east-1", /us-east4|us-central1/),

  // ---- Nodepool: ids and the cluster reference
  POOL("np-id-space", { nodepoolId: "np 1" }, "nodepoolId", "np 1", ID_RULE),
  POOL("np-id-underscore-first", { nodepoolId: "_np" }, "nodepoolId", "_np", ID_RULE),
  POOL("np-id-too-long", { nodepoolId: LONG }, "nodepoolId", LONG, /longer than 48 characters/),
  POOL("np-id-number", { nodepoolId: 7 }, "nodepoolId", "7", /is not a string/),
  { name: "np-no-cluster", kind: "Nodepool", args: np({}), field: "computeClusterId", allowed: /is required/ },
  { name: "np-cluster-bad-id", kind: "Nodepool", args: np({ computeClusterId: "my cluster" }), field: "computeClusterId", value: "my cluster", allowed: ID_RULE },

  // ---- Nodepool: instance types
  { name: "np-no-types", kind: "Nodepool", cluster: true, args: { maxInstances: 2 }, field: "instanceTypes", allowed: /is required/ },
  POOL("np-types-empty", { instanceTypes: [] }, "instanceTypes", "[]", /needs at least 1 item/),
  POOL("np-types-string", { instanceTypes: "g5.xlarge" }, "instanceTypes", "g5.xlarge", /is not a list/),
  POOL("np-types-duplicate", { instanceTypes: ["g5.xlarge", "g5.xlarge"] }, "instanceTypes", "g5.xlarge", /listed twice/),
  POOL("np-types-number", { instanceTypes: [42] }, "instanceTypes[0]", "42", /is not a string/),
  POOL("np-types-space", { instanceTypes: ["g5 xlarge"] }, "instanceTypes[0]", "g5 xlarge", /must match/),
  POOL("np-types-too-many", { instanceTypes: Array.from({ length: 17 }, (_, i) => `t${i}.large`) }, "instanceTypes", "t16.large", /at most 16 items, got 17/),
  // in clusters that exist already (seeded), so that check can look them up at preview
  { name: "np-types-unknown", kind: "Nodepool", args: np({ computeClusterId: "seeded", instanceTypes: ["g9.mega"] }), field: "instanceTypes[0]", value: "g9.mega", allowed: /valid choices: .*g5\.xlarge/ },
  { name: "np-types-other-region", kind: "Nodepool", args: np({ computeClusterId: "seeded", instanceTypes: ["a3-highgpu-1g"] }), field: "instanceTypes[0]", value: "a3-highgpu-1g", allowed: /valid choices: .*t3a\.large/ },
  { name: "np-types-spot-only", kind: "Nodepool", args: np({ computeClusterId: "seeded-gcp", instanceTypes: ["a3-highgpu-1g"], capacity: "onDemand" }), field: "instanceTypes[0]", value: "a3-highgpu-1g", allowed: /only as spot capacity/ },
  // in a cluster the same program creates (its id unknown at preview; its cloud and region known)
  POOL("np-new-cluster-type-unknown", { instanceTypes: ["g99.mega"] }, "instanceTypes[0]", "g99.mega", /not an instance type Clarifai offers in aws\/us-east-1 \(the cluster this program creates\); valid choices: .*g5\.xlarge/),
  {
    name: "np-new-cluster-spot-only",
    kind: "Nodepool",
    cluster: "new-gcp",
    before: [{ kind: "ComputeCluster", name: "new-gcp", args: { computeClusterId: "new-gcp", cloudProvider: "gcp", region: "us-east4" } }],
    args: np({ instanceTypes: ["a3-highgpu-1g"], capacity: "onDemand" }),
    field: "instanceTypes[0]",
    value: "a3-highgpu-1g",
    allowed: /offered in gcp\/us-east4 \(the cluster this program creates\) only as spot capacity/,
  },
  // ---- Nodepool: ranges and types
  { name: "np-no-max", kind: "Nodepool", cluster: true, args: { instanceTypes: ["g5.xlarge"] }, field: "maxInstances", allowed: /is required/ },
  POOL("np-max-negative", { maxInstances: -1 }, "maxInstances", "-1", /below the minimum 1/),
  POOL("np-max-zero", { maxInstances: 0 }, "maxInstances", "0", /minimum 1/),
  POOL("np-max-fraction", { maxInstances: 2.5 }, "maxInstances", "2.5", /is not a whole number/),
  POOL("np-max-string", { maxInstances: "4" }, "maxInstances", "4", /is not a whole number/),
  POOL("np-max-huge", { maxInstances: 1001 }, "maxInstances", "1001", /above the maximum 1000/),
  POOL("np-min-negative", { minInstances: -2 }, "minInstances", "-2", /below the minimum 0/),
  POOL("np-min-fraction", { minInstances: 0.5 }, "minInstances", "0.5", /is not a whole number/),
  POOL("np-min-bool", { minInstances: true }, "minInstances", "true", /is not a whole number/),
  POOL("np-min-above-max", { minInstances: 3, maxInstances: 2 }, "minInstances", "3", /minInstances ≤ maxInstances/),
  POOL("np-capacity-word", { capacity: "spotOnly" }, "capacity", "spotOnly", /use one of: onDemand, spot, spotWithFallback/),
  POOL("np-capacity-wire", { capacity: "SPOT_TYPE" }, "capacity", "SPOT_TYPE", /use one of: onDemand, spot, spotWithFallback/),
  POOL("np-visibility", { visibility: "everyone" }, "visibility", "everyone", /use one of: private, org, public/),
  POOL("np-metadata-string", { metadata: "team=ml" }, "metadata", "team=ml", /is not an object/),
  POOL("np-metadata-list", { metadata: ["a"] }, "metadata", "a", /is not an object/),
  POOL("np-adopt-number", { adopt: 1 }, "adopt", "1", /is not true or false/),
  POOL("np-description-object", { description: { text: "x" } }, "description", "text", /is not a string/),
  POOL("np-unknown-prop", { nodeCount: 2 }, "nodeCount", "2", /is not a known property; known: computeClusterId, nodepoolId/),
  POOL("np-snake-case-prop", { max_instances: 2 }, "max_instances", "2", /is not a known property; known: .*maxInstances/),

  // ---- YAML config files (fromConfigFile): unknown keys and bad values
  CC_YAML("yaml-cc-unknown-key", "compute_cluster:\n  id: y1\n  cloud_provider: {id: aws}\n  region: us-east-1\n  node_count: 3\n", "compute_cluster.node_count", undefined, /unknown key; allowed keys: id, description, cloud_provider, region/),
  CC_YAML("yaml-cc-unknown-top", "compute_cluster:\n  id: y2\n  cloud_provider: {id: aws}\n  region: us-east-1\nnodepool: {}\n", "(top level).nodepool", undefined, /unknown key; allowed keys: compute_cluster/),
  CC_YAML("yaml-cc-provider-key", "compute_cluster:\n  id: y3\n  cloud_provider: {id: aws, zone: a}\n  region: us-east-1\n", "compute_cluster.cloud_provider.zone", undefined, /unknown key; allowed keys: id, name/),
  CC_YAML("yaml-cc-provider-scalar", "compute_cluster:\n  id: y4\n  cloud_provider: [aws]\n  region: us-east-1\n", "compute_cluster.cloud_provider", "aws", /expected a mapping/),
  CC_YAML("yaml-cc-visibility", "compute_cluster:\n  id: y5\n  cloud_provider: {id: aws}\n  region: us-east-1\n  visibility: {gettable: 40}\n", "compute_cluster.visibility.gettable", "40", /use 10 \(PRIVATE\), 30 \(ORG\) or 50 \(PUBLIC\)/),
  CC_YAML("yaml-cc-missing-section", "nodepool:\n  id: y6\n", "(top level).nodepool", undefined, /allowed keys: compute_cluster/),
  CC_YAML("yaml-cc-key-scalar", "compute_cluster:\n  id: y7\n  cloud_provider: {id: aws}\n  region: us-east-1\n  key: abc\n", "compute_cluster.key", "abc", /expected a mapping/),
  NP_YAML("yaml-np-unknown-key", "nodepool:\n  id: y8\n  instance_types: [{id: g5.xlarge}]\n  max_instances: 1\n  autoscale: true\n", "nodepool.autoscale", undefined, /unknown key; allowed keys: id, compute_cluster, description, instance_types/),
  NP_YAML("yaml-np-capacity", "nodepool:\n  id: y9\n  instance_types: [{id: g5.xlarge}]\n  max_instances: 1\n  node_capacity_type: {capacity_types: [3]}\n", "nodepool.node_capacity_type.capacity_types[0]", "3", /use 1 \(ON_DEMAND_TYPE\) or 2 \(SPOT_TYPE\)/),
  NP_YAML("yaml-np-max-negative", "nodepool:\n  id: y10\n  instance_types: [{id: g5.xlarge}]\n  max_instances: -1\n", "nodepool.max_instances", "-1", /expected a whole number ≥ 0/),
  NP_YAML("yaml-np-types-scalar", "nodepool:\n  id: y11\n  instance_types: g5.xlarge\n  max_instances: 1\n", "nodepool.instance_types", "g5.xlarge", /expected a list/),
  NP_YAML("yaml-np-compute-info-key", "nodepool:\n  id: y12\n  instance_types: [{id: g5.xlarge, compute_info: {gpus: 1}}]\n  max_instances: 1\n", "nodepool.instance_types[0].compute_info.gpus", undefined, /unknown key; allowed keys: cpu_limit/),
  NP_YAML("yaml-np-type-key", "nodepool:\n  id: y13\n  instance_types: [{id: g5.xlarge, price: 3}]\n  max_instances: 1\n", "nodepool.instance_types[0].price", undefined, /unknown key; allowed keys: id, description, compute_info/),

  // ---- Deployment
  DEP("dep-id-space", { deploymentId: "my dep" }, "deploymentId", "my dep", ID_RULE),
  { ...DEP("dep-no-nodepools", {}, "nodepools", undefined, /is required/), nodepools: false },
  DEP("dep-scheduling", { schedulingChoice: "cheapest" }, "schedulingChoice", "cheapest", /use one of: fail, random, price, performance/),
  DEP("dep-autoscale-range", { autoscale: { minReplicas: 3, maxReplicas: 1 } }, "autoscale.minReplicas", "3", /minReplicas ≤ maxReplicas/),
  DEP("dep-no-version", { model: { ...MODEL, versionId: undefined } }, "model.versionId", undefined, /is required unless deployLatestVersion is true/),
  DEP("dep-version-dash", { model: { ...MODEL, versionId: "v-1" } }, "model.versionId", "v-1", /must match/),
  { ...DEP("dep-nodepool-format", { nodepools: ["seeded-pool"] }, "nodepools[0]", "seeded-pool", /must match/), nodepools: false },
  DEP("dep-max-replicas-zero", { autoscale: { maxReplicas: 0 } }, "autoscale.maxReplicas", "0", /below the minimum 1/),
  DEP("dep-model-missing-app", { model: { userId: "clarifai", modelId: "m" } }, "model.appId", undefined, /is required/),
  DEP("dep-model-and-workflow", { workflow: { userId: "clarifai", appId: "main", workflowId: "wf" } }, "workflow", undefined, /model.*workflow|workflow.*model/),
  DEP("dep-neither-model-nor-workflow", { model: undefined }, "model", undefined, /model.*workflow|workflow.*model/),
  DEP("dep-timeout-zero", { readyTimeoutSeconds: 0 }, "readyTimeoutSeconds", "0", /below the minimum 1/),
  DEP("dep-unknown-prop", { replicas: 2 }, "replicas", "2", /is not a known property/),
  // conflicts with what the account holds (seeded): a missing nodepool, a model already deployed there
  { ...DEP("dep-nodepool-missing", { nodepools: ["seeded/no-such-pool"] }, "nodepools[0]", "seeded/no-such-pool", /does not exist/), nodepools: false },
  // two deployments of this program, same model, on one nodepool it creates
  {
    ...DEP("dep-same-model-new-pool", { deploymentId: "second-dep" }, "nodepools[0]", undefined, /also gets deployment "first-dep" of the same model clarifai\/main\/general-image-recognition in this program/),
    before: [{ kind: "Deployment", name: "first-dep", args: { model: MODEL, deploymentId: "first-dep" }, nodepools: ["ok-pool"] }],
    engineOnly: true,
  },
  { ...DEP("dep-same-model-twice", { nodepools: ["seeded/seeded-pool"] }, "nodepools[0]", "seeded/seeded-pool", /one deployment per model per nodepool/), nodepools: false },
];


/** What the account holds before the previews: clusters, a nodepool serving a model. */
export async function seedAccount(url: string): Promise<void> {
  const post = async (p: string, body: object) => {
    const r = await fetch(`${url}/v2/users/me/${p}`, { method: "POST", headers: { Authorization: `Key ${PAT}`, "Content-Type": "application/json" }, body: JSON.stringify(body) });
    if (r.status !== 200) throw new Error(`seeding ${p}: HTTP ${r.status} ${await r.text()}`);
  };
  await post("compute_clusters", { compute_clusters: [{ id: "seeded", cloud_provider: { id: "aws" }, region: "us-east-1", cluster_type: "dedicated", managed_by: "clarifai" }, { id: "seeded-gcp", cloud_provider: { id: "gcp" }, region: "us-east4", cluster_type: "dedicated", managed_by: "clarifai" }] });
  await post("compute_clusters/seeded/nodepools", { nodepools: [{ id: "seeded-pool", instance_types: [{ id: "g5.xlarge" }], max_instances: 1 }] });
  const model = { id: MODEL.modelId, app_id: MODEL.appId, user_id: MODEL.userId, model_version: { id: "cc33dd44" } };
  await post("deployments", { deployments: [{ id: "seeded-dep", worker: { model }, scheduling_choice: 4, nodepools: [{ id: "seeded-pool", compute_cluster: { id: "seeded" } }] }] });
}

/** What a message lacks of the four things every refusal must name; empty when it has them all. */
export function lacks(c: Case, msg: string): string[] {
  return [
    msg.includes(c.name) ? "" : `resource name "${c.name}"`,
    msg.includes(c.field) ? "" : `field "${c.field}"`,
    c.value === undefined || msg.includes(c.value) ? "" : `value "${c.value}"`,
    c.allowed.test(msg) ? "" : `what is allowed ${c.allowed}`,
  ].filter(Boolean);
}
