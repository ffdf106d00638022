import { describe, expect, it } from 'vitest';
import { dealInputSchema, type Ack, type BoothDeals, type DealReceipt, type OperatorSession } from '@dealboard/shared';
import { ADMIN_TOKEN, api, nextEvent, operatorSocket, setupEvent, uuid } from '../support/server.js';
import { serverWithEvent } from '../support/event-fixture.js';

const fixture = serverWithEvent();

const deal = (over: Record<string, unknown> = {}) => ({ id: uuid(), amount: 1_000_000, category: fixture.ctx.event.categories[0]!.id, seller: 'UMKM Rotan', buyer: 'CV Maju', ...over });
const post = (body: unknown, token = fixture.ctx.boothA.token, eventId = fixture.ctx.event.id) =>
  api<DealReceipt & { error?: { code: string; field?: string; message: string; pesan: string } }>(fixture.srv.url, 'POST', `/api/v1/events/${eventId}/deals`, body, token);
const submit = (socket: ReturnType<typeof operatorSocket>, body: unknown) => new Promise<Ack<DealReceipt>>((r) => socket.emit('deal:submit', body as never, r));

describe('a booth with many deals', () => {
  it('shows the booth total from the ledger, not from the page of deals listed', async () => {
    const c = await setupEvent(fixture.srv.url);
    const booth = (await fixture.srv.app.booths.findByToken(c.boothA.token))!;
    const amounts = Array.from({ length: 1_200 }, (_, i) => 1_000_000 + i * 1_013);
    await Promise.all(amounts.map((amount) => fixture.srv.app.ledger.submit(booth, dealInputSchema.parse({ ...deal({ amount }), category: c.event.categories[0]!.id }))));
    const tablet = operatorSocket(fixture.srv.url, c.boothA.token);
    await nextEvent(tablet, 'operator:session');
    const mine = await new Promise<Ack<BoothDeals>>((r) => tablet.emit('booth:deals', r));
    tablet.disconnect();
    expect(mine.ok && mine.data.deals.length).toBeLessThanOrEqual(500);
    expect(mine.ok && { total: mine.data.total, count: mine.data.count }).toEqual({ total: amounts.reduce((s, a) => s + a, 0), count: 1_200 });
  });
});

describe('a tablet asking for its deals', () => {
  it('gets its list and total whether or not it sends a payload', async () => {
    const c = await setupEvent(fixture.srv.url);
    const tablet = operatorSocket(fixture.srv.url, c.boothA.token);
    await nextEvent(tablet, 'operator:session');
    expect((await submit(tablet, { ...deal(), category: c.event.categories[0]!.id })).ok).toBe(true);
    const raw = tablet as unknown as { emit: (ev: string, ...args: unknown[]) => void };
    const ask = (...payload: unknown[]) => new Promise<Ack<BoothDeals>>((r) => raw.emit('booth:deals', ...payload, r));

    for (const mine of [await ask(), await ask({}), await ask({ limit: 5 })]) {
      expect(mine.ok && { count: mine.data.count, total: mine.data.total }).toEqual({ count: 1, total: 1_000_000 });
    }
    tablet.disconnect();
  });
});

describe('totals near the largest exact number', () => {
  it('refuses over HTTP and over the socket, with 422 total_too_large in both languages, and keeps the total exact', async () => {
    const c = await setupEvent(fixture.srv.url);
    const big = 1_000_000_000_000_000;
    for (let i = 0; i < 9; i++) expect((await post({ ...deal({ amount: big }), category: c.event.categories[0]!.id }, c.boothA.token, c.event.id)).status).toBe(201);
    const r = await post({ ...deal({ amount: big }), category: c.event.categories[0]!.id }, c.boothB.token, c.event.id);
    expect(r.status).toBe(422);
    expect(r.body.error).toMatchObject({ code: 'total_too_large', field: 'amount' });
    expect(r.body.error?.pesan).toMatch(/melewati Rp9\.007\.199\.254\.740\.991/);
    const tablet = operatorSocket(fixture.srv.url, c.boothB.token);
    await nextEvent(tablet, 'operator:session');
    const ack = await submit(tablet, { ...deal({ amount: big }), category: c.event.categories[0]!.id });
    tablet.disconnect();
    expect(ack).toMatchObject({ ok: false, error: { code: 'total_too_large' } });
    expect((await post({ ...deal({ amount: 11 }), category: c.event.categories[0]!.id }, c.boothB.token, c.event.id)).status).toBe(201);
    const totals = await api<{ total: number }>(fixture.srv.url, 'GET', `/api/v1/events/${c.event.id}/totals`);
    expect(BigInt(totals.body.total)).toBe(9n * BigInt(big) + 11n);
  });
});

describe('a booth edited while its tablet is connected', () => {
  it('tags the tablet’s next deals with the booth’s new delegation and tells the tablet', async () => {
    const c = await setupEvent(fixture.srv.url);
    const tablet = operatorSocket(fixture.srv.url, c.boothA.token);
    await nextEvent(tablet, 'operator:session');
    const jatim = c.event.delegations.find((d) => d.name === 'Jatim')!.id;
    const kalsel = c.event.delegations.find((d) => d.name === 'Kalsel')!.id;
    const before = await submit(tablet, { ...deal(), category: c.event.categories[0]!.id });
    expect(before.ok && before.data.deal.sellerDelegationId).toBe(jatim);
    const session = nextEvent<OperatorSession>(tablet, 'operator:session');
    const moved = await api(fixture.srv.url, 'PATCH', `/api/v1/events/${c.event.id}/booths/${c.boothA.id}`, { delegation: 'Kalsel', name: 'Stan A Baru' }, ADMIN_TOKEN);
    expect(moved.status).toBe(200);
    expect((await session).booth).toMatchObject({ delegationId: kalsel, name: 'Stan A Baru' });
    const socketDeal = await submit(tablet, { ...deal(), category: c.event.categories[0]!.id });
    const httpDeal = await post({ ...deal(), category: c.event.categories[0]!.id }, c.boothA.token, c.event.id);
    tablet.disconnect();
    expect(socketDeal.ok && socketDeal.data.deal.sellerDelegationId).toBe(kalsel);
    expect(httpDeal.body.deal.sellerDelegationId).toBe(kalsel);
  });
});

describe('resends with blank optionals', () => {
  it('treats "" and spaces as absent on both transports, so a resend is the same deal, not a conflict', async () => {
    const first = deal();
    expect((await post(first)).status).toBe(201);
    for (const blank of [{ note: '' }, { unit: '  ' }, { buyerDelegation: '' }, { note: null }, { quantity: '' }, { kind: '' }, { createdAt: '' }]) {
      const again = await post({ ...first, ...blank });
      expect(again.status, JSON.stringify(blank)).toBe(200);
      expect(again.body.duplicate).toBe(true);
    }
    const tablet = operatorSocket(fixture.srv.url, fixture.ctx.boothA.token);
    await nextEvent(tablet, 'operator:session');
    const viaSocket = await submit(tablet, { ...first, note: ' ', unit: '' });
    tablet.disconnect();
    expect(viaSocket).toMatchObject({ ok: true, data: { duplicate: true } });
    expect((await post({ ...first, note: 'lain' })).status).toBe(409);
  });
});
