/**
 * Per-process request limits. The engine drives many resources at once through one provider
 * process, so every client talking to the same API base shares one {@link HostGate}: an adaptive cap
 * on requests in flight, and a shared pause that a server rate limit (429 + Retry-After) sets so that
 * all requests slow down together instead of each hammering the server on its own.
 *
 * The cap adapts as TCP's congestion window does (additive increase, multiplicative decrease): it
 * starts at the ceiling, halves on each throttled answer (not below 1), and grows by one after a full
 * cap's worth of successes, back up to the ceiling. A server that never throttles sees the ceiling.
 */

export class Semaphore {
  private active = 0;
  private readonly waiters: (() => void)[] = [];

  constructor(private max: number) {
    if (!(max >= 1)) throw new RangeError(`Semaphore limit must be >= 1, got ${max}`);
  }

  get limit(): number {
    return this.max;
  }
  get inFlight(): number {
    return this.active;
  }
  get queued(): number {
    return this.waiters.length;
  }

  setLimit(max: number): void {
    if (!(max >= 1)) throw new RangeError(`Semaphore limit must be >= 1, got ${max}`);
    this.max = max;
    this.drain();
  }

  async acquire(): Promise<void> {
    if (this.active < this.max) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  release(): void {
    this.active--;
    this.drain();
  }

  /** Runs `fn` holding one slot. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await fn();
    } finally {
      this.release();
    }
  }

  private drain(): void {
    while (this.active < this.max && this.waiters.length > 0) {
      this.active++;
      this.waiters.shift()!();
    }
  }
}

export class HostGate {
  readonly semaphore: Semaphore;
  /** Epoch ms before which no new request should start. */
  private pausedUntil = 0;
  private successes = 0;

  constructor(private ceilingLimit: number) {
    this.semaphore = new Semaphore(ceilingLimit);
  }

  /** The most requests in flight this gate ever allows. */
  get ceiling(): number {
    return this.ceilingLimit;
  }

  setCeiling(max: number): void {
    if (!(max >= 1)) throw new RangeError(`maxConcurrency must be >= 1, got ${max}`);
    this.ceilingLimit = max;
    this.successes = 0;
    this.semaphore.setLimit(max);
  }

  /** A throttled answer (429): halve the cap. */
  onThrottle(): void {
    this.successes = 0;
    this.semaphore.setLimit(Math.max(1, Math.floor(this.semaphore.limit / 2)));
  }

  /** A successful answer: after a full cap's worth of them, allow one more in flight. */
  onSuccess(): void {
    if (this.semaphore.limit >= this.ceilingLimit) return;
    if (++this.successes >= this.semaphore.limit) {
      this.successes = 0;
      this.semaphore.setLimit(this.semaphore.limit + 1);
    }
  }

  /** Asks every request on this host to hold off for `ms` (never shortens a longer pause). */
  pause(ms: number, now: number = Date.now()): void {
    this.pausedUntil = Math.max(this.pausedUntil, now + ms);
  }

  /** Ends the shared pause (tests; or a caller that knows better). */
  clearPause(): void {
    this.pausedUntil = 0;
  }

  /** Milliseconds left of the shared pause. */
  remainingPause(now: number = Date.now()): number {
    return Math.max(0, this.pausedUntil - now);
  }
}

/** Default ceiling of concurrent requests per API base (config clarifai:maxConcurrency). */
export const DEFAULT_MAX_CONCURRENCY = 32;

const gates = new Map<string, HostGate>();

/**
 * The process-wide gate for `apiBase`. The first client sets the ceiling; a later client that passes
 * an explicit `maxConcurrency` changes it for everyone on that base.
 */
export function gateFor(apiBase: string, maxConcurrency?: number): HostGate {
  let g = gates.get(apiBase);
  if (!g) {
    g = new HostGate(maxConcurrency ?? DEFAULT_MAX_CONCURRENCY);
    gates.set(apiBase, g);
  } else if (maxConcurrency !== undefined && maxConcurrency !== g.ceiling) {
    g.setCeiling(maxConcurrency);
  }
  return g;
}
