import { describe, expect, it } from 'vitest';
import type { Ack, DealReceipt } from '@dealboard/shared';
import { ADMIN_TOKEN, api, nextEvent, operatorSocket, setupEvent, uuid } from '../support/server.js';
import { serverWithEvent } from '../support/event-fixture.js';

const fixture = serverWithEvent();

type Answer = DealReceipt & { error?: { code: string; field?: string; message: string; pesan: string } };
const deal = (over: Record<string, unknown> = {}) => ({ id: uuid(), amount: 1_000_000, category: fixture.ctx.event.categories[0]!.id, seller: 'UMKM Rotan', buyer: 'CV Maju', ...over });
const post = (body: unknown) => api<Answer>(fixture.srv.url, 'POST', `/api/v1/events/${fixture.ctx.event.id}/deals`, body, fixture.ctx.boothA.token);
// eslint-disable-next-line no-control-regex -- looking for control characters is the point
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('names and free texts', () => {
  it('stores names without NUL, bidi overrides, zero-width characters or lone surrogates', async () => {
    const r = await post(deal({ seller: 'Kopi\u0000 Dayak\u200b', buyer: '\u202eCV Maju\u202c', note: 'kirim \ud800 besok\u2066', unit: ' ton\u200d ' }));
    expect(r.status).toBe(201);
    expect(r.body.deal).toMatchObject({ seller: 'Kopi Dayak', buyer: 'CV Maju', note: 'kirim \ufffd besok', unit: 'ton' });
  });

  it('refuses, naming the field, a name that is empty once normalised — on every way in', async () => {
    for (const seller of ['\u200b\u200c\u200d', '\u202e\u202c', '\u0000', ' \u3164 ', '\ufeff\u2060']) {
      const r = await post(deal({ seller }));
      expect(r.status, JSON.stringify(seller)).toBe(400);
      expect(r.body.error).toMatchObject({ code: 'validation_failed', field: 'seller' });
      expect(r.body.error?.pesan).toMatch(/tidak boleh kosong/);
    }
    const tablet = operatorSocket(fixture.srv.url, fixture.ctx.boothA.token);
    await nextEvent(tablet, 'operator:session');
    const ack = await new Promise<Ack<DealReceipt>>((r) => tablet.emit('deal:submit', deal({ buyer: '\u200b' }) as never, r));
    tablet.disconnect();
    expect(ack).toMatchObject({ ok: false, error: { code: 'validation_failed', field: 'buyer' } });

    const e = `/api/v1/events/${fixture.ctx.event.id}`;
    const refusals: [string, string, unknown, string][] = [
      ['POST', `${e}/booths`, { name: '\u200b', delegation: 'Jatim' }, 'name'],
      ['POST', `${e}/booths`, { name: 'Stan Z', delegation: '\u202e' }, 'delegation'],
      ['PATCH', e, { name: '\u2060 ' }, 'name'],
      ['PATCH', e, { categories: [{ name: '\u200b' }] }, 'categories.0.name'],
      ['POST', '/api/v1/events', { name: 'X', target: 1, startsAt: '2026-04-13T09:00:00+07:00', endsAt: '2026-04-13T10:00:00+07:00', timezone: 'Asia/Jakarta', delegations: ['\u200b'] }, 'delegations.0'],
    ];
    for (const [method, path, body, field] of refusals) {
      const r = await api<Answer>(fixture.srv.url, method, path, body, ADMIN_TOKEN);
      expect(r.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400);
      expect(r.body.error?.field).toBe(field);
    }
    const stored = (await post(deal())).body.deal;
    const v = await api<Answer>(fixture.srv.url, 'POST', `${e}/deals/${stored.id}/void`, { reason: '\u200b\u200b' }, ADMIN_TOKEN);
    expect(v.status).toBe(400);
    expect(v.body.error?.field).toBe('reason');
  });

  it('counts a seller once however its name is padded with invisible or odd spaces', async () => {
    const c = await setupEvent(fixture.srv.url);
    const variants = ['Kopi Dayak', 'Kopi Dayak\u200b', '\u2060Kopi Dayak', 'Kopi\u00a0Dayak', 'Kopi \u200b Dayak', 'KOPI DAYAK\ufeff', 'Kopi\u202f\u202fDayak'];
    for (const seller of variants) {
      const r = await api(fixture.srv.url, 'POST', `/api/v1/events/${c.event.id}/deals`, { ...deal({ seller }), category: c.event.categories[0]!.id }, c.boothA.token);
      expect(r.status).toBe(201);
    }
    // A composed and a decomposed é are the same letter, hence the same seller.
    for (const seller of ['Kop\u00e9 Dayak', 'Kope\u0301 Dayak']) {
      await api(fixture.srv.url, 'POST', `/api/v1/events/${c.event.id}/deals`, { ...deal({ seller }), category: c.event.categories[0]!.id }, c.boothA.token);
    }
    const totals = await api<{ sellers: number; count: number }>(fixture.srv.url, 'GET', `/api/v1/events/${c.event.id}/totals`);
    expect(totals.body).toMatchObject({ sellers: 2, count: variants.length + 2 });
  });

  it('writes a CSV with no invisible characters and no cell a spreadsheet would run as a formula', async () => {
    const c = await setupEvent(fixture.srv.url);
    const send = (over: Record<string, unknown>) => api(fixture.srv.url, 'POST', `/api/v1/events/${c.event.id}/deals`, { ...deal(over), category: c.event.categories[0]!.id }, c.boothA.token);
    expect((await send({ seller: '=HYPERLINK("http://evil.example","klik")', buyer: '\u202e+62 812', note: '@SUM(A1)\u0000' })).status).toBe(201);
    expect((await send({ seller: '-2+3', buyer: '\u200b=1+1' })).status).toBe(201);
    const csv = await (await fetch(`${fixture.srv.url}/api/v1/events/${c.event.id}/export.csv`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).text();
    expect(INVISIBLE.test(csv.replace(/^\ufeff/, '').replace(/\r\n/g, ''))).toBe(false);
    const cells = csv.split('\r\n').slice(1).flatMap((l) => l.split(','));
    expect(cells.filter((x) => /^"?[=+\-@]/.test(x))).toEqual([]);
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example""`);
    expect(csv).toContain("'+62 812");
    expect(csv).toContain("'=1+1");
  });
});
