import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import { useBoardStore } from './board';
import { connectedBoard, fakeBoardServer as fakeServer, reloadWithServerDown } from '../../test/board-server';
import { deal, snapshot, update } from '../../test/fixtures';

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
    const { board, server } = connectedBoard(snapshot(7, 650_000_000, [deal('d7', 100_000_000)]));

    server.h.update(update(7, 9, 800_000_000, [deal('d9', 100_000_000), deal('d8', 50_000_000)]));

    expect(board.totals?.total).toBe(800_000_000);
    expect(board.lastSeq).toBe(9);
    expect(board.recent.map((d) => d.id)).toEqual(['d9', 'd8', 'd7']);
    expect(board.resyncCount).toBe(0);
  });

  it('asks for a fresh snapshot when an update does not start at the shown seq, and shows it', async () => {
    const { board, server } = connectedBoard(snapshot(7, 650_000_000));

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
    const { board, server } = connectedBoard(snapshot(12, 1_000_000_000));

    server.h.update(update(10, 12, 900_000_000));
    server.h.update(update(9, 11, 800_000_000));

    expect(board.totals?.total).toBe(1_000_000_000);
    expect(board.lastSeq).toBe(12);
    expect(board.resyncCount).toBe(0);
  });

  it('ignores malformed frames instead of showing NaN', () => {
    const { board, server } = connectedBoard(snapshot(3, 300_000));

    server.h.update({ ...update(3, 4, 0), total: 'lots' } as never);

    expect(board.totals?.total).toBe(300_000);
  });

  it('keeps the last good values and turns stale when the socket drops, then resumes on reconnect', () => {
    const { board, server } = connectedBoard(snapshot(5, 500_000_000));

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
      const { board: first } = connectedBoard(snapshot(20, 1_200_000_000));
      vi.advanceTimersByTime(3000); // the cache is written a moment later
      const board = reloadWithServerDown(first);

      expect(board.totals?.total).toBe(1_200_000_000);
      expect(board.connection).toBe('stale');
    } finally {
      vi.useRealTimers();
    }
  });

  it('calls itself stale when, after a quiet spell, the server does not answer a check', async () => {
    vi.useFakeTimers();
    try {
      const { board, server } = connectedBoard(snapshot(4, 400_000_000)); // quiet period: the default 60 s

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
      const { board: first } = connectedBoard(snapshot(6, 600_000_000));
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
