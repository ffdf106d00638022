import type { Samples } from './stats.js';

/**
 * Submit → board latency of every deal in `sent` (`[seq, send µs]` pairs from the tablets) at
 * one board whose updates arrived as `seqs` (`[update seq, receipt µs]` pairs, in rising `seq`):
 * the receipt of the first update whose `seq` covers the deal's, minus its send time, into `out`.
 * Updates name only a few deals, so the join is on `seq`, never on the deals they name.
 * Deals at or below `from` (the `fromSeq` of the board's first update) are not the board's: with
 * `--bare`, each node counts its own `seq` from a base of its own.
 */
export function joinOnSeq(sent: ArrayLike<number>, seqs: readonly number[], out: Samples, from = -Infinity): void {
  const n = seqs.length / 2;
  for (let i = 0; i < sent.length; i += 2) {
    if (sent[i]! <= from) continue;
    let lo = 0;
    let hi = n;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (seqs[mid * 2]! >= sent[i]!) hi = mid;
      else lo = mid + 1;
    }
    if (lo < n) out.push((seqs[lo * 2 + 1]! - sent[i + 1]!) / 1000);
  }
}
