import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import path from 'node:path';
import { io as ioClient } from 'socket.io-client';
import { api, nextEvent, setupEvent, uuid } from '../support/server.js';
import { serverWithEvent } from '../support/event-fixture.js';

const fixture = serverWithEvent({ env: { DEAL_RATE_PER_MINUTE: '1', DEAL_RATE_BURST: '20' } });

const deal = () => ({ id: uuid(), amount: 1_000_000, category: fixture.ctx.event.categories[0]!.id, seller: 'UMKM', buyer: 'Pembeli' });

function boardWithOrigin(origin: string) {
  return ioClient(`${fixture.srv.url}/board`, {
    auth: { eventId: fixture.ctx.event.id },
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: { origin },
  });
}

describe('security', () => {
  it('limits each booth to its burst, with a 429 that says when to retry, without touching other booths', async () => {
    const results = await Promise.all(Array.from({ length: 25 }, () => api<{ error?: { code: string; message: string } }>(fixture.srv.url, 'POST', `/api/v1/events/${fixture.ctx.event.id}/deals`, deal(), fixture.ctx.boothA.token)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(20);
    const limited = results.filter((r) => r.status === 429);
    expect(limited).toHaveLength(5);
    expect(limited[0]!.body.error?.code).toBe('rate_limited');
    expect(limited[0]!.body.error?.message).toMatch(/try again in \d+ s/);
    expect((await api(fixture.srv.url, 'POST', `/api/v1/events/${fixture.ctx.event.id}/deals`, deal(), fixture.ctx.boothB.token)).status).toBe(201);
  });

  it('answers resends of stored deals even over the limit', async () => {
    const fresh = await setupEvent(fixture.srv.url);
    const deals = Array.from({ length: 20 }, () => ({ ...deal(), category: fresh.event.categories[0]!.id }));
    for (const d of deals) expect((await api(fixture.srv.url, 'POST', `/api/v1/events/${fresh.event.id}/deals`, d, fresh.boothA.token)).status).toBe(201);
    const resent = await Promise.all(deals.map((d) => api(fixture.srv.url, 'POST', `/api/v1/events/${fresh.event.id}/deals`, d, fresh.boothA.token)));
    expect(resent.map((r) => r.status)).toEqual(deals.map(() => 200));
    const extra = await api(fixture.srv.url, 'POST', `/api/v1/events/${fresh.event.id}/deals`, { ...deal(), category: fresh.event.categories[0]!.id }, fresh.boothA.token);
    expect(extra.status).toBe(429);
  });

  it('refuses socket handshakes from foreign origins, allows its own and the LAN', async () => {
    const foreign = boardWithOrigin('https://evil.example');
    await expect(nextEvent(foreign, 'connect_error')).resolves.toBeTruthy();
    foreign.close();
    for (const origin of [fixture.srv.url, 'http://192.168.1.20:3000']) {
      const ok = boardWithOrigin(origin);
      await expect(nextEvent(ok, 'board:snapshot')).resolves.toBeTruthy();
      ok.close();
    }
  });

  it('stores booth tokens only as hashes', async () => {
    const db = new Database(path.join(fixture.srv.dataDir, 'ledger.sqlite'), { readonly: true });
    try {
      const dump = JSON.stringify(db.prepare('select * from booths').all()) + JSON.stringify(db.prepare('select * from meta').all());
      expect(dump).not.toContain(fixture.ctx.boothA.token);
      expect(dump).not.toContain('test-admin-token');
    } finally {
      db.close();
    }
  });

  it('sends security headers with a Content-Security-Policy', async () => {
    const res = await fetch(`${fixture.srv.url}/api/v1/health`);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });
});
