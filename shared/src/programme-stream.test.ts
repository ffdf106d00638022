import { describe, expect, it } from 'vitest';
import { nextStep, COMPLETE, stepTo } from './board-wire.js';
import { exactSum, progressOf, ProgrammeStream } from './programme-stream.js';
import type { VenueFigures } from './schemas/programme.js';

const local = { source: 'local', lastHeardAt: null, behind: null, stale: false } as const;
const venue = (eventId: string, seq: number, total: number): VenueFigures => ({ eventId, name: eventId, venue: null, timezone: 'Asia/Jakarta', status: 'live', target: 1_000, seq, total, count: seq, mouCount: 0, freshness: local });

describe('the national stream', () => {
  it('sums venues past what a JSON number holds exactly', () => {
    const big = Number.MAX_SAFE_INTEGER;
    // 2 × (2^53 − 1) + 1 as a float would round to 2^54; the exact sum ends in …981.
    expect(exactSum([big, big, 1])).toBe('18014398509481983');
    expect(progressOf('18014398509481983', big)).toBe(2);
  });

  it('leaves a venue in rehearsal out of the national total of an update, its own row still carried', () => {
    const s = new ProgrammeStream(0, [venue('sby', 4, 100), venue('mks', 2, 50)]);
    s.push({ ...venue('mks', 3, 70), status: 'rehearsal' });
    const u = s.take()!;
    expect([u.total, u.count, u.venues.map((v) => [v.eventId, v.total])]).toEqual(['100', 4, [['mks', 70]]]);
  });

  it('carries only the venues that changed, their total exact, and chains seq after seq', () => {
    const s = new ProgrammeStream(3, [venue('sby', 4, 100), venue('bjm', 9, 200)]);
    expect(s.seq).toBe(16);
    expect(s.push(venue('bjm', 9, 200))).toBe(false);
    s.push(venue('bjm', 10, Number.MAX_SAFE_INTEGER), [{ id: 'd1', amount: 5, categoryId: 'c', kind: 'trade', seller: 'UMKM', boothId: 'b', recordedAt: 'x', status: 'recorded', eventId: 'bjm' }]);
    const u = s.take()!;
    expect([u.fromSeq, u.seq, u.total, u.venues.map((v) => v.eventId), u.changed.map((d) => d.id)]).toEqual([16, 17, '9007199254741091', ['bjm'], ['d1']]);
    expect(nextStep({ seq: 16, part: COMPLETE }, u)).toBe('apply');
    expect(s.take()).toBeUndefined();
  });

  it('sends a freshness change alone as a follow-up at the same seq, which a board that missed one sees as a gap', () => {
    const s = new ProgrammeStream(0, [venue('sby', 4, 100)]);
    s.push({ ...venue('sby', 4, 100), freshness: { source: 'uplink', lastHeardAt: 't1', behind: 3, stale: true } });
    const first = s.take()!;
    s.push({ ...venue('sby', 4, 100), freshness: { source: 'uplink', lastHeardAt: 't2', behind: 0, stale: false } });
    const second = s.take()!;
    expect([first.seq, first.part, second.seq, second.part, second.fromPart]).toEqual([4, 1, 4, 2, 1]);
    expect(nextStep({ seq: 4, part: 0 }, second)).toBe('gap');
    expect(nextStep(stepTo(first), second)).toBe('apply');
    s.push(venue('sby', 5, 150));
    const third = s.take()!;
    expect([third.fromSeq, third.fromPart, third.seq]).toEqual([4, 2, 5]);
    expect(nextStep(stepTo(second), third)).toBe('apply');
  });
});
