/**
 * Token bucket per key: `burst` deals at once, refilled at `perMinute`.
 * Keeps a runaway or stolen tablet from flooding the ledger.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perMinute: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Take one token for `key`; returns 0 when allowed, else milliseconds until one is free. */
  take(key: string): number {
    const t = this.now();
    const refillPerMs = this.perMinute / 60_000;
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: t };
    b.tokens = Math.min(this.burst, b.tokens + (t - b.at) * refillPerMs);
    b.at = t;
    this.buckets.set(key, b);
    if (this.buckets.size > 10_000) this.prune(t);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - b.tokens) / refillPerMs);
  }

  /** Milliseconds until `key` could take a token (0: now), without taking one. */
  peek(key: string): number {
    const b = this.buckets.get(key);
    if (!b) return 0;
    const refillPerMs = this.perMinute / 60_000;
    const tokens = Math.min(this.burst, b.tokens + (this.now() - b.at) * refillPerMs);
    return tokens >= 1 ? 0 : Math.ceil((1 - tokens) / refillPerMs);
  }

  private prune(t: number) {
    const full = this.burst / (this.perMinute / 60_000);
    for (const [k, b] of this.buckets) if (t - b.at > full) this.buckets.delete(k);
  }
}
