import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, ApiError, DealReceipt, PublicEvent } from '@dealboard/shared';
import { ADMIN_TOKEN, api, operatorSocket, setupEvent, startServer, uuid, type TestServer } from '../support/server.js';

let srv: TestServer;
beforeAll(async () => {
  srv = await startServer();
});
afterAll(() => srv.stop());

type Ctx = Awaited<ReturnType<typeof setupEvent>>;
const deal = (ctx: Ctx) => ({ id: uuid(), amount: 2_500_000, category: ctx.event.categories[0]!.id, seller: 'UMKM Rotan', buyer: 'PT Banua' });
const send = (ctx: Ctx) =>
  fetch(`${srv.url}/api/v1/events/${ctx.event.id}/deals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ctx.boothA.token}` },
    body: JSON.stringify(deal(ctx)),
  }).then(async (r) => ({ status: r.status, body: (await r.json()) as DealReceipt & { error: ApiError } }));

/** An event whose end is a moment away; the test waits for it to pass on the clock. */
async function endingSoon(settings?: Record<string, unknown>) {
  const now = Date.now();
  const ctx = await setupEvent(srv.url, { startsAt: new Date(now - 3_600_000).toISOString(), endsAt: new Date(now + 1_500).toISOString(), ...(settings ? { settings } : {}) });
  const { endsAt: end } = (await api<PublicEvent>(srv.url, 'GET', `/api/v1/events/${ctx.event.id}`)).body;
  const endsAt = Date.parse(end);
  const passed = async () => {
    while (Date.now() <= endsAt + 50) await new Promise((r) => setTimeout(r, 100));
  };
  return { ctx, passed };
}

describe('the end of the hour', () => {
  it('stops counting at the end time with a clear message on both ways in, and counts again once an organiser extends it', async () => {
    const { ctx, passed } = await endingSoon();
    expect((await send(ctx)).status).toBe(201);
    await passed();

    const late = await send(ctx);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('event_not_live');
    expect(late.body.error.message).toContain('session is over');
    expect(late.body.error.pesan).toContain('Sesi sudah berakhir');

    const tablet = operatorSocket(srv.url, ctx.boothA.token);
    const ack = await new Promise<Ack<DealReceipt>>((resolve) => tablet.emit('deal:submit', deal(ctx), resolve));
    tablet.disconnect();
    expect(ack.ok ? 'accepted' : ack.error.code).toBe('event_not_live');
    const totals = await api<{ count: number }>(srv.url, 'GET', `/api/v1/events/${ctx.event.id}/totals`);
    expect(totals.body.count).toBe(1);

    const extended = await api<PublicEvent>(srv.url, 'PATCH', `/api/v1/events/${ctx.event.id}`, { endsAt: new Date(Date.now() + 600_000).toISOString() }, ADMIN_TOKEN);
    expect(extended.status).toBe(200);
    expect((await send(ctx)).status).toBe(201);
    const audit = await api<{ entries: { action: string; after: { endsAt?: string } }[] }>(srv.url, 'GET', `/api/v1/events/${ctx.event.id}/audit`, undefined, ADMIN_TOKEN);
    expect(audit.body.entries.some((e) => e.action === 'event.update' && e.after.endsAt)).toBe(true);
  });

  it('keeps counting past the end time when the event does not stop there', async () => {
    const { ctx, passed } = await endingSoon({ stopAtEnd: false });
    expect((await api<PublicEvent>(srv.url, 'GET', `/api/v1/events/${ctx.event.id}`)).body.settings.stopAtEnd).toBe(false);
    await passed();
    expect((await send(ctx)).status).toBe(201);
  });
});
