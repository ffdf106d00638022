import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BoardSnapshot, BoardUpdate } from '@dealboard/shared';
import { openBoardChannel, type BoardChannel } from '../../client/src/socket/board-channel.js';
import type { ChannelStatus } from '../../client/src/socket/options.js';
import { api, setupEvent, uuid } from '../support/server.js';
import { spawnServer, type ServerProcess } from '../support/process.js';

/**
 * Issue 12 §15: the server process is frozen (SIGSTOP) and resumed (SIGCONT).
 * The board is the shipped client's channel (its reconnection settings and its
 * silence watch), run against the real server process.
 */
let srv: ServerProcess;
let ctx: Awaited<ReturnType<typeof setupEvent>>;
let channel: BoardChannel | undefined;

beforeAll(async () => {
  srv = await spawnServer();
  ctx = await setupEvent(srv.url);
});
afterAll(async () => {
  channel?.close();
  srv.child.kill('SIGCONT');
  await srv.stop('SIGKILL');
});

/** A board on the shipped channel that remembers the latest total it was given, and when. */
function board() {
  const seen = { total: -1, at: 0, status: 'connecting' as ChannelStatus };
  const take = (x: BoardSnapshot | BoardUpdate) => {
    if (x.total !== seen.total) seen.at = Date.now();
    seen.total = x.total;
  };
  channel = openBoardChannel(ctx.event.id, { snapshot: take, update: take, command: () => undefined, status: (s) => (seen.status = s) }, srv.url);
  return seen;
}

async function until(pred: () => boolean, ms: number): Promise<boolean> {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) if (pred()) return true;
  return pred();
}

const deal = (amount: number) => api<{ total?: number }>(srv.url, 'POST', `/api/v1/events/${ctx.event.id}/deals`, { id: uuid(), amount, category: ctx.event.categories[0]!.id, seller: 'UMKM', buyer: 'B' }, ctx.boothA.token);

describe('a board after the server was frozen', () => {
  it.each([
    ['long enough for the board to give the old connection up', 14_000],
    ['shorter than any ping timeout', 3_000],
  ])('is live again within a few seconds of SIGCONT (%s)', async (_what, frozenMs) => {
    const seen = board();
    expect(await until(() => seen.status === 'connected' && seen.total >= 0, 10_000)).toBe(true);
    srv.child.kill('SIGSTOP');
    await new Promise((r) => setTimeout(r, frozenMs));
    srv.child.kill('SIGCONT');
    const resumedAt = Date.now();
    // The first deal after the freeze must reach the board.
    const before = (await api<{ total: number }>(srv.url, 'GET', `/api/v1/events/${ctx.event.id}/totals`)).body.total;
    expect((await deal(7_000_000)).status).toBe(201);
    const live = await until(() => seen.total === before + 7_000_000, 15_000);
    const after = Date.now() - resumedAt;
    console.log(`frozen ${frozenMs} ms: board live again ${after} ms after SIGCONT`);
    expect(live).toBe(true);
    expect(after).toBeLessThan(5000);
    channel?.close();
    channel = undefined;
  }, 60_000);
});
