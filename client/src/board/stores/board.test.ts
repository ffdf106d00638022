import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import type { Ack, BoardSnapshot, BoardStatus, BoardUpdate } from '@dealboard/shared';
import { useBoardStore } from './board';
import type { BoardHandlers, OpenBoardChannel } from '../../socket/board-channel';
import { climbSeries, deal, demoEvent, snapshot, update } from '../../test/fixtures';

/** A stand-in for the board socket: the test plays the server. */
function fakeServer() {
  let handlers: BoardHandlers | undefined;
  const resyncAnswers: Array<(ack: Ack<BoardSnapshot>) => void> = [];
  const reports: BoardStatus[] = [];
  const open: OpenBoardChannel = (_eventId, h) => {
    handlers = h;
    h.status('connecting');
    return {
      resync: () => new Promise((resolve) => resyncAnswers.push(resolve)),
      report: (status) => reports.push(status),
      close: vi.fn(),
    };
  };
  const server = {
    open,
    get h() {
      if (!handlers) throw new Error('channel not opened');
      return handlers;
    },
    connect(snap: BoardSnapshot) {
      server.h.status('connected');
      server.h.snapshot(snap);
    },
    resyncAnswers,
    reports,
  };
  return server;
}

describe('board store', () => {
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
  });

  it('shows the snapshot it receives on connect and goes live', () => {
    const board = useBoardStore();
    const server = fakeServer();
    board.start('demo', { open: server.open });
    expect(board.connection).toBe('connecting');

    server.connect(snapshot(7, 650_000_000, [deal('d7', 100_000_000)]));

    expect(board.connection).toBe('live');
    expect(board.totals?.total).toBe(650_000_000);
    expect(board.lastSeq).toBe(7);
    expect(board.event?.name).toContain('Jatim');
    expect(board.recent.map((d) => d.id)).toEqual(['d7']);
  });

  it('applies an update that continues from the shown seq, newest deal first', () => {
    const board = useBoardStore();
    const server = fakeServer();
    board.start('demo', { open: server.open });
    server.connect(snapshot(7, 650_000_000, [deal('d7', 100_000_000)]));

    server.h.update(update(7, 9, 800_000_000, [deal('d9', 100_000_000), deal('d8', 50_000_000)]));

    expect(board.totals?.total).toBe(800_000_000);
    expect(board.lastSeq).toBe(9);
    expect(board.recent.map((d) => d.id)).toEqual(['d9', 'd8', 'd7']);
    expect(board.resyncCount).toBe(0);
  });

  it('asks for a fresh snapshot when an update does not start at the shown seq, and shows it', async () => {
    const board = useBoardStore();
    const server = fakeServer();
    board.start('demo', { open: server.open });
    server.connect(snapshot(7, 650_000_000));

    server.h.update(update(9, 10, 900_000_000)); // 8 and 9 were missed

    expect(board.totals?.total).toBe(650_000_000); // not applied on top of a gap
    expect(board.resyncCount).toBe(1);
    server.h.update(update(10, 11, 950_000_000)); // still out of step: no second request while one is out
    expect(board.resyncCount).toBe(1);

    server.resyncAnswers[0]?.({ ok: true, data: snapshot(11, 950_000_000) });
    await vi.waitFor(() => expect(board.totals?.total).toBe(950_000_000));
    expect(board.lastSeq).toBe(11);

    server.h.update(update(11, 12, 1_000_000_000));
    expect(board.totals?.total).toBe(1_000_000_000);
  });

  it('ignores updates it has already shown', () => {
    const board = useBoardStore();
    const server = fakeServer();
    board.start('demo', { open: server.open });
    server.connect(snapshot(12, 1_000_000_000));

    server.h.update(update(10, 12, 900_000_000));
    server.h.update(update(9, 11, 800_000_000));

    expect(board.totals?.total).toBe(1_000_000_000);
    expect(board.lastSeq).toBe(12);
    expect(board.resyncCount).toBe(0);
  });

  it('ignores malformed frames instead of showing NaN', () => {
    const board = useBoardStore();
    const server = fakeServer();
    board.start('demo', { open: server.open });
    server.connect(snapshot(3, 300_000));

    server.h.update({ ...update(3, 4, 0), total: 'lots' } as never);

    expect(board.totals?.total).toBe(300_000);
  });

  it('keeps the last good values and turns stale when the socket drops, then resumes on reconnect', () => {
    const board = useBoardStore();
    const server = fakeServer();
    board.start('demo', { open: server.open });
    server.connect(snapshot(5, 500_000_000));

    server.h.status('disconnected');
    expect(board.connection).toBe('stale');
    expect(board.totals?.total).toBe(500_000_000);

    server.connect(snapshot(8, 700_000_000));
    expect(board.connection).toBe('live');
    expect(board.totals?.total).toBe(700_000_000);
  });

  it('says the event does not exist when the server refuses it', () => {
    const board = useBoardStore();
    const server = fakeServer();
    board.start('nope', { open: server.open });
    server.h.status('refused', 'not_found');
    expect(board.connection).toBe('not_found');
  });

  it('after a reload with the server down, shows the last figures it saw, marked stale', () => {
    vi.useFakeTimers();
    try {
      const first = useBoardStore();
      const server = fakeServer();
      first.start('demo', { open: server.open });
      server.connect(snapshot(20, 1_200_000_000));
      vi.advanceTimersByTime(3000); // the cache is written a moment later
      first.stop();

      setActivePinia(createPinia());
      const board = useBoardStore();
      const down = fakeServer();
      board.start('demo', { open: down.open });
      down.h.status('disconnected');

      expect(board.totals?.total).toBe(1_200_000_000);
      expect(board.connection).toBe('stale');
    } finally {
      vi.useRealTimers();
    }
  });

  it('calls itself stale when, after a quiet spell, the server does not answer a check', async () => {
    vi.useFakeTimers();
    try {
      const board = useBoardStore();
      const server = fakeServer();
      board.start('demo', { open: server.open });
      server.connect(snapshot(4, 400_000_000)); // quiet period: the default 60 s

      vi.advanceTimersByTime(30_000);
      expect(server.resyncAnswers).toHaveLength(0); // updates or not, half a minute is fine
      vi.advanceTimersByTime(36_000);
      expect(server.resyncAnswers).toHaveLength(1);

      server.resyncAnswers[0]?.({ ok: false, error: { code: 'internal', message: 'No answer to resync' } });
      await vi.waitFor(() => expect(board.connection).toBe('stale'));
      expect(board.totals?.total).toBe(400_000_000);

      server.h.update(update(4, 5, 450_000_000)); // it is back
      expect(board.connection).toBe('live');
      expect(board.totals?.total).toBe(450_000_000);
    } finally {
      vi.useRealTimers();
    }
  });

  it('tells the console what it shows, and obeys its blackout, live and reload commands', () => {
    const board = useBoardStore();
    const server = fakeServer();
    const reload = vi.fn();
    board.start('demo', { open: server.open, reload });
    server.connect(snapshot(9, 900_000));
    expect(server.reports.at(-1)).toEqual({ seq: 9, layout: 'full' });

    server.h.command('blackout');
    expect(board.mode).toBe('blackout');
    expect(server.reports.at(-1)).toEqual({ seq: 9, layout: 'blackout' });

    server.h.command('live');
    expect(board.mode).toBe('live');
    server.h.command('reload');
    expect(reload).toHaveBeenCalledTimes(1);
    server.h.command('format-disk' as never);
    expect(board.mode).toBe('live');
  });
  it('reports the layout its URL asked for, so the console knows what each screen shows', () => {
    const board = useBoardStore();
    const server = fakeServer();
    board.setLayout('hero');
    board.start('demo', { open: server.open });
    server.connect(snapshot(3, 300_000));
    expect(server.reports.at(-1)).toEqual({ seq: 3, layout: 'hero' });
    board.setLayout('ticker');
    expect(server.reports.at(-1)).toEqual({ seq: 3, layout: 'ticker' });
  });

  it('calls itself stale when it connects but no snapshot ever comes, keeping the cached figures', async () => {
    vi.useFakeTimers();
    try {
      const first = useBoardStore();
      const earlier = fakeServer();
      first.start('demo', { open: earlier.open });
      earlier.connect(snapshot(6, 600_000_000));
      first.stop(); // writes the cache

      setActivePinia(createPinia());
      const board = useBoardStore();
      const hung = fakeServer();
      board.start('demo', { open: hung.open });
      hung.h.status('connected'); // the handshake worked, then nothing
      expect(board.connection).toBe('connecting');
      vi.advanceTimersByTime(66_000);
      expect(hung.resyncAnswers).toHaveLength(1);
      hung.resyncAnswers[0]?.({ ok: false, error: { code: 'internal', message: 'No answer to resync' } });
      await vi.waitFor(() => expect(board.connection).toBe('stale'));
      expect(board.totals?.total).toBe(600_000_000);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('board store: booths added during the event', () => {
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
  });

  it('asks once for a fresh snapshot when a booth it cannot name starts selling', async () => {
    const board = useBoardStore();
    const server = fakeServer();
    board.start('demo', { open: server.open });
    server.connect(snapshot(4, 400_000_000));
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
    const board = useBoardStore();
    const server = fakeServer();
    board.start('demo', { open: server.open });
    server.connect(snapshot(10, 400_000_000, [], climbSeries([[0, 100_000_000], [3, 250_000_000], [20, 400_000_000]])));
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
    const first = useBoardStore();
    const server = fakeServer();
    first.start('demo', { open: server.open });
    server.connect(snapshot(30, 1_250_000_000));
    vi.advanceTimersByTime(7 * MIN);
    server.h.update(update(30, 31, 1_320_000_000));
    expect(first.climb.reached).toEqual({ at: START + 57 * MIN, target: 1_300_000_000 });
    const seen = first.climb;
    first.stop();

    setActivePinia(createPinia());
    const board = useBoardStore();
    const down = fakeServer();
    board.start('demo', { open: down.open });
    down.h.status('disconnected');
    expect(board.climb).toEqual(seen); // the cached total is not a new observation
    expect(board.totals?.total).toBe(1_320_000_000);
  });

  it('keeps what was celebrated across a reload', () => {
    vi.setSystemTime(START + 30 * MIN);
    const first = useBoardStore();
    const server = fakeServer();
    first.start('demo', { open: server.open });
    server.connect(snapshot(8, 700_000_000));
    first.celebrated = { target: 1_300_000_000, fraction: 0.5 };
    vi.advanceTimersByTime(3000);
    first.stop();

    setActivePinia(createPinia());
    const board = useBoardStore();
    board.start('demo', { open: fakeServer().open });
    expect(board.celebrated).toEqual({ target: 1_300_000_000, fraction: 0.5 });
  });
});
