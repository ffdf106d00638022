import { describe, expect, it } from 'vitest';
import type { Recap } from '@dealboard/shared';
import { ADMIN_TOKEN, api, setupEvent, uuid } from '../support/server.js';
import { serverWithEvent } from '../support/event-fixture.js';

/**
 * "Confirmed by the buyer" is the buyer's word, not the booth's: a booth that asks for its deal's
 * code and answers it itself does not make a held deal count. From outside, over HTTP only.
 */
type ErrorBody = { error: { code: string; message: string; pesan?: string; field?: string } };
type Totals = { total: number; pending: { total: number }; confirmed: { total: number; count: number } };

const fixture = serverWithEvent();
const PHONE_UA = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
const TABLET_UA = 'Mozilla/5.0 (Linux; Android 13; SM-X200) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0 Safari/537.36';

async function send<T>(path: string, body: unknown, headers: Record<string, string>) {
  const res = await fetch(`${fixture.srv.url}/api/v1${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as T };
}

/** An event that holds deals of 50 jt and more for their buyer's confirmation. */
async function heldEvent(settings: Record<string, unknown> = {}) {
  const ctx = await setupEvent(fixture.srv.url);
  await api(fixture.srv.url, 'PATCH', `/api/v1/events/${ctx.event.id}`, { settings: { buyerConfirmRequired: true, buyerConfirmThreshold: 50_000_000, ...settings } }, ADMIN_TOKEN);
  const totals = async () => (await api<Totals>(fixture.srv.url, 'GET', `/api/v1/events/${ctx.event.id}/totals`)).body;
  const booth = { authorization: `Bearer ${ctx.boothA.token}`, 'user-agent': TABLET_UA };
  const record = async (amount: number) =>
    (await send<{ deal: { id: string; status: string } }>(`/events/${ctx.event.id}/deals`, { id: uuid(), amount, category: ctx.event.categories[0]!.id, seller: 'UMKM Rotan', buyer: 'PT Beli' }, booth)).body.deal;
  const codeFor = async (dealId: string) => (await send<{ url: string }>(`/operator/deals/${dealId}/buyer-code`, {}, booth)).body.url.split('/confirm/')[1]!;
  const recap = async () => (await api<Recap>(fixture.srv.url, 'GET', `/api/v1/events/${ctx.event.id}/recap`, undefined, ADMIN_TOKEN)).body;
  const csv = async () => (await (await fetch(`${fixture.srv.url}/api/v1/events/${ctx.event.id}/export.csv`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).text()).replace(/^\uFEFF/, '');
  return { ctx, totals, booth, record, codeFor, recap, csv };
}

describe("a booth cannot confirm its own deal", () => {
  it('refuses an answer sent with the booth token, in both languages, and the held deal does not count', async () => {
    const e = await heldEvent();
    const before = await e.totals();
    const deal = await e.record(300_000_000);
    expect(deal.status).toBe('pending');
    const code = await e.codeFor(deal.id);
    const self = await send<ErrorBody>(`/confirm/${code}`, { answer: 'confirm', name: 'Pembeli' }, e.booth);
    expect(self.status).toBe(403);
    expect(self.body.error.code).toBe('code_self');
    expect(self.body.error.message).toMatch(/booth/i);
    expect(self.body.error.pesan).toMatch(/stan/);
    const after = await e.totals();
    expect(after.total).toBe(before.total);
    expect(after.confirmed.total).toBe(before.confirmed.total);
    expect(after.pending.total - before.pending.total).toBe(300_000_000);
  });

  it("sets aside an answer from the booth's own device and browser without its token; a real buyer on a new code then makes it count", async () => {
    const e = await heldEvent();
    const before = await e.totals();
    const deal = await e.record(300_000_000);
    const code = await e.codeFor(deal.id);
    // The same address and browser that asked for the code, the token left off.
    const sneaky = await send<{ setAside: boolean; buyerState: string | null }>(`/confirm/${code}`, { answer: 'confirm', name: 'Pak Budi' }, { 'user-agent': TABLET_UA });
    expect(sneaky.status).toBe(200);
    expect(sneaky.body).toMatchObject({ setAside: true, buyerState: null });
    expect((await e.totals()).total).toBe(before.total);
    expect((await e.totals()).confirmed.total).toBe(before.confirmed.total);
    // That code answers nothing more, from any device.
    expect((await send<ErrorBody>(`/confirm/${code}`, { answer: 'confirm', name: 'Pak Budi' }, { 'user-agent': PHONE_UA })).body.error.code).toBe('code_used');
    // The organiser sees the set-aside answer, with what it gave.
    const flagged = (await e.recap()).confirmations.find((c) => c.dealId === deal.id)!;
    expect(flagged).toMatchObject({ state: null, flag: 'booth_device', name: 'Pak Budi' });
    expect(await e.csv()).toMatch(/Pak Budi,,[^,]*,Konfirmasi dari perangkat stan sendiri [^,]+: tidak dihitung/);

    // The booth shows a new code; the buyer answers on their own phone, with name and phone.
    const fresh = await e.codeFor(deal.id);
    const real = await send<{ setAside: boolean; buyerState: string; status: string }>(`/confirm/${fresh}`, { answer: 'confirm', name: 'Bu Sari Wulandari', phone: '0812-3456-7890' }, { 'user-agent': PHONE_UA });
    expect(real.body).toMatchObject({ setAside: false, buyerState: 'confirmed', status: 'recorded' });
    const counted = await e.totals();
    expect(counted.total - before.total).toBe(300_000_000);
    expect(counted.confirmed.total - before.confirmed.total).toBe(300_000_000);
    const record = (await e.recap()).confirmations.find((c) => c.dealId === deal.id)!;
    expect(record).toMatchObject({ state: 'confirmed', name: 'Bu Sari Wulandari', phone: '0812-3456-7890', flag: null, booth: 'Stan A', amount: 300_000_000 });
    expect(Date.parse(record.at!)).toBeGreaterThan(Date.now() - 60_000);
    const csv = await e.csv();
    const [header, ...rows] = csv.trim().split('\r\n').map((l) => l.split(','));
    const row = rows.find((r) => r.includes(deal.id))!;
    expect(row[header!.indexOf('Nama pembeli (konfirmasi)')]).toBe('Bu Sari Wulandari');
    expect(row[header!.indexOf('Telepon pembeli')]).toBe('0812-3456-7890');
    expect(row[header!.indexOf('Waktu konfirmasi')]).toMatch(/^\d{4}-\d\d-\d\d \d\d\.\d\d\.\d\d WI/);
  });

  it("asks for the buyer's name always, and a phone number when the event asks for one", async () => {
    const e = await heldEvent({ buyerPhoneRequired: true });
    const deal = await e.record(80_000_000);
    const code = await e.codeFor(deal.id);
    expect((await api<{ askPhone: boolean }>(fixture.srv.url, 'GET', `/api/v1/confirm/${code}`)).body.askPhone).toBe(true);
    const noName = await send<ErrorBody>(`/confirm/${code}`, { answer: 'confirm' }, { 'user-agent': PHONE_UA });
    expect(noName.status).toBe(400);
    expect(noName.body.error.field).toBe('name');
    const noPhone = await send<ErrorBody>(`/confirm/${code}`, { answer: 'confirm', name: 'Bu Sari' }, { 'user-agent': PHONE_UA });
    expect(noPhone.status).toBe(400);
    expect(noPhone.body.error).toMatchObject({ field: 'phone' });
    expect(noPhone.body.error.pesan).toMatch(/telepon/);
    const badPhone = await send<ErrorBody>(`/confirm/${code}`, { answer: 'confirm', name: 'Bu Sari', phone: 'call me' }, { 'user-agent': PHONE_UA });
    expect(badPhone.status).toBe(400);
    expect((await send(`/confirm/${code}`, { answer: 'confirm', name: 'Bu Sari', phone: '+62 812 3456 7890' }, { 'user-agent': PHONE_UA })).status).toBe(200);
  });
});
