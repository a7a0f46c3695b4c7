/**
 * snake_case wire shapes of the Clarifai REST gateway (proto field names, enums as integers, proto3
 * zero values omitted). Only the fields this package uses are typed; responses may carry more.
 * Everything on the response side is optional because the server omits zero values.
 */

export interface WireStatus {
  code?: number;
  description?: string;
  details?: string;
  req_id?: string;
}

export interface WireVisibility {
  gettable?: number;
}

export interface WireCloudProvider {
  id?: string;
  name?: string;
}

export interface WireComputeInfo {
  cpu_limit?: string;
  cpu_memory?: string;
  cpu_requests?: string;
  cpu_memory_requests?: string;
  num_accelerators?: number;
  accelerator_memory?: string;
  accelerator_type?: string[];
  accelerator_topology?: string[];
}

export interface WireNodeCapacityType {
  capacity_types?: number[];
}

export interface WireInstanceType {
  id?: string;
  description?: string;
  compute_info?: WireComputeInfo;
  price?: string;
  cloud_provider?: WireCloudProvider;
  region?: string;
  allowed_capacity_types?: WireNodeCapacityType;
  feature_flag_group?: string;
  architecture?: string;
}

export interface WireKey {
  id?: string;
}

export interface WireComputeCluster {
  id?: string;
  description?: string;
  cloud_provider?: WireCloudProvider;
  region?: string;
  user_id?: string;
  created_at?: string;
  modified_at?: string;
  visibility?: WireVisibility;
  cluster_type?: string;
  managed_by?: string;
  key?: WireKey;
}

export interface WireNodepool {
  id?: string;
  description?: string;
  created_at?: string;
  modified_at?: string;
  compute_cluster?: WireComputeCluster;
  node_capacity_type?: WireNodeCapacityType;
  instance_types?: WireInstanceType[];
  min_instances?: number;
  max_instances?: number;
  enforced_min_instances?: number;
  enforced_max_instances?: number;
  visibility?: WireVisibility;
  metadata?: Record<string, unknown>;
  warm_instances?: number;
  /** Nodepool.Status: 1 PENDING, 2 READY, 3 ERROR, 4 DELETED (12.x). */
  status?: number;
  status_description?: string;
  node_count?: number;
}

export interface WireModelVersion {
  id?: string;
  /** What one replica of the version needs (GetModelVersion). */
  inference_compute_info?: WireComputeInfo;
}

export interface WireSingleModelVersionResponse {
  model_version?: WireModelVersion;
}

export interface WireModel {
  id?: string;
  user_id?: string;
  app_id?: string;
  model_version?: WireModelVersion;
}

export interface WireWorkflow {
  id?: string;
  user_id?: string;
  app_id?: string;
  version?: { id?: string };
}

export interface WireWorker {
  model?: WireModel;
  workflow?: WireWorkflow;
}

export interface WireAutoscaleConfig {
  min_replicas?: number;
  max_replicas?: number;
  traffic_history_seconds?: number;
  scale_down_delay_seconds?: number;
  scale_up_delay_seconds?: number;
  scale_to_zero_delay_seconds?: number;
  disable_packing?: boolean;
  soft_min_replicas?: number;
}

export interface WireReplicaMetrics {
  desired_replicas?: number;
  live_replicas?: number;
  rollout_in_progress?: boolean;
}

/** 12.x: `aggregate` is current; the top-level copies are deprecated but still sent by some servers. */
export interface WireDeploymentMetrics extends WireReplicaMetrics {
  aggregate?: WireReplicaMetrics;
}

export interface WireDeploymentNodepool {
  id?: string;
  compute_cluster?: WireComputeCluster;
  priority?: number;
  nodepool?: WireNodepool;
}

export interface WireDeployment {
  id?: string;
  user_id?: string;
  description?: string;
  autoscale_config?: WireAutoscaleConfig;
  nodepools?: WireNodepool[];
  scheduling_choice?: number;
  visibility?: WireVisibility;
  metadata?: Record<string, unknown>;
  worker?: WireWorker;
  /** 12.x: the writable worker; `worker` is what is served (observed). */
  desired_worker?: WireWorker;
  created_at?: string;
  modified_at?: string;
  deploy_latest_version?: boolean;
  graceful_deploy?: boolean;
  deployment_nodepools?: WireDeploymentNodepool[];
  deployment_metrics?: WireDeploymentMetrics;
}

export interface WireRunnerMetrics {
  pods_total?: number;
  pods_running?: number;
}

export interface WireRunner {
  id?: string;
  description?: string;
  created_at?: string;
  modified_at?: string;
  metadata?: Record<string, unknown>;
  worker?: WireWorker;
  nodepool?: WireNodepool;
  num_replicas?: number;
  runner_metrics?: WireRunnerMetrics;
}

/** Every response carries the status envelope. */
export interface WireBaseResponse {
  status?: WireStatus;
}

export interface WireMultiCloudProviderResponse extends WireBaseResponse {
  cloud_providers?: WireCloudProvider[];
}
export interface WireMultiCloudRegionResponse extends WireBaseResponse {
  regions?: string[];
  /** 12.x */
  cloud_regions?: { id?: string }[];
}
export interface WireMultiInstanceTypeResponse extends WireBaseResponse {
  instance_types?: WireInstanceType[];
}
export interface WireSingleComputeClusterResponse extends WireBaseResponse {
  compute_cluster?: WireComputeCluster;
}
export interface WireMultiComputeClusterResponse extends WireBaseResponse {
  compute_clusters?: WireComputeCluster[];
}
export interface WireSingleNodepoolResponse extends WireBaseResponse {
  nodepool?: WireNodepool;
}
export interface WireMultiNodepoolResponse extends WireBaseResponse {
  nodepools?: WireNodepool[];
}
export interface WireSingleDeploymentResponse extends WireBaseResponse {
  deployment?: WireDeployment;
}
export interface WireMultiDeploymentResponse extends WireBaseResponse {
  deployments?: WireDeployment[];
}
export interface WireMultiRunnerResponse extends WireBaseResponse {
  runners?: WireRunner[];
}
