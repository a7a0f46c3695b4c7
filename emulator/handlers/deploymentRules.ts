/**
 * What a posted or patched deployment must be (the server rules of deployments.ts): a worker (model or
 * workflow), existing nodepools (`nodepools` or 12.x `deployment_nodepools`), a scheduling choice,
 * autoscale bounds in order, and one deployment per model or workflow per nodepool.
 */
import type { Obj } from "../json";
import { ApiError } from "../status";
import { checkVisibility, clone, sameUser, type HandlerContext } from "./context";
import { kind as nodepools } from "./nodepools";

export const INVALID = "DEPLOYMENT_INVALID_ARGUMENT";

export interface NodepoolRef {
  cluster: string;
  nodepool: string;
}

/** Nodepool references of a deployment (stored as `nodepools` [{id, compute_cluster {id, user_id}}]). */
export function refs(d: { obj: Obj }): NodepoolRef[] {
  const nps = (d.obj.nodepools as Obj[] | undefined) ?? [];
  return nps.map((n) => ({ cluster: String((n.compute_cluster as Obj | undefined)?.id ?? ""), nodepool: String(n.id ?? "") }));
}

/** SchedulingChoice values 1..8 (0 = UNKNOWN_SCHEDULING_CHOICE is refused: the SDK always requires one). */
const SCHEDULING_CHOICES = [1, 2, 3, 4, 5, 6, 7, 8];

/** The deployed object's identity, for "one deployment per model (or workflow) per nodepool". */
function workerKey(worker: Obj | undefined): string {
  const m = worker?.model as Obj | undefined;
  if (m) return `model:${String(m.user_id ?? "")}/${String(m.app_id ?? "")}/${String(m.id ?? "")}`;
  const w = worker?.workflow as Obj | undefined;
  if (w) return `workflow:${String(w.user_id ?? "")}/${String(w.app_id ?? "")}/${String(w.id ?? "")}`;
  return "";
}

/** The worker and its version: a change of either is a rollout. */
export function workerIdentity(worker: Obj | undefined): string {
  const m = worker?.model as Obj | undefined;
  const w = worker?.workflow as Obj | undefined;
  const version = String(((m?.model_version ?? w?.version) as Obj | undefined)?.id ?? "");
  return `${workerKey(worker)}@${version}`;
}

function checkWorker(worker: unknown): Obj {
  const w = worker as Obj | undefined;
  if (!w || (!w.model && !w.workflow)) throw new ApiError(INVALID, "worker.model or worker.workflow is required");
  if (w.user) throw new ApiError(INVALID, "worker.user cannot be deployed; use worker.model or worker.workflow");
  const target = (w.model ?? w.workflow) as Obj;
  if (!target.id) throw new ApiError(INVALID, `worker.${w.model ? "model" : "workflow"}.id is required`);
  const out = clone(w);
  // The real API renders Model.app_id even when empty (cl_show_if_empty); keep what was posted.
  return out;
}

function resolveNodepools(list: unknown, user: string, ctx: HandlerContext): Obj[] {
  if (!Array.isArray(list) || list.length === 0) throw new ApiError(INVALID, "At least one nodepool is required");
  const seen = new Set<string>();
  return (list as Obj[]).map((n) => {
    const id = String(n.id ?? "");
    const cc = (n.compute_cluster as Obj | undefined) ?? {};
    const ccId = String(cc.id ?? "");
    if (!id) throw new ApiError(INVALID, "nodepools[].id is required");
    if (!ccId) throw new ApiError(INVALID, `nodepools[].compute_cluster.id is required (nodepool '${id}')`);
    if (!sameUser(cc.user_id, ctx) || !ctx.store.find(nodepools, user, ccId, id))
      throw new ApiError("NODEPOOL_DOES_NOT_EXIST", `Nodepool '${id}' not found in compute cluster '${ccId}'`);
    const key = `${ccId}/${id}`;
    if (seen.has(key)) throw new ApiError(INVALID, `Nodepool '${key}' is listed twice`);
    seen.add(key);
    return { id, compute_cluster: { id: ccId, user_id: user } };
  });
}

/**
 * 12.x `deployment_nodepools` [{id, compute_cluster, priority 0..9}] is the newer form of `nodepools`;
 * the two must not be set together. Returns the plain references and the normalized list (or undefined).
 */
function resolveTargets(d: Obj, user: string, ctx: HandlerContext): { nodepools: Obj[]; deploymentNodepools?: Obj[] } {
  const dn = d.deployment_nodepools as Obj[] | undefined;
  if (!dn || dn.length === 0) return { nodepools: resolveNodepools(d.nodepools, user, ctx) };
  if (Array.isArray(d.nodepools) && d.nodepools.length)
    throw new ApiError(INVALID, "set either nodepools or deployment_nodepools, not both");
  const nodepools = resolveNodepools(dn, user, ctx);
  const deploymentNodepools = dn.map((x, i) => {
    const priority = Number(x.priority ?? 0);
    if (!Number.isInteger(priority) || priority < 0 || priority > 9)
      throw new ApiError(INVALID, `deployment_nodepools[${i}].priority must be 0..9; got ${priority}`);
    const out: Obj = { ...clone(nodepools[i]) };
    if (priority) out.priority = priority;
    return out;
  });
  return { nodepools, deploymentNodepools };
}

/** A complete deployment (posted, or patched over the stored one) checked, as it is stored. */
export function validate(d: Obj, user: string, ctx: HandlerContext): Obj {
  const worker = checkWorker(d.desired_worker ?? d.worker);
  const { nodepools, deploymentNodepools } = resolveTargets(d, user, ctx);
  const sc = Number(d.scheduling_choice ?? 0);
  if (!SCHEDULING_CHOICES.includes(sc)) throw new ApiError(INVALID, `scheduling_choice is required (1..8); got ${sc}`);
  const ac = d.autoscale_config as Obj | undefined;
  if (ac) {
    const min = Number(ac.min_replicas ?? 0);
    const max = Number(ac.max_replicas ?? 0);
    if (min > max) throw new ApiError(INVALID, `autoscale_config.min_replicas (${min}) must not be greater than max_replicas (${max})`);
  }
  if (d.user_id !== undefined && !sameUser(d.user_id, ctx)) throw new ApiError(INVALID, `user_id '${String(d.user_id)}' does not match the request's user`);
  const out: Obj = { ...d, user_id: user, desired_worker: worker, nodepools, visibility: checkVisibility(d.visibility, INVALID) };
  if (deploymentNodepools) out.deployment_nodepools = deploymentNodepools;
  else delete out.deployment_nodepools;
  return out;
}

/** One deployment per model/workflow per nodepool, among `others` (the user's other deployments, stored or in this request). */
export function checkUnique(obj: Obj, others: Obj[]): void {
  const key = workerKey((obj.desired_worker ?? obj.worker) as Obj);
  const mine = new Set(refs({ obj }).map((r) => `${r.cluster}/${r.nodepool}`));
  for (const other of others) {
    if (other.id === obj.id || workerKey((other.desired_worker ?? other.worker) as Obj) !== key) continue;
    for (const r of refs({ obj: other })) {
      if (mine.has(`${r.cluster}/${r.nodepool}`))
        throw new ApiError(
          INVALID,
          `A deployment of ${key.replace(/^(model|workflow):/, "$1 ")} already exists in nodepool '${r.nodepool}' (deployment '${String(other.id)}'); each model or workflow can only have one deployment per nodepool`,
        );
    }
  }
}
