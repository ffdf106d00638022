import { describe, expect, it } from 'vitest';
import { unwindClimb, type GoneDeal, type StoredPoint } from './climb-unwind.js';

/** The climb after the unwinding, as `[idx, total]` pairs a board would draw. */
function climbWithout(points: StoredPoint[], gone: GoneDeal[]): [number, number][] {
  const { update, drop } = unwindClimb(points, gone);
  const totals = new Map(update.map((p) => [p.idx, p.total]));
  return points.filter((p) => !drop.includes(p.idx)).map((p) => [p.idx, totals.get(p.idx) ?? p.total]);
}
/** Points of the stored climb, each `[idx, total, seq]`. */
const at = (...rows: [number, number, number][]): StoredPoint[] => rows.map(([idx, total, seq]) => ({ idx, total, seq }));
const deal = (seq: number, amount: number, extra: Partial<GoneDeal> = {}): GoneDeal => ({ seq, amount, status: 'recorded', counted: true, changes: [], ...extra });

describe('the climb without a removed booth', () => {
  it.each([
    {
      // Minute 0: A records 10 (seq 1), B records 5 (seq 2). Minute 1: A records 20. Minute 3: B records 7.
      does: 'is the climb the other booth made alone: every point loses what the removed deals added, and a bucket only they moved goes',
      points: at([0, 15, 2], [1, 35, 3], [3, 42, 4]),
      gone: [deal(2, 5), deal(4, 7)],
      climb: [[0, 10], [1, 30]],
    },
    {
      // Minute 0: A 10. Minute 1: B 5 (seq 2). Minute 2: B's deal voided (seq 3). Minute 4: A 3.
      does: 'takes a voided deal out only while it counted, and drops the buckets of its recording and of its void',
      points: at([0, 10, 1], [1, 15, 2], [2, 10, 3], [4, 13, 4]),
      gone: [deal(2, 5, { status: 'voided', changes: [{ bucket: 2, before: 'recorded', after: 'voided' }] })],
      climb: [[0, 10], [4, 13]],
    },
    {
      // Minute 0: A 10. Minute 1: B 50 waits for approval (seq 2). Minute 3: approved (seq 3). Minute 5: A 1.
      does: 'counts a deal that waited for approval only from its approval on',
      points: at([0, 10, 1], [1, 10, 2], [3, 60, 3], [5, 61, 4]),
      gone: [deal(2, 50, { changes: [{ bucket: 3, before: 'pending', after: 'recorded' }] })],
      climb: [[0, 10], [5, 11]],
    },
    { does: 'empties the climb when every deal in it goes', points: at([0, 5, 1], [1, 12, 2]), gone: [deal(1, 5), deal(2, 7)], climb: [] },
  ])('$does', ({ points, gone, climb }) => {
    expect(climbWithout(points, gone)).toEqual(climb);
  });

  it('leaves the total alone for a kind the event does not count, and keeps a point another change made', () => {
    // Minute 0: B's investment 90 (not counted) and A 4 in the same bucket. Minute 2: A 6.
    const points = at([0, 4, 2], [2, 10, 3]);
    const investment = deal(1, 90, { counted: false });
    expect(climbWithout(points, [investment])).toEqual([
      [0, 4],
      [2, 10],
    ]);
    expect(unwindClimb(points, [investment]).update).toEqual([]);
  });
});
