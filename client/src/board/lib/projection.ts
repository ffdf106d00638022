import type { PacePoint } from './pace';

const MINUTE = 60_000;

/** Before this share of the session has gone, an end-of-session figure is a guess, not an estimate. */
export const PROJECTION_MIN_SHARE = 0.2;
/** Nor from fewer deals than this. */
export const PROJECTION_MIN_DEALS = 5;

export interface ProjectionInput {
  points: readonly PacePoint[];
  total: number;
  count: number;
  startsAt: number;
  endsAt: number;
  now: number;
}

/** What the climb gained in each whole minute since the start (the current minute left out). */
export function minuteGains(points: readonly PacePoint[], startsAt: number, now: number): number[] {
  const minutes = Math.floor((now - startsAt) / MINUTE);
  const gains: number[] = [];
  let i = 0;
  let before = 0;
  let at = 0;
  for (let m = 1; m <= minutes; m++) {
    const edge = startsAt + m * MINUTE;
    while (i < points.length && points[i]!.t <= edge) at = points[i++]!.total;
    gains.push(at - before);
    before = at;
  }
  return gains;
}

/**
 * The estimated total at the end of the session: what is in, plus the time left at a rate one
 * large deal cannot blow up (the mean of the minutes so far with the busiest tenth of them left
 * out, at least the busiest one). Null while it would mean nothing: before a fifth of the
 * session has gone or five deals are in, and outside the session.
 */
export function estimateEnd(o: ProjectionInput): number | null {
  const duration = o.endsAt - o.startsAt;
  if (!(duration > 0) || o.now < o.startsAt || o.now >= o.endsAt) return null;
  if (o.now - o.startsAt < PROJECTION_MIN_SHARE * duration || o.count < PROJECTION_MIN_DEALS) return null;
  const gains = minuteGains(o.points, o.startsAt, o.now).sort((a, b) => a - b);
  const kept = gains.slice(0, gains.length - Math.max(1, Math.ceil(gains.length / 10)));
  if (kept.length === 0) return null;
  const perMinute = Math.max(0, kept.reduce((a, b) => a + b, 0) / kept.length);
  return Math.round(o.total + (perMinute * (o.endsAt - o.now)) / MINUTE);
}
