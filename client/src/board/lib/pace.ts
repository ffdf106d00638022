// The climb toward the target: the totals the board received over time, and the pace
// figures drawn from them. Pure functions: every amount in here is one the server sent
// (or the target line derived from the event's own target and times).

/** One point of the climb: the server's total as the board received it at `t` (ms since epoch). */
export interface PacePoint {
  t: number;
  total: number;
}

/** The climb as the board keeps it (and caches it across reloads). */
export interface Climb {
  points: PacePoint[];
  /** When this board first saw the total at or above `target` after seeing it below (an upper bound of the real moment). */
  reached: { at: number; target: number } | null;
}

export const SAMPLE_GAP_MS = 5000;
export const MAX_POINTS = 720;
const MINUTE = 60_000;

export const emptyClimb = (): Climb => ({ points: [], reached: null });

/**
 * The points after the board received `total` at `t`. Settled points stay at least
 * `gapMs` apart; the last point is the live tip, moved forward by every update until it
 * too is `gapMs` past the one before it. Over `max` points, every other older point goes.
 */
export function addSample(points: readonly PacePoint[], t: number, total: number, gapMs = SAMPLE_GAP_MS, max = MAX_POINTS): PacePoint[] {
  const last = points.at(-1);
  if (!last) return [{ t, total }];
  const at = Math.max(t, last.t); // a clock set back must not draw the climb backwards
  const beforeLast = points.at(-2);
  const next =
    beforeLast && last.t - beforeLast.t < gapMs ? [...points.slice(0, -1), { t: at, total }] : [...points, { t: at, total }];
  if (next.length <= max) return next;
  return next.filter((_, i) => i === 0 || i >= next.length - 2 || i % 2 === 0);
}

/**
 * Record a total the server sent. The first one of an empty climb starts it from 0 at the
 * session's start (the snapshot tells nothing of the path in between). A crossing of the
 * target is remembered only when this board had seen the total below it.
 */
export function observeTotal(climb: Climb, o: { t: number; total: number; target: number; startsAt: number }): Climb {
  const last = climb.points.at(-1);
  if (!last) {
    const points = Number.isFinite(o.startsAt) && o.startsAt < o.t ? [{ t: o.startsAt, total: 0 }, { t: o.t, total: o.total }] : [{ t: o.t, total: o.total }];
    return { points, reached: climb.reached };
  }
  const crossed = o.target > 0 && last.total < o.target && o.total >= o.target;
  return {
    points: addSample(climb.points, o.t, o.total),
    reached: crossed ? { at: Math.max(o.t, last.t), target: o.target } : climb.reached,
  };
}

export interface PaceInput {
  total: number;
  target: number;
  startsAt: number;
  endsAt: number;
  now: number;
}

export interface Pace {
  phase: 'before' | 'during' | 'after';
  durationMs: number;
  /** Time since the start, 0 before it and the whole session after the end. */
  elapsedMs: number;
  remainingMs: number;
  /** Where the straight target line (0 at the start, the target at the end) stands now. */
  expected: number;
  /** Rupiah per minute still needed to reach the target by the end; null once reached or over. */
  neededPerMinute: number | null;
  /** The total at the end if the average pace so far holds; null before it means anything, and after the end. */
  projection: number | null;
}

/** A projection from the first deals of a session is noise: wait for 5 minutes or a tenth of it. */
export const projectionAfterMs = (durationMs: number) => Math.min(5 * MINUTE, durationMs / 10);

export function pace({ total, target, startsAt, endsAt, now }: PaceInput): Pace {
  const durationMs = Math.max(0, endsAt - startsAt);
  const phase = now < startsAt ? 'before' : now >= endsAt ? 'after' : 'during';
  const elapsedMs = Math.min(durationMs, Math.max(0, now - startsAt));
  const remainingMs = durationMs - elapsedMs;
  const expected = durationMs > 0 ? Math.round((target * elapsedMs) / durationMs) : target;
  const missing = target - total;
  const neededPerMinute = phase === 'after' || missing <= 0 || remainingMs <= 0 ? null : Math.ceil(missing / (remainingMs / MINUTE));
  const projection =
    phase === 'during' && elapsedMs >= projectionAfterMs(durationMs) && elapsedMs > 0 ? Math.round((total * durationMs) / elapsedMs) : null;
  return { phase, durationMs, elapsedMs, remainingMs, expected, neededPerMinute, projection };
}

export interface SessionResult {
  /** The target when it was reached (and still stands), else the total at the end. */
  amount: number;
  /** Whole minutes from the start: rounded up to when the board saw the target reached, else the session's length. */
  minutes: number;
  reached: boolean;
}

/** The line the organisers announce when time is up: "Rp1,3 miliar dalam 58 menit". */
export function sessionResult(o: { total: number; target: number; startsAt: number; endsAt: number; reached: Climb['reached'] }): SessionResult {
  const r = o.reached;
  if (r && r.target === o.target && o.total >= o.target && r.at <= o.endsAt) {
    return { amount: o.target, minutes: Math.max(1, Math.ceil((r.at - o.startsAt) / MINUTE)), reached: true };
  }
  return { amount: o.total, minutes: Math.max(0, Math.round((o.endsAt - o.startsAt) / MINUTE)), reached: false };
}
