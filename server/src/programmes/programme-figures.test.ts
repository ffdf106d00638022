import { describe, expect, it } from 'vitest';
import type { VenueFigures } from '@dealboard/shared';
import { nationalFigures } from './programme-figures.js';
import { LOCAL_FRESHNESS } from './freshness.js';

const venue = (eventId: string, status: VenueFigures['status'], total: number, count: number): VenueFigures => ({
  eventId, name: eventId, venue: null, timezone: 'Asia/Jakarta', status, target: 1_000_000, seq: count, total, count, mouCount: 1, freshness: { ...LOCAL_FRESHNESS },
});

describe('national figures', () => {
  it('add up the venues exactly', () => {
    const n = nationalFigures('p', 0, 5_000_000, [venue('sby', 'live', 1_300_000, 3), venue('bjm', 'closed', 700_000, 2)]);
    expect([n.total, n.count, n.mouCount]).toEqual(['2000000', 5, 2]);
  });

  it('leave a venue in rehearsal out of the national total, while its row still shows its own figures', () => {
    const n = nationalFigures('p', 0, 5_000_000, [venue('sby', 'live', 1_300_000, 3), venue('mks', 'rehearsal', 900_000, 4)]);
    expect([n.total, n.count, n.mouCount]).toEqual(['1300000', 3, 1]);
    expect(n.venues.find((v) => v.eventId === 'mks')?.total).toBe(900_000);
  });
});
