// Why a deployment is not ready, from its runners' events (ListLogEntries "runner.events": scheduling,
// scaling, image pulls, out-of-memory kills, crash loops, preemption; what `clarifai deployment logs
// --log-type events` shows). Read only while the wait makes no progress, at a backed-off cadence, so a
// long wait costs a handful of calls: see EventReads.
import type { ApiDeployment, ApiRunner } from "../../api/wire.generated";
import { NotFoundError } from "../client";
import type { ClarifaiClient } from "../client";
import { type DeploymentPool, deploymentPools, servedWorker } from "../model/messages";
import { nodepoolKey } from "../model/ids";

/** The first read after this long without progress; then the gap doubles up to MAX_GAP_MS. */
export const FIRST_READ_MS = 10_000;
export const MAX_GAP_MS = 160_000;

/** Why, in one line, and what to do about it when that follows from the events. */
export interface Explanation {
  reason: string;
  /** From a Warning event (a Normal one only says what is going on). */
  warning: boolean;
  hint?: string;
}

/** `<time> <Normal|Warning> <Reason>: <text>` (the form `kubectl get events` prints); anything else is taken whole. */
const EVENT = /^(?:\S+\s+)?(Normal|Warning)\s+([A-Za-z]+):\s*(.*)$/;

/** The newest warning (else the newest event) of a runner's events, oldest first. */
export function explain(messages: string[]): Explanation | undefined {
  const parsed = messages.map((m) => {
    const x = EVENT.exec(m.trim());
    return x ? { warning: x[1] === "Warning", reason: x[2], text: x[3] } : { warning: false, reason: "", text: m.trim() };
  });
  const line = (p: (typeof parsed)[number]) => (p.reason ? `${p.text} (${p.reason})` : p.text);
  const warnings = parsed.filter((p) => p.warning).reverse();
  const newest = warnings[0] ?? parsed.filter((p) => p.text !== "").pop();
  if (!newest) return undefined;
  // The cause is the most telling of the recent warnings (an out-of-memory kill before the back-off it causes).
  const recent = warnings.slice(0, 5);
  for (const h of HINTS) {
    const cause = recent.find((p) => h.when.test(`${p.reason} ${p.text}`));
    if (cause) return { reason: cause === newest ? line(newest) : `${line(cause)}, then ${line(newest)}`, warning: true, hint: h.hint };
  }
  return { reason: line(newest), warning: newest.warning };
}

/** What to do, by cause, the most specific first. */
const HINTS: { when: RegExp; hint: string }[] = [
  { when: /OOMKilled|out of memory/i, hint: "the model needs more memory than the instance type has: use a larger instance type" },
  { when: /ErrImagePull|ImagePullBackOff|pull image/i, hint: "the model version's image could not be pulled: check that the model version exists and finished building" },
  { when: /no spot capacity/i, hint: "consider `capacity: spotWithFallback` on the nodepool (on-demand when spot is short), or another instance type or region" },
  {
    when: /no (spot or )?on-demand capacity|InsufficientInstanceCapacity|FailedScaleUp/i,
    hint: "the cloud has no capacity for this instance type there now: try another instance type or region (getInstanceTypes()), or run `pulumi up` again later",
  },
  { when: /Preempted|reclaimed/i, hint: "spot capacity was reclaimed: consider `capacity: spotWithFallback` or `onDemand` on the nodepool" },
  { when: /CrashLoopBackOff|restarting failed container/i, hint: "the model's container keeps exiting: see its output with `clarifai deployment logs <deployment id>`" },
];

/**
 * The deployment's runners on each of its nodepools (one ListRunners per nodepool). Right after a create
 * a nodepool's runners may not be readable yet (404): nothing scheduled yet. One deployment per model per
 * nodepool, so the worker identifies this deployment's runners.
 */
export async function* runnersByPool(c: ClarifaiClient, d: ApiDeployment): AsyncGenerator<{ pool: DeploymentPool; runners: ApiRunner[] }> {
  const w = servedWorker(d);
  for (const pool of deploymentPools(d)) {
    const all = await c.listRunners(pool.computeClusterId, pool.nodepoolId).catch((e: unknown) => {
      if (e instanceof NotFoundError) return [];
      throw e;
    });
    const runners = all.filter((r) => (w?.model ? r.worker?.model?.id === w.model.id : w?.workflow ? r.worker?.workflow?.id === w.workflow.id : false));
    yield { pool, runners };
  }
}

/** Reads the newest events of the deployment's runners (one ListRunners and one ListLogEntries per nodepool). */
export async function readEvents(c: ClarifaiClient, d: ApiDeployment): Promise<Explanation | undefined> {
  const pools = deploymentPools(d).length;
  for await (const { pool, runners } of runnersByPool(c, d)) {
    const mine = runners[0];
    if (!mine?.id) continue;
    const entries = await c.listLogEntries("runner.events", pool.computeClusterId, pool.nodepoolId, mine.id);
    const found = explain(entries.map((e) => e.message ?? ""));
    if (found) return pools > 1 ? { ...found, reason: `on nodepool ${nodepoolKey(pool)}: ${found.reason}` } : found;
  }
  return undefined;
}

/**
 * When to read events during a wait: only after FIRST_READ_MS without progress, then with the gap
 * doubling up to MAX_GAP_MS; progress starts over. A ten-minute wait without progress reads at 10, 30,
 * 70, 150, 310 and 470 s (6 reads), plus one when the wait fails.
 */
export class EventReads {
  private next: number;
  private gap = FIRST_READ_MS;
  private progress = "";
  /** Read so far (for the log and the tests). */
  count = 0;

  constructor(now: number) {
    this.next = now + FIRST_READ_MS;
  }

  /** Whether to read now, given the wait's current progress line. */
  due(progress: string, now: number): boolean {
    if (progress !== this.progress) {
      this.progress = progress;
      this.gap = FIRST_READ_MS;
      this.next = now + FIRST_READ_MS;
      return false;
    }
    if (now < this.next) return false;
    // From the scheduled time, not from now: polls a few seconds apart do not push the reads later.
    this.gap = this.count === 0 ? 2 * FIRST_READ_MS : Math.min(this.gap * 2, MAX_GAP_MS);
    this.next += this.gap;
    this.count++;
    return true;
  }
}
