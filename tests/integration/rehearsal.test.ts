import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError, BoardSnapshot, Deal, DealReceipt, PublicEvent, Totals } from '@dealboard/shared';
import { ADMIN_TOKEN, api, boardSocket, nextEvent, setupEvent, startServer, uuid, type TestServer } from '../support/server.js';

type ErrorBody = { error: ApiError };
let srv: TestServer;
beforeAll(async () => {
  srv = await startServer();
});
afterAll(() => srv.stop());

type Ctx = Awaited<ReturnType<typeof setupEvent>>;
const deal = (ctx: Ctx, amount: number) => ({ id: uuid(), amount, category: ctx.event.categories[0]!.id, seller: `UMKM ${amount}`, buyer: 'PT Banua' });
const send = (ctx: Ctx, amount: number) =>
  fetch(`${srv.url}/api/v1/events/${ctx.event.id}/deals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ctx.boothA.token}` },
    body: JSON.stringify(deal(ctx, amount)),
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as DealReceipt & ErrorBody }));
const admin = <T>(method: string, path: string, body?: unknown) => api<T>(srv.url, method, `/api/v1${path}`, body, ADMIN_TOKEN);
const totals = async (id: string) => (await api<Totals>(srv.url, 'GET', `/api/v1/events/${id}/totals`)).body;

describe('rehearsal', () => {
  it('takes deals marked as rehearsal, refuses to go live until they are wiped, and the wipe resets every figure and board', async () => {
    const ctx = await setupEvent(srv.url, { status: 'rehearsal' });
    const first = await send(ctx, 5_000_000);
    expect(first.status).toBe(201);
    expect(first.body.deal.rehearsal).toBe(true);
    await send(ctx, 7_000_000);
    expect((await totals(ctx.event.id)).total).toBe(12_000_000);
    const listed = await admin<{ deals: Deal[] }>('GET', `/events/${ctx.event.id}/deals`);
    expect(listed.body.deals.every((d) => d.rehearsal)).toBe(true);

    const early = await admin<ErrorBody>('POST', `/events/${ctx.event.id}/status`, { status: 'live' });
    expect(early.status).toBe(409);
    expect(early.body.error.pesan).toContain('gladi');

    const board = boardSocket(srv.url, ctx.event.id);
    const before = await nextEvent<BoardSnapshot>(board, 'board:snapshot');
    expect(before.total).toBe(12_000_000);
    const fresh = nextEvent<BoardSnapshot>(board, 'board:snapshot');
    const wipe = await admin<{ wiped: number; seq: number }>('POST', `/events/${ctx.event.id}/rehearsal/wipe`);
    expect(wipe.body.wiped).toBe(2);
    const after = await fresh;
    board.disconnect();
    expect(after.seq).toBeGreaterThan(before.seq);
    expect({ total: after.total, count: after.count, sellers: after.sellers, recent: after.recent.length }).toEqual({ total: 0, count: 0, sellers: 0, recent: 0 });
    expect(after.climb.points.every(([, t]) => t === 0)).toBe(true);
    expect((await totals(ctx.event.id)).total).toBe(0);

    const audit = await admin<{ entries: { action: string; after: { wiped: number } }[] }>('GET', `/events/${ctx.event.id}/audit`);
    expect(audit.body.entries.find((e) => e.action === 'event.rehearsal_wipe')?.after.wiped).toBe(2);
    expect((await admin('POST', `/events/${ctx.event.id}/status`, { status: 'live' })).status).toBe(200);
    const live = await send(ctx, 1_000_000);
    expect(live.body.deal.rehearsal).toBeUndefined();
    expect((await totals(ctx.event.id)).total).toBe(1_000_000);
    // Only a rehearsal can be wiped.
    expect((await admin('POST', `/events/${ctx.event.id}/rehearsal/wipe`)).status).toBe(409);
  });

  it('archives (hidden, kept, can come back) and deletes only with no counted deals after a typed confirmation', async () => {
    const kept = await setupEvent(srv.url, { name: 'Pameran lama' });
    await send(kept, 2_000_000);
    const open = await admin<ErrorBody>('POST', `/events/${kept.event.id}/archive`, { archived: true });
    expect(open.status).toBe(409);
    await admin('POST', `/events/${kept.event.id}/status`, { status: 'closed' });
    const archived = await admin<PublicEvent>('POST', `/events/${kept.event.id}/archive`, { archived: true });
    expect(archived.body.archivedAt).toBeTruthy();
    const ids = async (q = '') => (await admin<{ events: PublicEvent[] }>('GET', `/events${q}`)).body.events.map((e) => e.id);
    expect(await ids()).not.toContain(kept.event.id);
    expect(await ids('?archived=1')).toContain(kept.event.id);
    expect((await totals(kept.event.id)).total).toBe(2_000_000);
    const counted = await admin<ErrorBody>('DELETE', `/events/${kept.event.id}`, { confirm: kept.event.id });
    expect(counted.status).toBe(409);
    expect(counted.body.error.message).toContain('archive it instead');
    await admin('POST', `/events/${kept.event.id}/archive`, { archived: false });
    expect(await ids()).toContain(kept.event.id);

    const practice = await setupEvent(srv.url, { name: 'Gladi saja', status: 'rehearsal' });
    await send(practice, 3_000_000);
    const unconfirmed = await admin<ErrorBody>('DELETE', `/events/${practice.event.id}`, { confirm: 'yes' });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.body.error.pesan).toContain(practice.event.id);
    expect((await admin('DELETE', `/events/${practice.event.id}`, { confirm: practice.event.id })).status).toBe(204);
    expect((await api(srv.url, 'GET', `/api/v1/events/${practice.event.id}`)).status).toBe(404);
    expect(await ids('?archived=1')).not.toContain(practice.event.id);
  });
});
