// Generated from schema.json by scripts/gen-model.js. Do not edit by hand: edit schema.json, then run `npm run gen`.
// The public Args and outputs of each resource class; the classes (sdk/<kind>.ts) merge the outputs in.
import type * as pulumi from "@pulumi/pulumi";
import type { Visibility, ClusterType, ManagedBy, Capacity, SchedulingChoice, ModelRef, WorkflowRef, Autoscale, InstanceTypeInfo, CloudProviderInfo, InstanceTypeResult } from "../provider/model.generated";

export type { Visibility, ClusterType, ManagedBy, Capacity, SchedulingChoice, ModelRef, WorkflowRef, Autoscale, InstanceTypeInfo, CloudProviderInfo, InstanceTypeResult };

/** A model version to deploy. (as an input: each field may be an Output). */
export interface ModelRefArgs {
  /** The model owner's user id, e.g. `meta`. */
  userId: pulumi.Input<string>;
  /** The app holding the model. */
  appId: pulumi.Input<string>;
  /** The model id. */
  modelId: pulumi.Input<string>;
  /** The model version id. Required unless `deployLatestVersion` is true. */
  versionId?: pulumi.Input<string>;
}

/** A workflow version to deploy. (as an input: each field may be an Output). */
export interface WorkflowRefArgs {
  /** The workflow owner's user id. */
  userId: pulumi.Input<string>;
  /** The app holding the workflow. */
  appId: pulumi.Input<string>;
  /** The workflow id. */
  workflowId: pulumi.Input<string>;
  /** The workflow version id. */
  versionId?: pulumi.Input<string>;
}

/** Replica autoscaling of a deployment. (as an input: each field may be an Output). */
export interface AutoscaleArgs {
  /** Fewest replicas, 0 to scale to zero. Default: 0. Unit: replicas. */
  minReplicas?: pulumi.Input<number>;
  /** Most replicas; at least `minReplicas`. Default: 1. Unit: replicas. */
  maxReplicas?: pulumi.Input<number>;
  /**
   * Replicas kept running above `minReplicas` while capacity allows; the autoscaler may reclaim them (API
   * 12.x `soft_min_replicas`). Clarifai starts `minReplicas + softMinReplicas` replicas (at most
   * `maxReplicas`). Default: not set (0). Unit: replicas.
   */
  softMinReplicas?: pulumi.Input<number>;
  /** How much traffic history the autoscaler looks at. Default: Clarifai's. Unit: seconds. */
  trafficHistorySeconds?: pulumi.Input<number>;
  /** Delay before scaling up. Default: Clarifai's. Unit: seconds. */
  scaleUpDelaySeconds?: pulumi.Input<number>;
  /** Delay before scaling down. Default: Clarifai's. Unit: seconds. */
  scaleDownDelaySeconds?: pulumi.Input<number>;
  /** Idle time before scaling to zero. Default: Clarifai's. Unit: seconds. */
  scaleToZeroDelaySeconds?: pulumi.Input<number>;
  /** One replica per node when true. Default: false. */
  disablePacking?: pulumi.Input<boolean>;
}

/**
 * Arguments of a {@link ComputeCluster}. A Clarifai compute cluster: a cloud provider and region in which
 * nodepools run. Its Pulumi id is the Clarifai compute cluster id. Type token:
 * `pulumi-nodejs:dynamic/clarifai:ComputeCluster`.
 */
export interface ComputeClusterArgs {
  /**
   * The Clarifai compute cluster id: 1 to 48 letters, digits, '-' or '_', starting with a letter or digit.
   * Optional: when omitted it is generated once from the resource's logical name plus a random suffix and
   * stays stable afterwards. Changing it replaces the resource.
   */
  computeClusterId?: pulumi.Input<string>;
  /** A human-readable description of the compute cluster. Default: empty. Updates in place. */
  description?: pulumi.Input<string>;
  /**
   * The cloud provider the cluster runs in, as Clarifai names it (`aws`, `gcp`, `azure`, `vultr`,
   * `oracle`, ...; see `getCloudProviders()`). Required. Changing it replaces the cluster.
   */
  cloudProvider: pulumi.Input<string>;
  /**
   * The provider's region, e.g. `us-east-1` (see `getRegions()`). Required. Changing it replaces the
   * cluster.
   */
  region: pulumi.Input<string>;
  /**
   * `dedicated` (default: nodepools you define) or `local-dev` (runners you start yourself). Changing it
   * replaces the cluster.
   */
  clusterType?: pulumi.Input<ClusterType>;
  /**
   * Who runs the infrastructure: `clarifai` (default) or `user` (bring your own). Changing it replaces the
   * cluster.
   */
  managedBy?: pulumi.Input<ManagedBy>;
  /** Who can see the cluster: `private` (default), `org` or `public`. Updates in place. */
  visibility?: pulumi.Input<Visibility>;
  /**
   * The Clarifai personal access token the cluster itself uses to call the API. Secret. Default: the PAT
   * this provider authenticates with (as the official SDK does); that default is sent to Clarifai but
   * never written to the Pulumi state. Clarifai returns it masked, so drift in it cannot be detected.
   * Updates in place.
   */
  key?: pulumi.Input<string>;
  /**
   * When true and a compute cluster with this id already exists in the account, Pulumi takes it over
   * instead of failing, provided its immutable fields match the program; its mutable fields are then set
   * to the program's values. Default: false. Has no effect after creation.
   */
  adopt?: pulumi.Input<boolean>;
}

/** The outputs of a ComputeCluster, as the resource class exposes them. */
export interface ComputeClusterOutputs {
  /**
   * The Clarifai compute cluster id: 1 to 48 letters, digits, '-' or '_', starting with a letter or digit.
   * Optional: when omitted it is generated once from the resource's logical name plus a random suffix and
   * stays stable afterwards. Changing it replaces the resource.
   */
  readonly computeClusterId: pulumi.Output<string>;
  /** A human-readable description of the compute cluster. Default: empty. Updates in place. */
  readonly description: pulumi.Output<string>;
  /**
   * The cloud provider the cluster runs in, as Clarifai names it (`aws`, `gcp`, `azure`, `vultr`,
   * `oracle`, ...; see `getCloudProviders()`). Required. Changing it replaces the cluster.
   */
  readonly cloudProvider: pulumi.Output<string>;
  /**
   * The provider's region, e.g. `us-east-1` (see `getRegions()`). Required. Changing it replaces the
   * cluster.
   */
  readonly region: pulumi.Output<string>;
  /**
   * `dedicated` (default: nodepools you define) or `local-dev` (runners you start yourself). Changing it
   * replaces the cluster.
   */
  readonly clusterType: pulumi.Output<ClusterType>;
  /**
   * Who runs the infrastructure: `clarifai` (default) or `user` (bring your own). Changing it replaces the
   * cluster.
   */
  readonly managedBy: pulumi.Output<ManagedBy>;
  /** Who can see the cluster: `private` (default), `org` or `public`. Updates in place. */
  readonly visibility: pulumi.Output<Visibility>;
  /**
   * The Clarifai personal access token the cluster itself uses to call the API. Secret. Default: the PAT
   * this provider authenticates with (as the official SDK does); that default is sent to Clarifai but
   * never written to the Pulumi state. Clarifai returns it masked, so drift in it cannot be detected.
   * Updates in place.
   */
  readonly key: pulumi.Output<string | undefined>;
  /**
   * When true and a compute cluster with this id already exists in the account, Pulumi takes it over
   * instead of failing, provided its immutable fields match the program; its mutable fields are then set
   * to the program's values. Default: false. Has no effect after creation.
   */
  readonly adopt: pulumi.Output<boolean | undefined>;
  /** The owning user or organization. Output only. */
  readonly userId: pulumi.Output<string | undefined>;
  /** The provider's display name as Clarifai returns it. Output only. */
  readonly cloudProviderName: pulumi.Output<string | undefined>;
  /** When Clarifai created the object (RFC 3339). Output only. */
  readonly createdAt: pulumi.Output<string | undefined>;
  /** When Clarifai last modified the object (RFC 3339). Output only. */
  readonly modifiedAt: pulumi.Output<string | undefined>;
}

/**
 * Arguments of a {@link Nodepool}. A Clarifai nodepool: an autoscaling group of one instance type family
 * inside a compute cluster. Its Pulumi id is `<computeClusterId>/<nodepoolId>`. Type token:
 * `pulumi-nodejs:dynamic/clarifai:Nodepool`.
 */
export interface NodepoolArgs {
  /**
   * The id of the compute cluster the nodepool belongs to: pass `cluster.id` so Pulumi creates the cluster
   * first and deletes it last. Required. Changing it replaces the nodepool.
   */
  computeClusterId: pulumi.Input<string>;
  /**
   * The Clarifai nodepool id: 1 to 48 letters, digits, '-' or '_', starting with a letter or digit.
   * Optional: when omitted it is generated once from the resource's logical name plus a random suffix and
   * stays stable afterwards, and a replacement (new `instanceTypes`) creates the new nodepool before
   * deleting the old one, moving deployments across without downtime. A fixed id makes every replacement
   * delete first, replacing the deployments on it along. Changing it replaces the resource.
   */
  nodepoolId?: pulumi.Input<string>;
  /** A human-readable description of the nodepool. Default: empty. Updates in place. */
  description?: pulumi.Input<string>;
  /**
   * The instance type ids the nodepool's nodes use, e.g. `["g5.xlarge"]` (see `getInstanceTypes()`); at
   * least one. Their compute info comes back in `instanceTypeDetails`. Required. Changing them replaces
   * the nodepool. Under a live deployment, leave `nodepoolId` unset for a zero-downtime change: the new
   * nodepool is created, the deployment moved to it and awaited, and only then the old one deleted. With a
   * fixed `nodepoolId` the old nodepool must go first, and the deployments on it are replaced along (they
   * stop serving until re-created).
   */
  instanceTypes: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * The fewest nodes the autoscaler keeps, 0 to scale to zero. Default: 0. Unit: nodes. Must not exceed
   * `maxInstances`. Updates in place.
   */
  minInstances?: pulumi.Input<number>;
  /**
   * The most nodes the autoscaler may run: at least 1 (Clarifai refuses 0) and at least `minInstances`.
   * Required. Unit: nodes. Updates in place.
   */
  maxInstances: pulumi.Input<number>;
  /**
   * Nodes Clarifai keeps started ahead of demand, so a scale-up does not wait for a node to boot (API 12.x
   * `warm_instances`). At most `maxInstances`. Default: not set (Clarifai's default, no warm nodes). Unit:
   * nodes. Updates in place.
   */
  warmInstances?: pulumi.Input<number>;
  /**
   * How nodes are bought: `onDemand` (default), `spot` (cheaper, may be reclaimed) or `spotWithFallback`
   * (spot first, on-demand when spot is unavailable). Updates in place.
   */
  capacity?: pulumi.Input<Capacity>;
  /** Who can see the nodepool: `private` (default), `org` or `public`. Updates in place. */
  visibility?: pulumi.Input<Visibility>;
  /** Free-form JSON metadata stored with the nodepool. Default: none. Updates in place. */
  metadata?: pulumi.Input<Record<string, unknown>>;
  /**
   * When true and a nodepool with this id already exists in the account, Pulumi takes it over instead of
   * failing, provided its immutable fields match the program; its mutable fields are then set to the
   * program's values. Default: false. Has no effect after creation.
   */
  adopt?: pulumi.Input<boolean>;
}

/** The outputs of a Nodepool, as the resource class exposes them. */
export interface NodepoolOutputs {
  /**
   * The id of the compute cluster the nodepool belongs to: pass `cluster.id` so Pulumi creates the cluster
   * first and deletes it last. Required. Changing it replaces the nodepool.
   */
  readonly computeClusterId: pulumi.Output<string>;
  /**
   * The Clarifai nodepool id: 1 to 48 letters, digits, '-' or '_', starting with a letter or digit.
   * Optional: when omitted it is generated once from the resource's logical name plus a random suffix and
   * stays stable afterwards, and a replacement (new `instanceTypes`) creates the new nodepool before
   * deleting the old one, moving deployments across without downtime. A fixed id makes every replacement
   * delete first, replacing the deployments on it along. Changing it replaces the resource.
   */
  readonly nodepoolId: pulumi.Output<string>;
  /** A human-readable description of the nodepool. Default: empty. Updates in place. */
  readonly description: pulumi.Output<string>;
  /**
   * The instance type ids the nodepool's nodes use, e.g. `["g5.xlarge"]` (see `getInstanceTypes()`); at
   * least one. Their compute info comes back in `instanceTypeDetails`. Required. Changing them replaces
   * the nodepool. Under a live deployment, leave `nodepoolId` unset for a zero-downtime change: the new
   * nodepool is created, the deployment moved to it and awaited, and only then the old one deleted. With a
   * fixed `nodepoolId` the old nodepool must go first, and the deployments on it are replaced along (they
   * stop serving until re-created).
   */
  readonly instanceTypes: pulumi.Output<string[]>;
  /**
   * The fewest nodes the autoscaler keeps, 0 to scale to zero. Default: 0. Unit: nodes. Must not exceed
   * `maxInstances`. Updates in place.
   */
  readonly minInstances: pulumi.Output<number>;
  /**
   * The most nodes the autoscaler may run: at least 1 (Clarifai refuses 0) and at least `minInstances`.
   * Required. Unit: nodes. Updates in place.
   */
  readonly maxInstances: pulumi.Output<number>;
  /**
   * Nodes Clarifai keeps started ahead of demand, so a scale-up does not wait for a node to boot (API 12.x
   * `warm_instances`). At most `maxInstances`. Default: not set (Clarifai's default, no warm nodes). Unit:
   * nodes. Updates in place.
   */
  readonly warmInstances: pulumi.Output<number | undefined>;
  /**
   * How nodes are bought: `onDemand` (default), `spot` (cheaper, may be reclaimed) or `spotWithFallback`
   * (spot first, on-demand when spot is unavailable). Updates in place.
   */
  readonly capacity: pulumi.Output<Capacity>;
  /** Who can see the nodepool: `private` (default), `org` or `public`. Updates in place. */
  readonly visibility: pulumi.Output<Visibility>;
  /** Free-form JSON metadata stored with the nodepool. Default: none. Updates in place. */
  readonly metadata: pulumi.Output<Record<string, unknown> | undefined>;
  /**
   * When true and a nodepool with this id already exists in the account, Pulumi takes it over instead of
   * failing, provided its immutable fields match the program; its mutable fields are then set to the
   * program's values. Default: false. Has no effect after creation.
   */
  readonly adopt: pulumi.Output<boolean | undefined>;
  /** Catalogue details (CPU, memory, accelerators, price) of each instance type. Output only. */
  readonly instanceTypeDetails: pulumi.Output<InstanceTypeInfo[]>;
  /** The minimum Clarifai actually enforces (plan limits). Output only. */
  readonly enforcedMinInstances: pulumi.Output<number>;
  /** The maximum Clarifai actually enforces (plan limits). Output only. */
  readonly enforcedMaxInstances: pulumi.Output<number>;
  /**
   * What Clarifai reports about the nodepool's nodes (API 12.x `Nodepool.status`): `pending`, `ready`,
   * `error`, `deleted`, or `unknown` when the server reports none. Output only; refreshed by `pulumi
   * refresh`.
   */
  readonly status: pulumi.Output<string | undefined>;
  /**
   * Why the nodepool is in its status, e.g. the cause of `error` (API 12.x `status_description`). Output
   * only.
   */
  readonly statusDescription: pulumi.Output<string | undefined>;
  /** Nodes running now (API 12.x `node_count`). Output only. Unit: nodes. */
  readonly nodeCount: pulumi.Output<number | undefined>;
  /** When Clarifai created the object (RFC 3339). Output only. */
  readonly createdAt: pulumi.Output<string | undefined>;
  /** When Clarifai last modified the object (RFC 3339). Output only. */
  readonly modifiedAt: pulumi.Output<string | undefined>;
}

/**
 * Arguments of a {@link Deployment}. A Clarifai deployment: a model or workflow served on one or more
 * nodepools with replica autoscaling. Its Pulumi id is the deployment id. Type token:
 * `pulumi-nodejs:dynamic/clarifai:Deployment`.
 */
export interface DeploymentArgs {
  /**
   * The Clarifai deployment id: 1 to 48 letters, digits, '-' or '_', starting with a letter or digit.
   * Optional: when omitted it is generated once from the resource's logical name plus a random suffix and
   * stays stable afterwards. Changing it replaces the resource.
   */
  deploymentId?: pulumi.Input<string>;
  /** A human-readable description of the deployment. Default: empty. Updates in place. */
  description?: pulumi.Input<string>;
  /**
   * The model to serve (exactly one of `model` or `workflow`). Changing the version or the model updates
   * in place.
   */
  model?: pulumi.Input<ModelRefArgs>;
  /** The workflow to serve (exactly one of `model` or `workflow`). Updates in place. */
  workflow?: pulumi.Input<WorkflowRefArgs>;
  /**
   * The nodepools to run on, as nodepool resource ids (`<computeClusterId>/<nodepoolId>`): pass `pool.id`.
   * At least one. Updates in place: moving to another nodepool is one PATCH, and `up` waits until the
   * deployment is ready there before a nodepool it left is deleted. When a nodepool it runs on is replaced
   * with its id kept (a fixed `nodepoolId`, or its cluster replaced with a fixed `computeClusterId`),
   * Clarifai deletes the deployment with the old nodepool, so Pulumi replaces the deployment along
   * (deleted before, re-created after; the preview shows it); omit `nodepoolId` for the zero-downtime
   * path.
   */
  nodepools: pulumi.Input<pulumi.Input<string>[]>;
  /**
   * Scheduling priority of each entry of `nodepools`, in the same order: 0 to 9 (API 12.x
   * `deployment_nodepools[].priority`; Clarifai does not document which end is preferred). Default: not
   * set (every nodepool 0, sent as plain `nodepools`). Updates in place.
   */
  nodepoolPriorities?: pulumi.Input<pulumi.Input<number>[]>;
  /** How the deployment scales. Default: 0 to 1 replicas. Updates in place. */
  autoscale?: pulumi.Input<AutoscaleArgs>;
  /**
   * How Clarifai picks among the nodepools. Default: `performance` (what Clarifai's SDK uses). Updates in
   * place.
   */
  schedulingChoice?: pulumi.Input<SchedulingChoice>;
  /** Who can see the deployment: `private` (default), `org` or `public`. Updates in place. */
  visibility?: pulumi.Input<Visibility>;
  /**
   * When true Clarifai moves the deployment to each new model version automatically. Default: false.
   * Updates in place.
   */
  deployLatestVersion?: pulumi.Input<boolean>;
  /**
   * When true a new model version is rolled out without taking down the old replicas until the new ones
   * serve (API 12.x `graceful_deploy`). Default: false. Updates in place.
   */
  gracefulDeploy?: pulumi.Input<boolean>;
  /**
   * After create and update, wait until the deployment serves the declared version with the replicas the
   * orchestrator asks for (see `ready`); fails fast when Clarifai reports a nodepool or replica error.
   * Default: true. Not sent to Clarifai.
   */
  waitForReady?: pulumi.Input<boolean>;
  /**
   * How long to wait for readiness before failing (the deployment is kept in the state). Default: 1200.
   * Unit: seconds. Not sent to Clarifai.
   */
  readyTimeoutSeconds?: pulumi.Input<number>;
  /**
   * When true and a deployment with this id already exists in the account, Pulumi takes it over instead of
   * failing, provided its immutable fields match the program; its mutable fields are then set to the
   * program's values. Default: false. Has no effect after creation.
   */
  adopt?: pulumi.Input<boolean>;
}

/** The outputs of a Deployment, as the resource class exposes them. */
export interface DeploymentOutputs {
  /**
   * The Clarifai deployment id: 1 to 48 letters, digits, '-' or '_', starting with a letter or digit.
   * Optional: when omitted it is generated once from the resource's logical name plus a random suffix and
   * stays stable afterwards. Changing it replaces the resource.
   */
  readonly deploymentId: pulumi.Output<string>;
  /** A human-readable description of the deployment. Default: empty. Updates in place. */
  readonly description: pulumi.Output<string>;
  /**
   * The model to serve (exactly one of `model` or `workflow`). Changing the version or the model updates
   * in place.
   */
  readonly model: pulumi.Output<ModelRef | undefined>;
  /** The workflow to serve (exactly one of `model` or `workflow`). Updates in place. */
  readonly workflow: pulumi.Output<WorkflowRef | undefined>;
  /**
   * The nodepools to run on, as nodepool resource ids (`<computeClusterId>/<nodepoolId>`): pass `pool.id`.
   * At least one. Updates in place: moving to another nodepool is one PATCH, and `up` waits until the
   * deployment is ready there before a nodepool it left is deleted. When a nodepool it runs on is replaced
   * with its id kept (a fixed `nodepoolId`, or its cluster replaced with a fixed `computeClusterId`),
   * Clarifai deletes the deployment with the old nodepool, so Pulumi replaces the deployment along
   * (deleted before, re-created after; the preview shows it); omit `nodepoolId` for the zero-downtime
   * path.
   */
  readonly nodepools: pulumi.Output<string[]>;
  /**
   * Scheduling priority of each entry of `nodepools`, in the same order: 0 to 9 (API 12.x
   * `deployment_nodepools[].priority`; Clarifai does not document which end is preferred). Default: not
   * set (every nodepool 0, sent as plain `nodepools`). Updates in place.
   */
  readonly nodepoolPriorities: pulumi.Output<number[] | undefined>;
  /** How the deployment scales. Default: 0 to 1 replicas. Updates in place. */
  readonly autoscale: pulumi.Output<Autoscale | undefined>;
  /**
   * How Clarifai picks among the nodepools. Default: `performance` (what Clarifai's SDK uses). Updates in
   * place.
   */
  readonly schedulingChoice: pulumi.Output<SchedulingChoice>;
  /** Who can see the deployment: `private` (default), `org` or `public`. Updates in place. */
  readonly visibility: pulumi.Output<Visibility>;
  /**
   * When true Clarifai moves the deployment to each new model version automatically. Default: false.
   * Updates in place.
   */
  readonly deployLatestVersion: pulumi.Output<boolean>;
  /**
   * When true a new model version is rolled out without taking down the old replicas until the new ones
   * serve (API 12.x `graceful_deploy`). Default: false. Updates in place.
   */
  readonly gracefulDeploy: pulumi.Output<boolean | undefined>;
  /**
   * After create and update, wait until the deployment serves the declared version with the replicas the
   * orchestrator asks for (see `ready`); fails fast when Clarifai reports a nodepool or replica error.
   * Default: true. Not sent to Clarifai.
   */
  readonly waitForReady: pulumi.Output<boolean | undefined>;
  /**
   * How long to wait for readiness before failing (the deployment is kept in the state). Default: 1200.
   * Unit: seconds. Not sent to Clarifai.
   */
  readonly readyTimeoutSeconds: pulumi.Output<number | undefined>;
  /**
   * When true and a deployment with this id already exists in the account, Pulumi takes it over instead of
   * failing, provided its immutable fields match the program; its mutable fields are then set to the
   * program's values. Default: false. Has no effect after creation.
   */
  readonly adopt: pulumi.Output<boolean | undefined>;
  /** The owning user or organization. Output only. */
  readonly userId: pulumi.Output<string | undefined>;
  /**
   * Whether the deployment was serving what it was asked to when Pulumi last created or updated it: no
   * rollout in progress, the served version is the declared one, and live replicas reached the desired
   * replicas (API 12.x `deployment_metrics`; a scale-to-zero deployment with 0 desired replicas is ready
   * at once). A refresh keeps the value (it reads the deployment only). Output only.
   */
  readonly ready: pulumi.Output<boolean | undefined>;
  /**
   * The model (or workflow) version the deployment serves now, as Clarifai reports it (API 12.x `worker`,
   * observed). It differs from the declared version while a rollout runs or when someone changed the
   * deployment outside Pulumi; `pulumi refresh` then shows the drift. Output only.
   */
  readonly servedVersionId: pulumi.Output<string | undefined>;
  /**
   * Replicas the orchestrator asks for, summed over the nodepools (API 12.x `deployment_metrics`); 0 for a
   * scale-to-zero deployment without traffic. Output only. Unit: replicas.
   */
  readonly desiredReplicas: pulumi.Output<number | undefined>;
  /**
   * Replicas serving now, summed over the nodepools (API 12.x `deployment_metrics`). Output only. Unit:
   * replicas.
   */
  readonly liveReplicas: pulumi.Output<number | undefined>;
  /** When Clarifai created the object (RFC 3339). Output only. */
  readonly createdAt: pulumi.Output<string | undefined>;
  /** When Clarifai last modified the object (RFC 3339). Output only. */
  readonly modifiedAt: pulumi.Output<string | undefined>;
}
