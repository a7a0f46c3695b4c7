/**
 * camelCase domain types: what the rest of the provider sees. The snake_case wire shapes live in
 * `wire.ts` and are converted at the edge in `convert.ts`; nothing outside `provider/client` should
 * ever touch a wire type.
 */

// The enums and references users write are the model's (generated from schema.json, types only):
// Visibility (wire `visibility.gettable` 10 | 30 | 50), SchedulingChoice (wire
// `Deployment.SchedulingChoice` 1..8), ModelRef, WorkflowRef, and Autoscale (wire AutoscaleConfig).
// CapacityType is wire `NodeCapacityType.CapacityType` 1 | 2.
import type { Autoscale, CapacityType, ModelRef, SchedulingChoice, Visibility, WorkflowRef } from "../model.generated";
export type { Autoscale, CapacityType, ModelRef, SchedulingChoice, Visibility, WorkflowRef };

/** Kubernetes-style quantities describing an instance type (or a model's needs). */
export interface ComputeInfo {
  cpuLimit?: string;
  cpuMemory?: string;
  cpuRequests?: string;
  cpuMemoryRequests?: string;
  numAccelerators?: number;
  acceleratorMemory?: string;
  acceleratorType?: string[];
  acceleratorTopology?: string[];
}

/** A model version as GetModelVersion reports it: what one replica needs, when the API says. */
export interface ModelVersion {
  id: string;
  inferenceComputeInfo?: ComputeInfo;
}

export interface InstanceType {
  id: string;
  description?: string;
  cloudProvider?: string;
  region?: string;
  computeInfo?: ComputeInfo;
  /** Decimal string as the API returns it, e.g. "42.000000" (unit not documented). */
  price?: string;
  /** Empty or absent: every capacity type is allowed. */
  allowedCapacityTypes?: CapacityType[];
  featureFlagGroup?: string;
  architecture?: string;
}

export interface CloudProvider {
  id: string;
  name?: string;
}

export interface ComputeClusterInput {
  id: string;
  description?: string;
  cloudProvider: string;
  region: string;
  /** "dedicated" | "shared" | "local-dev" */
  clusterType: string;
  /** "clarifai" | "user" */
  managedBy: string;
  visibility?: Visibility;
  /** A PAT the cluster uses to call the API. Secret: never logged, never put in an error. */
  key?: string;
}

export interface ComputeCluster {
  id: string;
  description: string;
  cloudProvider: string;
  cloudProviderName?: string;
  region: string;
  clusterType: string;
  managedBy: string;
  visibility?: Visibility;
  /** The API masks the key; this only says whether one is set. */
  hasKey: boolean;
  userId?: string;
  createdAt?: string;
  modifiedAt?: string;
}

export interface NodepoolInput {
  id: string;
  computeClusterId: string;
  description?: string;
  /** Instance type ids from the catalogue, e.g. "g5.xlarge". */
  instanceTypes: string[];
  minInstances: number;
  maxInstances: number;
  capacityTypes: CapacityType[];
  visibility?: Visibility;
  metadata?: Record<string, unknown>;
  /** Nodes kept started ahead of demand (12.x), at most `maxInstances`. Omitted: not sent. */
  warmInstances?: number;
}

/** Nodepool.Status (12.x): 1 PENDING, 2 READY, 3 ERROR, 4 DELETED; "unknown" when absent (0). */
export type NodepoolStatus = "unknown" | "pending" | "ready" | "error" | "deleted";

export interface Nodepool {
  id: string;
  computeClusterId: string;
  description: string;
  /** Catalogue entries the server filled in for the requested ids. */
  instanceTypes: InstanceType[];
  minInstances: number;
  maxInstances: number;
  enforcedMinInstances?: number;
  enforcedMaxInstances?: number;
  capacityTypes: CapacityType[];
  visibility?: Visibility;
  metadata?: Record<string, unknown>;
  warmInstances?: number;
  /** Server-owned (12.x). */
  status: NodepoolStatus;
  /** Why the nodepool is in its status, e.g. the cause of ERROR (12.x). */
  statusDescription?: string;
  /** Nodes running now (12.x). */
  nodeCount?: number;
  createdAt?: string;
  modifiedAt?: string;
}

export interface NodepoolRef {
  computeClusterId: string;
  nodepoolId: string;
  /** Owner of the cluster; omitted on the wire when not given (the server assumes the caller). */
  userId?: string;
  /** 12.x `DeploymentNodepool.priority`, 0..9. Sent (as `deployment_nodepools`) only when some is non-zero. */
  priority?: number;
}

export interface DeploymentInput {
  id: string;
  description?: string;
  model?: ModelRef;
  workflow?: WorkflowRef;
  nodepools: NodepoolRef[];
  autoscale?: Autoscale;
  schedulingChoice?: SchedulingChoice;
  visibility?: Visibility;
  deployLatestVersion?: boolean;
  metadata?: Record<string, unknown>;
  /** 12.x: roll out a new version without dropping the old replicas until the new ones serve. */
  gracefulDeploy?: boolean;
}

/** 12.x `DeploymentMetrics` (the aggregate over all nodepools). */
export interface DeploymentMetrics {
  desiredReplicas: number;
  liveReplicas: number;
  rolloutInProgress: boolean;
}

/** What a nodepool embedded in a deployment says about itself (12.x). */
export interface DeploymentPoolState {
  computeClusterId: string;
  nodepoolId: string;
  status: NodepoolStatus;
  statusDescription?: string;
}

/**
 * `model` / `workflow` are what the deployment serves now (12.x `worker`, observed); `desiredModel` /
 * `desiredWorkflow` what it was asked to serve (`desired_worker`). They differ while a rollout runs.
 */
export interface Deployment extends Omit<DeploymentInput, "description"> {
  description: string;
  desiredModel?: ModelRef;
  desiredWorkflow?: WorkflowRef;
  /** Absent when the server sends no `deployment_metrics` (an empty message counts as present). */
  metrics?: DeploymentMetrics;
  poolStates: DeploymentPoolState[];
  userId?: string;
  createdAt?: string;
  modifiedAt?: string;
}

/**
 * A runner: the orchestrator's unit of work for one deployment in one nodepool (1:1 with a k8s
 * deployment). Readiness, as Clarifai's own tooling reads it: QUEUED when `podsTotal == 0`,
 * INITIALIZING when `podsTotal >= 1 && podsRunning == 0`, READY when `podsRunning >= 1`.
 */
export interface Runner {
  id: string;
  description?: string;
  computeClusterId?: string;
  nodepoolId?: string;
  /** Replicas the runner should have up. */
  numReplicas?: number;
  podsTotal: number;
  podsRunning: number;
  modelId?: string;
  modelVersionId?: string;
  workflowId?: string;
  /** From `metadata.status` when the orchestrator reports one, e.g. "ERROR" (a terminal failure). */
  status?: string;
  /** From `metadata.status_description`: why it failed. */
  statusDescription?: string;
  metadata?: Record<string, unknown>;
  createdAt?: string;
  modifiedAt?: string;
}

/** Filters for {@link ClarifaiClient.listDeployments}. */
export interface DeploymentFilter {
  nodepoolId?: string;
  computeClusterId?: string;
  modelVersionIds?: string[];
}
