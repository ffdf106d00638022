import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodeUpdate, type Ack, type BoardSnapshot, type BoardUpdate, type DealReceipt, type OperatorSession } from '@dealboard/shared';
import { ADMIN_TOKEN, api, boardSocket, nextEvent, operatorSocket, setupEvent, startServer, uuid, type TestServer } from '../support/server.js';
import type { Socket } from 'socket.io-client';

let srv: TestServer;
let ctx: Awaited<ReturnType<typeof setupEvent>>;
const open: Socket[] = [];
const track = <S extends Socket>(s: S) => (open.push(s), s);

beforeAll(async () => {
  srv = await startServer();
  ctx = await setupEvent(srv.url);
});
afterEach(() => {
  for (const s of open.splice(0)) s.disconnect();
});
afterAll(() => srv.stop());

const dealFor = (amount: number) => ({
  id: uuid(),
  amount,
  category: ctx.event.categories[1]!.id,
  seller: 'UMKM Sapi Madura',
  buyer: 'PT Banua',
});

function submit(socket: ReturnType<typeof operatorSocket>, deal: ReturnType<typeof dealFor>): Promise<Ack<DealReceipt>> {
  return new Promise((resolve) => socket.emit('deal:submit', deal, resolve));
}

/** Collect board updates until `pred` holds for the latest one. */
function updatesUntil(board: Socket, pred: (u: BoardUpdate) => boolean, ms = 5000): Promise<BoardUpdate[]> {
  const seen: BoardUpdate[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no matching update; saw seqs ${seen.map((u) => u.seq)}`)), ms);
    board.on('board:update', (u: BoardUpdate) => {
      seen.push(u);
      if (pred(u)) {
        clearTimeout(timer);
        resolve(seen);
      }
    });
  });
}

describe('realtime: /board and /operator', () => {
  it('sends a snapshot on connect with the same figures as /totals', async () => {
    const board = track(boardSocket(srv.url, ctx.event.id));
    const snap = await nextEvent<BoardSnapshot>(board, 'board:snapshot');
    const totals = (await api<{ seq: number; total: number; count: number }>(srv.url, 'GET', `/api/v1/events/${ctx.event.id}/totals`)).body;
    expect(snap.event.id).toBe(ctx.event.id);
    expect({ seq: snap.seq, total: snap.total, count: snap.count }).toEqual({ seq: totals.seq, total: totals.total, count: totals.count });
  });

  it('refuses a board for an unknown event', async () => {
    const board = track(boardSocket(srv.url, 'no-such-event'));
    const err = await nextEvent<Error>(board, 'connect_error');
    expect(err.message).toBe('not_found');
  });

  it('acks a submitted deal after storing it and pushes the new total to every board', async () => {
    const boards = [track(boardSocket(srv.url, ctx.event.id)), track(boardSocket(srv.url, ctx.event.id))];
    const snaps = await Promise.all(boards.map((b) => nextEvent<BoardSnapshot>(b, 'board:snapshot')));
    const tablet = track(operatorSocket(srv.url, ctx.boothA.token));
    const session = await nextEvent<OperatorSession>(tablet, 'operator:session');
    expect(session.booth.name).toBe('Stan A');

    const updates = boards.map((b) => nextEvent<BoardUpdate>(b, 'board:update'));
    const ack = await submit(tablet, dealFor(75_000_000));
    expect(ack.ok).toBe(true);
    if (!ack.ok) return;
    expect(ack.data.duplicate).toBe(false);
    const stored = await api<{ total: number }>(srv.url, 'GET', `/api/v1/events/${ctx.event.id}/totals`);
    expect(stored.body.total).toBe(snaps[0]!.total + 75_000_000);
    for (const [i, u] of (await Promise.all(updates)).entries()) {
      expect(u.total).toBe(snaps[0]!.total + 75_000_000);
      expect(u.seq).toBe(snaps[0]!.seq + 1);
      expect(u.fromSeq).toBe(snaps[0]!.seq);
      expect(decodeUpdate(u, snaps[i]!.keys)!.deals[0]).toMatchObject({ id: ack.data.deal.id, amount: 75_000_000, seller: 'UMKM Sapi Madura' });
    }
  });

  it('coalesces a burst into few updates whose seq only rises and whose last total is exact, on WebSocket and on long-polling alike', async () => {
    const boards = [track(boardSocket(srv.url, ctx.event.id)), track(boardSocket(srv.url, ctx.event.id, ['polling']))];
    const [snap] = await Promise.all(boards.map((b) => nextEvent<BoardSnapshot>(b, 'board:snapshot')));
    const tablet = track(operatorSocket(srv.url, ctx.boothB.token));
    await nextEvent(tablet, 'operator:session');
    const amounts = Array.from({ length: 60 }, (_, i) => 1_000_000 + i * 1_000);
    const expected = snap!.total + amounts.reduce((a, b) => a + b, 0);
    const collecting = boards.map((b) => updatesUntil(b, (u) => u.total === expected));
    const acks = await Promise.all(amounts.map((a) => submit(tablet, dealFor(a))));
    expect(acks.every((a) => a.ok)).toBe(true);
    for (const updates of await Promise.all(collecting)) {
      expect(updates.length).toBeLessThan(60);
      expect(updates[0]!.fromSeq).toBe(snap!.seq);
      for (let i = 1; i < updates.length; i++) {
        expect(updates[i]!.seq).toBeGreaterThan(updates[i - 1]!.seq);
        expect(updates[i]!.fromSeq).toBe(updates[i - 1]!.seq);
      }
      expect(updates.at(-1)!.seq).toBe(snap!.seq + 60);
      const ids = updates.flatMap((u) => u.changed.map(([id]) => id));
      expect(new Set(ids).size).toBe(ids.length);
      // A few deals by name in each update, the rest counted: every one of the 60 is told once.
      expect(updates.reduce((n, u) => n + u.changed.length + (u.more ?? 0), 0)).toBe(60);
    }
  });

  it('treats a resent deal as the same deal and a reused id with other content as a conflict', async () => {
    const tablet = track(operatorSocket(srv.url, ctx.boothA.token));
    await nextEvent(tablet, 'operator:session');
    const d = dealFor(12_500_000);
    const [a, b] = await Promise.all([submit(tablet, d), submit(tablet, d)]);
    expect(a.ok && b.ok).toBe(true);
    expect([a, b].filter((x) => x.ok && x.data.duplicate)).toHaveLength(1);
    const c = await submit(tablet, { ...d, amount: 12_500_001 });
    expect(c).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });

  it('refuses a bad payload with an ack error and keeps the socket usable', async () => {
    const tablet = track(operatorSocket(srv.url, ctx.boothA.token));
    await nextEvent(tablet, 'operator:session');
    const bad = await new Promise<Ack<DealReceipt>>((r) => tablet.emit('deal:submit', { id: 'x', amount: 'lots' } as never, r));
    expect(bad).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
    const good = await submit(tablet, dealFor(1_000));
    expect(good.ok).toBe(true);
  });

  it('refuses an operator socket with a wrong token', async () => {
    const tablet = track(operatorSocket(srv.url, 'not-a-real-token-at-all'));
    const err = await nextEvent<Error>(tablet, 'connect_error');
    expect(err.message).toBe('unauthorized');
  });

  it('does not let a board write deals', async () => {
    const board = track(boardSocket(srv.url, ctx.event.id));
    await nextEvent(board, 'board:snapshot');
    const before = (await api<{ seq: number }>(srv.url, 'GET', `/api/v1/events/${ctx.event.id}/totals`)).body.seq;
    (board as unknown as Socket).emit('deal:submit', dealFor(999));
    await new Promise((r) => setTimeout(r, 200));
    expect((await api<{ seq: number }>(srv.url, 'GET', `/api/v1/events/${ctx.event.id}/totals`)).body.seq).toBe(before);
  });

  it('gives a fresh snapshot on board:resync', async () => {
    const board = track(boardSocket(srv.url, ctx.event.id));
    await nextEvent(board, 'board:snapshot');
    const res = await new Promise<Ack<BoardSnapshot>>((r) => board.emit('board:resync', r));
    expect(res.ok).toBe(true);
    if (res.ok) expect(res.data.recent.length).toBeGreaterThan(0);
  });
});

describe('tablets hear about their own deals', () => {
  it('tells a booth’s tablets when an organiser voids one of its deals, and not other booths', async () => {
    const mine = track(operatorSocket(srv.url, ctx.boothA.token));
    const other = track(operatorSocket(srv.url, ctx.boothB.token));
    await Promise.all([nextEvent(mine, 'operator:session'), nextEvent(other, 'operator:session')]);
    const ack = await submit(mine, dealFor(2_000_000));
    if (!ack.ok) throw new Error('deal refused');
    let otherHeard = false;
    other.on('booth:changed', () => (otherHeard = true));
    const heard = nextEvent<{ dealIds: string[] }>(mine, 'booth:changed');
    await api(srv.url, 'POST', `/api/v1/events/${ctx.event.id}/deals/${ack.data.deal.id}/void`, { reason: 'batal' }, ADMIN_TOKEN);
    expect((await heard).dealIds).toEqual([ack.data.deal.id]);
    await new Promise((r) => setTimeout(r, 100));
    expect(otherHeard).toBe(false);
  });
});
