import type { ClimbPointDelta } from './board-delta.js';

// The climb toward the target is kept by the server, one point per bucket of time (a
// minute, or longer for long sessions so a day stays under MAX_CLIMB_POINTS), so every
// screen, whenever it was opened, draws the same line.

export const MAX_CLIMB_POINTS = 300;
const MINUTE = 60_000;
/** Buckets past this index (a session extended far beyond its plan) share the last one. */
export const LAST_CLIMB_INDEX = 2 * MAX_CLIMB_POINTS - 1;

/** The climb as a snapshot carries it: bucket `i` covers `[from + i·stepMs, from + (i+1)·stepMs)`. */
export type ClimbSeries = { from: number; stepMs: number; points: ClimbPointDelta[] };

/** A bucket's length for a session: a minute, or whole minutes so the session fits MAX_CLIMB_POINTS. */
export function climbStepMs(startsAt: number, endsAt: number): number {
  const duration = Math.max(0, endsAt - startsAt);
  return Math.max(MINUTE, Math.ceil(duration / MAX_CLIMB_POINTS / MINUTE) * MINUTE);
}

/** The bucket a change at `at` (ms) falls in; before the start counts as the first. */
export function climbIndex(startsAt: number, endsAt: number, at: number): number {
  if (!Number.isFinite(startsAt) || at <= startsAt) return 0;
  return Math.min(LAST_CLIMB_INDEX, Math.floor((at - startsAt) / climbStepMs(startsAt, endsAt)));
}

/**
 * The points merged with newer ones (sparse, by index), in index order. A later value for
 * an index replaces the earlier one: it is the total at a later `seq` within that bucket.
 */
export function mergeClimb(points: readonly ClimbPointDelta[], newer: readonly ClimbPointDelta[]): ClimbPointDelta[] {
  if (!newer.length) return points as ClimbPointDelta[];
  const byIndex = new Map(points.map(([i, t]) => [i, t]));
  for (const [i, t] of newer) byIndex.set(i, t);
  return [...byIndex].sort((a, b) => a[0] - b[0]);
}
