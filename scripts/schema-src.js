// Writes schema.json. Run `node scripts/schema-src.js` after editing; a test checks the file is current.
// Kept as a script so the three resources share their common property definitions without copy-paste;
// schema.json itself stays the single source of truth that provider, SDK and docs read.
const fs = require("fs");
const path = require("path");

const ID_RULE = { pattern: "^[A-Za-z0-9][A-Za-z0-9_-]*$", maxLength: 48 };
const idProp = (what) => ({
  type: "string",
  description:
    `The Clarifai ${what} id: 1 to 48 letters, digits, '-' or '_', starting with a letter or digit. ` +
    "Optional: when omitted it is generated once from the resource's logical name plus a random suffix and stays stable afterwards. Changing it replaces the resource.",
  replaceOnChanges: true,
  "x-clarifai": { ...ID_RULE, autoName: true },
});
const description = (what) => ({
  type: "string",
  description: `A human-readable description of the ${what}. Default: empty. Updates in place.`,
  default: "",
  "x-clarifai": { maxLength: 1024 },
});
const visibility = (what) => ({
  $ref: "#/types/clarifai:index:Visibility",
  description: `Who can see the ${what}: \`private\` (default), \`org\` or \`public\`. Updates in place.`,
  default: "private",
});
const adopt = (what) => ({
  type: "boolean",
  description:
    `When true and a ${what} with this id already exists in the account, Pulumi takes it over instead of failing, ` +
    "provided its immutable fields match the program; its mutable fields are then set to the program's values. Default: false. Has no effect after creation.",
  default: false,
  "x-clarifai": { noDiff: true },
});
const timestamps = {
  createdAt: { type: "string", description: "When Clarifai created the object (RFC 3339). Output only." },
  modifiedAt: { type: "string", description: "When Clarifai last modified the object (RFC 3339). Output only." },
};

const clusterInputs = {
  computeClusterId: idProp("compute cluster"),
  description: description("compute cluster"),
  cloudProvider: {
    type: "string",
    description: "The cloud provider the cluster runs in, as Clarifai names it (`aws`, `gcp`, `azure`, `vultr`, `oracle`, ...; see `getCloudProviders()`). Required. Changing it replaces the cluster.",
    replaceOnChanges: true,
    "x-clarifai": { pattern: "^[a-z0-9][a-z0-9_-]*$", maxLength: 32 },
  },
  region: {
    type: "string",
    description: "The provider's region, e.g. `us-east-1` (see `getRegions()`). Required. Changing it replaces the cluster.",
    replaceOnChanges: true,
    "x-clarifai": { pattern: "^[A-Za-z0-9][A-Za-z0-9_.-]*$", maxLength: 64 },
  },
  clusterType: {
    $ref: "#/types/clarifai:index:ClusterType",
    description: "`dedicated` (default: nodepools you define) or `local-dev` (runners you start yourself). Changing it replaces the cluster.",
    default: "dedicated",
    replaceOnChanges: true,
  },
  managedBy: {
    $ref: "#/types/clarifai:index:ManagedBy",
    description: "Who runs the infrastructure: `clarifai` (default) or `user` (bring your own). Changing it replaces the cluster.",
    default: "clarifai",
    replaceOnChanges: true,
  },
  visibility: visibility("cluster"),
  key: {
    type: "string",
    secret: true,
    description:
      "The Clarifai personal access token the cluster itself uses to call the API. Secret. Default: the PAT this provider authenticates with (as the official SDK does); " +
      "that default is sent to Clarifai but never written to the Pulumi state. Clarifai returns it masked, so drift in it cannot be detected. Updates in place.",
  },
  adopt: adopt("compute cluster"),
};

const nodepoolInputs = {
  computeClusterId: {
    type: "string",
    description: "The id of the compute cluster the nodepool belongs to: pass `cluster.id` so Pulumi creates the cluster first and deletes it last. Required. Changing it replaces the nodepool.",
    replaceOnChanges: true,
    "x-clarifai": ID_RULE,
  },
  nodepoolId: idProp("nodepool"),
  description: description("nodepool"),
  instanceTypes: {
    type: "array",
    items: { type: "string" },
    description: "The instance type ids the nodepool's nodes use, e.g. `[\"g5.xlarge\"]` (see `getInstanceTypes()`); at least one. Their compute info comes back in `instanceTypeDetails`. Required. Changing them replaces the nodepool.",
    replaceOnChanges: true,
    "x-clarifai": { minItems: 1, maxItems: 16, uniqueItems: true, itemPattern: "^[A-Za-z0-9][A-Za-z0-9._-]*$" },
  },
  minInstances: {
    type: "integer",
    description: "The fewest nodes the autoscaler keeps, 0 to scale to zero. Default: 0. Unit: nodes. Must not exceed `maxInstances`. Updates in place.",
    default: 0,
    "x-clarifai": { minimum: 0, maximum: 1000 },
  },
  maxInstances: {
    type: "integer",
    description: "The most nodes the autoscaler may run. Required. Unit: nodes. Must be at least `minInstances`. Updates in place.",
    "x-clarifai": { minimum: 0, maximum: 1000 },
  },
  capacity: {
    $ref: "#/types/clarifai:index:Capacity",
    description: "How nodes are bought: `onDemand` (default), `spot` (cheaper, may be reclaimed) or `spotWithFallback` (spot first, on-demand when spot is unavailable). Updates in place.",
    default: "onDemand",
  },
  visibility: visibility("nodepool"),
  metadata: {
    type: "object",
    additionalProperties: { $ref: "pulumi.json#/Any" },
    description: "Free-form JSON metadata stored with the nodepool. Default: none. Updates in place.",
  },
  adopt: adopt("nodepool"),
};

const deploymentInputs = {
  deploymentId: idProp("deployment"),
  description: description("deployment"),
  model: {
    $ref: "#/types/clarifai:index:ModelRef",
    description: "The model to serve (exactly one of `model` or `workflow`). Changing the version or the model updates in place.",
  },
  workflow: {
    $ref: "#/types/clarifai:index:WorkflowRef",
    description: "The workflow to serve (exactly one of `model` or `workflow`). Updates in place.",
  },
  nodepools: {
    type: "array",
    items: { type: "string" },
    description: "The nodepools to run on, as nodepool resource ids (`<computeClusterId>/<nodepoolId>`): pass `pool.id`. At least one. Updates in place.",
    "x-clarifai": { minItems: 1, maxItems: 16, uniqueItems: true, itemPattern: "^[A-Za-z0-9][A-Za-z0-9_-]*/[A-Za-z0-9][A-Za-z0-9_-]*$" },
  },
  autoscale: {
    $ref: "#/types/clarifai:index:Autoscale",
    description: "How the deployment scales. Default: 0 to 1 replicas. Updates in place.",
  },
  schedulingChoice: {
    $ref: "#/types/clarifai:index:SchedulingChoice",
    description: "How Clarifai picks among the nodepools. Default: `performance` (what Clarifai's SDK uses). Updates in place.",
    default: "performance",
  },
  visibility: visibility("deployment"),
  deployLatestVersion: {
    type: "boolean",
    description: "When true Clarifai moves the deployment to each new model version automatically. Default: false. Updates in place.",
    default: false,
  },
  waitForReady: {
    type: "boolean",
    description: "After create and update, wait until the deployment's replicas are running. Default: true. Not sent to Clarifai.",
    default: true,
    "x-clarifai": { noDiff: true },
  },
  readyTimeoutSeconds: {
    type: "integer",
    description: "How long to wait for readiness before failing (the deployment is kept in the state). Default: 1200. Unit: seconds. Not sent to Clarifai.",
    default: 1200,
    "x-clarifai": { minimum: 1, maximum: 86400, noDiff: true },
  },
  adopt: adopt("deployment"),
};

const outputsOf = (inputs, extra) => {
  const props = {};
  for (const [k, v] of Object.entries(inputs)) {
    const { replaceOnChanges: _r, default: _d, ...rest } = v;
    props[k] = rest;
  }
  return { ...props, ...extra };
};

const schema = {
  name: "clarifai",
  displayName: "Clarifai",
  version: require("../package.json").version,
  description: "Clarifai Compute Orchestration for Pulumi: compute clusters, nodepools and model deployments.",
  keywords: ["pulumi", "clarifai", "category/ai", "kind/native"],
  license: "Apache-2.0",
  meta: { moduleFormat: "(.*)" },
  config: {
    variables: {
      pat: { type: "string", secret: true, description: "Clarifai personal access token. Set with `pulumi config set --secret clarifai:pat ...`; falls back to the CLARIFAI_PAT environment variable." },
      userId: { type: "string", description: "The Clarifai user or organization id that owns the resources. Default: `me` (the PAT's owner); falls back to CLARIFAI_USER_ID." },
      apiBase: { type: "string", description: "The API base URL. Default: https://api.clarifai.com; falls back to CLARIFAI_API_BASE." },
    },
  },
  types: {
    "clarifai:index:Visibility": { type: "string", description: "Who can see an object.", enum: [{ value: "private", description: "Only you (wire value 10)." }, { value: "org", description: "Your organization (30)." }, { value: "public", description: "Everyone (50)." }] },
    "clarifai:index:ClusterType": { type: "string", description: "The kind of compute cluster.", enum: [{ value: "dedicated", description: "Nodepools you define, run by Clarifai or you." }, { value: "local-dev", description: "Runners you start yourself, e.g. `clarifai model local-runner`." }] },
    "clarifai:index:ManagedBy": { type: "string", description: "Who runs the cluster's infrastructure.", enum: [{ value: "clarifai" }, { value: "user" }] },
    "clarifai:index:Capacity": { type: "string", description: "How nodes are bought (the API's node_capacity_type).", enum: [{ value: "onDemand", description: "On-demand nodes only (capacity_types [1])." }, { value: "spot", description: "Spot nodes only (capacity_types [2])." }, { value: "spotWithFallback", description: "Spot first, on-demand when spot is unavailable (capacity_types [2, 1])." }] },
    "clarifai:index:SchedulingChoice": { type: "string", description: "How Clarifai chooses among a deployment's nodepools.", enum: ["fail", "random", "price", "performance", "network", "utilization", "preferSpot", "preferOndemand"].map((value) => ({ value })) },
    "clarifai:index:ModelRef": {
      type: "object",
      description: "A model version to deploy.",
      properties: {
        userId: { type: "string", description: "The model owner's user id, e.g. `meta`.", "x-clarifai": ID_RULE },
        appId: { type: "string", description: "The app holding the model.", "x-clarifai": ID_RULE },
        modelId: { type: "string", description: "The model id.", "x-clarifai": { pattern: "^[A-Za-z0-9][A-Za-z0-9_.-]*$", maxLength: 128 } },
        versionId: { type: "string", description: "The model version id. Required unless `deployLatestVersion` is true.", "x-clarifai": { pattern: "^[A-Za-z0-9]+$", maxLength: 64 } },
      },
      required: ["userId", "appId", "modelId"],
    },
    "clarifai:index:WorkflowRef": {
      type: "object",
      description: "A workflow version to deploy.",
      properties: {
        userId: { type: "string", description: "The workflow owner's user id.", "x-clarifai": ID_RULE },
        appId: { type: "string", description: "The app holding the workflow.", "x-clarifai": ID_RULE },
        workflowId: { type: "string", description: "The workflow id.", "x-clarifai": { pattern: "^[A-Za-z0-9][A-Za-z0-9_.-]*$", maxLength: 128 } },
        versionId: { type: "string", description: "The workflow version id.", "x-clarifai": { pattern: "^[A-Za-z0-9]+$", maxLength: 64 } },
      },
      required: ["userId", "appId", "workflowId"],
    },
    "clarifai:index:Autoscale": {
      type: "object",
      description: "Replica autoscaling of a deployment.",
      properties: {
        minReplicas: { type: "integer", description: "Fewest replicas, 0 to scale to zero. Default: 0. Unit: replicas.", default: 0, "x-clarifai": { minimum: 0, maximum: 1000 } },
        maxReplicas: { type: "integer", description: "Most replicas; at least `minReplicas`. Default: 1. Unit: replicas.", default: 1, "x-clarifai": { minimum: 1, maximum: 1000 } },
        trafficHistorySeconds: { type: "integer", description: "How much traffic history the autoscaler looks at. Default: Clarifai's. Unit: seconds.", "x-clarifai": { minimum: 0, maximum: 86400 } },
        scaleUpDelaySeconds: { type: "integer", description: "Delay before scaling up. Default: Clarifai's. Unit: seconds.", "x-clarifai": { minimum: 0, maximum: 86400 } },
        scaleDownDelaySeconds: { type: "integer", description: "Delay before scaling down. Default: Clarifai's. Unit: seconds.", "x-clarifai": { minimum: 0, maximum: 86400 } },
        scaleToZeroDelaySeconds: { type: "integer", description: "Idle time before scaling to zero. Default: Clarifai's. Unit: seconds.", "x-clarifai": { minimum: 0, maximum: 604800 } },
        disablePacking: { type: "boolean", description: "One replica per node when true. Default: false.", default: false },
      },
    },
    "clarifai:index:InstanceTypeInfo": {
      type: "object",
      description: "An instance type as Clarifai's catalogue describes it.",
      properties: {
        id: { type: "string", description: "Instance type id." },
        description: { type: "string", description: "Catalogue description." },
        cloudProvider: { type: "string", description: "Cloud provider id." },
        region: { type: "string", description: "Region." },
        price: { type: "string", description: "Catalogue price as a decimal string (unit not documented by Clarifai)." },
        cpuLimit: { type: "string", description: "CPU available, as a Kubernetes quantity (e.g. `7525m`)." },
        cpuMemory: { type: "string", description: "Memory, as a Kubernetes quantity (e.g. `29033Mi`)." },
        numAccelerators: { type: "integer", description: "Number of accelerators (0 for CPU-only)." },
        acceleratorType: { type: "array", items: { type: "string" }, description: "Accelerator types, e.g. `NVIDIA-A10G`." },
        acceleratorMemory: { type: "string", description: "Memory per accelerator, as a Kubernetes quantity." },
      },
    },
  },
  resources: {
    "clarifai:index:ComputeCluster": {
      description: "A Clarifai compute cluster: a cloud provider and region in which nodepools run. Its Pulumi id is the Clarifai compute cluster id. Type token: `pulumi-nodejs:dynamic/clarifai:ComputeCluster`.",
      inputProperties: clusterInputs,
      requiredInputs: ["cloudProvider", "region"],
      properties: outputsOf(clusterInputs, {
        userId: { type: "string", description: "The owning user or organization. Output only." },
        cloudProviderName: { type: "string", description: "The provider's display name as Clarifai returns it. Output only." },
        ...timestamps,
      }),
      required: ["computeClusterId", "cloudProvider", "region", "clusterType", "managedBy", "visibility"],
    },
    "clarifai:index:Nodepool": {
      description: "A Clarifai nodepool: an autoscaling group of one instance type family inside a compute cluster. Its Pulumi id is `<computeClusterId>/<nodepoolId>`. Type token: `pulumi-nodejs:dynamic/clarifai:Nodepool`.",
      inputProperties: nodepoolInputs,
      requiredInputs: ["computeClusterId", "instanceTypes", "maxInstances"],
      properties: outputsOf(nodepoolInputs, {
        instanceTypeDetails: { type: "array", items: { $ref: "#/types/clarifai:index:InstanceTypeInfo" }, description: "Catalogue details (CPU, memory, accelerators, price) of each instance type. Output only." },
        enforcedMinInstances: { type: "integer", description: "The minimum Clarifai actually enforces (plan limits). Output only." },
        enforcedMaxInstances: { type: "integer", description: "The maximum Clarifai actually enforces (plan limits). Output only." },
        ...timestamps,
      }),
      required: ["computeClusterId", "nodepoolId", "instanceTypes", "minInstances", "maxInstances", "capacity", "visibility"],
    },
    "clarifai:index:Deployment": {
      description: "A Clarifai deployment: a model or workflow served on one or more nodepools with replica autoscaling. Its Pulumi id is the deployment id. Type token: `pulumi-nodejs:dynamic/clarifai:Deployment`.",
      inputProperties: deploymentInputs,
      requiredInputs: ["nodepools"],
      properties: outputsOf(deploymentInputs, {
        userId: { type: "string", description: "The owning user or organization. Output only." },
        ready: { type: "boolean", description: "Whether every replica the deployment asks for was running when Pulumi last looked. Output only." },
        ...timestamps,
      }),
      required: ["deploymentId", "nodepools", "schedulingChoice", "visibility"],
    },
  },
  language: { nodejs: { packageName: "pulumi-clarifai", respectSchemaVersion: true } },
};

const out = JSON.stringify(schema, null, 2) + "\n";
if (process.argv.includes("--check")) {
  const current = fs.readFileSync(path.join(__dirname, "..", "schema.json"), "utf8");
  if (current !== out) {
    console.error("schema.json is stale: run `node scripts/schema-src.js`");
    process.exit(1);
  }
} else {
  fs.writeFileSync(path.join(__dirname, "..", "schema.json"), out);
}
