import { describe, expect, it } from 'vitest';
import { FreshnessBoard, localFreshness } from './freshness.js';

describe('venue freshness', () => {
  it('says local for every event by default', () => {
    expect(localFreshness.freshness('any')).toEqual({ source: 'local', lastHeardAt: null, behind: null, stale: false });
  });

  it('tells its listeners when an event falls behind, and not again for the same answer', () => {
    const board = new FreshnessBoard();
    const heard: string[] = [];
    const off = board.onChange((id) => heard.push(id));
    const behind = { source: 'uplink' as const, lastHeardAt: '2026-12-07T09:30:00.000Z', behind: 12, stale: true };
    board.set('ev1', behind);
    board.set('ev1', { ...behind });
    expect(board.freshness('ev1')).toEqual(behind);
    expect(board.freshness('ev2').source).toBe('local');
    board.set('ev1', { ...behind, behind: 0, stale: false });
    off();
    board.set('ev1', behind);
    expect(heard).toEqual(['ev1', 'ev1']);
  });
});
