import { describe, expect, it } from 'vitest';
import { unwindClimb, type GoneDeal, type StoredPoint } from './climb-unwind.js';

/** The climb after the unwinding, as `[idx, total]` pairs a board would draw. */
function climbWithout(points: StoredPoint[], gone: GoneDeal[]): [number, number][] {
  const { update, drop } = unwindClimb(points, gone);
  const totals = new Map(update.map((p) => [p.idx, p.total]));
  return points.filter((p) => !drop.includes(p.idx)).map((p) => [p.idx, totals.get(p.idx) ?? p.total]);
}
const deal = (seq: number, amount: number, extra: Partial<GoneDeal> = {}): GoneDeal => ({ seq, amount, status: 'recorded', counted: true, changes: [], ...extra });

describe('the climb without a removed booth', () => {
  it('is the climb the other booth made alone: every point loses what the removed deals added, and a bucket only they moved goes', () => {
    // Minute 0: A records 10 (seq 1), B records 5 (seq 2). Minute 1: A records 20. Minute 3: B records 7.
    const points = [
      { idx: 0, total: 15, seq: 2 },
      { idx: 1, total: 35, seq: 3 },
      { idx: 3, total: 42, seq: 4 },
    ];
    expect(climbWithout(points, [deal(2, 5), deal(4, 7)])).toEqual([
      [0, 10],
      [1, 30],
    ]);
  });

  it('takes a voided deal out only while it counted, and drops the buckets of its recording and of its void', () => {
    // Minute 0: A 10. Minute 1: B 5 (seq 2). Minute 2: B's deal voided (seq 3). Minute 4: A 3.
    const points = [
      { idx: 0, total: 10, seq: 1 },
      { idx: 1, total: 15, seq: 2 },
      { idx: 2, total: 10, seq: 3 },
      { idx: 4, total: 13, seq: 4 },
    ];
    const voided = deal(2, 5, { status: 'voided', changes: [{ bucket: 2, before: 'recorded', after: 'voided' }] });
    expect(climbWithout(points, [voided])).toEqual([
      [0, 10],
      [4, 13],
    ]);
  });

  it('counts a deal that waited for approval only from its approval on', () => {
    // Minute 0: A 10. Minute 1: B 50 waits for approval (seq 2). Minute 3: approved (seq 3). Minute 5: A 1.
    const points = [
      { idx: 0, total: 10, seq: 1 },
      { idx: 1, total: 10, seq: 2 },
      { idx: 3, total: 60, seq: 3 },
      { idx: 5, total: 61, seq: 4 },
    ];
    const approved = deal(2, 50, { changes: [{ bucket: 3, before: 'pending', after: 'recorded' }] });
    expect(climbWithout(points, [approved])).toEqual([
      [0, 10],
      [5, 11],
    ]);
  });

  it('leaves the total alone for a kind the event does not count, and keeps a point another change made', () => {
    // Minute 0: B's investment 90 (not counted) and A 4 in the same bucket. Minute 2: A 6.
    const points = [
      { idx: 0, total: 4, seq: 2 },
      { idx: 2, total: 10, seq: 3 },
    ];
    expect(climbWithout(points, [deal(1, 90, { counted: false })])).toEqual([
      [0, 4],
      [2, 10],
    ]);
    expect(unwindClimb(points, [deal(1, 90, { counted: false })]).update).toEqual([]);
  });

  it('empties the climb when every deal in it goes', () => {
    const points = [
      { idx: 0, total: 5, seq: 1 },
      { idx: 1, total: 12, seq: 2 },
    ];
    expect(climbWithout(points, [deal(1, 5), deal(2, 7)])).toEqual([]);
  });
});
