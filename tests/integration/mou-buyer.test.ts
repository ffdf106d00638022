import { describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, api, boardSocket, nextEvent, uuid } from '../support/server.js';
import { serverWithEvent } from '../support/event-fixture.js';
import type { BoardUpdate, MouTotals } from '@dealboard/shared';

type ErrorBody = { error: { code: string; message: string; pesan?: string } };
type Totals = { seq: number; total: number; count: number; pending: { total: number }; confirmed: { total: number; count: number }; disputed: { count: number }; mou: MouTotals; byKind: { investment: { total: number } } };

const fixture = serverWithEvent();

const totals = async () => (await api<Totals>(fixture.srv.url, 'GET', `/api/v1/events/${fixture.ctx.event.id}/totals`)).body;
const record = async (amount: number) => {
  const res = await api<{ deal: { id: string; status: string } }>(fixture.srv.url, 'POST', `/api/v1/events/${fixture.ctx.event.id}/deals`, { id: uuid(), amount, category: fixture.ctx.event.categories[0]!.id, seller: 'UMKM Rotan', buyer: 'PT Beli' }, fixture.ctx.boothA.token);
  expect(res.status).toBe(201);
  return res.body.deal;
};
const codeFor = async (dealId: string) => {
  const res = await api<{ url: string; qrSvg: string }>(fixture.srv.url, 'POST', `/api/v1/operator/deals/${dealId}/buyer-code`, {}, fixture.ctx.boothA.token);
  expect(res.status).toBe(201);
  expect(res.body.qrSvg).toContain('<svg');
  return res.body.url.split('/confirm/')[1]!;
};
/** The buyer's phone: its own browser, with the name the confirm page asks for. */
const PHONE_UA = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36';
const buyerSays = async <T = unknown>(code: string, answer: Record<string, unknown>) => {
  const res = await fetch(`${fixture.srv.url}/api/v1/confirm/${code}`, { method: 'POST', headers: { 'content-type': 'application/json', 'user-agent': PHONE_UA }, body: JSON.stringify({ name: 'Bu Sari', ...answer }) });
  return { status: res.status, body: (await res.json()) as T };
};
const mou = { title: 'Kerja sama pasokan rotan', parties: [{ name: 'Dinas Perdagangan Jatim', delegation: 'Jatim' }, { name: 'Dinas Perindustrian Kalsel' }], sector: 'Kehutanan', signedAt: new Date().toISOString(), value: 5_000_000_000 };

describe('MoU register', () => {
  it('an announced MoU reaches the board through the change feed and never adds to the money total; a void needs a reason and is audited', async () => {
    const board = boardSocket(fixture.srv.url, fixture.ctx.event.id);
    await nextEvent(board, 'board:snapshot');
    const before = await totals();
    const updated = nextEvent<BoardUpdate>(board, 'board:update');
    const created = await api<{ mou: { id: string } }>(fixture.srv.url, 'POST', `/api/v1/events/${fixture.ctx.event.id}/mous`, { ...mou, announce: true }, ADMIN_TOKEN);
    expect(created.status).toBe(201);
    const update = await updated;
    expect(update.total).toBe(before.total);
    expect(update.mou).toMatchObject({ count: 1, value: 5_000_000_000, latest: [{ title: mou.title, parties: ['Dinas Perdagangan Jatim', 'Dinas Perindustrian Kalsel'] }] });
    expect(update.mou!.latest[0]!.announcedAt).not.toBeNull();
    board.close();

    const noReason = await api<ErrorBody>(fixture.srv.url, 'POST', `/api/v1/events/${fixture.ctx.event.id}/mous/${created.body.mou.id}/void`, {}, ADMIN_TOKEN);
    expect(noReason.status).toBe(400);
    const voided = await api(fixture.srv.url, 'POST', `/api/v1/events/${fixture.ctx.event.id}/mous/${created.body.mou.id}/void`, { reason: 'ditandatangani ulang' }, ADMIN_TOKEN);
    expect(voided.status).toBe(200);
    const after = await totals();
    expect(after.mou.count).toBe(0);
    expect(after.total).toBe(before.total);
    const log = await api<{ entries?: { action: string }[] } | { action: string }[]>(fixture.srv.url, 'GET', `/api/v1/events/${fixture.ctx.event.id}/audit`, undefined, ADMIN_TOKEN);
    const actions = JSON.stringify(log.body);
    expect(actions).toContain('mou.create');
    expect(actions).toContain('mou.void');
  });

  it('refuses an MoU with one party, naming the field', async () => {
    const bad = await api<ErrorBody>(fixture.srv.url, 'POST', `/api/v1/events/${fixture.ctx.event.id}/mous`, { ...mou, parties: [mou.parties[0]] }, ADMIN_TOKEN);
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('validation_failed');
    expect(bad.body.error.pesan).toBeTruthy();
  });
});

describe('buyer confirmation', () => {
  it('the buyer sees the deal and confirms once: the confirmed amount rises by exactly it; a second answer is refused', async () => {
    const deal = await record(7_250_000);
    const code = await codeFor(deal.id);
    const before = await totals();
    const view = await api<{ amount: number; boothName: string }>(fixture.srv.url, 'GET', `/api/v1/confirm/${code}`);
    expect(view.body).toMatchObject({ amount: 7_250_000, boothName: 'Stan A', seller: 'UMKM Rotan' });
    expect(JSON.stringify(view.body)).not.toContain('PT Beli');
    expect((await buyerSays(code, { answer: 'confirm' })).status).toBe(200);
    const after = await totals();
    expect(after.confirmed.total - before.confirmed.total).toBe(7_250_000);
    expect(after.total).toBe(before.total);
    const again = await buyerSays<ErrorBody>(code, { answer: 'dispute', reason: 'salah' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('code_used');
    expect((await api<ErrorBody>(fixture.srv.url, 'GET', `/api/v1/confirm/${code}`)).body.error.code).toBe('code_used');
  });

  it('a dispute flags the deal for the organiser (console filter), without changing the total', async () => {
    const deal = await record(1_100_000);
    const code = await codeFor(deal.id);
    const before = await totals();
    expect((await buyerSays(code, { answer: 'dispute', reason: 'Jumlahnya 1 juta' })).status).toBe(200);
    const after = await totals();
    expect(after.disputed.count).toBe(before.disputed.count + 1);
    expect(after.total).toBe(before.total);
    const flagged = await api<{ deals: { id: string; buyerReason: string }[] }>(fixture.srv.url, 'GET', `/api/v1/events/${fixture.ctx.event.id}/deals?buyer=disputed`, undefined, ADMIN_TOKEN);
    expect(flagged.body.deals.map((d) => [d.id, d.buyerReason])).toContainEqual([deal.id, 'Jumlahnya 1 juta']);
  });

  it('refuses a bad code clearly, in both languages', async () => {
    for (const code of ['nope', 'a'.repeat(43)]) {
      const res = await api<ErrorBody>(fixture.srv.url, 'GET', `/api/v1/confirm/${code}`);
      expect(res.status).toBe(404);
      expect(res.body.error).toMatchObject({ code: 'code_invalid' });
      expect(res.body.error.pesan).toMatch(/tidak berlaku/);
    }
  });

  it('with the setting on, a deal above the threshold counts only once its buyer confirmed; codes expire when the event closes', async () => {
    const set = await api(fixture.srv.url, 'PATCH', `/api/v1/events/${fixture.ctx.event.id}`, { settings: { buyerConfirmRequired: true, buyerConfirmThreshold: 50_000_000 } }, ADMIN_TOKEN);
    expect(set.status).toBe(200);
    const before = await totals();
    const small = await record(2_000_000);
    expect(small.status).toBe('recorded');
    const big = await record(80_000_000);
    expect(big.status).toBe('pending');
    const waiting = await totals();
    expect(waiting.total).toBe(before.total + 2_000_000);
    expect(waiting.pending.total - before.pending.total).toBe(80_000_000);
    await buyerSays(await codeFor(big.id), { answer: 'confirm' });
    const counted = await totals();
    expect(counted.total).toBe(waiting.total + 80_000_000);
    expect(counted.confirmed.total - waiting.confirmed.total).toBe(80_000_000);

    const late = await codeFor(small.id);
    expect((await api(fixture.srv.url, 'POST', `/api/v1/events/${fixture.ctx.event.id}/status`, { status: 'closed' }, ADMIN_TOKEN)).status).toBe(200);
    const expired = await buyerSays<ErrorBody>(late, { answer: 'confirm' });
    expect(expired.status).toBe(410);
    expect(expired.body.error.code).toBe('code_expired');
  });
});

describe('recap and exports', () => {
  it('list the MoUs, the investment line and confirmed against reported', async () => {
    await api(fixture.srv.url, 'POST', `/api/v1/events/${fixture.ctx.event.id}/mous`, { ...mou, title: 'MoU hilirisasi rumput laut' }, ADMIN_TOKEN);
    const t = await totals();
    const recap = await api<{ mous: { title: string }[]; buyer: { name: string; total: number }[]; byKind: { name: string; total: number }[] }>(fixture.srv.url, 'GET', `/api/v1/events/${fixture.ctx.event.id}/recap`, undefined, ADMIN_TOKEN);
    expect(recap.body.mous.map((m) => m.title)).toContain('MoU hilirisasi rumput laut');
    expect(recap.body.byKind.map((k) => k.name)).toEqual(['Transaksi dagang (trade)', 'Komitmen investasi (investment)']);
    expect(recap.body.buyer[1]!.total).toBe(t.confirmed.total);

    const file = async (name: string) => (await (await fetch(`${fixture.srv.url}/api/v1/events/${fixture.ctx.event.id}/${name}`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } })).text()).replace(/^\uFEFF/, '');
    // Three tables, three files: the deals, the MoUs, the summary.
    const [deals, mous, summary] = [await file('export.csv'), await file('export-mous.csv'), await file('export-summary.csv')];
    const header = deals.split('\r\n')[0]!.split(',');
    const col = header.indexOf('Konfirmasi pembeli');
    const answers = deals.split('\r\n').slice(1).map((l) => l.split(',')[col]);
    expect(answers).toContain('dikonfirmasi pembeli');
    expect(answers).toContain('dilaporkan stan');
    expect(mous).toContain('MoU hilirisasi rumput laut');
    expect(mous).toContain('Dinas Perdagangan Jatim (Jatim); Dinas Perindustrian Kalsel');
    // The summary: investment on its own line, and confirmed against reported with the share.
    const line = (name: string) => summary.split('\r\n').map((l) => l.split(',')).find((l) => l[1] === name);
    expect(Number(line('Komitmen investasi (investment)')![2])).toBe(t.byKind.investment.total);
    expect(Number(line('Dikonfirmasi pembeli (confirmed by buyers)')![2])).toBe(t.confirmed.total);
    expect(summary).toMatch(/\r\nKonfirmasi pembeli,Bagian dikonfirmasi pembeli \(share confirmed\),,,,"?\d+(,\d)?%"?\r\n/);
  });
});
