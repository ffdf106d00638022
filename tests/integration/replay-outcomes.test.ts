import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReplayProgress, Totals } from '@dealboard/shared';
import { ADMIN_TOKEN, api, setupEvent, startServer, uuid, type TestServer } from '../support/server.js';

let srv: TestServer;
beforeAll(async () => {
  srv = await startServer();
});
afterAll(() => srv.stop());

const admin = <T>(method: string, path: string, body?: unknown) => api<T>(srv.url, method, `/api/v1${path}`, body, ADMIN_TOKEN);
const totals = async (id: string) => (await api<Totals>(srv.url, 'GET', `/api/v1/events/${id}/totals`)).body;
const post = async <T>(path: string, body: unknown, headers: Record<string, string>) => {
  const res = await fetch(`${srv.url}/api/v1${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as T };
};
async function until(id: string): Promise<ReplayProgress> {
  for (;;) {
    const p = (await admin<ReplayProgress>('GET', `/replays/${id}`)).body;
    if (p.state === 'done' && p.sent + p.failed === p.total) return p;
    await new Promise((r) => setTimeout(r, 100));
  }
}
/** What a person compares on the two boards and recaps. */
const figures = (t: Totals) => ({ total: t.total, count: t.count, voided: t.voided, pending: t.pending, confirmed: t.confirmed, byCategory: t.byCategory, byKind: t.byKind, mou: { count: t.mou?.count, value: t.mou?.value } });

describe('a replay ends on the original figures, whatever its settings', () => {
  it('reproduces approvals, buyer confirmations, voids, restores and MoUs; the copy ends on the original totals', async () => {
    const ctx = await setupEvent(srv.url, { target: 1_300_000_000 });
    const id = ctx.event.id;
    await admin('PATCH', `/events/${id}`, { settings: { approvalRequired: true, approvalThreshold: 500_000_000, buyerConfirmRequired: true, buyerConfirmThreshold: 100_000_000 } });
    const booth = { authorization: `Bearer ${ctx.boothA.token}`, 'user-agent': 'Tablet stan' };
    const record = async (amount: number, category = 0) =>
      (await post<{ deal: { id: string; status: string } }>(`/events/${id}/deals`, { id: uuid(), amount, category: ctx.event.categories[category]!.id, seller: `UMKM ${amount}`, buyer: 'PT Banua' }, booth)).body.deal;

    const big = await record(600_000_000);
    expect(big.status).toBe('pending');
    expect((await admin(`POST`, `/events/${id}/deals/${big.id}/approve`)).status).toBe(200);
    await record(50_000_000, 1);
    const held = await record(200_000_000);
    expect(held.status).toBe('pending');
    const code = (await post<{ url: string }>(`/operator/deals/${held.id}/buyer-code`, {}, booth)).body.url.split('/confirm/')[1]!;
    const answered = await post(`/confirm/${code}`, { answer: 'confirm', name: 'Ibu Sari' }, { 'user-agent': 'Ponsel pembeli' });
    expect(answered.status).toBe(200);
    const voided = await record(45_500_000, 1);
    await admin('POST', `/events/${id}/deals/${voided.id}/void`, { reason: 'salah ketik' });
    const restored = await record(35_000_000);
    await admin('POST', `/events/${id}/deals/${restored.id}/void`, { reason: 'keliru' });
    await admin('POST', `/events/${id}/deals/${restored.id}/restore`);
    await record(150_000_000, 1); // waits for its buyer to the end
    const mou = (await admin<{ mou: { id: string } }>('POST', `/events/${id}/mous`, { title: 'Kerja sama rotan', parties: [{ name: 'Pemprov Jatim' }, { name: 'Pemprov Kalsel' }], signedAt: new Date().toISOString(), value: 2_000_000_000 })).body.mou;
    await admin('PATCH', `/events/${id}/mous/${mou.id}`, { title: 'Kerja sama rotan', parties: [{ name: 'Pemprov Jatim' }, { name: 'Pemprov Kalsel' }], signedAt: new Date().toISOString(), value: 2_500_000_000 });
    const gone = (await admin<{ mou: { id: string } }>('POST', `/events/${id}/mous`, { title: 'Batal', parties: [{ name: 'A' }, { name: 'B' }], signedAt: new Date().toISOString(), value: 7_000_000 })).body.mou;
    await admin('POST', `/events/${id}/mous/${gone.id}/void`, { reason: 'belum siap' });
    await admin('POST', `/events/${id}/status`, { status: 'closed' });

    const original = await totals(id);
    expect(original.total).toBe(885_000_000);
    const started = await admin<ReplayProgress>('POST', `/events/${id}/replay`, { speed: 60 });
    expect(started.status).toBe(201);
    const done = await until(started.body.id);
    expect(done.failed).toBe(0);
    const copy = await totals(done.eventId);
    expect(figures(copy)).toEqual(figures(original));

    // The buyer's answer is on the copy's deal, as it was given.
    const deals = (await admin<{ deals: { amount: number; status: string; buyerState?: string | null }[] }>('GET', `/events/${done.eventId}/deals`)).body.deals;
    expect(deals.find((d) => d.amount === 200_000_000)).toMatchObject({ status: 'recorded', buyerState: 'confirmed' });
    expect(deals.find((d) => d.amount === 45_500_000)?.status).toBe('voided');
  });
});
