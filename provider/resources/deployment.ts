// Deployment: a model or workflow served on nodepools. Pulumi id = the deployment id (user-scoped in
// Clarifai, so it finds the deployment again on its own). Everything but the id updates in place with
// one PATCH `overwrite` carrying the full state (deployments accept no other action).
//
// Readiness. API 11.x has no readiness field on Deployment; the signal is ListRunners per nodepool
// (`runner_metrics.pods_total` / `pods_running`), which is what Clarifai's SDK polls. A nodepool is ready
// when the deployment's runners there report podsRunning ≥ podsTotal ≥ 1; the deployment is ready when
// every nodepool is. Strict reading for scale-to-zero (minReplicas 0): we still wait for one running
// replica per nodepool. The orchestrator asks for max(minReplicas, 1) pods when a deployment is posted,
// so "ready" means "the model loaded and served once", which is what a user deploying wants to know;
// Clarifai's SDK skips waiting instead. Set `waitForReady: false` to skip it here too.
// A runner whose metadata.status is ERROR is terminal: fail at once with its status_description.
import { NotFoundError } from "../client";
import type { ClarifaiClient, Deployment, DeploymentInput, ModelRef, SchedulingChoice, Visibility, WorkflowRef } from "../client";
import { UNKNOWN, isUnknown } from "../schema";
import { NAME, Props, ResourceDefinition, carried, makeProvider, pause } from "./base";
import { parseNodepoolId } from "./nodepool";
import { changed, runPreflight } from "./preflight";

type Remote = Deployment & { ready?: boolean };

const AUTOSCALE_DEFAULT = { minReplicas: 0, maxReplicas: 1, disablePacking: false };
const OPTIONAL_AUTOSCALE = ["trafficHistorySeconds", "scaleUpDelaySeconds", "scaleDownDelaySeconds", "scaleToZeroDelaySeconds"];

function toInput(p: Props): DeploymentInput {
  return {
    id: String(p.deploymentId),
    description: (p.description as string) ?? "",
    model: p.model as ModelRef | undefined,
    workflow: p.workflow as WorkflowRef | undefined,
    nodepools: (p.nodepools as string[]).map((id) => parseNodepoolId(id)),
    autoscale: (p.autoscale as Props | undefined) ?? AUTOSCALE_DEFAULT,
    schedulingChoice: p.schedulingChoice as SchedulingChoice,
    visibility: p.visibility as Visibility,
    deployLatestVersion: p.deployLatestVersion as boolean,
  };
}

/** The API fills every autoscale field (0 when unset); report the optional ones only when set, so refresh finds no drift. */
function autoscaleOut(remote: Props | undefined, input: Props | undefined): Props | undefined {
  if (!remote) return undefined;
  const out: Props = { minReplicas: remote.minReplicas ?? 0, maxReplicas: remote.maxReplicas ?? 0, disablePacking: remote.disablePacking ?? false };
  for (const k of OPTIONAL_AUTOSCALE) if (input?.[k] !== undefined || (remote[k] !== undefined && remote[k] !== 0)) out[k] = remote[k] ?? 0;
  return out;
}

const poolId = (n: { computeClusterId: string; nodepoolId: string }) => `${n.computeClusterId}/${n.nodepoolId}`;

interface PoolStatus {
  pool: string;
  runners: number;
  total: number;
  running: number;
  error?: string;
}

async function poolStatuses(c: ClarifaiClient, d: Deployment): Promise<PoolStatus[]> {
  const version = d.model?.versionId;
  return Promise.all(
    d.nodepools.map(async (n) => {
      // Right after a create the nodepool's runners may not be readable yet (404): nothing scheduled yet.
      const all = await c
        .listRunners(n.computeClusterId, n.nodepoolId, version ? { modelVersionIds: [version] } : {})
        .catch((e: unknown) => {
          if (e instanceof NotFoundError) return [];
          throw e;
        });
      // One deployment per model per nodepool, so the worker identifies this deployment's runners.
      const mine = all.filter((r) =>
        d.model ? r.modelId === undefined || r.modelId === d.model.modelId : d.workflow ? r.workflowId === undefined || r.workflowId === d.workflow.workflowId : true,
      );
      const failed = mine.find((r) => r.status?.toUpperCase() === "ERROR");
      return {
        pool: poolId(n),
        runners: mine.length,
        total: mine.reduce((s, r) => s + r.podsTotal, 0),
        running: mine.reduce((s, r) => s + r.podsRunning, 0),
        error: failed ? failed.statusDescription || "status ERROR without a description" : undefined,
      };
    }),
  );
}

const isReady = (s: PoolStatus) => s.runners > 0 && s.total >= 1 && s.running >= s.total;
const describe = (st: PoolStatus[]) =>
  st.map((s) => (s.runners === 0 ? `no replica scheduled yet on ${s.pool}` : `${s.running}/${s.total} running on ${s.pool}`)).join(", ");

/** Poll interval: 1 s growing to 10 s. PULUMI_CLARIFAI_POLL_MS scales it (tests use ~50 ms). */
function pollBaseMs(): number {
  const v = Number(process.env.PULUMI_CLARIFAI_POLL_MS);
  return Number.isFinite(v) && v > 0 ? v : 1000;
}

const LOG_EVERY_MS = 10_000;

async function waitForReady(c: ClarifaiClient, d: Deployment, outs: Props): Promise<Props> {
  const name = `Deployment "${String(outs[NAME] ?? d.id)}"`;
  const timeoutMs = Number(outs.readyTimeoutSeconds ?? 1200) * 1000;
  const base = pollBaseMs();
  const start = Date.now();
  let delay = base;
  let lastLog = -Infinity;
  for (;;) {
    const st = await poolStatuses(c, d);
    const failed = st.find((s) => s.error !== undefined);
    if (failed) {
      throw new Error(
        `replicas failed on nodepool ${failed.pool}: ${failed.error} (runner status ERROR). ` +
          `The deployment "${d.id}" exists in Clarifai and is kept in the Pulumi state; fix the cause and run \`pulumi up\` again.`,
      );
    }
    if (st.every(isReady)) return { ...outs, ready: true };
    const elapsed = Date.now() - start;
    if (elapsed >= timeoutMs) {
      throw new Error(
        `not ready after ${Math.round(elapsed / 1000)}s (readyTimeoutSeconds ${Math.round(timeoutMs / 1000)}): ${describe(st)}. ` +
          `The deployment "${d.id}" exists in Clarifai and is kept in the Pulumi state, and Clarifai keeps rolling it out; ` +
          `the next \`pulumi up\` waits again. Raise readyTimeoutSeconds, or set waitForReady: false to skip waiting.`,
      );
    }
    if (Date.now() - lastLog >= LOG_EVERY_MS) {
      console.log(`${name}: waiting for replicas: ${describe(st)} (${Math.round(elapsed / 1000)}s)`);
      lastLog = Date.now();
    }
    await pause(Math.max(0, Math.min(delay, timeoutMs - elapsed)));
    delay = Math.min(delay * 1.5, base * 10);
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
    (Array.isArray(p.nodepools) ? (p.nodepools as unknown[]) : []).forEach((id, i) => {
      if (isUnknown(id)) return;
      try {
        parseNodepoolId(String(id));
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
    await runPreflight(`Deployment "${String(p[NAME] ?? p.deploymentId)}"`, async (c) => {
      for (const [id, i] of known) {
        const { computeClusterId, nodepoolId } = parseNodepoolId(String(id));
        // During `up` a nodepool created a moment ago may not be readable yet: ask twice before failing.
        const pool =
          (await c.getNodepool(computeClusterId, nodepoolId)) ??
          (await pause(1000).then(() => c.getNodepool(computeClusterId, nodepoolId)));
        if (!pool) {
          fail(
            `nodepools[${i}]`,
            `nodepool "${String(id)}" does not exist in the Clarifai account; if this program creates it, pass the Nodepool's \`id\` output (e.g. \`pool.id\`) so Pulumi creates it first`,
          );
          continue;
        }
        if (isUnknown(p.model) || isUnknown(p.workflow)) continue;
        for (const d of await c.listDeployments({ computeClusterId, nodepoolId })) {
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
  create: (c, p) => c.createDeployment(toInput(p)),
  // One GET: `ready` is what the last create or update saw (refresh keeps it), so a refresh costs one
  // call per resource however many nodepools the deployment spans.
  get: (c, id) => c.getDeployment(id),
  patch: (c, p) => c.patchDeployment(toInput(p)),
  remove: (c, id) => c.deleteDeployment(id),
  // Nothing but the id is immutable: an adopted deployment is patched to the program's values.
  immutableMismatches: () => [],
  outputs(r, p) {
    return {
      ...carried(p, ["waitForReady", "readyTimeoutSeconds", "adopt"]),
      deploymentId: r.id,
      description: r.description ?? "",
      model: r.model,
      workflow: r.workflow,
      nodepools: r.nodepools.map(poolId),
      autoscale: autoscaleOut(r.autoscale as Props | undefined, p.autoscale as Props | undefined),
      schedulingChoice: r.schedulingChoice ?? "performance",
      visibility: r.visibility ?? "private",
      deployLatestVersion: r.deployLatestVersion ?? false,
      userId: r.userId,
      ready: r.ready ?? (p.ready as boolean | undefined),
      createdAt: r.createdAt,
      modifiedAt: r.modifiedAt,
    };
  },
  async settle(c, remote, outs) {
    if (outs.waitForReady === false) {
      const ready = await poolStatuses(c, remote).then((st) => st.every(isReady), () => false);
      return { ...outs, ready };
    }
    return waitForReady(c, remote, outs);
  },
};

export const deploymentProvider = makeProvider(deploymentDefinition);
