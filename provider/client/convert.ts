/**
 * wire <-> domain conversion: the only place snake_case meets camelCase. `*ToWire` builds request
 * objects (ints for enums, only the fields the caller gave); `*FromWire` reads responses, filling
 * proto3 zero values that the server omits.
 */
import type {
  Autoscale,
  CapacityType,
  CloudProvider,
  ComputeCluster,
  ComputeClusterInput,
  ComputeInfo,
  Deployment,
  DeploymentInput,
  InstanceType,
  ModelRef,
  Nodepool,
  NodepoolInput,
  NodepoolRef,
  Runner,
  SchedulingChoice,
  Visibility,
  WorkflowRef,
} from "./domain";
import type { DeploymentMetrics, DeploymentPoolState, NodepoolStatus } from "./domain";
import { nodepoolKey } from "./ids";
import type {
  ApiAutoscaleConfig,
  ApiCloudProvider,
  ApiComputeCluster,
  ApiComputeInfo,
  ApiDeployment,
  ApiDeploymentMetrics,
  ApiInstanceType,
  ApiNodepool,
  ApiRunner,
  ApiVisibility,
  ApiWorker,
} from "../../api/wire.generated";
import type { ApiDeployment_SchedulingChoice, ApiNodeCapacityType_CapacityType, ApiVisibility_Gettable } from "../../api/wire.generated";

// ---- enums -------------------------------------------------------------------------------------

const VISIBILITY: Record<Visibility, ApiVisibility_Gettable> = { private: 10, org: 30, public: 50 };
const CAPACITY: Record<CapacityType, ApiNodeCapacityType_CapacityType> = { onDemand: 1, spot: 2 };
const SCHEDULING: Record<SchedulingChoice, ApiDeployment_SchedulingChoice> = {
  fail: 1,
  random: 2,
  price: 3,
  performance: 4,
  network: 5,
  utilization: 6,
  preferSpot: 7,
  preferOndemand: 8,
};

function invert<K extends string, V extends number>(m: Record<K, V>): Map<number, K> {
  return new Map((Object.entries(m) as [K, V][]).map(([k, v]) => [v, k]));
}
const VISIBILITY_BY_INT = invert(VISIBILITY);
const CAPACITY_BY_INT = invert(CAPACITY);
const SCHEDULING_BY_INT = invert(SCHEDULING);

function visibilityToWire(v: Visibility | undefined): ApiVisibility | undefined {
  return v === undefined ? undefined : { gettable: VISIBILITY[v] };
}
function visibilityFromWire(v: ApiVisibility | undefined): Visibility | undefined {
  return v?.gettable === undefined ? undefined : VISIBILITY_BY_INT.get(v.gettable);
}
function capacityTypesToWire(c: CapacityType[]): ApiNodeCapacityType_CapacityType[] {
  return c.map((t) => CAPACITY[t]);
}
/** Unknown values (0 = UKNOWN_CAPACITY_TYPE, future ones) are dropped. */
function capacityTypesFromWire(c: number[] | undefined): CapacityType[] {
  return (c ?? []).map((n) => CAPACITY_BY_INT.get(n)).filter((t): t is CapacityType => t !== undefined);
}
function schedulingChoiceToWire(s: SchedulingChoice | undefined): ApiDeployment_SchedulingChoice | undefined {
  return s === undefined ? undefined : SCHEDULING[s];
}
function schedulingChoiceFromWire(n: number | undefined): SchedulingChoice | undefined {
  return n === undefined ? undefined : SCHEDULING_BY_INT.get(n);
}

/** Drops keys whose value is undefined so JSON bodies and deep-equality stay clean. */
export function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

function nonEmpty<T>(a: T[] | undefined): T[] | undefined {
  return a && a.length > 0 ? a : undefined;
}

// ---- lookups -----------------------------------------------------------------------------------

export function cloudProviderFromWire(w: ApiCloudProvider): CloudProvider {
  return compact({ id: w.id ?? "", name: w.name });
}

function computeInfoFromWire(w: ApiComputeInfo | undefined): ComputeInfo | undefined {
  if (!w) return undefined;
  return compact({
    cpuLimit: w.cpu_limit,
    cpuMemory: w.cpu_memory,
    cpuRequests: w.cpu_requests,
    cpuMemoryRequests: w.cpu_memory_requests,
    numAccelerators: w.num_accelerators,
    acceleratorMemory: w.accelerator_memory,
    acceleratorType: nonEmpty(w.accelerator_type),
    acceleratorTopology: nonEmpty(w.accelerator_topology),
  });
}

export function instanceTypeFromWire(w: ApiInstanceType): InstanceType {
  const allowed = capacityTypesFromWire(w.allowed_capacity_types?.capacity_types);
  return compact({
    id: w.id ?? "",
    description: w.description,
    cloudProvider: w.cloud_provider?.id,
    region: w.region,
    computeInfo: computeInfoFromWire(w.compute_info),
    price: w.price,
    allowedCapacityTypes: nonEmpty(allowed),
    featureFlagGroup: w.feature_flag_group,
    architecture: w.architecture,
  });
}

// ---- compute clusters --------------------------------------------------------------------------

/** Full mutable state: fit for both Post and Patch "overwrite". */
export function computeClusterToWire(c: ComputeClusterInput): ApiComputeCluster {
  return compact({
    id: c.id,
    description: c.description ?? "",
    cloud_provider: { id: c.cloudProvider },
    region: c.region,
    cluster_type: c.clusterType,
    managed_by: c.managedBy,
    visibility: visibilityToWire(c.visibility),
    key: c.key === undefined ? undefined : { id: c.key },
  });
}

export function computeClusterFromWire(w: ApiComputeCluster): ComputeCluster {
  return compact({
    id: w.id ?? "",
    description: w.description ?? "",
    cloudProvider: w.cloud_provider?.id ?? "",
    cloudProviderName: w.cloud_provider?.name,
    region: w.region ?? "",
    clusterType: w.cluster_type ?? "",
    managedBy: w.managed_by ?? "",
    visibility: visibilityFromWire(w.visibility),
    hasKey: Boolean(w.key?.id),
    userId: w.user_id,
    createdAt: w.created_at,
    modifiedAt: w.modified_at,
  });
}

// ---- nodepools ---------------------------------------------------------------------------------

export function nodepoolToWire(n: NodepoolInput): ApiNodepool {
  return compact({
    id: n.id,
    description: n.description ?? "",
    compute_cluster: { id: n.computeClusterId },
    instance_types: n.instanceTypes.map((id) => ({ id })),
    node_capacity_type: { capacity_types: capacityTypesToWire(n.capacityTypes) },
    min_instances: n.minInstances,
    max_instances: n.maxInstances,
    visibility: visibilityToWire(n.visibility),
    metadata: n.metadata,
    warm_instances: n.warmInstances,
  });
}

const NODEPOOL_STATUS: Record<number, NodepoolStatus> = { 1: "pending", 2: "ready", 3: "error", 4: "deleted" };

function nodepoolStatusFromWire(s: number | undefined): NodepoolStatus {
  return NODEPOOL_STATUS[s ?? 0] ?? "unknown";
}

/** `clusterId` fills in the cluster when the server does not embed it (it normally does). */
export function nodepoolFromWire(w: ApiNodepool, clusterId?: string): Nodepool {
  return compact({
    id: w.id ?? "",
    computeClusterId: w.compute_cluster?.id ?? clusterId ?? "",
    description: w.description ?? "",
    instanceTypes: (w.instance_types ?? []).map(instanceTypeFromWire),
    minInstances: w.min_instances ?? 0,
    maxInstances: w.max_instances ?? 0,
    enforcedMinInstances: w.enforced_min_instances,
    enforcedMaxInstances: w.enforced_max_instances,
    capacityTypes: capacityTypesFromWire(w.node_capacity_type?.capacity_types),
    visibility: visibilityFromWire(w.visibility),
    metadata: w.metadata,
    warmInstances: w.warm_instances,
    status: nodepoolStatusFromWire(w.status),
    statusDescription: w.status_description || undefined,
    nodeCount: w.node_count,
    createdAt: w.created_at,
    modifiedAt: w.modified_at,
  });
}

// ---- deployments -------------------------------------------------------------------------------

function autoscaleToWire(a: Autoscale | undefined): ApiAutoscaleConfig | undefined {
  if (!a) return undefined;
  return compact({
    min_replicas: a.minReplicas,
    max_replicas: a.maxReplicas,
    traffic_history_seconds: a.trafficHistorySeconds,
    scale_down_delay_seconds: a.scaleDownDelaySeconds,
    scale_up_delay_seconds: a.scaleUpDelaySeconds,
    scale_to_zero_delay_seconds: a.scaleToZeroDelaySeconds,
    disable_packing: a.disablePacking,
    soft_min_replicas: a.softMinReplicas,
  });
}

/** Zero values come back omitted, so a returned config has every field filled (0 / false). */
function autoscaleFromWire(w: ApiAutoscaleConfig | undefined): Autoscale | undefined {
  if (!w) return undefined;
  return {
    minReplicas: w.min_replicas ?? 0,
    maxReplicas: w.max_replicas ?? 0,
    trafficHistorySeconds: w.traffic_history_seconds ?? 0,
    scaleDownDelaySeconds: w.scale_down_delay_seconds ?? 0,
    scaleUpDelaySeconds: w.scale_up_delay_seconds ?? 0,
    scaleToZeroDelaySeconds: w.scale_to_zero_delay_seconds ?? 0,
    disablePacking: w.disable_packing ?? false,
    softMinReplicas: w.soft_min_replicas ?? 0,
  };
}

function workerToWire(model: ModelRef | undefined, workflow: WorkflowRef | undefined): ApiWorker | undefined {
  if (model) {
    return {
      model: compact({
        id: model.modelId,
        user_id: model.userId,
        app_id: model.appId,
        model_version: model.versionId === undefined ? undefined : { id: model.versionId },
      }),
    };
  }
  if (workflow) {
    return {
      workflow: compact({
        id: workflow.workflowId,
        user_id: workflow.userId,
        app_id: workflow.appId,
        version: workflow.versionId === undefined ? undefined : { id: workflow.versionId },
      }),
    };
  }
  return undefined;
}

function modelRefFromWire(w: ApiWorker | undefined): ModelRef | undefined {
  const m = w?.model;
  if (!m) return undefined;
  return compact({ userId: m.user_id ?? "", appId: m.app_id ?? "", modelId: m.id ?? "", versionId: m.model_version?.id });
}

function workflowRefFromWire(w: ApiWorker | undefined): WorkflowRef | undefined {
  const f = w?.workflow;
  if (!f) return undefined;
  return compact({ userId: f.user_id ?? "", appId: f.app_id ?? "", workflowId: f.id ?? "", versionId: f.version?.id });
}

function nodepoolRefToWire(r: NodepoolRef): ApiNodepool {
  return { id: r.nodepoolId, compute_cluster: compact({ id: r.computeClusterId, user_id: r.userId }) };
}

function nodepoolRefFromWire(w: ApiNodepool): NodepoolRef {
  return compact({ computeClusterId: w.compute_cluster?.id ?? "", nodepoolId: w.id ?? "", userId: w.compute_cluster?.user_id });
}

/**
 * Create sends `worker` (what the docs' deployment_config.yaml and the SDK send); patch sends
 * `desired_worker`, the only worker field a 12.x PATCH writes (a patched `worker` is ignored).
 * Priorities go out as 12.x `deployment_nodepools` only when one is non-zero, so a plain deployment
 * keeps the `nodepools` shape every API version accepts (the two must not be sent together).
 */
export function deploymentToWire(d: DeploymentInput, mode: "create" | "patch"): ApiDeployment {
  const worker = workerToWire(d.model, d.workflow);
  const prioritized = d.nodepools.some((n) => (n.priority ?? 0) !== 0);
  return compact({
    id: d.id,
    description: d.description ?? "",
    autoscale_config: autoscaleToWire(d.autoscale),
    nodepools: prioritized ? undefined : d.nodepools.map(nodepoolRefToWire),
    deployment_nodepools: prioritized
      ? d.nodepools.map((n) => compact({ id: n.nodepoolId, compute_cluster: compact({ id: n.computeClusterId, user_id: n.userId }), priority: n.priority }))
      : undefined,
    scheduling_choice: schedulingChoiceToWire(d.schedulingChoice),
    visibility: visibilityToWire(d.visibility),
    metadata: d.metadata,
    worker: mode === "create" ? worker : undefined,
    desired_worker: mode === "patch" ? worker : undefined,
    deploy_latest_version: d.deployLatestVersion,
    graceful_deploy: d.gracefulDeploy,
  });
}

function metricsFromWire(m: ApiDeploymentMetrics | undefined): DeploymentMetrics | undefined {
  if (!m) return undefined;
  const a = m.aggregate ?? m;
  return { desiredReplicas: a.desired_replicas ?? 0, liveReplicas: a.live_replicas ?? 0, rolloutInProgress: a.rollout_in_progress ?? false };
}

export function deploymentFromWire(w: ApiDeployment): Deployment {
  // Older servers (and a deployment never patched) may leave desired_worker empty: it is then `worker`.
  const desired = w.desired_worker && (w.desired_worker.model || w.desired_worker.workflow) ? w.desired_worker : w.worker;
  const served = w.worker && (w.worker.model || w.worker.workflow) ? w.worker : desired;
  const priorities = new Map((w.deployment_nodepools ?? []).map((x) => [nodepoolKey({ computeClusterId: x.compute_cluster?.id ?? "", nodepoolId: x.id ?? "" }), x.priority ?? 0]));
  const pools = w.nodepools?.length ? w.nodepools : (w.deployment_nodepools ?? []).map((x) => x.nodepool ?? { id: x.id, compute_cluster: x.compute_cluster });
  return compact({
    id: w.id ?? "",
    description: w.description ?? "",
    model: modelRefFromWire(served),
    workflow: workflowRefFromWire(served),
    desiredModel: modelRefFromWire(desired),
    desiredWorkflow: workflowRefFromWire(desired),
    nodepools: pools.map((n) => {
      const ref = nodepoolRefFromWire(n);
      const priority = priorities.get(nodepoolKey(ref));
      return priority ? { ...ref, priority } : ref;
    }),
    poolStates: pools.map((n) =>
      compact<DeploymentPoolState>({
        computeClusterId: n.compute_cluster?.id ?? "",
        nodepoolId: n.id ?? "",
        status: nodepoolStatusFromWire(n.status),
        statusDescription: n.status_description || undefined,
      }),
    ),
    metrics: metricsFromWire(w.deployment_metrics),
    autoscale: autoscaleFromWire(w.autoscale_config),
    schedulingChoice: schedulingChoiceFromWire(w.scheduling_choice),
    visibility: visibilityFromWire(w.visibility),
    deployLatestVersion: w.deploy_latest_version ?? false,
    gracefulDeploy: w.graceful_deploy ?? false,
    metadata: w.metadata,
    userId: w.user_id,
    createdAt: w.created_at,
    modifiedAt: w.modified_at,
  });
}

// ---- runners -----------------------------------------------------------------------------------

export function runnerFromWire(w: ApiRunner): Runner {
  return compact({
    id: w.id ?? "",
    description: w.description,
    computeClusterId: w.nodepool?.compute_cluster?.id,
    nodepoolId: w.nodepool?.id,
    numReplicas: w.num_replicas,
    podsTotal: w.runner_metrics?.pods_total ?? 0,
    podsRunning: w.runner_metrics?.pods_running ?? 0,
    modelId: w.worker?.model?.id,
    modelVersionId: w.worker?.model?.model_version?.id,
    workflowId: w.worker?.workflow?.id,
    status: typeof w.metadata?.status === "string" ? w.metadata.status : undefined,
    statusDescription: typeof w.metadata?.status_description === "string" ? w.metadata.status_description : undefined,
    metadata: w.metadata,
    createdAt: w.created_at,
    modifiedAt: w.modified_at,
  });
}
