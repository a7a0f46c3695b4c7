// Deployment: a model or workflow served on nodepools. Pulumi id = the deployment id (user-scoped in
// Clarifai, so it finds the deployment again on its own). Everything but the id updates in place with
// one PATCH `overwrite` carrying the fields that changed (deployments accept no other action).
//
// The worker (API 12.x). `worker` is what the deployment serves (observed); `desired_worker` is what it
// was asked to serve and the only worker field a PATCH writes. Create sends `worker` (the docs' shape),
// update sends `desired_worker`, and the outputs report the observed worker, so a deployment that serves
// something other than the program declares shows as drift on refresh. Readiness: readiness.ts.
import { nodepoolKey, parseNodepoolKey } from "../client";
import type { Deployment, DeploymentInput, ModelRef, NodepoolRef, Owned, WorkflowRef } from "../client";
import type { Autoscale } from "../model.generated";
import { UNKNOWN, isUnknown } from "../schema";
import { Checked, Hidden, NAME, ResourceDefinition, carried, deepEqual } from "./definition";
import { makeProvider } from "./lifecycle";
import { pause, timing } from "./timing";
import { account, changed, runPreflight } from "./preflight";
import { standing, waitForReady } from "./readiness";
import { checkFit, needsOf, pinnedModel } from "./fitCheck";

type Remote = Deployment & Owned & { ready?: boolean };

const AUTOSCALE_DEFAULT: Autoscale = { minReplicas: 0, maxReplicas: 1, disablePacking: false };
const OPTIONAL_AUTOSCALE = ["trafficHistorySeconds", "scaleUpDelaySeconds", "scaleDownDelaySeconds", "scaleToZeroDelaySeconds", "softMinReplicas"] as const;

function toInput(p: Checked<"Deployment">): DeploymentInput {
  return {
    id: p.deploymentId,
    description: p.description,
    model: p.model,
    workflow: p.workflow,
    nodepools: p.nodepools.map((id, i): NodepoolRef => {
      const priority = p.nodepoolPriorities?.[i];
      return priority ? { ...parseNodepoolKey(id), priority } : parseNodepoolKey(id);
    }),
    autoscale: p.autoscale ?? AUTOSCALE_DEFAULT,
    schedulingChoice: p.schedulingChoice,
    visibility: p.visibility,
    deployLatestVersion: p.deployLatestVersion,
    gracefulDeploy: p.gracefulDeploy,
  };
}

/** The API fills every autoscale field (0 when unset); report the optional ones only when set, so refresh finds no drift. */
function autoscaleOut(remote: Autoscale | undefined, input: Autoscale | undefined): Autoscale | undefined {
  if (!remote) return undefined;
  const out: Autoscale = { minReplicas: remote.minReplicas ?? 0, maxReplicas: remote.maxReplicas ?? 0, disablePacking: remote.disablePacking ?? false };
  for (const k of OPTIONAL_AUTOSCALE) if (input?.[k] !== undefined || (remote[k] !== undefined && remote[k] !== 0)) out[k] = remote[k] ?? 0;
  return out;
}

function sameWorker(d: Deployment, p: { model?: ModelRef; workflow?: WorkflowRef }): string | undefined {
  const { model: m, workflow: w } = p;
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

/** A model or workflow as Clarifai's one-deployment-per-nodepool rule sees it (version aside); undefined: unknown. */
function servedThing(p: { model?: unknown; workflow?: unknown }): string | undefined {
  const m = p.model as Partial<ModelRef> | undefined;
  const w = p.workflow as Partial<WorkflowRef> | undefined;
  const parts = m ? ["model", m.userId, m.appId, m.modelId] : w ? ["workflow", w.userId, w.appId, w.workflowId] : [];
  return parts.length && !parts.some((x) => x === undefined || isUnknown(x)) ? parts.join("/") : undefined;
}

export const deploymentDefinition: ResourceDefinition<"Deployment", Remote> = {
  kind: "Deployment",
  noun: "deployment",
  pulumiId: (p) => p.deploymentId,
  normalize(p) {
    if (p.autoscale === undefined) p.autoscale = { ...AUTOSCALE_DEFAULT };
  },
  crossCheck(p, fail) {
    const { model, workflow } = p;
    if (model === undefined && workflow === undefined) fail("model", "set exactly one of `model` or `workflow`; neither is set");
    else if (model !== undefined && workflow !== undefined) fail("workflow", "set exactly one of `model` or `workflow`; both are set");
    const a = p.autoscale;
    if (a && a !== UNKNOWN && typeof a.minReplicas === "number" && typeof a.maxReplicas === "number" && a.minReplicas > a.maxReplicas) {
      fail("autoscale.minReplicas", `${a.minReplicas} is above autoscale.maxReplicas (${a.maxReplicas}); the replica range needs minReplicas ≤ maxReplicas`);
    }
    if (model && model !== UNKNOWN && model.versionId === undefined && p.deployLatestVersion !== true && p.deployLatestVersion !== UNKNOWN) {
      fail("model.versionId", "is required unless deployLatestVersion is true: pin the model version to serve, or set `deployLatestVersion: true` to follow new versions");
    }
    // Two deployments of this program, of the same model, on one nodepool it creates (sdk/placement.ts):
    // Clarifai would refuse the second at create, half-way through the `up`.
    for (const c of p.__samePoolConflicts ?? []) {
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
    (Array.isArray(p.nodepools) ? p.nodepools : []).forEach((id, i) => {
      if (isUnknown(id)) return;
      try {
        parseNodepoolKey(id);
      } catch (e) {
        fail(`nodepools[${i}]`, `${(e as Error).message}; pass the Nodepool's \`id\` output (e.g. \`pool.id\`)`);
      }
    });
  },
  // One deployment per model per nodepool, and nodepools that exist: checked against the account, since
  // `check` cannot see the program's other resources. A nodepool the program creates is passed as
  // `pool.id`, unknown at preview, so it is not looked up.
  async preflight(olds, p, fail) {
    // A refresh rebuilds the stored inputs from the outputs, which keep no plans: a plan counts as
    // changed only against a stored one (else the first preview after a refresh would look things up).
    const { __poolPlans: oldPlans } = olds as Hidden;
    const plansChanged = oldPlans !== undefined && !deepEqual(oldPlans, p.__poolPlans);
    if (!changed(olds, p, ["nodepools", "model", "workflow"]) && !plansChanged) {
      // The fit found when these values were checked still holds (read by the policy pack).
      const { __fit: kept } = olds as Hidden;
      if (kept) p.__fit = kept;
      return;
    }
    if (!Array.isArray(p.nodepools)) return;
    const known = p.nodepools.map((id, i) => [id, i] as const).filter(([id]) => !isUnknown(id));
    // The fit (fitCheck.ts) also covers nodepools this program creates (their ids are unknown at preview).
    const pinned = pinnedModel(p);
    if (!known.length && !pinned) return;
    const { model, workflow } = p;
    const worker = model === UNKNOWN || workflow === UNKNOWN || isUnknown(model) || isUnknown(workflow) ? undefined : { model, workflow };
    const label = `Deployment "${p[NAME] ?? p.deploymentId}"`;
    await runPreflight(label, fail, async (c) => {
      // The shared lists and the model version's needs in one round trip of wall time (each is fetched once per run).
      const clustersSeen = [...new Set(known.map(([id]) => parseNodepoolKey(id).computeClusterId))];
      const needs = pinned ? needsOf(c, pinned) : undefined;
      await Promise.all([...clustersSeen.map((cc) => account.nodepools(c, cc)), ...(worker && known.length ? [account.deployments(c)] : []), needs]);
      for (const [id, i] of known) {
        const { computeClusterId, nodepoolId } = parseNodepoolKey(id);
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
            `nodepool "${id}" does not exist in the Clarifai account; if this program creates it, pass the Nodepool's \`id\` output (e.g. \`pool.id\`) so Pulumi creates it first`,
          );
          continue;
        }
        if (!worker) continue;
        const here = (await account.deployments(c)).filter((d) => d.nodepools.some((n) => n.computeClusterId === computeClusterId && n.nodepoolId === nodepoolId));
        for (const d of here) {
          // The deployment this one replaces (a new deploymentId) is itself: the replacement deletes it
          // first (clashesWithReplaced), so it is no conflict.
          const what = d.id !== p.deploymentId && d.id !== olds.deploymentId ? sameWorker(d, worker) : undefined;
          if (what) {
            fail(
              `nodepools[${i}]`,
              `nodepool "${id}" already serves ${what} in deployment "${d.id}", and Clarifai allows one deployment per model per nodepool; ` +
                `use another nodepool, remove it from "${d.id}", or manage that deployment here (deploymentId "${d.id}", adopt: true)`,
            );
          }
        }
      }
      const read = await needs;
      if (pinned && read) await checkFit(c, label, p, pinned, read, fail);
    });
  },
  // Clarifai allows one deployment per model (or workflow) per nodepool: a replacement (a new
  // deploymentId) serving the same thing on a nodepool the old one uses cannot be created beside it.
  // Whatever is unknown at preview may clash.
  clashesWithReplaced(olds, news) {
    const was = servedThing(olds);
    const now = isUnknown(news.model) || isUnknown(news.workflow) ? undefined : servedThing(news);
    if (was !== undefined && now !== undefined && was !== now) return false;
    const before = olds.nodepools ?? [];
    return !Array.isArray(news.nodepools) || news.nodepools.some((n) => isUnknown(n) || before.includes(n));
  },
  create: (c, p) => c.createDeployment(toInput(p), { owner: p.__owner }).then(noted),
  ownerOf: (d) => d.owner,
  // One GET: `ready` is what the last create or update saw (refresh keeps it), whatever the number of
  // nodepools the deployment spans; refresh reads from `listed` first.
  get: (c, id) => c.getDeployment(id),
  // ListDeployments returns the same Deployment message; deployment_metrics (live replica counts) is
  // computed per request, the field a list could leave out: a listed deployment without it is read
  // with a GET (the safe reading). The worker is stored with the deployment, listed like every field.
  listed: {
    // The deployments on the cluster of its first nodepool (the API filters by compute_cluster_id): a
    // deployment moved elsewhere is not in that list and is read with a GET.
    parent: (_id, prior) => {
      try {
        return prior.nodepools?.length ? parseNodepoolKey(prior.nodepools[0]).computeClusterId : undefined;
      } catch {
        return undefined; // a state this provider did not write: read with a GET
      }
    },
    list: (c, cluster) => c.listDeployments({ computeClusterId: cluster }),
    idOf: (d) => d.id,
    // Everything the outputs report that a list might shorten: the metrics and the served version.
    complete: (d) => d.metrics !== undefined && (!d.model || d.model.versionId !== undefined) && (!d.workflow || d.workflow.versionId !== undefined),
  },
  patch: (c, p, fields) => c.patchDeployment(toInput(p), { fields, owner: p.__owner }).then(noted),
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
      model: r.model && { ...r.model, versionId: p.model !== undefined && p.model.versionId === undefined ? undefined : r.model.versionId },
      workflow: r.workflow && { ...r.workflow, versionId: p.workflow !== undefined && p.workflow.versionId === undefined ? undefined : r.workflow.versionId },
      nodepools: r.nodepools.map(nodepoolKey),
      nodepoolPriorities: p.nodepoolPriorities === undefined && r.nodepools.every((n) => !n.priority) ? undefined : r.nodepools.map((n) => n.priority ?? 0),
      autoscale: autoscaleOut(r.autoscale, p.autoscale),
      schedulingChoice: r.schedulingChoice ?? "performance",
      visibility: r.visibility ?? "private",
      deployLatestVersion: r.deployLatestVersion ?? false,
      gracefulDeploy: r.gracefulDeploy ?? false,
      userId: r.userId,
      ready: r.ready ?? p.ready,
      servedVersionId: r.model?.versionId ?? r.workflow?.versionId,
      desiredReplicas: r.metrics?.desiredReplicas ?? 0,
      liveReplicas: r.metrics?.liveReplicas ?? 0,
      createdAt: r.createdAt,
      modifiedAt: r.modifiedAt,
    };
  },
  async settle(c, remote, outs) {
    if (outs.waitForReady === false) return { ...outs, ready: standing(remote).ready };
    return waitForReady(c, remote, outs, (d) => deploymentDefinition.outputs(d, outs));
  },
};

export const deploymentProvider = makeProvider(deploymentDefinition);
