import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdminBooth, ApiError, AuditEntry, BoardSnapshot, Deal, Totals } from '@dealboard/shared';
import { ADMIN_TOKEN, api, boardSocket, nextEvent, setupEvent, startServer, uuid, type TestServer } from '../support/server.js';

// Runs on SQLite (integration) and again on PostgreSQL (the postgres project lists this file).
type ErrorBody = { error: ApiError };
type Ctx = Awaited<ReturnType<typeof setupEvent>>;
let srv: TestServer;
beforeAll(async () => {
  srv = await startServer();
});
afterAll(() => srv.stop());

const admin = <T>(method: string, path: string, body?: unknown) => api<T>(srv.url, method, `/api/v1${path}`, body, ADMIN_TOKEN);
const totals = async (ctx: Ctx) => (await api<Totals>(srv.url, 'GET', `/api/v1/events/${ctx.event.id}/totals`)).body;
async function record(ctx: Ctx, booth: { token: string }, amount: number, seller: string) {
  const r = await api<{ deal: Deal }>(srv.url, 'POST', `/api/v1/events/${ctx.event.id}/deals`, { id: uuid(), amount, category: ctx.event.categories[0]!.id, seller, buyer: 'PT Banua' }, booth.token);
  expect(r.status).toBe(201);
  return r.body.deal;
}

describe('removing a booth', () => {
  it('in a rehearsal takes its deals with it, and every figure, breakdown and the climb are what the other booth made alone', async () => {
    const ctx = await setupEvent(srv.url, { status: 'rehearsal' });
    await record(ctx, ctx.boothA, 5_000_000, 'UMKM Rotan');
    await record(ctx, ctx.boothA, 7_000_000, 'UMKM Madu');
    await record(ctx, ctx.boothB, 3_000_000, 'UMKM Rotan');
    await record(ctx, ctx.boothB, 11_000_000, 'UMKM Kopi');
    const voided = await record(ctx, ctx.boothB, 2_000_000, 'UMKM Batik');
    expect((await admin('POST', `/events/${ctx.event.id}/deals/${voided.id}/void`, { reason: 'salah ketik' })).status).toBe(200);
    const before = await totals(ctx);
    expect({ total: before.total, count: before.count, sellers: before.sellers, voided: before.voided }).toEqual({ total: 26_000_000, count: 4, sellers: 3, voided: 1 });

    const board = boardSocket(srv.url, ctx.event.id);
    await nextEvent<BoardSnapshot>(board, 'board:snapshot');
    const fresh = nextEvent<BoardSnapshot>(board, 'board:snapshot');
    const removed = await admin<{ id: string; removedDeals: number; seq: number }>('DELETE', `/events/${ctx.event.id}/booths/${ctx.boothB.id}`);
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ id: ctx.boothB.id, removedDeals: 3, seq: before.seq + 1 });

    const after = await totals(ctx);
    const kind = ctx.event.categories[0]!.id;
    expect(after.seq).toBe(before.seq + 1);
    expect({ total: after.total, count: after.count, sellers: after.sellers, voided: after.voided, pending: after.pending }).toEqual({ total: 12_000_000, count: 2, sellers: 2, voided: 0, pending: { total: 0, count: 0 } });
    expect(after.byBooth).toEqual([{ boothId: ctx.boothA.id, total: 12_000_000, count: 2 }]);
    expect(after.byCategory).toEqual([{ categoryId: kind, total: 12_000_000, count: 2 }]);
    expect(after.byKind).toEqual({ trade: { total: 12_000_000, count: 2 }, investment: { total: 0, count: 0 } });
    expect(after.byFlow).toEqual([{ from: ctx.event.delegations.find((d) => d.name === 'Jatim')!.id, to: null, total: 12_000_000, count: 2 }]);

    // The boards start again from a snapshot without the booth: total, recent deals and climb.
    const snap = await fresh;
    board.disconnect();
    expect(snap.seq).toBe(after.seq);
    expect(snap.total).toBe(12_000_000);
    expect(snap.recent.map((d) => d.amount).sort()).toEqual([5_000_000, 7_000_000]);
    expect(snap.climb.points).toEqual([[0, 12_000_000]]);
    expect(snap.event.booths.map((b) => b.id)).toEqual([ctx.boothA.id]);

    const deals = (await admin<{ deals: Deal[] }>('GET', `/events/${ctx.event.id}/deals`)).body.deals;
    expect(deals.map((d) => d.boothId)).toEqual([ctx.boothA.id, ctx.boothA.id]);
    expect((await admin<{ booths: AdminBooth[] }>('GET', `/events/${ctx.event.id}/booths`)).body.booths.map((b) => b.id)).toEqual([ctx.boothA.id]);
    const recap = await admin<{ byBooth: { name: string; total: number }[] }>('GET', `/events/${ctx.event.id}/recap`);
    expect(recap.body.byBooth).toEqual([{ name: 'Stan A', total: 12_000_000, count: 2 }]);
    // Its tablet is refused from now on.
    const late = await api<ErrorBody>(srv.url, 'POST', `/api/v1/events/${ctx.event.id}/deals`, { id: uuid(), amount: 1_000_000, category: kind, seller: 'UMKM', buyer: 'PT' }, ctx.boothB.token);
    expect(late.status).toBe(401);

    const audit = (await admin<{ entries: AuditEntry[] }>('GET', `/events/${ctx.event.id}/audit`)).body.entries;
    const entry = audit.find((e) => e.action === 'booth.remove');
    expect(entry?.subject).toBe(ctx.boothB.id);
    expect(entry?.before).toMatchObject({ name: 'Stan B', deals: 3, total: 14_000_000 });
    expect(entry?.after).toMatchObject({ removed: true, removedDeals: 3, seq: after.seq });

    // Gone is gone: a second removal finds nothing.
    expect((await admin('DELETE', `/events/${ctx.event.id}/booths/${ctx.boothB.id}`)).status).toBe(404);
  });

  it('is refused (409 booth_has_deals) for a booth with counted deals, and allowed for a live booth that recorded nothing', async () => {
    const ctx = await setupEvent(srv.url);
    await record(ctx, ctx.boothA, 4_000_000, 'UMKM Rotan');
    const before = await totals(ctx);
    const refused = await admin<ErrorBody>('DELETE', `/events/${ctx.event.id}/booths/${ctx.boothA.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('booth_has_deals');
    expect(refused.body.error.message).toContain('revoke it instead');
    expect(refused.body.error.pesan).toContain('tidak dapat dihapus');
    expect((await totals(ctx)).total).toBe(4_000_000);

    const empty = await admin<{ removedDeals: number; seq: number }>('DELETE', `/events/${ctx.event.id}/booths/${ctx.boothB.id}`);
    expect(empty.status).toBe(200);
    expect(empty.body).toMatchObject({ removedDeals: 0, seq: before.seq });
    expect((await admin<{ booths: AdminBooth[] }>('GET', `/events/${ctx.event.id}/booths`)).body.booths.map((b) => b.id)).toEqual([ctx.boothA.id]);
    const after = await totals(ctx);
    expect({ total: after.total, seq: after.seq }).toEqual({ total: 4_000_000, seq: before.seq });
  });
});
