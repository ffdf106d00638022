import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { BoardUpdate } from '@dealboard/shared';
import { useBoardStore } from './board';
import { connectedBoard, fakeBoardServer as fakeServer, reloadWithServerDown } from '../../test/board-server';
import { climbSeries, demoEvent, snapshot, update } from '../../test/fixtures';

describe('board store: booths added during the event', () => {
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
  });

  it('asks once for a fresh snapshot when a booth it cannot name starts selling', async () => {
    const { board, server } = connectedBoard(snapshot(4, 400_000_000));
    const withBooth = (from: number, seq: number, id: string, total: number): BoardUpdate => {
      const u = update(from, seq, 450_000_000 + seq);
      return { ...u, booth: [[90, total, 1]], keys: [...(u.keys ?? []), [90, id]] };
    };
    const withNewBooth = (from: number, seq: number) => withBooth(from, seq, 'b-new', 50_000_000 + seq);

    server.h.update(withNewBooth(4, 5));
    expect(board.resyncCount).toBe(1);
    const event = { ...demoEvent, booths: [...demoEvent.booths, { id: 'b-new', name: 'Stan Kalsel 9', delegationId: 'kalsel' }] };
    server.resyncAnswers[0]?.({ ok: true, data: { ...snapshot(5, 450_000_005), event } });
    await vi.waitFor(() => expect(board.event?.booths.map((b) => b.name)).toContain('Stan Kalsel 9'));

    server.h.update(withNewBooth(5, 6));
    server.h.update(withBooth(6, 7, 'b-removed', 1));
    server.h.update(withBooth(7, 8, 'b-removed', 2));
    expect(board.resyncCount).toBe(2); // once for b-removed, which stays unknown: no loop
  });
});

describe('board store: the climb', () => {
  const START = Date.parse(demoEvent.startsAt);
  const MIN = 60_000;

  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it("draws the server's climb from the snapshot, flat where a minute saw no deal, and extends it with each update", () => {
    vi.setSystemTime(START + 20 * MIN + 30_000);
    const { board, server } = connectedBoard(snapshot(10, 400_000_000, [], climbSeries([[0, 100_000_000], [3, 250_000_000], [20, 400_000_000]])));
    expect(board.climb.points).toEqual([
      { t: START, total: 0 },
      { t: START + MIN, total: 100_000_000 },
      { t: START + 3 * MIN, total: 100_000_000 },
      { t: START + 4 * MIN, total: 250_000_000 },
      { t: START + 20 * MIN, total: 250_000_000 },
      { t: START + 20 * MIN + 30_000, total: 400_000_000 },
    ]);

    vi.advanceTimersByTime(40_000);
    server.h.update({ ...update(10, 12, 430_000_000), climb: [[20, 420_000_000], [21, 430_000_000]] });
    expect(board.climb.points.slice(-2)).toEqual([
      { t: START + 21 * MIN, total: 420_000_000 },
      { t: START + 21 * MIN + 10_000, total: 430_000_000 },
    ]);
  });

  it('remembers when it saw the target reached, and keeps the climb across a reload without inventing points', () => {
    vi.setSystemTime(START + 50 * MIN);
    const { board: first, server } = connectedBoard(snapshot(30, 1_250_000_000));
    vi.advanceTimersByTime(7 * MIN);
    server.h.update(update(30, 31, 1_320_000_000));
    expect(first.climb.reached).toEqual({ at: START + 57 * MIN, target: 1_300_000_000 });
    const seen = first.climb;
    const board = reloadWithServerDown(first);
    expect(board.climb).toEqual(seen); // the cached total is not a new observation
    expect(board.totals?.total).toBe(1_320_000_000);
  });

  it('keeps what was celebrated across a reload', () => {
    vi.setSystemTime(START + 30 * MIN);
    const { board: first } = connectedBoard(snapshot(8, 700_000_000));
    first.celebrated = { target: 1_300_000_000, fraction: 0.5 };
    vi.advanceTimersByTime(3000);
    first.stop();

    setActivePinia(createPinia());
    const board = useBoardStore();
    board.start('demo', { open: fakeServer().open });
    expect(board.celebrated).toEqual({ target: 1_300_000_000, fraction: 0.5 });
  });
});
