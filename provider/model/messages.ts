// What the API's messages mean where one field does not say it alone: a nodepool's status, the worker a
// deployment serves and the one it was asked to serve, its replica counts and its nodepools with their
// priorities. Readiness, preflight, the export and the outputs read these; plain fields are read by
// wireMap.ts.
import { ApiNodepool_NodepoolStatus, type ApiDeployment, type ApiNodepool, type ApiWorker } from "../../api/wire.generated";
import type { ModelRef, WorkflowRef } from "./model.generated";
import { nameOf } from "./codecs";

const STATUS = {
  pending: ApiNodepool_NodepoolStatus.NODEPOOL_STATUS_PENDING,
  ready: ApiNodepool_NodepoolStatus.NODEPOOL_STATUS_READY,
  error: ApiNodepool_NodepoolStatus.NODEPOOL_STATUS_ERROR,
  deleted: ApiNodepool_NodepoolStatus.NODEPOOL_STATUS_DELETED,
};
/** Nodepool.Status (12.x): 1 PENDING, 2 READY, 3 ERROR, 4 DELETED; "unknown" when absent (0). */
export type NodepoolStatus = keyof typeof STATUS | "unknown";

export const nodepoolStatus = (n: ApiNodepool): NodepoolStatus => nameOf(STATUS, n.status) ?? "unknown";

/** A worker as a model reference (what `model` holds). */
export function modelRef(w: ApiWorker | undefined): ModelRef | undefined {
  const m = w?.model;
  if (!m) return undefined;
  const ref: ModelRef = { userId: m.user_id ?? "", appId: m.app_id ?? "", modelId: m.id ?? "" };
  if (m.model_version?.id !== undefined) ref.versionId = m.model_version.id;
  return ref;
}

/** A worker as a workflow reference (what `workflow` holds). */
export function workflowRef(w: ApiWorker | undefined): WorkflowRef | undefined {
  const f = w?.workflow;
  if (!f) return undefined;
  const ref: WorkflowRef = { userId: f.user_id ?? "", appId: f.app_id ?? "", workflowId: f.id ?? "" };
  if (f.version?.id !== undefined) ref.versionId = f.version.id;
  return ref;
}

/** The worker message for a model or a workflow reference. */
export function workerOf(model: ModelRef | undefined, workflow: WorkflowRef | undefined): ApiWorker | undefined {
  if (model) return { model: { id: model.modelId, user_id: model.userId, app_id: model.appId, ...(model.versionId === undefined ? {} : { model_version: { id: model.versionId } }) } };
  if (workflow) return { workflow: { id: workflow.workflowId, user_id: workflow.userId, app_id: workflow.appId, ...(workflow.versionId === undefined ? {} : { version: { id: workflow.versionId } }) } };
  return undefined;
}

const filled = (w: ApiWorker | undefined) => !!(w && (w.model || w.workflow));

/** What it was asked to serve (12.x `desired_worker`); older servers, or a deployment never patched, leave it empty: then `worker`. */
export const desiredWorker = (d: ApiDeployment): ApiWorker | undefined => (filled(d.desired_worker) ? d.desired_worker : d.worker);
/** What it serves now (`worker`, observed). */
export const servedWorker = (d: ApiDeployment): ApiWorker | undefined => (filled(d.worker) ? d.worker : desiredWorker(d));

/** 12.x `deployment_metrics`: `aggregate` is current, the top-level copies deprecated. Undefined when the server sends none. */
export function replicaMetrics(d: ApiDeployment): { desiredReplicas: number; liveReplicas: number; rolloutInProgress: boolean } | undefined {
  const m = d.deployment_metrics;
  if (!m) return undefined;
  const a = m.aggregate ?? m;
  return { desiredReplicas: a.desired_replicas ?? 0, liveReplicas: a.live_replicas ?? 0, rolloutInProgress: a.rollout_in_progress ?? false };
}

/** A nodepool a deployment runs on, with its 12.x priority and what it says about itself. */
export interface DeploymentPool {
  computeClusterId: string;
  nodepoolId: string;
  userId?: string;
  priority?: number;
  status: NodepoolStatus;
  statusDescription?: string;
}

/** Its nodepools: `nodepools`, or 12.x `deployment_nodepools` when only those are sent. */
export function deploymentPools(d: ApiDeployment): DeploymentPool[] {
  const key = (n: { id?: string; compute_cluster?: { id?: string } }) => `${n.compute_cluster?.id ?? ""}/${n.id ?? ""}`;
  const priorities = new Map((d.deployment_nodepools ?? []).map((x) => [key(x), x.priority ?? 0]));
  const pools = d.nodepools?.length ? d.nodepools : (d.deployment_nodepools ?? []).map((x) => x.nodepool ?? { id: x.id, compute_cluster: x.compute_cluster });
  return pools.map((n) => {
    const pool: DeploymentPool = { computeClusterId: n.compute_cluster?.id ?? "", nodepoolId: n.id ?? "", status: nodepoolStatus(n) };
    if (n.compute_cluster?.user_id !== undefined) pool.userId = n.compute_cluster.user_id;
    const priority = priorities.get(key(n));
    if (priority) pool.priority = priority;
    if (n.status_description) pool.statusDescription = n.status_description;
    return pool;
  });
}
