import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyTotalsDelta, decodeUpdate, mergeClimb, unpackClimb, type BoardSnapshot, type BoardUpdate, type Totals } from '@dealboard/shared';
import { ADMIN_TOKEN, api, boardSocket, nextEvent, setupEvent, startServer, uuid, type TestServer } from '../support/server.js';

// What a board costs the venue's Wi-Fi, counted on the wire with a real socket.io-client
// board: the text of every frame the board receives.

let srv: TestServer;
let ctx: Awaited<ReturnType<typeof setupEvent>>;
const booths: { id: string; token: string }[] = [];
const path = (p: string) => `/api/v1/events/${ctx.event.id}${p}`;

beforeAll(async () => {
  srv = await startServer({ env: { DEAL_RATE_BURST: '1000', DEAL_RATE_PER_MINUTE: '100000' } });
  ctx = await setupEvent(srv.url);
  booths.push(ctx.boothA, ctx.boothB);
  for (let i = 3; i <= 50; i++) {
    const b = await api<{ id: string; token: string }>(srv.url, 'POST', path('/booths'), { name: `Stan UMKM ${i}`, delegation: i % 2 ? 'Jatim' : 'Kalsel' }, ADMIN_TOKEN);
    booths.push(b.body);
  }
}, 60_000);
afterAll(() => srv.stop());

function post(i: number, amount = 1_250_000 + i * 1_000) {
  const booth = booths[i % booths.length]!;
  const category = ctx.event.categories[i % ctx.event.categories.length]!.id;
  return api(srv.url, 'POST', path('/deals'), { id: uuid(), amount, category, seller: `UMKM Sumber Rejeki ${i % 40}`, buyer: 'PT Banua Niaga' }, booth.token);
}

/** A board that counts the bytes of every frame it receives and keeps the figures as the real store does. */
function meteredBoard() {
  const socket = boardSocket(srv.url, ctx.event.id);
  const frames: { bytes: number; at: number; kind: string }[] = [];
  socket.io.on('open', () => {
    socket.io.engine.on('packet', (p: { type: string; data?: unknown }) => {
      if (p.type !== 'message' || typeof p.data !== 'string') return;
      frames.push({ bytes: Buffer.byteLength(p.data) + 1, at: Date.now(), kind: p.data.includes('"board:update"') ? 'update' : p.data.includes('"board:snapshot"') ? 'snapshot' : 'other' });
    });
  });
  const state: { totals?: Totals; climb?: BoardSnapshot['climb']; keys: string[]; updates: BoardUpdate[] } = { keys: [], updates: [] };
  socket.on('board:snapshot', (s: BoardSnapshot) => {
    const { event: _e, recent: _r, climb, keys, ...totals } = s;
    state.totals = totals;
    state.climb = climb;
    state.keys = keys;
  });
  socket.on('board:update', (u: BoardUpdate) => {
    state.updates.push(u);
    if (!state.totals || u.fromSeq > state.totals.seq) throw new Error(`gap: update from ${u.fromSeq}, board at ${state.totals?.seq}`);
    state.totals = applyTotalsDelta(state.totals, decodeUpdate(u, state.keys)!.delta);
    if (u.climb && state.climb) state.climb = { ...state.climb, points: mergeClimb(state.climb.points, unpackClimb(u.climb, u.total)) };
  });
  return { socket, frames, state };
}

const serverTotals = async () => (await api<Totals>(srv.url, 'GET', path('/totals'))).body;
const sorted = (t: Totals) => ({
  ...t,
  updatedAt: '',
  byCategory: [...t.byCategory].sort((a, b) => a.categoryId.localeCompare(b.categoryId)),
  byBooth: [...t.byBooth].sort((a, b) => a.boothId.localeCompare(b.boothId)),
  byFlow: [...t.byFlow].sort((a, b) => `${a.from}>${a.to}`.localeCompare(`${b.from}>${b.to}`)),
});

describe('board updates on the wire', () => {
  it('sends a 50-booth snapshot under 16 KB and, at a deal now and then, updates under 400 bytes', async () => {
    for (let i = 0; i < 60; i++) await post(i); // every booth has sold, 20 recent deals to show
    const board = meteredBoard();
    await nextEvent(board.socket, 'board:snapshot');
    const settled = await serverTotals();
    await expect.poll(() => board.state.totals?.seq, { timeout: 5000 }).toBe(settled.seq);
    // Changes from before the board came may still be waiting out the coalescing interval.
    await new Promise((r) => setTimeout(r, 500));
    board.frames.splice(0, board.frames.findIndex((f) => f.kind === 'snapshot'));
    board.state.updates.length = 0;
    const snapshot = board.frames.find((f) => f.kind === 'snapshot')!;
    expect(snapshot.bytes).toBeLessThanOrEqual(16 * 1024);

    for (let i = 0; i < 6; i++) {
      const update = nextEvent(board.socket, 'board:update');
      await post(100 + i * 7);
      await update;
    }
    const updates = board.frames.filter((f) => f.kind === 'update').slice(-6);
    for (const u of updates) expect(u.bytes).toBeLessThanOrEqual(400);
    // Only the booth that sold is in an update, never the other 49.
    for (const u of board.state.updates.slice(-6)) expect(u.booth).toHaveLength(1);
    expect(sorted(board.state.totals!)).toEqual(sorted(await serverTotals()));
    board.socket.disconnect();
  });

  it('keeps a board exact through a burst from every booth, in updates far smaller than the whole state', async () => {
    const board = meteredBoard();
    await nextEvent(board.socket, 'board:snapshot');
    const snapshotBytes = board.frames.find((f) => f.kind === 'snapshot')!.bytes;
    await Promise.all(Array.from({ length: 200 }, (_, i) => post(1000 + i)));
    const final = await serverTotals();
    await expect.poll(() => board.state.totals?.seq, { timeout: 5000 }).toBe(final.seq);
    expect(sorted(board.state.totals!)).toEqual(sorted(final));
    const updates = board.frames.filter((f) => f.kind === 'update');
    const largest = Math.max(...updates.map((u) => u.bytes));
    expect(largest).toBeLessThan(snapshotBytes / 2);
    // Each update names at most one deal and counts the rest.
    for (const u of board.state.updates) expect(u.changed.length).toBeLessThanOrEqual(1);
    const told = board.state.updates.reduce((n, u) => n + u.changed.length + (u.more ?? 0), 0);
    expect(told).toBe(200);
    board.socket.disconnect();
  });

  it('names every booth and category in the snapshot of a new event, so its first updates define no key', async () => {
    const fresh = await setupEvent(srv.url);
    const socket = boardSocket(srv.url, fresh.event.id);
    const snap = await nextEvent<BoardSnapshot>(socket, 'board:snapshot');
    expect(snap.keys).toEqual(expect.arrayContaining([fresh.boothA.id, fresh.boothB.id, ...fresh.event.categories.map((c) => c.id)]));
    const updates: BoardUpdate[] = [];
    socket.on('board:update', (u: BoardUpdate) => updates.push(u));
    for (const [i, booth] of [fresh.boothA, fresh.boothB].entries()) {
      await api(srv.url, 'POST', `/api/v1/events/${fresh.event.id}/deals`, { id: uuid(), amount: 5_000_000, category: fresh.event.categories[i]!.id, seller: 'UMKM Baru', buyer: 'PT Banua Niaga' }, booth.token);
    }
    await expect.poll(() => updates.at(-1)?.count, { timeout: 5000 }).toBe(2);
    for (const u of updates) expect(u.keys).toBeUndefined();
    socket.disconnect();
  });

  it('draws the same climb on a screen opened mid-event as on one that watched from the start', async () => {
    const first = meteredBoard();
    await nextEvent(first.socket, 'board:snapshot');
    for (let i = 0; i < 20; i++) await post(2000 + i);
    const final = await serverTotals();
    await expect.poll(() => first.state.totals?.seq, { timeout: 5000 }).toBe(final.seq);
    const second = meteredBoard();
    await nextEvent(second.socket, 'board:snapshot');
    expect(second.state.climb!.points.at(-1)).toEqual([expect.any(Number), final.total]);
    expect(first.state.climb).toEqual(second.state.climb);
    first.socket.disconnect();
    second.socket.disconnect();
  });
});
