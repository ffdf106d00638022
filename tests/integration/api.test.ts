import { describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, api, setupEvent, uuid } from '../support/server.js';
import { serverWithEvent } from '../support/event-fixture.js';
import { TEST_STORE } from '../support/store.js';

type ErrorBody = { error: { code: string; message: string; pesan?: string; field?: string } };
type Totals = { seq: number; total: number; count: number; target: number; sellers: number; byKind: { trade: { total: number } ; investment: { total: number } }; byCategory: { categoryId: string; total: number }[]; byFlow: { from: string; to: string | null; total: number }[] };

const fixture = serverWithEvent();

const deal = (over: Record<string, unknown> = {}) => ({
  id: uuid(),
  amount: 25_000_000,
  category: fixture.ctx.event.categories[0]!.id,
  seller: 'UMKM Kayu Ulin Barito',
  buyer: 'CV Sumber Rejeki',
  ...over,
});

describe('public contract over HTTP', () => {
  it('answers health with ok (and, on PostgreSQL, how messages travel between nodes)', async () => {
    const body = TEST_STORE === 'postgres' ? { status: 'ok', messages: { via: 'postgres' } } : { status: 'ok' };
    expect(await api(fixture.srv.url, 'GET', '/api/v1/health')).toEqual({ status: 200, body });
  });

  it('creates an event with the five seed categories and named delegations', async () => {
    expect(fixture.ctx.event.categories.map((c) => c.name)).toEqual(['hasil hutan', 'peternakan', 'pertanian', 'makanan olahan', 'produk olahan lainnya']);
    expect(fixture.ctx.event.delegations.map((d) => d.name)).toEqual(['Jatim', 'Kalsel']);
    const pub = await api<Record<string, unknown>>(fixture.srv.url, 'GET', `/api/v1/events/${fixture.ctx.event.id}`);
    expect(pub.status).toBe(200);
    expect(pub.body).toMatchObject({ id: fixture.ctx.event.id, target: 1_300_000_000, timezone: 'Asia/Makassar', currency: 'IDR' });
    expect(JSON.stringify(pub.body)).not.toMatch(/token/i);
  });

  it('refuses event creation without the admin token, or with a wrong one', async () => {
    const body = { name: 'x', target: 1, startsAt: '2026-01-01T00:00:00Z', endsAt: '2026-01-01T01:00:00Z', timezone: 'Asia/Jakarta' };
    const none = await api<ErrorBody>(fixture.srv.url, 'POST', '/api/v1/events', body);
    expect(none.status).toBe(401);
    expect(none.body.error.code).toBe('unauthorized');
    expect((await api(fixture.srv.url, 'POST', '/api/v1/events', body, 'wrong-token-wrong-token')).status).toBe(401);
  });

  it('refuses a bad event with the field named', async () => {
    const bad = await api<ErrorBody>(fixture.srv.url, 'POST', '/api/v1/events', { name: 'x', target: 1.5, startsAt: 'soon', endsAt: 'later', timezone: 'Mars/Base' }, ADMIN_TOKEN);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect(bad.body.error.field).toBe('target');
    expect(bad.body.error.pesan).toBeTruthy();
    const tz = await api<ErrorBody>(fixture.srv.url, 'POST', '/api/v1/events', { name: 'x', target: 10, startsAt: '2026-01-01T00:00:00Z', endsAt: '2026-01-01T01:00:00Z', timezone: 'Mars/Base' }, ADMIN_TOKEN);
    expect(tz.body.error.field).toBe('timezone');
  });

  it('gives a booth a token and join URL once, and adds a new delegation by name', async () => {
    expect(fixture.ctx.boothA.token.length).toBeGreaterThan(30);
    expect(fixture.ctx.boothA.joinUrl).toMatch(new RegExp(`/join/${fixture.ctx.boothA.token}$`));
    const r = await api<{ delegationId: string }>(fixture.srv.url, 'POST', `/api/v1/events/${fixture.ctx.event.id}/booths`, { name: 'Stan Jabar', delegation: 'Jawa Barat' }, ADMIN_TOKEN);
    expect(r.status).toBe(201);
    const pub = await api<{ delegations: { id: string; name: string }[] }>(fixture.srv.url, 'GET', `/api/v1/events/${fixture.ctx.event.id}`);
    expect(pub.body.delegations.map((d) => d.name)).toContain('Jawa Barat');
  });

  it('records a deal once: 201, then 200 with the original for the same content, 409 for other content', async () => {
    const d = deal({ amount: 150_000_000, quantity: 2, unit: 'ton', note: 'kirim Mei' });
    const first = await api<{ deal: { id: string; amount: number; status: string }; duplicate: boolean; seq: number }>(fixture.srv.url, 'POST', `/api/v1/events/${fixture.ctx.event.id}/deals`, d, fixture.ctx.boothA.token);
    expect(first.status).toBe(201);
    expect(first.body.deal).toMatchObject({ id: d.id, amount: 150_000_000, status: 'recorded' });
    const again = await api<{ duplicate: boolean; deal: { recordedAt: string } }>(fixture.srv.url, 'POST', `/api/v1/events/${fixture.ctx.event.id}/deals`, d, fixture.ctx.boothA.token);
    expect(again.status).toBe(200);
    expect(again.body.duplicate).toBe(true);
    const other = await api<ErrorBody>(fixture.srv.url, 'POST', `/api/v1/events/${fixture.ctx.event.id}/deals`, { ...d, amount: 150_000_001 }, fixture.ctx.boothA.token);
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('conflict');
    const totals = await api<Totals>(fixture.srv.url, 'GET', `/api/v1/events/${fixture.ctx.event.id}/totals`);
    expect(totals.body.count).toBe(1);
    expect(totals.body.total).toBe(150_000_000);
  });

  it('refuses invalid deals with 400 and the field, and bad tokens with 401', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [deal({ amount: -5 }), 'amount'],
      [deal({ amount: 1.5 }), 'amount'],
      [deal({ amount: '1000' }), 'amount'],
      [deal({ id: 'not-a-uuid' }), 'id'],
      [deal({ category: 'emas' }), 'category'],
      [deal({ seller: '   ' }), 'seller'],
      [deal({ kind: 'gift' }), 'kind'],
      [deal({ buyerDelegation: 'Atlantis' }), 'buyerDelegation'],
      [deal({ extra: 1 }), 'extra'],
    ];
    for (const [body, field] of cases) {
      const r = await api<ErrorBody>(fixture.srv.url, 'POST', `/api/v1/events/${fixture.ctx.event.id}/deals`, body, fixture.ctx.boothA.token);
      expect(r.status, JSON.stringify(body)).toBe(400);
      expect(r.body.error.field).toBe(field);
    }
    expect((await api(fixture.srv.url, 'POST', `/api/v1/events/${fixture.ctx.event.id}/deals`, deal())).status).toBe(401);
    expect((await api(fixture.srv.url, 'POST', `/api/v1/events/${fixture.ctx.event.id}/deals`, deal(), 'x'.repeat(43))).status).toBe(401);
    expect((await api(fixture.srv.url, 'POST', `/api/v1/events/${fixture.ctx.event.id}/deals`, '{"id": ', fixture.ctx.boothA.token)).status).toBe(400);
    const big = await api<ErrorBody>(fixture.srv.url, 'POST', `/api/v1/events/${fixture.ctx.event.id}/deals`, deal({ note: 'x'.repeat(20_000) }), fixture.ctx.boothA.token);
    expect(big.status).toBe(413);
    expect((await api(fixture.srv.url, 'GET', '/api/v1/health')).status).toBe(200);
  });

  it('voids a deal with a reason: kept, flagged, dropped from totals, seq up by one', async () => {
    const d = deal({ amount: 40_000_000 });
    await api(fixture.srv.url, 'POST', `/api/v1/events/${fixture.ctx.event.id}/deals`, d, fixture.ctx.boothB.token);
    const before = (await api<Totals>(fixture.srv.url, 'GET', `/api/v1/events/${fixture.ctx.event.id}/totals`)).body;
    expect((await api(fixture.srv.url, 'POST', `/api/v1/events/${fixture.ctx.event.id}/deals/${d.id}/void`, { reason: 'salah ketik' })).status).toBe(401);
    const v = await api<{ deal: { status: string; voidReason: string } }>(fixture.srv.url, 'POST', `/api/v1/events/${fixture.ctx.event.id}/deals/${d.id}/void`, { reason: 'salah ketik' }, ADMIN_TOKEN);
    expect(v.status).toBe(200);
    expect(v.body.deal).toMatchObject({ status: 'voided', voidReason: 'salah ketik' });
    const after = (await api<Totals>(fixture.srv.url, 'GET', `/api/v1/events/${fixture.ctx.event.id}/totals`)).body;
    expect(after.total).toBe(before.total - 40_000_000);
    expect(after.count).toBe(before.count - 1);
    expect(after.seq).toBe(before.seq + 1);
    expect((await api(fixture.srv.url, 'POST', `/api/v1/events/${fixture.ctx.event.id}/deals/${d.id}/void`, { reason: 'lagi' }, ADMIN_TOKEN)).status).toBe(409);
    expect((await api(fixture.srv.url, 'POST', `/api/v1/events/${fixture.ctx.event.id}/deals/${uuid()}/void`, { reason: 'x' }, ADMIN_TOKEN)).status).toBe(404);
    expect((await api(fixture.srv.url, 'POST', `/api/v1/events/${fixture.ctx.event.id}/deals/${d.id}/void`, {}, ADMIN_TOKEN)).status).toBe(400);
  });

  it('totals break down by kind, category and delegation flow', async () => {
    const cat = fixture.ctx.event.categories[2]!.id;
    await api(fixture.srv.url, 'POST', `/api/v1/events/${fixture.ctx.event.id}/deals`, deal({ amount: 500_000_000, kind: 'investment', category: cat, buyerDelegation: 'Jatim' }), fixture.ctx.boothB.token);
    const t = (await api<Totals>(fixture.srv.url, 'GET', `/api/v1/events/${fixture.ctx.event.id}/totals`)).body;
    expect(t.byKind.investment.total).toBe(500_000_000);
    expect(t.byKind.trade.total + t.byKind.investment.total).toBe(t.total);
    expect(t.byCategory.find((c) => c.categoryId === cat)?.total).toBe(500_000_000);
    expect(t.byFlow).toContainEqual(expect.objectContaining({ from: 'kalsel', to: 'jatim', total: 500_000_000 }));
    expect(t.target).toBe(1_300_000_000);
  });

  it('answers unknown events and API paths with JSON 404', async () => {
    const r = await api<ErrorBody>(fixture.srv.url, 'GET', '/api/v1/events/nope/totals');
    expect(r.status).toBe(404);
    expect(r.body.error.code).toBe('not_found');
    expect((await api<ErrorBody>(fixture.srv.url, 'GET', '/api/v1/nothing')).body.error.code).toBe('not_found');
  });

  it('tells a tablet which booth its token is', async () => {
    const r = await api<{ booth: { name: string; delegationName: string }; event: { id: string } }>(fixture.srv.url, 'GET', '/api/v1/operator/session', undefined, fixture.ctx.boothB.token);
    expect(r.status).toBe(200);
    expect(r.body.booth).toMatchObject({ name: 'Stan B', delegationName: 'Kalsel' });
    expect(r.body.event.id).toBe(fixture.ctx.event.id);
  });

  it('refuses deals while the event is not live', async () => {
    const draft = await setupEvent(fixture.srv.url, { status: 'closed' });
    const r = await api<ErrorBody>(fixture.srv.url, 'POST', `/api/v1/events/${draft.event.id}/deals`, { ...deal(), category: draft.event.categories[0]!.id }, draft.boothA.token);
    expect(r.status).toBe(409);
    expect(r.body.error.code).toBe('event_not_live');
  });

  it('names active booths in the public event, never their tokens', async () => {
    const pub = await api<{ booths: { id: string; name: string }[] }>(fixture.srv.url, 'GET', `/api/v1/events/${fixture.ctx.event.id}`);
    expect(pub.body.booths.map((b) => b.id)).toContain(fixture.ctx.boothA.id);
    expect(JSON.stringify(pub.body)).not.toContain(fixture.ctx.boothA.token);
  });
});
