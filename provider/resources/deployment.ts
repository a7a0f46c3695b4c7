// Deployment: a model or workflow served on nodepools. Pulumi id = the deployment id (user-scoped in
// Clarifai, so it finds the deployment again on its own). Everything but the id updates in place with
// one PATCH `overwrite` carrying the full state (deployments accept no other action).
//
// The worker (API 12.x). `worker` is what the deployment serves (observed); `desired_worker` is what it
// was asked to serve and the only worker field a PATCH writes. Create sends `worker` (the docs' shape),
// update sends `desired_worker`, and the outputs report the observed worker, so a deployment that serves
// something other than the program declares shows as drift on refresh.
//
// Readiness (API 12.x `deployment_metrics`, one GetDeployment per poll): ready when no rollout is in
// progress, the served worker is the desired one, and live replicas reached the desired replicas. A
// scale-to-zero deployment (desired 0) is ready at once: the orchestrator starts a replica when traffic
// arrives, so waiting for one would wait out the deadline. Failing fast: a nodepool embedded in the
// deployment with status ERROR, or (looked up only while not ready) a runner whose metadata.status is
// ERROR, stops the wait with the server's description. A response without `deployment_metrics` reads as
// proto3 defaults (0 desired, 0 live): Clarifai 12.x always sends it.
import { NotFoundError, nodepoolKey, parseNodepoolKey } from "../client";
import type { ClarifaiClient, Deployment, DeploymentInput, ModelRef, NodepoolRef, SchedulingChoice, Visibility, WorkflowRef } from "../client";
import { UNKNOWN, isUnknown } from "../schema";
import { NAME, Props, ResourceDefinition, carried, makeProvider } from "./base";
import { pause, timing } from "./timing";
import { account, changed, runPreflight } from "./preflight";

type Remote = Deployment & { ready?: boolean };

const AUTOSCALE_DEFAULT = { minReplicas: 0, maxReplicas: 1, disablePacking: false };
const OPTIONAL_AUTOSCALE = ["trafficHistorySeconds", "scaleUpDelaySeconds", "scaleDownDelaySeconds", "scaleToZeroDelaySeconds", "softMinReplicas"];

function toInput(p: Props): DeploymentInput {
  return {
    id: String(p.deploymentId),
    description: (p.description as string) ?? "",
    model: p.model as ModelRef | undefined,
    workflow: p.workflow as WorkflowRef | undefined,
    nodepools: (p.nodepools as string[]).map((id, i): NodepoolRef => {
      const priority = (p.nodepoolPriorities as number[] | undefined)?.[i];
      return priority ? { ...parseNodepoolKey(id), priority } : parseNodepoolKey(id);
    }),
    autoscale: (p.autoscale as Props | undefined) ?? AUTOSCALE_DEFAULT,
    schedulingChoice: p.schedulingChoice as SchedulingChoice,
    visibility: p.visibility as Visibility,
    deployLatestVersion: p.deployLatestVersion as boolean,
    gracefulDeploy: p.gracefulDeploy as boolean | undefined,
  };
}

/** The API fills every autoscale field (0 when unset); report the optional ones only when set, so refresh finds no drift. */
function autoscaleOut(remote: Props | undefined, input: Props | undefined): Props | undefined {
  if (!remote) return undefined;
  const out: Props = { minReplicas: remote.minReplicas ?? 0, maxReplicas: remote.maxReplicas ?? 0, disablePacking: remote.disablePacking ?? false };
  for (const k of OPTIONAL_AUTOSCALE) if (input?.[k] !== undefined || (remote[k] !== undefined && remote[k] !== 0)) out[k] = remote[k] ?? 0;
  return out;
}

const workerKey = (m?: ModelRef, w?: WorkflowRef) =>
  m ? `model ${m.userId}/${m.appId}/${m.modelId}@${m.versionId ?? "latest"}` : w ? `workflow ${w.userId}/${w.appId}/${w.workflowId}@${w.versionId ?? "latest"}` : "nothing";

/** Where the deployment stands: `ready`, or why not (for the log and the timeout message), or a terminal `error`. */
interface Standing {
  ready: boolean;
  progress: string;
  error?: string;
}

function standing(d: Deployment): Standing {
  const failed = d.poolStates.find((s) => s.status === "error");
  if (failed) return { ready: false, progress: "", error: `nodepool ${nodepoolKey(failed)} has status ERROR: ${failed.statusDescription || "no description"}` };
  const m = d.metrics ?? { desiredReplicas: 0, liveReplicas: 0, rolloutInProgress: false };
  const served = workerKey(d.model, d.workflow);
  const desired = workerKey(d.desiredModel ?? d.model, d.desiredWorkflow ?? d.workflow);
  const rolledOut = served === desired && !m.rolloutInProgress;
  const ready = rolledOut && m.liveReplicas >= m.desiredReplicas;
  const progress =
    `${m.liveReplicas}/${m.desiredReplicas} replicas live` +
    (served !== desired ? `, rolling out ${desired} (serving ${served})` : m.rolloutInProgress ? ", rollout in progress" : "");
  return { ready, progress };
}

/** A replica failure shows only on the runners (metadata.status ERROR); looked up while not ready. */
async function runnerError(c: ClarifaiClient, d: Deployment): Promise<string | undefined> {
  for (const n of d.nodepools) {
    // Right after a create the nodepool's runners may not be readable yet (404): nothing scheduled yet.
    const runners = await c.listRunners(n.computeClusterId, n.nodepoolId).catch((e: unknown) => {
      if (e instanceof NotFoundError) return [];
      throw e;
    });
    // One deployment per model per nodepool, so the worker identifies this deployment's runners.
    const mine = runners.filter((r) => (d.model ? r.modelId === d.model.modelId : d.workflow ? r.workflowId === d.workflow.workflowId : false));
    const failed = mine.find((r) => r.status?.toUpperCase() === "ERROR");
    if (failed) return `replicas failed on nodepool ${nodepoolKey(n)}: ${failed.statusDescription || "status ERROR without a description"} (runner status ERROR)`;
  }
  return undefined;
}

const LOG_EVERY_MS = 10_000;
/** Polls made back to back before the interval starts growing. */
const BACK_TO_BACK_POLLS = 10;

async function waitForReady(c: ClarifaiClient, first: Deployment, outs: Props): Promise<Props> {
  const name = `Deployment "${String(outs[NAME] ?? first.id)}"`;
  const timeoutMs = Number(outs.readyTimeoutSeconds ?? 1200) * 1000;
  const base = timing().pollBaseMs;
  const start = Date.now();
  const kept = `The deployment "${first.id}" exists in Clarifai and is kept in the Pulumi state`;
  let d = first;
  let delay = base;
  let polls = 0;
  let lastLog = -Infinity;
  for (;;) {
    const st = standing(d);
    const error = st.error ?? (st.ready ? undefined : await runnerError(c, d));
    if (error) throw new Error(`${error}. ${kept}; fix the cause and run \`pulumi up\` again.`);
    if (st.ready) return { ...deploymentDefinition.outputs(d, outs), ready: true };
    const elapsed = Date.now() - start;
    if (elapsed >= timeoutMs) {
      throw new Error(
        `not ready after ${Math.round(elapsed / 1000)}s (readyTimeoutSeconds ${Math.round(timeoutMs / 1000)}): ${st.progress}. ` +
          `${kept}, and Clarifai keeps rolling it out; the next \`pulumi up\` waits again. Raise readyTimeoutSeconds, or set waitForReady: false to skip waiting.`,
      );
    }
    if (Date.now() - lastLog >= LOG_EVERY_MS) {
      console.log(`${name}: waiting: ${st.progress} (${Math.round(elapsed / 1000)}s)`);
      lastLog = Date.now();
    }
    // The first polls go back to back (each costs one round trip), so a deployment that becomes ready
    // soon is noticed within one round trip; a long rollout is then polled every 1 s growing to 10 s.
    if (++polls > BACK_TO_BACK_POLLS) {
      await pause(Math.max(0, Math.min(delay, timeoutMs - elapsed)));
      delay = Math.min(delay * 1.5, base * 10);
    }
    const next = await c.getDeployment(first.id);
    if (!next) throw new Error(`deleted outside Pulumi while waiting for it to be ready; run \`pulumi up\` again to re-create it`);
    d = next;
  }
}

function sameWorker(d: Deployment, p: Props): string | undefined {
  const m = p.model as ModelRef | undefined;
  const w = p.workflow as WorkflowRef | undefined;
  if (m && d.model && d.model.userId === m.userId && d.model.appId === m.appId && d.model.modelId === m.modelId) return `model ${m.userId}/${m.appId}/${m.modelId}`;
  if (w && d.workflow && d.workflow.userId === w.userId && d.workflow.appId === w.appId && d.workflow.workflowId === w.workflowId) {
    return `workflow ${w.userId}/${w.appId}/${w.workflowId}`;
  }
  return undefined;
}

/** Later checks in this run see the write (preflight's shared list of the account's deployments). */
function noted(d: Deployment): Deployment {
  account.wroteDeployment(d.id, d);
  return d;
}

export const deploymentDefinition: ResourceDefinition<Remote> = {
  kind: "Deployment",
  noun: "deployment",
  pulumiId: (p) => String(p.deploymentId),
  normalize(p) {
    if (p.autoscale === undefined) p.autoscale = { ...AUTOSCALE_DEFAULT };
  },
  crossCheck(p, fail) {
    const { model, workflow } = p;
    if (model === undefined && workflow === undefined) fail("model", "set exactly one of `model` or `workflow`; neither is set");
    else if (model !== undefined && workflow !== undefined) fail("workflow", "set exactly one of `model` or `workflow`; both are set");
    const a = p.autoscale as Props | undefined;
    if (a && typeof a.minReplicas === "number" && typeof a.maxReplicas === "number" && a.minReplicas > a.maxReplicas) {
      fail("autoscale.minReplicas", `${a.minReplicas} is above autoscale.maxReplicas (${a.maxReplicas}); the replica range needs minReplicas ≤ maxReplicas`);
    }
    const m = model as Props | undefined;
    if (m && typeof m === "object" && m.versionId === undefined && p.deployLatestVersion !== true && p.deployLatestVersion !== UNKNOWN) {
      fail("model.versionId", "is required unless deployLatestVersion is true: pin the model version to serve, or set `deployLatestVersion: true` to follow new versions");
    }
    // Two deployments of this program, of the same model, on one nodepool it creates (sdk/placement.ts):
    // Clarifai would refuse the second at create, half-way through the `up`.
    for (const c of (p.__samePoolConflicts as { index: number; deployment: string; model: string }[] | undefined) ?? []) {
      fail(
        `nodepools[${c.index}]`,
        `this nodepool also gets deployment "${c.deployment}" of the same model ${c.model} in this program, and Clarifai allows one deployment per model per nodepool; ` +
          `put one of them on another nodepool, or serve both from one deployment`,
      );
    }
    const prios = p.nodepoolPriorities;
    if (Array.isArray(prios) && Array.isArray(p.nodepools) && prios.length !== p.nodepools.length) {
      fail("nodepoolPriorities", `has ${prios.length} entries for ${p.nodepools.length} nodepools; give one priority (0 to 9) per entry of nodepools, in the same order`);
    }
    (Array.isArray(p.nodepools) ? (p.nodepools as unknown[]) : []).forEach((id, i) => {
      if (isUnknown(id)) return;
      try {
        parseNodepoolKey(String(id));
      } catch (e) {
        fail(`nodepools[${i}]`, `${(e as Error).message}; pass the Nodepool's \`id\` output (e.g. \`pool.id\`)`);
      }
    });
  },
  // One deployment per model per nodepool, and nodepools that exist: checked against the account, since
  // `check` cannot see the program's other resources. A nodepool the program creates is passed as
  // `pool.id`, unknown at preview, so it is not looked up.
  async preflight(olds, p, fail) {
    if (!changed(olds, p, ["nodepools", "model", "workflow"])) return;
    if (!Array.isArray(p.nodepools)) return;
    const known = (p.nodepools as unknown[]).map((id, i) => [id, i] as const).filter(([id]) => !isUnknown(id));
    if (!known.length) return;
    await runPreflight(`Deployment "${String(p[NAME] ?? p.deploymentId)}"`, fail, async (c) => {
      // Both shared lists in one round trip of wall time (each is fetched once per run).
      const clustersSeen = [...new Set(known.map(([id]) => parseNodepoolKey(String(id)).computeClusterId))];
      await Promise.all([...clustersSeen.map((cc) => account.nodepools(c, cc)), ...(isUnknown(p.model) || isUnknown(p.workflow) ? [] : [account.deployments(c)])]);
      for (const [id, i] of known) {
        const { computeClusterId, nodepoolId } = parseNodepoolKey(String(id));
        // The cluster's pools are listed once per run; a pool created a moment ago may not be in that
        // list nor readable yet: ask for it, twice, before failing.
        const listed = (await account.nodepools(c, computeClusterId)).some((n) => n.id === nodepoolId);
        const exists =
          listed ||
          (await c.getNodepool(computeClusterId, nodepoolId)) !== undefined ||
          (await pause(timing().secondLookMs).then(() => c.getNodepool(computeClusterId, nodepoolId))) !== undefined;
        if (!exists) {
          fail(
            `nodepools[${i}]`,
            `nodepool "${String(id)}" does not exist in the Clarifai account; if this program creates it, pass the Nodepool's \`id\` output (e.g. \`pool.id\`) so Pulumi creates it first`,
          );
          continue;
        }
        if (isUnknown(p.model) || isUnknown(p.workflow)) continue;
        const here = (await account.deployments(c)).filter((d) => d.nodepools.some((n) => n.computeClusterId === computeClusterId && n.nodepoolId === nodepoolId));
        for (const d of here) {
          const what = d.id !== p.deploymentId ? sameWorker(d, p) : undefined;
          if (what) {
            fail(
              `nodepools[${i}]`,
              `nodepool "${String(id)}" already serves ${what} in deployment "${d.id}", and Clarifai allows one deployment per model per nodepool; ` +
                `use another nodepool, remove it from "${d.id}", or manage that deployment here (deploymentId "${d.id}", adopt: true)`,
            );
          }
        }
      }
    });
  },
  create: (c, p) => c.createDeployment(toInput(p)).then(noted),
  // One GET: `ready` is what the last create or update saw (refresh keeps it), so a refresh costs one
  // call per resource however many nodepools the deployment spans.
  get: (c, id) => c.getDeployment(id),
  // ListDeployments returns the same Deployment message; deployment_metrics (live replica counts) is
  // computed per request, the field a list could leave out: a listed deployment without it is read
  // with a GET (the safe reading). The worker is stored with the deployment, listed like every field.
  listed: { parent: () => "", list: (c) => c.listDeployments(), idOf: (d) => d.id, complete: (d) => d.metrics !== undefined },
  patch: (c, p) => c.patchDeployment(toInput(p)).then(noted),
  remove: (c, id) => c.deleteDeployment(id).finally(() => account.wroteDeployment(id, undefined)),
  // Nothing but the id is immutable: an adopted deployment is patched to the program's values.
  immutableMismatches: () => [],
  outputs(r, p) {
    return {
      ...carried(p, ["waitForReady", "readyTimeoutSeconds", "adopt"]),
      deploymentId: r.id,
      description: r.description ?? "",
      // Observed worker. A program that leaves the version to Clarifai (deployLatestVersion) gets it in
      // servedVersionId, not in model.versionId, so each new version is not a diff.
      // (An import, which reads with no inputs, gets the version: the program it writes pins it.)
      model: r.model && { ...r.model, versionId: p.model !== undefined && (p.model as ModelRef).versionId === undefined ? undefined : r.model.versionId },
      workflow: r.workflow && { ...r.workflow, versionId: p.workflow !== undefined && (p.workflow as WorkflowRef).versionId === undefined ? undefined : r.workflow.versionId },
      nodepools: r.nodepools.map(nodepoolKey),
      nodepoolPriorities: p.nodepoolPriorities === undefined && r.nodepools.every((n) => !n.priority) ? undefined : r.nodepools.map((n) => n.priority ?? 0),
      autoscale: autoscaleOut(r.autoscale as Props | undefined, p.autoscale as Props | undefined),
      schedulingChoice: r.schedulingChoice ?? "performance",
      visibility: r.visibility ?? "private",
      deployLatestVersion: r.deployLatestVersion ?? false,
      gracefulDeploy: r.gracefulDeploy ?? false,
      userId: r.userId,
      ready: r.ready ?? (p.ready as boolean | undefined),
      servedVersionId: r.model?.versionId ?? r.workflow?.versionId,
      desiredReplicas: r.metrics?.desiredReplicas ?? 0,
      liveReplicas: r.metrics?.liveReplicas ?? 0,
      createdAt: r.createdAt,
      modifiedAt: r.modifiedAt,
    };
  },
  async settle(c, remote, outs) {
    if (outs.waitForReady === false) return { ...outs, ready: standing(remote).ready };
    return waitForReady(c, remote, outs);
  },
};

export const deploymentProvider = makeProvider(deploymentDefinition);
