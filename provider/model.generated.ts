// Generated from schema.json by scripts/gen-model.js. Do not edit by hand: edit schema.json, then run `npm run gen`.

/** The resource kinds, in schema.json's order. */
export const resourceKinds = ["ComputeCluster", "Nodepool", "Deployment"] as const;
export type ResourceKind = (typeof resourceKinds)[number];

/** Who can see an object. */
export type Visibility = "private" | "org" | "public";

/** The kind of compute cluster. */
export type ClusterType = "dedicated" | "local-dev";

/** Who runs the cluster's infrastructure. */
export type ManagedBy = "clarifai" | "user";

/** How nodes are bought (the API's node_capacity_type). */
export type Capacity = "onDemand" | "spot" | "spotWithFallback";

/** How Clarifai chooses among a deployment's nodepools. */
export type SchedulingChoice = "fail" | "random" | "price" | "performance" | "network" | "utilization" | "preferSpot" | "preferOndemand";

/** A model version to deploy. */
export interface ModelRef {
  /** The model owner's user id, e.g. `meta`. */
  userId: string;
  /** The app holding the model. */
  appId: string;
  /** The model id. */
  modelId: string;
  /** The model version id. Required unless `deployLatestVersion` is true. */
  versionId?: string;
}

/** A workflow version to deploy. */
export interface WorkflowRef {
  /** The workflow owner's user id. */
  userId: string;
  /** The app holding the workflow. */
  appId: string;
  /** The workflow id. */
  workflowId: string;
  /** The workflow version id. */
  versionId?: string;
}

/** Replica autoscaling of a deployment. */
export interface Autoscale {
  /** Fewest replicas, 0 to scale to zero. Default: 0. Unit: replicas. */
  minReplicas?: number;
  /** Most replicas; at least `minReplicas`. Default: 1. Unit: replicas. */
  maxReplicas?: number;
  /**
   * Replicas kept running above `minReplicas` while capacity allows; the autoscaler may reclaim them (API
   * 12.x `soft_min_replicas`). Clarifai starts `minReplicas + softMinReplicas` replicas (at most
   * `maxReplicas`). Default: not set (0). Unit: replicas.
   */
  softMinReplicas?: number;
  /** How much traffic history the autoscaler looks at. Default: Clarifai's. Unit: seconds. */
  trafficHistorySeconds?: number;
  /** Delay before scaling up. Default: Clarifai's. Unit: seconds. */
  scaleUpDelaySeconds?: number;
  /** Delay before scaling down. Default: Clarifai's. Unit: seconds. */
  scaleDownDelaySeconds?: number;
  /** Idle time before scaling to zero. Default: Clarifai's. Unit: seconds. */
  scaleToZeroDelaySeconds?: number;
  /** One replica per node when true. Default: false. */
  disablePacking?: boolean;
}

/** An instance type as Clarifai's catalogue describes it. */
export interface InstanceTypeInfo {
  /** Instance type id. */
  id: string;
  /** Catalogue description. */
  description?: string;
  /** Cloud provider id. */
  cloudProvider?: string;
  /** Region. */
  region?: string;
  /** Catalogue price as a decimal string (unit not documented by Clarifai). */
  price?: string;
  /** CPU available, as a Kubernetes quantity (e.g. `7525m`). */
  cpuLimit?: string;
  /** Memory, as a Kubernetes quantity (e.g. `29033Mi`). */
  cpuMemory?: string;
  /** Number of accelerators (0 for CPU-only). */
  numAccelerators: number;
  /** Accelerator types, e.g. `NVIDIA-A10G`. */
  acceleratorType: string[];
  /** Memory per accelerator, as a Kubernetes quantity. */
  acceleratorMemory?: string;
}

/** A cloud provider Clarifai runs compute on (result of getCloudProviders). */
export interface CloudProviderInfo {
  /** The id to use as a cluster's `cloudProvider`, e.g. `aws`. */
  id: string;
  /** Display name, when Clarifai sends one. */
  name?: string;
}

/** One catalogue entry of getInstanceTypes, with its quantities parsed. */
export interface InstanceTypeResult {
  /** The instance type id, e.g. `g5.xlarge`. */
  id: string;
  /** Clarifai's description. */
  description?: string;
  /** The provider it is offered by. */
  cloudProvider?: string;
  /** The region it is offered in. */
  region?: string;
  /** Catalogue price as a decimal string (Clarifai does not document the unit). */
  price?: string;
  /** CPU, as a Kubernetes quantity such as `7525m`. */
  cpuLimit?: string;
  /** Allocatable CPU. Unit: cores. */
  cpus?: number;
  /** Memory, as a Kubernetes quantity such as `29033Mi`. */
  cpuMemory?: string;
  /** Allocatable memory. Unit: GiB. */
  cpuMemoryGiB?: number;
  /** Accelerators per node (0 for CPU-only types). */
  numAccelerators: number;
  /** Accelerator types, e.g. `NVIDIA-A10G`. */
  acceleratorType: string[];
  /** Memory per accelerator, as a Kubernetes quantity. */
  acceleratorMemory?: string;
  /** Memory per accelerator. Unit: GiB. */
  acceleratorMemoryGiB?: number;
  /** How nodes of this type can be bought: `onDemand`, `spot`. */
  allowedCapacity: string[];
}

/** The inputs of a ComputeCluster after `check`: schema defaults applied, the id generated when omitted. */
export interface ComputeClusterInputs {
  /**
   * The Clarifai compute cluster id: 1 to 48 letters, digits, '-' or '_', starting with a letter or digit.
   * Optional: when omitted it is generated once from the resource's logical name plus a random suffix and
   * stays stable afterwards. Changing it replaces the resource.
   */
  computeClusterId: string;
  /** A human-readable description of the compute cluster. Default: empty. Updates in place. */
  description: string;
  /**
   * The cloud provider the cluster runs in, as Clarifai names it (`aws`, `gcp`, `azure`, `vultr`,
   * `oracle`, ...; see `getCloudProviders()`). Required. Changing it replaces the cluster.
   */
  cloudProvider: string;
  /**
   * The provider's region, e.g. `us-east-1` (see `getRegions()`). Required. Changing it replaces the
   * cluster.
   */
  region: string;
  /**
   * `dedicated` (default: nodepools you define) or `local-dev` (runners you start yourself). Changing it
   * replaces the cluster.
   */
  clusterType: ClusterType;
  /**
   * Who runs the infrastructure: `clarifai` (default) or `user` (bring your own). Changing it replaces the
   * cluster.
   */
  managedBy: ManagedBy;
  /** Who can see the cluster: `private` (default), `org` or `public`. Updates in place. */
  visibility: Visibility;
  /**
   * The Clarifai personal access token the cluster itself uses to call the API. Secret. Default: the PAT
   * this provider authenticates with (as the official SDK does); that default is sent to Clarifai but
   * never written to the Pulumi state. Clarifai returns it masked, so drift in it cannot be detected.
   * Updates in place.
   */
  key?: string;
  /**
   * When true and a compute cluster with this id already exists in the account, Pulumi takes it over
   * instead of failing, provided its immutable fields match the program; its mutable fields are then set
   * to the program's values. Default: false. Has no effect after creation.
   */
  adopt: boolean;
}

/** The outputs (state) of a ComputeCluster. */
export interface ComputeClusterOutputs {
  /**
   * The Clarifai compute cluster id: 1 to 48 letters, digits, '-' or '_', starting with a letter or digit.
   * Optional: when omitted it is generated once from the resource's logical name plus a random suffix and
   * stays stable afterwards. Changing it replaces the resource.
   */
  computeClusterId: string;
  /** A human-readable description of the compute cluster. Default: empty. Updates in place. */
  description: string;
  /**
   * The cloud provider the cluster runs in, as Clarifai names it (`aws`, `gcp`, `azure`, `vultr`,
   * `oracle`, ...; see `getCloudProviders()`). Required. Changing it replaces the cluster.
   */
  cloudProvider: string;
  /**
   * The provider's region, e.g. `us-east-1` (see `getRegions()`). Required. Changing it replaces the
   * cluster.
   */
  region: string;
  /**
   * `dedicated` (default: nodepools you define) or `local-dev` (runners you start yourself). Changing it
   * replaces the cluster.
   */
  clusterType: ClusterType;
  /**
   * Who runs the infrastructure: `clarifai` (default) or `user` (bring your own). Changing it replaces the
   * cluster.
   */
  managedBy: ManagedBy;
  /** Who can see the cluster: `private` (default), `org` or `public`. Updates in place. */
  visibility: Visibility;
  /**
   * The Clarifai personal access token the cluster itself uses to call the API. Secret. Default: the PAT
   * this provider authenticates with (as the official SDK does); that default is sent to Clarifai but
   * never written to the Pulumi state. Clarifai returns it masked, so drift in it cannot be detected.
   * Updates in place.
   */
  key?: string;
  /**
   * When true and a compute cluster with this id already exists in the account, Pulumi takes it over
   * instead of failing, provided its immutable fields match the program; its mutable fields are then set
   * to the program's values. Default: false. Has no effect after creation.
   */
  adopt?: boolean;
  /** The owning user or organization. Output only. */
  userId?: string;
  /** The provider's display name as Clarifai returns it. Output only. */
  cloudProviderName?: string;
  /** When Clarifai created the object (RFC 3339). Output only. */
  createdAt?: string;
  /** When Clarifai last modified the object (RFC 3339). Output only. */
  modifiedAt?: string;
}

/** The inputs of a Nodepool after `check`: schema defaults applied, the id generated when omitted. */
export interface NodepoolInputs {
  /**
   * The id of the compute cluster the nodepool belongs to: pass `cluster.id` so Pulumi creates the cluster
   * first and deletes it last. Required. Changing it replaces the nodepool.
   */
  computeClusterId: string;
  /**
   * The Clarifai nodepool id: 1 to 48 letters, digits, '-' or '_', starting with a letter or digit.
   * Optional: when omitted it is generated once from the resource's logical name plus a random suffix and
   * stays stable afterwards, and a replacement (new `instanceTypes`) creates the new nodepool before
   * deleting the old one, moving deployments across without downtime. A fixed id makes every replacement
   * delete first, replacing the deployments on it along. Changing it replaces the resource.
   */
  nodepoolId: string;
  /** A human-readable description of the nodepool. Default: empty. Updates in place. */
  description: string;
  /**
   * The instance type ids the nodepool's nodes use, e.g. `["g5.xlarge"]` (see `getInstanceTypes()`); at
   * least one. Their compute info comes back in `instanceTypeDetails`. Required. Changing them replaces
   * the nodepool. Under a live deployment, leave `nodepoolId` unset for a zero-downtime change: the new
   * nodepool is created, the deployment moved to it and awaited, and only then the old one deleted. With a
   * fixed `nodepoolId` the old nodepool must go first, and the deployments on it are replaced along (they
   * stop serving until re-created).
   */
  instanceTypes: string[];
  /**
   * The fewest nodes the autoscaler keeps, 0 to scale to zero. Default: 0. Unit: nodes. Must not exceed
   * `maxInstances`. Updates in place.
   */
  minInstances: number;
  /**
   * The most nodes the autoscaler may run: at least 1 (Clarifai refuses 0) and at least `minInstances`.
   * Required. Unit: nodes. Updates in place.
   */
  maxInstances: number;
  /**
   * Nodes Clarifai keeps started ahead of demand, so a scale-up does not wait for a node to boot (API 12.x
   * `warm_instances`). At most `maxInstances`. Default: not set (Clarifai's default, no warm nodes). Unit:
   * nodes. Updates in place.
   */
  warmInstances?: number;
  /**
   * How nodes are bought: `onDemand` (default), `spot` (cheaper, may be reclaimed) or `spotWithFallback`
   * (spot first, on-demand when spot is unavailable). Updates in place.
   */
  capacity: Capacity;
  /** Who can see the nodepool: `private` (default), `org` or `public`. Updates in place. */
  visibility: Visibility;
  /** Free-form JSON metadata stored with the nodepool. Default: none. Updates in place. */
  metadata?: Record<string, unknown>;
  /**
   * When true and a nodepool with this id already exists in the account, Pulumi takes it over instead of
   * failing, provided its immutable fields match the program; its mutable fields are then set to the
   * program's values. Default: false. Has no effect after creation.
   */
  adopt: boolean;
}

/** The outputs (state) of a Nodepool. */
export interface NodepoolOutputs {
  /**
   * The id of the compute cluster the nodepool belongs to: pass `cluster.id` so Pulumi creates the cluster
   * first and deletes it last. Required. Changing it replaces the nodepool.
   */
  computeClusterId: string;
  /**
   * The Clarifai nodepool id: 1 to 48 letters, digits, '-' or '_', starting with a letter or digit.
   * Optional: when omitted it is generated once from the resource's logical name plus a random suffix and
   * stays stable afterwards, and a replacement (new `instanceTypes`) creates the new nodepool before
   * deleting the old one, moving deployments across without downtime. A fixed id makes every replacement
   * delete first, replacing the deployments on it along. Changing it replaces the resource.
   */
  nodepoolId: string;
  /** A human-readable description of the nodepool. Default: empty. Updates in place. */
  description: string;
  /**
   * The instance type ids the nodepool's nodes use, e.g. `["g5.xlarge"]` (see `getInstanceTypes()`); at
   * least one. Their compute info comes back in `instanceTypeDetails`. Required. Changing them replaces
   * the nodepool. Under a live deployment, leave `nodepoolId` unset for a zero-downtime change: the new
   * nodepool is created, the deployment moved to it and awaited, and only then the old one deleted. With a
   * fixed `nodepoolId` the old nodepool must go first, and the deployments on it are replaced along (they
   * stop serving until re-created).
   */
  instanceTypes: string[];
  /**
   * The fewest nodes the autoscaler keeps, 0 to scale to zero. Default: 0. Unit: nodes. Must not exceed
   * `maxInstances`. Updates in place.
   */
  minInstances: number;
  /**
   * The most nodes the autoscaler may run: at least 1 (Clarifai refuses 0) and at least `minInstances`.
   * Required. Unit: nodes. Updates in place.
   */
  maxInstances: number;
  /**
   * Nodes Clarifai keeps started ahead of demand, so a scale-up does not wait for a node to boot (API 12.x
   * `warm_instances`). At most `maxInstances`. Default: not set (Clarifai's default, no warm nodes). Unit:
   * nodes. Updates in place.
   */
  warmInstances?: number;
  /**
   * How nodes are bought: `onDemand` (default), `spot` (cheaper, may be reclaimed) or `spotWithFallback`
   * (spot first, on-demand when spot is unavailable). Updates in place.
   */
  capacity: Capacity;
  /** Who can see the nodepool: `private` (default), `org` or `public`. Updates in place. */
  visibility: Visibility;
  /** Free-form JSON metadata stored with the nodepool. Default: none. Updates in place. */
  metadata?: Record<string, unknown>;
  /**
   * When true and a nodepool with this id already exists in the account, Pulumi takes it over instead of
   * failing, provided its immutable fields match the program; its mutable fields are then set to the
   * program's values. Default: false. Has no effect after creation.
   */
  adopt?: boolean;
  /** Catalogue details (CPU, memory, accelerators, price) of each instance type. Output only. */
  instanceTypeDetails: InstanceTypeInfo[];
  /** The minimum Clarifai actually enforces (plan limits). Output only. */
  enforcedMinInstances: number;
  /** The maximum Clarifai actually enforces (plan limits). Output only. */
  enforcedMaxInstances: number;
  /**
   * What Clarifai reports about the nodepool's nodes (API 12.x `Nodepool.status`): `pending`, `ready`,
   * `error`, `deleted`, or `unknown` when the server reports none. Output only; refreshed by `pulumi
   * refresh`.
   */
  status?: string;
  /**
   * Why the nodepool is in its status, e.g. the cause of `error` (API 12.x `status_description`). Output
   * only.
   */
  statusDescription?: string;
  /** Nodes running now (API 12.x `node_count`). Output only. Unit: nodes. */
  nodeCount?: number;
  /** When Clarifai created the object (RFC 3339). Output only. */
  createdAt?: string;
  /** When Clarifai last modified the object (RFC 3339). Output only. */
  modifiedAt?: string;
}

/** The inputs of a Deployment after `check`: schema defaults applied, the id generated when omitted. */
export interface DeploymentInputs {
  /**
   * The Clarifai deployment id: 1 to 48 letters, digits, '-' or '_', starting with a letter or digit.
   * Optional: when omitted it is generated once from the resource's logical name plus a random suffix and
   * stays stable afterwards. Changing it replaces the resource.
   */
  deploymentId: string;
  /** A human-readable description of the deployment. Default: empty. Updates in place. */
  description: string;
  /**
   * The model to serve (exactly one of `model` or `workflow`). Changing the version or the model updates
   * in place.
   */
  model?: ModelRef;
  /** The workflow to serve (exactly one of `model` or `workflow`). Updates in place. */
  workflow?: WorkflowRef;
  /**
   * The nodepools to run on, as nodepool resource ids (`<computeClusterId>/<nodepoolId>`): pass `pool.id`.
   * At least one. Updates in place: moving to another nodepool is one PATCH, and `up` waits until the
   * deployment is ready there before a nodepool it left is deleted. When a nodepool it runs on is replaced
   * with its id kept (a fixed `nodepoolId`, or its cluster replaced with a fixed `computeClusterId`),
   * Clarifai deletes the deployment with the old nodepool, so Pulumi replaces the deployment along
   * (deleted before, re-created after; the preview shows it); omit `nodepoolId` for the zero-downtime
   * path.
   */
  nodepools: string[];
  /**
   * Scheduling priority of each entry of `nodepools`, in the same order: 0 to 9 (API 12.x
   * `deployment_nodepools[].priority`; Clarifai does not document which end is preferred). Default: not
   * set (every nodepool 0, sent as plain `nodepools`). Updates in place.
   */
  nodepoolPriorities?: number[];
  /** How the deployment scales. Default: 0 to 1 replicas. Updates in place. */
  autoscale?: Autoscale;
  /**
   * How Clarifai picks among the nodepools. Default: `performance` (what Clarifai's SDK uses). Updates in
   * place.
   */
  schedulingChoice: SchedulingChoice;
  /** Who can see the deployment: `private` (default), `org` or `public`. Updates in place. */
  visibility: Visibility;
  /**
   * When true Clarifai moves the deployment to each new model version automatically. Default: false.
   * Updates in place.
   */
  deployLatestVersion: boolean;
  /**
   * When true a new model version is rolled out without taking down the old replicas until the new ones
   * serve (API 12.x `graceful_deploy`). Default: false. Updates in place.
   */
  gracefulDeploy: boolean;
  /**
   * After create and update, wait until the deployment serves the declared version with the replicas the
   * orchestrator asks for (see `ready`); fails fast when Clarifai reports a nodepool or replica error.
   * Default: true. Not sent to Clarifai.
   */
  waitForReady: boolean;
  /**
   * How long to wait for readiness before failing (the deployment is kept in the state). Default: 1200.
   * Unit: seconds. Not sent to Clarifai.
   */
  readyTimeoutSeconds: number;
  /**
   * When true and a deployment with this id already exists in the account, Pulumi takes it over instead of
   * failing, provided its immutable fields match the program; its mutable fields are then set to the
   * program's values. Default: false. Has no effect after creation.
   */
  adopt: boolean;
}

/** The outputs (state) of a Deployment. */
export interface DeploymentOutputs {
  /**
   * The Clarifai deployment id: 1 to 48 letters, digits, '-' or '_', starting with a letter or digit.
   * Optional: when omitted it is generated once from the resource's logical name plus a random suffix and
   * stays stable afterwards. Changing it replaces the resource.
   */
  deploymentId: string;
  /** A human-readable description of the deployment. Default: empty. Updates in place. */
  description: string;
  /**
   * The model to serve (exactly one of `model` or `workflow`). Changing the version or the model updates
   * in place.
   */
  model?: ModelRef;
  /** The workflow to serve (exactly one of `model` or `workflow`). Updates in place. */
  workflow?: WorkflowRef;
  /**
   * The nodepools to run on, as nodepool resource ids (`<computeClusterId>/<nodepoolId>`): pass `pool.id`.
   * At least one. Updates in place: moving to another nodepool is one PATCH, and `up` waits until the
   * deployment is ready there before a nodepool it left is deleted. When a nodepool it runs on is replaced
   * with its id kept (a fixed `nodepoolId`, or its cluster replaced with a fixed `computeClusterId`),
   * Clarifai deletes the deployment with the old nodepool, so Pulumi replaces the deployment along
   * (deleted before, re-created after; the preview shows it); omit `nodepoolId` for the zero-downtime
   * path.
   */
  nodepools: string[];
  /**
   * Scheduling priority of each entry of `nodepools`, in the same order: 0 to 9 (API 12.x
   * `deployment_nodepools[].priority`; Clarifai does not document which end is preferred). Default: not
   * set (every nodepool 0, sent as plain `nodepools`). Updates in place.
   */
  nodepoolPriorities?: number[];
  /** How the deployment scales. Default: 0 to 1 replicas. Updates in place. */
  autoscale?: Autoscale;
  /**
   * How Clarifai picks among the nodepools. Default: `performance` (what Clarifai's SDK uses). Updates in
   * place.
   */
  schedulingChoice: SchedulingChoice;
  /** Who can see the deployment: `private` (default), `org` or `public`. Updates in place. */
  visibility: Visibility;
  /**
   * When true Clarifai moves the deployment to each new model version automatically. Default: false.
   * Updates in place.
   */
  deployLatestVersion: boolean;
  /**
   * When true a new model version is rolled out without taking down the old replicas until the new ones
   * serve (API 12.x `graceful_deploy`). Default: false. Updates in place.
   */
  gracefulDeploy?: boolean;
  /**
   * After create and update, wait until the deployment serves the declared version with the replicas the
   * orchestrator asks for (see `ready`); fails fast when Clarifai reports a nodepool or replica error.
   * Default: true. Not sent to Clarifai.
   */
  waitForReady?: boolean;
  /**
   * How long to wait for readiness before failing (the deployment is kept in the state). Default: 1200.
   * Unit: seconds. Not sent to Clarifai.
   */
  readyTimeoutSeconds?: number;
  /**
   * When true and a deployment with this id already exists in the account, Pulumi takes it over instead of
   * failing, provided its immutable fields match the program; its mutable fields are then set to the
   * program's values. Default: false. Has no effect after creation.
   */
  adopt?: boolean;
  /** The owning user or organization. Output only. */
  userId?: string;
  /**
   * Whether the deployment was serving what it was asked to when Pulumi last created or updated it: no
   * rollout in progress, the served version is the declared one, and live replicas reached the desired
   * replicas (API 12.x `deployment_metrics`; a scale-to-zero deployment with 0 desired replicas is ready
   * at once). A refresh keeps the value (it reads the deployment only). Output only.
   */
  ready?: boolean;
  /**
   * The model (or workflow) version the deployment serves now, as Clarifai reports it (API 12.x `worker`,
   * observed). It differs from the declared version while a rollout runs or when someone changed the
   * deployment outside Pulumi; `pulumi refresh` then shows the drift. Output only.
   */
  servedVersionId?: string;
  /**
   * Replicas the orchestrator asks for, summed over the nodepools (API 12.x `deployment_metrics`); 0 for a
   * scale-to-zero deployment without traffic. Output only. Unit: replicas.
   */
  desiredReplicas?: number;
  /**
   * Replicas serving now, summed over the nodepools (API 12.x `deployment_metrics`). Output only. Unit:
   * replicas.
   */
  liveReplicas?: number;
  /** When Clarifai created the object (RFC 3339). Output only. */
  createdAt?: string;
  /** When Clarifai last modified the object (RFC 3339). Output only. */
  modifiedAt?: string;
}

/** Each kind's checked inputs. */
export interface InputsOf {
  ComputeCluster: ComputeClusterInputs;
  Nodepool: NodepoolInputs;
  Deployment: DeploymentInputs;
}

/** Each kind's outputs. */
export interface OutputsOf {
  ComputeCluster: ComputeClusterOutputs;
  Nodepool: NodepoolOutputs;
  Deployment: DeploymentOutputs;
}

/** Result of getCloudProviders. */
export interface GetCloudProvidersResult {
  /** The providers. */
  cloudProviders: CloudProviderInfo[];
}

/** Arguments of getRegions: The regions Clarifai offers for a cloud provider. */
export interface GetRegionsArgs {
  /** The provider, e.g. `aws`. */
  cloudProvider: string;
}

/** Result of getRegions. */
export interface GetRegionsResult {
  /** Region ids, e.g. `us-east-1`. */
  regions: string[];
}

/**
 * Arguments of getInstanceTypes: The instance types offered in a provider's region, narrowed by the
 * filters (every given filter must hold), in catalogue order.
 */
export interface GetInstanceTypesArgs {
  /** The provider, e.g. `aws`. */
  cloudProvider: string;
  /** The region, e.g. `us-east-1`. */
  region: string;
  /**
   * Accelerator type, matched case-insensitively as a whole or as the part after the vendor: `NVIDIA-A10G`
   * or `a10g`.
   */
  acceleratorType?: string;
  /** At least this many accelerators per node. */
  minAccelerators?: number;
  /** At least this much memory per accelerator. Unit: GiB. */
  minAcceleratorMemoryGiB?: number;
  /** At least this much allocatable CPU memory per node. Unit: GiB. */
  minCpuMemoryGiB?: number;
  /** Only types that can be bought this way: `onDemand` or `spot`. */
  capacity?: string;
}

/** Result of getInstanceTypes. */
export interface GetInstanceTypesResult {
  /** The matching instance types. */
  instanceTypes: InstanceTypeResult[];
}
