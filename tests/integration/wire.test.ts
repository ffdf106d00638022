import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyTotalsDelta, comparableTotals, COMPLETE, MAX_UPDATE_BYTES, decodeUpdate, mergeClimb, nextStep, stepTo, unpackClimb, type BoardSnapshot, type BoardUpdate, type StreamAt, type Totals } from '@dealboard/shared';
import { createPinia } from 'pinia';
import { ADMIN_TOKEN, api, boardSocket, nextEvent, setupEvent, startServer, uuid, type TestServer } from '../support/server.js';
import { useBoardStore } from '../../client/src/board/stores/board.js';
import { openBoardChannel } from '../../client/src/socket/board-channel.js';

// What a board costs the venue's Wi-Fi, counted on the wire with a real socket.io-client
// board: the text of every frame the board receives.

type Venue = { srv: TestServer; ctx: Awaited<ReturnType<typeof setupEvent>>; booths: { id: string; token: string }[] };

/** A server with a 50-booth event (`env`: its settings). */
async function openVenue(env: Record<string, string> = {}): Promise<Venue> {
  const srv = await startServer({ env: { DEAL_RATE_BURST: '1000', DEAL_RATE_PER_MINUTE: '100000', ...env } });
  const ctx = await setupEvent(srv.url);
  const booths: { id: string; token: string }[] = [ctx.boothA, ctx.boothB];
  for (let i = 3; i <= 50; i++) {
    const b = await api<{ id: string; token: string }>(srv.url, 'POST', `/api/v1/events/${ctx.event.id}/booths`, { name: `Stan UMKM ${i}`, delegation: i % 2 ? 'Jatim' : 'Kalsel' }, ADMIN_TOKEN);
    booths.push(b.body);
  }
  return { srv, ctx, booths };
}

let venue: Venue;
let srv: TestServer;
beforeAll(async () => {
  venue = await openVenue();
  ({ srv } = venue);
}, 60_000);
afterAll(() => srv.stop());

function post(i: number, amount = 1_250_000 + i * 1_000, v = venue) {
  const booth = v.booths[i % v.booths.length]!;
  const category = v.ctx.event.categories[i % v.ctx.event.categories.length]!.id;
  return api(v.srv.url, 'POST', `/api/v1/events/${v.ctx.event.id}/deals`, { id: uuid(), amount, category, seller: `UMKM Sumber Rejeki ${i % 40}`, buyer: 'PT Banua Niaga' }, booth.token);
}

/** A board that counts the bytes of every frame it receives and keeps the figures by the board's rules (`nextStep`). */
function meteredBoard(v = venue) {
  const socket = boardSocket(v.srv.url, v.ctx.event.id);
  const frames: { bytes: number; at: number; kind: string }[] = [];
  socket.io.on('open', () => {
    socket.io.engine.on('packet', (p: { type: string; data?: unknown }) => {
      if (p.type !== 'message' || typeof p.data !== 'string') return;
      frames.push({ bytes: Buffer.byteLength(p.data) + 1, at: Date.now(), kind: p.data.includes('"board:update"') ? 'update' : p.data.includes('"board:snapshot"') ? 'snapshot' : 'other' });
    });
  });
  const state: { totals?: Totals; at: StreamAt; climb?: BoardSnapshot['climb']; keys: string[]; updates: BoardUpdate[] } = { keys: [], updates: [], at: { seq: -1, part: COMPLETE } };
  socket.on('board:snapshot', (s: BoardSnapshot) => {
    const { event: _e, recent: _r, climb, keys, ...totals } = s;
    state.totals = totals;
    state.at = { seq: s.seq, part: COMPLETE };
    state.climb = climb;
    state.keys = keys;
  });
  socket.on('board:update', (u: BoardUpdate) => {
    state.updates.push(u);
    const step = state.totals ? nextStep(state.at, u) : 'gap';
    if (step === 'gap') throw new Error(`gap: update from ${u.fromSeq}/${u.fromPart ?? 0}, board at ${state.at.seq}/${state.at.part}`);
    if (step === 'old') return;
    state.totals = applyTotalsDelta(state.totals!, decodeUpdate(u, state.keys)!.delta);
    state.at = stepTo(u);
    if (u.climb && state.climb) state.climb = { ...state.climb, points: mergeClimb(state.climb.points, unpackClimb(u.climb, u.total)) };
  });
  return { socket, frames, state };
}

const serverTotals = async (v = venue) => (await api<Totals>(v.srv.url, 'GET', `/api/v1/events/${v.ctx.event.id}/totals`)).body;

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
    expect(comparableTotals(board.state.totals!)).toEqual(comparableTotals(await serverTotals()));
    board.socket.disconnect();
  });

  it('keeps a board exact through a burst from every booth, in updates far smaller than the whole state', async () => {
    const board = meteredBoard();
    await nextEvent(board.socket, 'board:snapshot');
    const snapshotBytes = board.frames.find((f) => f.kind === 'snapshot')!.bytes;
    await Promise.all(Array.from({ length: 200 }, (_, i) => post(1000 + i)));
    const final = await serverTotals();
    // The rows that did not fit the update that brought the final seq come in follow-ups at that seq.
    await expect.poll(() => board.state.totals && comparableTotals(board.state.totals), { timeout: 10_000, interval: 100 }).toEqual(comparableTotals(final));
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

describe('board updates when the server is behind', () => {
  let slow: Venue;
  // Three seconds between updates: every deal of a burst from all 50 booths lands in one update, even on a busy machine.
  beforeAll(async () => {
    slow = await openVenue({ BOARD_UPDATE_INTERVAL_MS: '3000' });
  }, 60_000);
  afterAll(() => slow.srv.stop());

  it('never sends an update over 1 KB, carries the rows that did not fit in follow-ups at the same seq, and the board store ends on /totals', async () => {
    const board = meteredBoard(slow);
    await nextEvent(board.socket, 'board:snapshot');
    const store = useBoardStore(createPinia());
    store.start(slow.ctx.event.id, { open: (id, h) => openBoardChannel(id, h, slow.srv.url), reload: () => undefined });
    await expect.poll(() => store.connection, { timeout: 10_000 }).toBe('live');

    await Promise.all(Array.from({ length: 250 }, (_, i) => post(5000 + i, 1_250_000_000 + i * 1_000_003, slow)));
    const final = await serverTotals(slow);
    expect(final.byBooth).toHaveLength(50);
    await expect.poll(() => board.state.totals && comparableTotals(board.state.totals), { timeout: 20_000, interval: 200 }).toEqual(comparableTotals(final));
    await expect.poll(() => store.totals && comparableTotals(store.totals), { timeout: 10_000 }).toEqual(comparableTotals(final));

    const updates = board.frames.filter((f) => f.kind === 'update');
    expect(Math.max(...updates.map((u) => u.bytes))).toBeLessThanOrEqual(MAX_UPDATE_BYTES);
    // The burst's 50 booth rows did not fit one update: the rest came at the same seq.
    const followUps = board.state.updates.filter((u) => u.part);
    expect(followUps.length).toBeGreaterThan(0);
    for (const u of followUps) expect({ fromSeq: u.fromSeq, total: u.total, count: u.count }).toEqual({ fromSeq: u.seq, total: final.total, count: final.count });
    expect(store.resyncCount).toBe(0);
    store.stop();
    board.socket.disconnect();
  });
});
