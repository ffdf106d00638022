import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, BoardSnapshot, Deal, ReplayProgress, Totals } from '@dealboard/shared';
import { ADMIN_TOKEN, api, boardSocket, nextEvent, setupEvent, startServer, uuid, type TestServer } from '../support/server.js';

let srv: TestServer;
beforeAll(async () => {
  srv = await startServer();
});
afterAll(() => srv.stop());

type Ctx = Awaited<ReturnType<typeof setupEvent>>;
const admin = <T>(method: string, path: string, body?: unknown) => api<T>(srv.url, method, `/api/v1${path}`, body, ADMIN_TOKEN);
const totals = async (id: string) => (await api<Totals>(srv.url, 'GET', `/api/v1/events/${id}/totals`)).body;
async function record(ctx: Ctx, amounts: number[]) {
  for (const [i, amount] of amounts.entries()) {
    const booth = i % 2 ? ctx.boothB : ctx.boothA;
    const body = { id: uuid(), amount, category: ctx.event.categories[i % 2]!.id, seller: `UMKM ${i}`, buyer: 'PT Banua', buyerDelegation: i % 2 ? 'Jatim' : 'Kalsel' };
    await fetch(`${srv.url}/api/v1/events/${ctx.event.id}/deals`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${booth.token}` }, body: JSON.stringify(body) });
  }
  await admin('POST', `/events/${ctx.event.id}/status`, { status: 'closed' });
}
async function until(id: string, done: (p: ReplayProgress) => boolean): Promise<ReplayProgress> {
  for (;;) {
    const p = (await admin<ReplayProgress>('GET', `/replays/${id}`)).body;
    if (done(p)) return p;
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('replay', () => {
  it("replays a closed event's deals onto a rehearsal copy through the ledger; its board shows REPLAY and the same figures", async () => {
    const source = await setupEvent(srv.url, { name: 'Misi lama' });
    await record(source, [10_000_000, 25_000_000, 40_000_000]);
    const refused = await admin<{ error: ApiError }>('POST', `/events/${source.event.id}/replay`, { speed: 5 });
    expect(refused.status).toBe(400);

    const started = await admin<ReplayProgress>('POST', `/events/${source.event.id}/replay`, { speed: 60 });
    expect(started.status).toBe(201);
    const done = await until(started.body.id, (p) => p.state === 'done' && p.sent + p.failed === p.total);
    expect({ total: done.total, sent: done.sent, failed: done.failed }).toEqual({ total: 3, sent: 3, failed: 0 });

    const [a, b] = [await totals(source.event.id), await totals(done.eventId)];
    expect({ total: b.total, count: b.count, byCategory: b.byCategory, byFlow: b.byFlow.length }).toEqual({ total: a.total, count: a.count, byCategory: a.byCategory, byFlow: a.byFlow.length });
    const board = boardSocket(srv.url, done.eventId);
    const snap = await nextEvent<BoardSnapshot>(board, 'board:snapshot');
    board.disconnect();
    expect(snap.event.settings.replay).toBe(true);
    expect(snap.event.status).toBe('rehearsal');
    expect(snap.total).toBe(75_000_000);
    const deals = (await admin<{ deals: Deal[] }>('GET', `/events/${done.eventId}/deals`)).body.deals;
    expect(deals.every((d) => d.rehearsal)).toBe(true);
    expect((await admin<{ replays: ReplayProgress[] }>('GET', '/replays')).body.replays.map((r) => r.id)).toContain(done.id);
  });

  it('refuses an event that is not closed, and stops a replay on request with nothing more sent', async () => {
    const open = await setupEvent(srv.url);
    const refused = await admin<{ error: ApiError }>('POST', `/events/${open.event.id}/replay`, { speed: 10 });
    expect(refused.status).toBe(409);
    expect(refused.body.error.pesan).toContain('ditutup');

    // Its deals lie ten minutes after the start: at 1× they are not due for ten minutes.
    const later = await setupEvent(srv.url, { startsAt: new Date(Date.now() - 600_000).toISOString() });
    await record(later, [5_000_000]);
    const started = await admin<ReplayProgress>('POST', `/events/${later.event.id}/replay`, { speed: 1 });
    const stopped = await admin<ReplayProgress>('POST', `/replays/${started.body.id}/stop`);
    expect(stopped.body.state).toBe('stopped');
    expect((await totals(started.body.eventId)).count).toBe(0);
  });
});
