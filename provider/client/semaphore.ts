/**
 * Per-process request limits. The engine drives many resources at once through one provider
 * process, so every client talking to the same API base shares one {@link HostGate}: a cap on
 * requests in flight, and a shared pause that a server rate limit (429 + Retry-After) sets so that
 * all requests slow down together instead of each hammering the server on its own.
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

  constructor(maxConcurrency: number) {
    this.semaphore = new Semaphore(maxConcurrency);
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

/** Default cap on concurrent requests per API base. */
export const DEFAULT_MAX_CONCURRENCY = 8;

const gates = new Map<string, HostGate>();

/**
 * The process-wide gate for `apiBase`. The first client sets the limit; a later client that passes
 * an explicit `maxConcurrency` changes it for everyone on that base.
 */
export function gateFor(apiBase: string, maxConcurrency?: number): HostGate {
  let g = gates.get(apiBase);
  if (!g) {
    g = new HostGate(maxConcurrency ?? DEFAULT_MAX_CONCURRENCY);
    gates.set(apiBase, g);
  } else if (maxConcurrency !== undefined && maxConcurrency !== g.semaphore.limit) {
    g.semaphore.setLimit(maxConcurrency);
  }
  return g;
}
