import type { ClimbSeries } from '@dealboard/shared';
import type { Climb, PacePoint } from './pace';

/**
 * The climb the server keeps, as points to draw: from 0 at the start, then each bucket's
 * total at its end (the current bucket's at `now`). A bucket without a change is flat, so a
 * gap gets a point at the start of the next bucket that moved. Every screen draws the same.
 */
export function seriesPoints(series: ClimbSeries, now: number): PacePoint[] {
  const { from, stepMs, points } = series;
  if (!Number.isFinite(from)) return [];
  const out: PacePoint[] = [{ t: from, total: 0 }];
  let prev = -1;
  let prevTotal = 0;
  for (const [i, total] of points) {
    if (i > prev + 1 && prev >= 0) out.push({ t: from + i * stepMs, total: prevTotal });
    out.push({ t: Math.max(from, Math.min(from + (i + 1) * stepMs, now)), total });
    prev = i;
    prevTotal = total;
  }
  return out;
}

/** When this board first saw the total at or above `target` after seeing it below (an upper bound of the real moment). */
export function noteReached(reached: Climb['reached'], before: number | null, total: number, target: number, at: number): Climb['reached'] {
  return before !== null && target > 0 && before < target && total >= target ? { at, target } : reached;
}
