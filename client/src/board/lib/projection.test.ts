import { describe, expect, it } from 'vitest';
import { estimateEnd, minuteGains } from './projection';

const MIN = 60_000;
const START = Date.parse('2026-04-13T09:00:00+08:00');
const END = START + 60 * MIN;
const JT = 1_000_000;

/** A climb of `perMinute` every minute, with `extra` landing in minute `at`. */
function climb(minutes: number, perMinute: number, extra = 0, at = -1) {
  const points = [{ t: START, total: 0 }];
  let total = 0;
  for (let m = 0; m < minutes; m++) {
    total += perMinute + (m === at ? extra : 0);
    points.push({ t: START + m * MIN + 30_000, total });
  }
  return { points, total };
}

describe('the end-of-session estimate', () => {
  it('says nothing after one Rp1,3 miliar deal at minute 8 of the hour (it once read Rp14,76 miliar)', () => {
    const points = [{ t: START, total: 0 }, { t: START + 8 * MIN, total: 1300 * JT }];
    expect(estimateEnd({ points, total: 1300 * JT, count: 1, startsAt: START, endsAt: END, now: START + 8 * MIN })).toBeNull();
  });

  it('waits for a fifth of the session and for five deals', () => {
    const { points, total } = climb(20, 10 * JT);
    expect(estimateEnd({ points, total, count: 20, startsAt: START, endsAt: END, now: START + 11 * MIN })).toBeNull();
    expect(estimateEnd({ points, total, count: 4, startsAt: START, endsAt: END, now: START + 20 * MIN })).toBeNull();
    // Rp200 juta in, Rp10 juta a minute for the 40 minutes left.
    expect(estimateEnd({ points, total, count: 20, startsAt: START, endsAt: END, now: START + 20 * MIN })).toBe(600 * JT);
  });

  it('is not blown up by one large deal: the busiest minute is left out of the rate, its money stays in', () => {
    const { points, total } = climb(20, 10 * JT, 1300 * JT, 7);
    const estimate = estimateEnd({ points, total, count: 21, startsAt: START, endsAt: END, now: START + 20 * MIN })!;
    expect(estimate).toBe(total + 40 * 10 * JT);
    // The plain average would have said about Rp4,5 miliar.
    expect(Math.round((total * 60) / 20)).toBeGreaterThan(4 * 1000 * JT);
  });

  it('says nothing outside the session', () => {
    const { points, total } = climb(30, 10 * JT);
    expect(estimateEnd({ points, total, count: 30, startsAt: START, endsAt: END, now: END })).toBeNull();
    expect(estimateEnd({ points, total, count: 30, startsAt: START, endsAt: END, now: START - MIN })).toBeNull();
  });

  it('counts quiet minutes as minutes of nothing', () => {
    const points = [{ t: START, total: 0 }, { t: START + 30_000, total: 5 * JT }, { t: START + 3 * MIN + 1, total: 9 * JT }];
    expect(minuteGains(points, START, START + 4 * MIN + 5)).toEqual([5 * JT, 0, 0, 4 * JT]);
  });
});
