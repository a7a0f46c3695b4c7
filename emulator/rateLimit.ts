/** Global rate limit: at most `perSecond` API requests in any sliding one-second window. */
export class RateLimiter {
  private stamps: number[] = [];
  constructor(public perSecond?: number) {}

  /** Returns 0 when the request is admitted, else the seconds to wait (for Retry-After). */
  take(now = Date.now()): number {
    if (this.perSecond === undefined || this.perSecond <= 0) return 0;
    while (this.stamps.length && now - this.stamps[0] >= 1000) this.stamps.shift();
    if (this.stamps.length >= this.perSecond) {
      return Math.max(1, Math.ceil((1000 - (now - this.stamps[0])) / 1000));
    }
    this.stamps.push(now);
    return 0;
  }

  reset(): void {
    this.stamps = [];
  }
}
