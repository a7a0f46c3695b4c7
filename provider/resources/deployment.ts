// Deployment: a model or workflow served on nodepools. Pulumi id = the deployment id (user-scoped in
// Clarifai, so it finds the deployment again on its own). Everything but the id updates in place with
// one PATCH `overwrite` carrying the fields that changed (deployments accept no other action).
//
// The worker (API 12.x). `worker` is what the deployment serves (observed); `desired_worker` is what it
// was asked to serve and the only worker field a PATCH writes. Create sends `worker` (the docs' shape),
// update sends `desired_worker`, and the outputs report the observed worker, so a deployment that serves
// something other than the program declares shows as drift on refresh. Readiness: readiness.ts.
import type { ApiDeployment } from "../../api/wire.generated";
import type { Owned } from "../client";
import { nodepoolKey, parseNodepoolKey } from "../model/ids";
import type { Autoscale, DeploymentInputs, ModelRef, WorkflowRef } from "../model/model.generated";
import { snakeStruct, visibility } from "../model/codecs";
import { identity } from "../model/identity";
import { deploymentPools, modelRef, replicaMetrics, servedWorker, workerOf, workflowRef } from "../model/messages";
import { type Codec, type Codecs, fromWire, toWire } from "../model/wireMap";
import { UNKNOWN, isUnknown } from "../model/schema";
import { Checked, NAME, Previewed, Prior, ResourceDefinition, carried, deepEqual } from "./definition";
import { makeProvider } from "./lifecycle";
import { pause, timing } from "./timing";
import { account, changed, runPreflight } from "./preflight";
import { standing, waitForReady } from "./readiness";
import { checkFit, needsOf, pinnedModel } from "./fitCheck";
import { messageOf } from "../model/unknowns";

type Remote = ApiDeployment & Owned & { ready?: boolean };

const AUTOSCALE_DEFAULT: Autoscale = { minReplicas: 0, maxReplicas: 1, disablePacking: false };
const OPTIONAL_AUTOSCALE = ["trafficHistorySeconds", "scaleUpDelaySeconds", "scaleDownDelaySeconds", "scaleToZeroDelaySeconds", "softMinReplicas"] as const;

/**
 * Create sends `worker` (what the docs' deployment_config.yaml and the SDK send); patch sends
 * `desired_worker`, the only worker field a 12.x PATCH writes (a patched `worker` is ignored). Read back:
 * the worker served.
 */
const worker = <T>(read: (d: ApiDeployment) => T | undefined): Codec<T, ApiDeployment, DeploymentInputs> => ({
  toWire: (_, p, mode) => (mode === "create" ? { worker: workerOf(p.model, p.workflow) } : { desired_worker: workerOf(p.model, p.workflow) }),
  fromWire: read,
});

/**
 * Priorities go out as 12.x `deployment_nodepools` only when one is non-zero, so a plain deployment
 * keeps the `nodepools` shape every API version accepts (the two must not be sent together).
 */
function pools(p: DeploymentInputs): Partial<ApiDeployment> {
  const refs = p.nodepools.map((id, i) => ({ ...parseNodepoolKey(id), priority: p.nodepoolPriorities?.[i] || undefined }));
  const wire = (r: (typeof refs)[number]) => ({ id: r.nodepoolId, compute_cluster: { id: r.computeClusterId } });
  return refs.some((r) => r.priority) ? { deployment_nodepools: refs.map((r) => ({ ...wire(r), priority: r.priority })) } : { nodepools: refs.map(wire) };
}

/** The fields whose wire shape differs; every other stored field goes by its apiField. */
const wire: Codecs<"Deployment"> = {
  model: worker((d) => modelRef(servedWorker(d))),
  workflow: worker((d) => workflowRef(servedWorker(d))),
  nodepools: { toWire: (_, p) => pools(p), fromWire: (d) => deploymentPools(d).map(nodepoolKey) },
  nodepoolPriorities: {
    toWire: (_, p) => pools(p),
    fromWire: (d) => (deploymentPools(d).some((n) => n.priority) ? deploymentPools(d).map((n) => n.priority ?? 0) : undefined),
  },
  autoscale: snakeStruct("autoscale_config"),
  visibility,
};

/** The message for checked inputs; a patch sends the id and the fields that changed (`fields`: the schema's names; every field when omitted). */
const message = (p: Checked<"Deployment">, mode: "create" | "patch", fields?: readonly string[]) =>
  toWire("Deployment", wire, { ...p, autoscale: p.autoscale ?? AUTOSCALE_DEFAULT }, mode, fields && [...fields, "deploymentId"]);

/** The API fills every autoscale field (0 when unset); report the optional ones only when set, so refresh finds no drift. */
function autoscaleOut(remote: Autoscale | undefined, input: Autoscale | undefined): Autoscale | undefined {
  if (!remote) return undefined;
  const out: Autoscale = { minReplicas: remote.minReplicas ?? 0, maxReplicas: remote.maxReplicas ?? 0, disablePacking: remote.disablePacking ?? false };
  for (const k of OPTIONAL_AUTOSCALE) if (input?.[k] !== undefined || (remote[k] !== undefined && remote[k] !== 0)) out[k] = remote[k] ?? 0;
  return out;
}

function sameWorker(d: ApiDeployment, p: { model?: ModelRef; workflow?: WorkflowRef }): string | undefined {
  const { model: m, workflow: w } = p;
  const [dm, dw] = [modelRef(servedWorker(d)), workflowRef(servedWorker(d))];
  if (m && dm && dm.userId === m.userId && dm.appId === m.appId && dm.modelId === m.modelId) return `model ${m.userId}/${m.appId}/${m.modelId}`;
  if (w && dw && dw.userId === w.userId && dw.appId === w.appId && dw.workflowId === w.workflowId) {
    return `workflow ${w.userId}/${w.appId}/${w.workflowId}`;
  }
  return undefined;
}

/** Later checks in this run see the write (preflight's shared list of the account's deployments). */
function noted<D extends ApiDeployment>(d: D): D {
  account.wroteDeployment(d.id ?? "", d);
  return d;
}

/** A model or workflow as Clarifai's one-deployment-per-nodepool rule sees it (version aside); undefined: unknown. */
function servedThing(p: Prior<"Deployment"> | Previewed<"Deployment">): string | undefined {
  const { model: m, workflow: w } = p;
  // A whole reference unknown at preview is the unknown string.
  const parts = m ? (typeof m === "object" ? ["model", m.userId, m.appId, m.modelId] : [m]) : w ? (typeof w === "object" ? ["workflow", w.userId, w.appId, w.workflowId] : [w]) : [];
  return parts.length && !parts.some((x) => x === undefined || isUnknown(x)) ? parts.join("/") : undefined;
}

/** What the deployment serves, in words, for the export's comments. */
function served(d: ApiDeployment): string {
  const [model, workflow] = [modelRef(servedWorker(d)), workflowRef(servedWorker(d))];
  if (model) return `model ${model.userId}/${model.appId}/${model.modelId}${model.versionId ? ` version ${model.versionId}` : ""}`;
  return workflow ? `workflow ${workflow.userId}/${workflow.appId}/${workflow.workflowId}` : "nothing";
}

export const deploymentDefinition: ResourceDefinition<"Deployment", Remote> = {
  kind: "Deployment",
  noun: "deployment",
  wire,
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
        fail(`nodepools[${i}]`, `${messageOf(e)}; pass the Nodepool's \`id\` output (e.g. \`pool.id\`)`);
      }
    });
  },
  // One deployment per model per nodepool, and nodepools that exist: checked against the account, since
  // `check` cannot see the program's other resources. A nodepool the program creates is passed as
  // `pool.id`, unknown at preview, so it is not looked up.
  async preflight(olds, p, fail) {
    // A refresh rebuilds the stored inputs from the outputs, which keep no plans: a plan counts as
    // changed only against a stored one (else the first preview after a refresh would look things up).
    const { __poolPlans: oldPlans } = olds;
    const plansChanged = oldPlans !== undefined && !deepEqual(oldPlans, p.__poolPlans);
    if (!changed(olds, p, ["nodepools", "model", "workflow"]) && !plansChanged) {
      // The fit found when these values were checked still holds (read by the policy pack).
      const { __fit: kept } = olds;
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
        const here = (await account.deployments(c)).filter((d) => deploymentPools(d).some((n) => n.computeClusterId === computeClusterId && n.nodepoolId === nodepoolId));
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
  create: (c, p) => c.createDeployment(message(p, "create"), { owner: p.__owner, mismatches: identity("Deployment", wire) }).then(noted),
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
    idOf: (d) => d.id ?? "",
    // Everything the outputs report that a list might shorten: the metrics and the served version.
    complete: (d) => {
      const w = servedWorker(d);
      return d.deployment_metrics !== undefined && (!w?.model || w.model.model_version?.id !== undefined) && (!w?.workflow || w.workflow.version?.id !== undefined);
    },
  },
  patch: (c, p, fields) => c.patchDeployment(message(p, "patch", fields), { owner: p.__owner }).then(noted),
  remove: (c, id) => c.deleteDeployment(id).finally(() => account.wroteDeployment(id, undefined)),
  // Nothing but the id is immutable: an adopted deployment is patched to the program's values.
  immutableMismatches: () => [],
  outputs(r, p) {
    const f = fromWire("Deployment", wire, r);
    const metrics = replicaMetrics(r);
    return {
      ...carried(p, ["waitForReady", "readyTimeoutSeconds", "adopt"]),
      ...f,
      deploymentId: f.deploymentId ?? "",
      description: f.description ?? "",
      // Observed worker. A program that leaves the version to Clarifai (deployLatestVersion) gets it in
      // servedVersionId, not in model.versionId, so each new version is not a diff.
      // (An import, which reads with no inputs, gets the version: the program it writes pins it.)
      model: f.model && { ...f.model, versionId: p.model !== undefined && p.model.versionId === undefined ? undefined : f.model.versionId },
      workflow: f.workflow && { ...f.workflow, versionId: p.workflow !== undefined && p.workflow.versionId === undefined ? undefined : f.workflow.versionId },
      nodepools: f.nodepools ?? [],
      nodepoolPriorities: f.nodepoolPriorities ?? (p.nodepoolPriorities === undefined ? undefined : (f.nodepools ?? []).map(() => 0)),
      autoscale: autoscaleOut(f.autoscale, p.autoscale),
      schedulingChoice: f.schedulingChoice ?? "performance",
      visibility: f.visibility ?? "private",
      deployLatestVersion: f.deployLatestVersion ?? false,
      gracefulDeploy: f.gracefulDeploy ?? false,
      userId: r.user_id,
      ready: r.ready ?? p.ready,
      servedVersionId: f.model?.versionId ?? f.workflow?.versionId,
      desiredReplicas: metrics?.desiredReplicas ?? 0,
      liveReplicas: metrics?.liveReplicas ?? 0,
      createdAt: r.created_at,
      modifiedAt: r.modified_at,
    };
  },
  async settle(c, remote, outs) {
    // Paused, it serves nothing by design: waiting for replicas would wait out the timeout.
    if (outs.status === "disabled") return { ...outs, ready: false };
    if (outs.waitForReady === false) return { ...outs, ready: standing(remote).ready };
    return waitForReady(c, remote, outs, (d) => deploymentDefinition.outputs(d, outs));
  },
  exported: {
    list: { inAccount: (c) => c.listDeployments(), clustersOf: (d) => deploymentPools(d).map((n) => n.computeClusterId) },
    references: { nodepools: "Nodepool" },
    // One that does not follow new versions (deployLatestVersion false) pins the version it serves; one
    // that does leaves it to Clarifai, as its outputs do.
    stated: (d) => (d.deploy_latest_version ? {} : { model: modelRef(servedWorker(d)), workflow: workflowRef(servedWorker(d)) }),
    variableSuffix: "Deployment",
    summary: (d) => `Deployment "${d.id}": ${served(d)}, on ${deploymentPools(d).map(nodepoolKey).join(", ")}.`,
  },
};

export const deploymentProvider = makeProvider(deploymentDefinition);
