// Every wait the resources make, in one place, so that tests (and impatient users) can shorten them.
// Defaults are for the real API; `PULUMI_CLARIFAI_POLL_MS` scales the readiness poll (tests use ~50 ms)
// `PULUMI_CLARIFAI_SECOND_LOOK_MS` the eventual-consistency second looks, and
// `PULUMI_CLARIFAI_LIST_SNAPSHOT_MS` how long a list serves reads (listedReads.ts; 0: every read is a GET),
// `PULUMI_CLARIFAI_HELD_ID_WAIT_MS` how long a create waits for a deleted id to be free (heldIds.ts),
// `PULUMI_CLARIFAI_HOSTED_SETTLE_MS` how long a delete lets hosted objects go before calling them foreign.

export interface Timing {
  /** First readiness poll interval; it grows 1.5× per poll up to 10× this. @unit ms @default 1000 */
  pollBaseMs: number;
  /**
   * Pause before a second look when the API answers 404 for an object that should exist (a read
   * lagging behind a write): before `read` drops it, `delete` trusts it, or a preflight fails. @unit ms @default 1000
   */
  secondLookMs: number;
  /**
   * How long one list of a cluster's nodepools or deployments serves `read` (refresh),
   * counted from when the list was asked for; a write by this process ends it sooner. 0: every read
   * is its own GET. @unit ms @default 5000
   */
  listSnapshotMs: number;
  /**
   * How long a create keeps retrying a POST refused because its id is still held by a deletion
   * (Clarifai frees a deleted deployment id after about 5 s; heldIds.ts). @unit ms @default 60000
   */
  heldIdWaitMs: number;
  /** The first pause between those retries; it doubles up to 4× this (a deleted id is freed within seconds). @unit ms @default 250 */
  heldIdRetryMs: number;
  /**
   * How long a cluster or nodepool delete keeps looking while it still hosts objects before it calls
   * them foreign (forceDestroy.ts): the stack's own objects that have no dependency on it (imported
   * ones, say) are deleted by the same run at the same time. @unit ms @default 5000
   */
  hostedSettleMs: number;
}

const fromEnv = (name: string, fallback: number): number => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v >= 0 && process.env[name] !== "" && process.env[name] !== undefined ? v : fallback;
};

let overrides: Partial<Timing> = {};

/** The waits now in force: overrides from {@link setTiming}, then the environment, then the defaults. */
export function timing(): Timing {
  return {
    pollBaseMs: overrides.pollBaseMs ?? (fromEnv("PULUMI_CLARIFAI_POLL_MS", 1000) || 1000),
    secondLookMs: overrides.secondLookMs ?? fromEnv("PULUMI_CLARIFAI_SECOND_LOOK_MS", 1000),
    listSnapshotMs: overrides.listSnapshotMs ?? fromEnv("PULUMI_CLARIFAI_LIST_SNAPSHOT_MS", 5000),
    heldIdWaitMs: overrides.heldIdWaitMs ?? fromEnv("PULUMI_CLARIFAI_HELD_ID_WAIT_MS", 60_000),
    heldIdRetryMs: overrides.heldIdRetryMs ?? 250,
    hostedSettleMs: overrides.hostedSettleMs ?? fromEnv("PULUMI_CLARIFAI_HOSTED_SETTLE_MS", 5000),
  };
}

/** Replaces some waits for this process (tests); `{}` restores the defaults. */
export function setTiming(t: Partial<Timing>): void {
  overrides = { ...t };
}

/** Waits `ms`; used to give an eventually consistent API a moment before a second look. */
export const pause = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** The time source of the waits (readiness.ts): tests replace it to run a long wait at once. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: Clock = { now: () => Date.now(), sleep: (ms) => pause(ms) };
let clock: Clock = realClock;

/** Replaces the clock for this process (tests); no argument restores the real one. */
export function setClock(c?: Clock): void {
  clock = c ?? realClock;
}

/** The clock in force. */
export const clockNow = () => clock.now();
export const clockSleep = (ms: number) => clock.sleep(ms);
