import { describe, expect, it } from 'vitest';
import { addSample, emptyClimb, observeTotal, pace, sessionResult, type PacePoint } from './pace';

const MIN = 60_000;
const START = Date.parse('2026-04-13T09:00:00+08:00');
const END = START + 60 * MIN;
const TARGET = 1_300_000_000;

describe('addSample', () => {
  it('keeps settled points at least 5 s apart while the last point follows every update', () => {
    let points: PacePoint[] = [];
    for (let s = 0; s <= 12; s++) points = addSample(points, s * 1000, s * 10);
    expect(points).toEqual([
      { t: 0, total: 0 },
      { t: 5000, total: 50 },
      { t: 10_000, total: 100 },
      { t: 12_000, total: 120 },
    ]);
  });

  it('never draws backwards when the clock is set back', () => {
    const points = addSample([{ t: 10_000, total: 5 }], 4_000, 7);
    expect(points.at(-1)).toEqual({ t: 10_000, total: 7 });
  });

  it('thins older points instead of growing without end, keeping the first and the latest', () => {
    let points: PacePoint[] = [];
    for (let i = 0; i < 50; i++) points = addSample(points, i * 5000, i, 5000, 20);
    expect(points.length).toBeLessThanOrEqual(20);
    expect(points[0]).toEqual({ t: 0, total: 0 });
    expect(points.at(-1)).toEqual({ t: 49 * 5000, total: 49 });
    expect(points.every((p, i) => i === 0 || p.t > points[i - 1]!.t)).toBe(true);
  });
});

describe('observeTotal', () => {
  it('starts a fresh climb from 0 at the start and the snapshot total now', () => {
    const climb = observeTotal(emptyClimb(), { t: START + 20 * MIN, total: 400_000_000, target: TARGET, startsAt: START });
    expect(climb.points).toEqual([
      { t: START, total: 0 },
      { t: START + 20 * MIN, total: 400_000_000 },
    ]);
    expect(climb.reached).toBeNull();
  });

  it('does not claim when the target was reached if the board never saw the total below it', () => {
    const climb = observeTotal(emptyClimb(), { t: START + 50 * MIN, total: 1_400_000_000, target: TARGET, startsAt: START });
    expect(climb.reached).toBeNull();
  });

  it('remembers when it saw the total cross the target', () => {
    let climb = observeTotal(emptyClimb(), { t: START + 50 * MIN, total: 1_200_000_000, target: TARGET, startsAt: START });
    climb = observeTotal(climb, { t: START + 57 * MIN + 40_000, total: 1_310_000_000, target: TARGET, startsAt: START });
    climb = observeTotal(climb, { t: START + 59 * MIN, total: 1_500_000_000, target: TARGET, startsAt: START });
    expect(climb.reached).toEqual({ at: START + 57 * MIN + 40_000, target: TARGET });
  });
});

describe('pace', () => {
  it('gives the target line, the rate still needed and the projection mid-session', () => {
    const p = pace({ total: 500_000_000, target: TARGET, startsAt: START, endsAt: END, now: START + 20 * MIN });
    expect(p.phase).toBe('during');
    expect(p.expected).toBe(Math.round(TARGET / 3));
    // Rp800 juta still missing over 40 minutes.
    expect(p.neededPerMinute).toBe(20_000_000);
    // Rp500 juta in 20 minutes → Rp1,5 miliar in 60.
    expect(p.projection).toBe(1_500_000_000);
  });

  it('rounds the needed rate up, so following it really reaches the target', () => {
    const p = pace({ total: 0, target: 1_000_000_000, startsAt: START, endsAt: END, now: START + 15 * MIN });
    expect(p.neededPerMinute).toBe(22_222_223);
  });

  it('does not project from the first minutes, nor after the end', () => {
    expect(pace({ total: 100_000_000, target: TARGET, startsAt: START, endsAt: END, now: START + 2 * MIN }).projection).toBeNull();
    expect(pace({ total: 100_000_000, target: TARGET, startsAt: START, endsAt: END, now: START + 5 * MIN }).projection).toBe(1_200_000_000);
    const after = pace({ total: 900_000_000, target: TARGET, startsAt: START, endsAt: END, now: END + MIN });
    expect(after).toMatchObject({ phase: 'after', projection: null, neededPerMinute: null, elapsedMs: 60 * MIN, remainingMs: 0 });
  });

  it('needs nothing more once the target is met', () => {
    expect(pace({ total: TARGET, target: TARGET, startsAt: START, endsAt: END, now: START + 30 * MIN }).neededPerMinute).toBeNull();
  });

  it('before the start, asks for the whole target over the whole session', () => {
    const p = pace({ total: 0, target: 1_200_000_000, startsAt: START, endsAt: END, now: START - 10 * MIN });
    expect(p).toMatchObject({ phase: 'before', elapsedMs: 0, expected: 0, neededPerMinute: 20_000_000, projection: null });
  });
});

describe('sessionResult', () => {
  it('says how long the target took when the board saw it reached', () => {
    const reached = { at: START + 57 * MIN + 40_000, target: TARGET };
    expect(sessionResult({ total: 1_350_000_000, target: TARGET, startsAt: START, endsAt: END, reached })).toEqual({
      amount: TARGET,
      minutes: 58,
      reached: true,
    });
  });

  it('otherwise gives the total at the end over the whole session', () => {
    expect(sessionResult({ total: 1_100_000_000, target: TARGET, startsAt: START, endsAt: END, reached: null })).toEqual({
      amount: 1_100_000_000,
      minutes: 60,
      reached: false,
    });
  });

  it('does not keep a crossing that a correction undid, or one of an older target', () => {
    const reached = { at: START + 40 * MIN, target: TARGET };
    expect(sessionResult({ total: 1_250_000_000, target: TARGET, startsAt: START, endsAt: END, reached }).reached).toBe(false);
    expect(sessionResult({ total: 1_600_000_000, target: 1_500_000_000, startsAt: START, endsAt: END, reached }).reached).toBe(false);
  });
});
