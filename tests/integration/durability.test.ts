import { describe, expect, it } from 'vitest';
import { api, setupEvent, startServer, tempDataDir, uuid } from '../support/server.js';

describe('the ledger across restarts', () => {
  it('keeps deals, totals, seq and booth tokens after the server restarts on the same data folder', async () => {
    const dataDir = tempDataDir();
    const first = await startServer({ dataDir });
    const ctx = await setupEvent(first.url);
    const ids = [uuid(), uuid(), uuid()];
    for (const [i, id] of ids.entries()) {
      const r = await api(first.url, 'POST', `/api/v1/events/${ctx.event.id}/deals`, { id, amount: (i + 1) * 100_000_000, category: ctx.event.categories[0]!.id, seller: `UMKM ${i}`, buyer: 'Pembeli' }, ctx.boothA.token);
      expect(r.status).toBe(201);
    }
    const before = (await api<{ seq: number; total: number; count: number }>(first.url, 'GET', `/api/v1/events/${ctx.event.id}/totals`)).body;
    await first.stop();

    const second = await startServer({ dataDir });
    try {
      const after = (await api<{ seq: number; total: number; count: number }>(second.url, 'GET', `/api/v1/events/${ctx.event.id}/totals`)).body;
      expect(after).toMatchObject({ seq: before.seq, total: 600_000_000, count: 3 });
      const resend = await api<{ duplicate: boolean }>(second.url, 'POST', `/api/v1/events/${ctx.event.id}/deals`, { id: ids[0], amount: 100_000_000, category: ctx.event.categories[0]!.id, seller: 'UMKM 0', buyer: 'Pembeli' }, ctx.boothA.token);
      expect(resend.status).toBe(200);
      expect(resend.body.duplicate).toBe(true);
      expect((await api<{ total: number }>(second.url, 'GET', `/api/v1/events/${ctx.event.id}/totals`)).body.total).toBe(600_000_000);
    } finally {
      await second.stop();
    }
  });
});
