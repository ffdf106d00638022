/** Latency summary in milliseconds. */
export type Summary = { n: number; p50: number; p95: number; p99: number; max: number; mean: number };

/** Growable Float64 sample store (bounded, so a runaway loop cannot eat the machine). */
export class Samples {
  private buf: Float64Array;
  length = 0;
  dropped = 0;
  constructor(
    initial = 4096,
    private readonly cap = 5_000_000,
  ) {
    this.buf = new Float64Array(initial);
  }
  push(v: number) {
    if (this.length === this.buf.length) {
      if (this.length >= this.cap) {
        this.dropped++;
        return;
      }
      const next = new Float64Array(Math.min(this.cap, this.buf.length * 2));
      next.set(this.buf);
      this.buf = next;
    }
    this.buf[this.length++] = v;
  }
  values(): Float64Array {
    return this.buf.slice(0, this.length);
  }
  clear() {
    this.length = 0;
    this.dropped = 0;
  }
}

export function summarize(values: ArrayLike<number>): Summary {
  const n = values.length;
  if (n === 0) return { n: 0, p50: NaN, p95: NaN, p99: NaN, max: NaN, mean: NaN };
  const sorted = Float64Array.from(values).sort();
  const q = (p: number) => sorted[Math.min(n - 1, Math.max(0, Math.ceil(p * n) - 1))]!;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i]!;
  return { n, p50: q(0.5), p95: q(0.95), p99: q(0.99), max: sorted[n - 1]!, mean: sum / n };
}

export function concat(parts: ArrayLike<number>[]): Float64Array {
  const out = new Float64Array(parts.reduce((s, p) => s + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p as ArrayLike<number>, o);
    o += p.length;
  }
  return out;
}
