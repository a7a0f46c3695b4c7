// A deployment's readiness after a create or update.
//
// Readiness (API 12.x `deployment_metrics`, one GetDeployment per poll): ready when no rollout is in
// progress, the served worker is the desired one, and live replicas reached the desired replicas. A
// scale-to-zero deployment (desired 0) is ready at once: the orchestrator starts a replica when traffic
// arrives, so waiting for one would wait out the deadline. Failing fast: a nodepool embedded in the
// deployment with status ERROR, or (looked up only while not ready) a runner whose metadata.status is
// ERROR, stops the wait with the server's description. A response without `deployment_metrics` reads as
// proto3 defaults (0 desired, 0 live): Clarifai 12.x always sends it. While no progress shows, the
// runners' events say why (events.ts, a few reads per wait); a failed or timed-out wait carries the
// newest reason and, where one follows, a hint.
import type { ApiDeployment, ApiRunner } from "../../api/wire.generated";
import type { ClarifaiClient } from "../client";
import { nodepoolKey } from "../model/ids";
import type { ModelRef, WorkflowRef } from "../model/model.generated";
import { deploymentPools, desiredWorker, modelRef, replicaMetrics, servedWorker, workflowRef } from "../model/messages";
import { NAME, Outputs } from "./definition";
import { EventReads, Explanation, readEvents, runnersByPool } from "./events";
import { clockNow, clockSleep, timing } from "./timing";

const workerKey = (m?: ModelRef, w?: WorkflowRef) =>
  m ? `model ${m.userId}/${m.appId}/${m.modelId}@${m.versionId ?? "latest"}` : w ? `workflow ${w.userId}/${w.appId}/${w.workflowId}@${w.versionId ?? "latest"}` : "nothing";

/** Where the deployment stands: `ready`, or why not (for the log and the timeout message), or a terminal `error`. */
interface Standing {
  ready: boolean;
  progress: string;
  error?: string;
}

export function standing(d: ApiDeployment): Standing {
  const failed = deploymentPools(d).find((s) => s.status === "error");
  if (failed) return { ready: false, progress: "", error: `nodepool ${nodepoolKey(failed)} has status ERROR: ${failed.statusDescription || "no description"}` };
  const m = replicaMetrics(d) ?? { desiredReplicas: 0, liveReplicas: 0, rolloutInProgress: false };
  const served = workerKey(modelRef(servedWorker(d)), workflowRef(servedWorker(d)));
  const desired = workerKey(modelRef(desiredWorker(d)), workflowRef(desiredWorker(d)));
  const rolledOut = served === desired && !m.rolloutInProgress;
  const ready = rolledOut && m.liveReplicas >= m.desiredReplicas;
  const progress =
    `${m.liveReplicas}/${m.desiredReplicas} replicas live` +
    (served !== desired ? `, rolling out ${desired} (serving ${served})` : m.rolloutInProgress ? ", rollout in progress" : "");
  return { ready, progress };
}

/** The orchestrator's own word on a runner (`metadata.status`, `metadata.status_description`), when it gives one. */
const runnerNote = (r: ApiRunner, key: "status" | "status_description") => {
  const v = r.metadata?.[key];
  return typeof v === "string" ? v : undefined;
};

/** A replica failure shows only on the runners (metadata.status ERROR); looked up while not ready. */
async function runnerError(c: ClarifaiClient, d: ApiDeployment): Promise<string | undefined> {
  for await (const { pool, runners } of runnersByPool(c, d)) {
    const failed = runners.find((r) => runnerNote(r, "status")?.toUpperCase() === "ERROR");
    if (failed) return `replicas failed on nodepool ${nodepoolKey(pool)}: ${runnerNote(failed, "status_description") || "status ERROR without a description"} (runner status ERROR)`;
  }
  return undefined;
}

const LOG_EVERY_MS = 10_000;
/** Polls made back to back before the interval starts growing. */
const BACK_TO_BACK_POLLS = 10;

/**
 * Polls until the deployment is ready (see the top of this file) and returns its outputs with
 * `ready: true`; `toOutputs` turns each answer into outputs (the definition's, so the last poll's
 * observations are what `up` records).
 */
export async function waitForReady(
  c: ClarifaiClient,
  first: ApiDeployment,
  outs: Outputs<"Deployment">,
  toOutputs: (d: ApiDeployment) => Outputs<"Deployment">,
): Promise<Outputs<"Deployment">> {
  const name = `Deployment "${outs[NAME] ?? first.id}"`;
  const timeoutMs = (outs.readyTimeoutSeconds ?? 1200) * 1000;
  const base = timing().pollBaseMs;
  const start = clockNow();
  const id = first.id ?? "";
  const kept = `The deployment "${id}" exists in Clarifai and is kept in the Pulumi state`;
  let d = first;
  const reads = new EventReads(start);
  let explained: Explanation | undefined;
  // Events are an explanation, never a reason to fail: a read that fails is skipped.
  const readWhy = async () => {
    const found = await readEvents(c, d).catch(() => undefined);
    if (found && found.reason !== explained?.reason) console.log(`${name}: not ready: ${found.reason}${found.hint ? `; ${found.hint}` : ""}`);
    explained = found ?? explained;
  };
  /**
   * What the events say, for a failure's message: read once more (`fresh`, a timeout) or as last read
   * (a terminal error, which carries the API's reason already, is not delayed by more calls); not
   * repeating what `said` says.
   */
  const why = async (fresh: boolean, said = "") => {
    if (fresh) await readWhy();
    const e = explained;
    if (!e) return "";
    const hint = e.hint ? ` Hint: ${e.hint}.` : "";
    if (said.includes(e.reason.replace(/ \(\w+\)$/, ""))) return hint;
    return ` ${e.warning ? "Why" : "Latest event"}: ${e.reason}.${hint}`;
  };
  let delay = base;
  let polls = 0;
  let lastLog = -Infinity;
  for (;;) {
    const st = standing(d);
    const error = st.error ?? (st.ready ? undefined : await runnerError(c, d));
    if (error) throw new Error(`${error}.${await why(false, error)} ${kept}; fix the cause and run \`pulumi up\` again.`);
    if (st.ready) return { ...toOutputs(d), ready: true };
    const elapsed = clockNow() - start;
    if (elapsed >= timeoutMs) {
      throw new Error(
        `not ready after ${Math.round(elapsed / 1000)}s (readyTimeoutSeconds ${Math.round(timeoutMs / 1000)}): ${st.progress}.${await why(true)} ` +
          `${kept}, and Clarifai keeps rolling it out; the next \`pulumi up\` waits again. Raise readyTimeoutSeconds, or set waitForReady: false to skip waiting.`,
      );
    }
    if (clockNow() - lastLog >= LOG_EVERY_MS) {
      console.log(`${name}: waiting: ${st.progress} (${Math.round(elapsed / 1000)}s)`);
      lastLog = clockNow();
    }
    if (reads.due(st.progress, clockNow())) await readWhy();
    // The first polls go back to back (each costs one round trip), so a deployment that becomes ready
    // soon is noticed within one round trip; a long rollout is then polled every 1 s growing to 10 s.
    if (++polls > BACK_TO_BACK_POLLS) {
      await clockSleep(Math.max(0, Math.min(delay, timeoutMs - elapsed)));
      delay = Math.min(delay * 1.5, base * 10);
    }
    const next = await c.getDeployment(id);
    if (!next) throw new Error(`deleted outside Pulumi while waiting for it to be ready; run \`pulumi up\` again to re-create it`);
    d = next;
  }
}
