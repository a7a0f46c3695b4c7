/**
 * The events of a deployment's runner (ListLogEntries `log_type` "runner.events": the orchestrator's
 * Kubernetes events, what `clarifai deployment logs --log-type events` prints), derived at read time
 * from the readiness model (nodepools.ts, deployments.ts) and its controls, oldest first:
 * - a replica starting normally: scheduled (after a scale-up while the nodepool's nodes are pending),
 *   image pulled, container started once the deployment is ready;
 * - `readiness.stallDeployments[<id>]`: why it never becomes ready (insufficient spot or on-demand
 *   capacity, image pull failure, out of memory, crash loop, preemption); it stays pending;
 * - `failDeployments` / `failNodepools`: the terminal reason.
 * Message format (*chosen*; the real text is not documented): `<Type> <Reason>: <message>` with Type
 * `Normal` or `Warning`, as `kubectl get events` shows them.
 */
import type { Obj } from "../json";
import type { HandlerContext, Stall } from "./context";
import { kind as computeClusters } from "./computeClusters";
import { kind as nodepools, nodepoolState, type NodepoolRec } from "./nodepools";
import { deploymentState, kind as deployments } from "./deployments";
import type { RunnerRec } from "./runners";

/** Why a deployment's replicas do not start (emulator extension, `readiness.stallDeployments`). */
export const STALLS: Stall[] = ["insufficientCapacity", "imagePullFailure", "outOfMemory", "crashLoop", "preemption"];

const ON_DEMAND = 1;
const SPOT = 2;

export interface RunnerEvent {
  at: string;
  message: string;
}

function where(n: NodepoolRec | undefined, ctx: HandlerContext): { types: string; region: string; provider: string; capacity: number[]; max: number } {
  const types = ((n?.obj.instance_types as Obj[] | undefined) ?? []).map((t) => String(t.id)).join(", ") || "(none)";
  const cluster = n ? ctx.store.find(computeClusters, n.user, n.cluster) : undefined;
  const capacity = ((n?.obj.node_capacity_type as Obj | undefined)?.capacity_types as number[] | undefined) ?? [ON_DEMAND];
  return {
    types,
    region: String(cluster?.obj.region ?? "?"),
    provider: String((cluster?.obj.cloud_provider as Obj | undefined)?.id ?? "?"),
    capacity,
    max: Number(n?.obj.max_instances ?? 1),
  };
}

/** The stall's own events (Warning last: the newest says why). */
function stallEvents(stall: Stall, n: NodepoolRec | undefined, image: string, ctx: HandlerContext): string[] {
  const w = where(n, ctx);
  const pool = n?.id ?? "?";
  const started = [`Normal Scheduled: Successfully assigned the replica to a node of nodepool ${pool}`, `Normal Pulled: Container image "${image}" pulled`, "Normal Started: Started container model"];
  switch (stall) {
    case "insufficientCapacity": {
      const spot = w.capacity.includes(SPOT);
      const onDemand = w.capacity.includes(ON_DEMAND);
      const kinds = [spot ? "spot" : "", onDemand ? "on-demand" : ""].filter(Boolean).join(" or ");
      return [
        `Normal TriggeredScaleUp: pod triggered scale-up: nodepool ${pool} 0->1 (max: ${w.max})`,
        `Warning FailedScheduling: 0/0 nodes are available: waiting for a ${w.types} node`,
        `Warning FailedScaleUp: could not scale up nodepool ${pool}: no ${kinds} capacity for ${w.types} in ${w.region} (${w.provider}: InsufficientInstanceCapacity)`,
      ];
    }
    case "imagePullFailure":
      return [
        `Normal Scheduled: Successfully assigned the replica to a node of nodepool ${pool}`,
        `Normal Pulling: Pulling image "${image}"`,
        `Warning Failed: Failed to pull image "${image}": manifest unknown (ErrImagePull)`,
        `Warning BackOff: Back-off pulling image "${image}" (ImagePullBackOff)`,
      ];
    case "outOfMemory":
      return [...started, `Warning OOMKilled: Container model was killed: out of memory on ${w.types} (exit code 137)`, "Warning BackOff: Back-off restarting failed container model (CrashLoopBackOff)"];
    case "crashLoop":
      return [...started, "Warning BackOff: Back-off restarting failed container model: it exited with code 1 (CrashLoopBackOff)"];
    case "preemption":
      return [
        ...started,
        `Warning Preempted: The spot node running the replica was reclaimed by ${w.provider} (${w.types} in ${w.region}); rescheduling`,
        `Normal TriggeredScaleUp: pod triggered scale-up: nodepool ${pool} 0->1 (max: ${w.max})`,
      ];
  }
}

/** The events of one runner, oldest first. */
export function runnerEvents(r: RunnerRec, ctx: HandlerContext): RunnerEvent[] {
  const d = ctx.store.find(deployments, r.user, r.deployment);
  if (!d) return [];
  const n = ctx.store.find(nodepools, r.user, r.cluster, r.nodepool);
  const model = (d.obj.worker as Obj | undefined)?.model as Obj | undefined;
  const image = `${String(model?.id ?? "worker")}:${String((model?.model_version as Obj | undefined)?.id ?? "latest")}`;
  const stall = ctx.readiness.stallDeployments?.[d.id];
  const ds = deploymentState(d, ctx);
  const ns = nodepoolState(n, ctx);
  const lines: string[] = [];
  const failure = ds.state === "failed" ? ds.reason : ns.state === "failed" ? ns.reason : undefined;
  if (failure !== undefined) lines.push(`Warning Failed: ${failure}`);
  else if (stall) lines.push(...stallEvents(stall, n, image, ctx));
  else {
    if (ns.state !== "ready") lines.push(`Normal TriggeredScaleUp: pod triggered scale-up: nodepool ${r.nodepool} 0->1 (max: ${where(n, ctx).max})`);
    else {
      lines.push(`Normal Scheduled: Successfully assigned the replica to a node of nodepool ${r.nodepool}`, `Normal Pulling: Pulling image "${image}"`);
      if (ds.state === "ready") lines.push(`Normal Pulled: Container image "${image}" pulled`, "Normal Started: Started container model");
    }
  }
  // One timestamp per event, a millisecond apart from the runner's creation (creation order is what counts).
  const base = Date.parse(r.created_at);
  return lines.map((message, i) => ({ at: new Date(base + i).toISOString(), message }));
}
