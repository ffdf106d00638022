import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, ApiError, DealReceipt } from '@dealboard/shared';
import { api, nextEvent, operatorSocket, setupEvent, startServer, uuid, type TestServer } from '../support/server.js';

// 6 deals a minute after a burst of 2: one token every 10 s, so the wait is several seconds.
let srv: TestServer;
let ctx: Awaited<ReturnType<typeof setupEvent>>;
beforeAll(async () => {
  srv = await startServer({ env: { DEAL_RATE_PER_MINUTE: '6', DEAL_RATE_BURST: '2', SIGNIN_RATE_PER_MINUTE: '1' } });
  ctx = await setupEvent(srv.url);
});
afterAll(() => srv.stop());

const deal = () => ({ id: uuid(), amount: 1_000_000, category: ctx.event.categories[0]!.id, seller: 'UMKM', buyer: 'Pembeli' });

describe('rate-limit answers say when to come back', () => {
  it('HTTP: 429 with Retry-After in seconds and retryAfterMs in the error body', async () => {
    for (let i = 0; i < 2; i++) expect((await api(srv.url, 'POST', `/api/v1/events/${ctx.event.id}/deals`, deal(), ctx.boothA.token)).status).toBe(201);
    const res = await fetch(`${srv.url}/api/v1/events/${ctx.event.id}/deals`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ctx.boothA.token}` },
      body: JSON.stringify(deal()),
    });
    expect(res.status).toBe(429);
    const body = (await res.json()) as { error: ApiError };
    expect(body.error.code).toBe('rate_limited');
    // The refill is 10 s per deal: the wait is most of that, and the header agrees with the body.
    expect(body.error.retryAfterMs).toBeGreaterThan(5_000);
    expect(body.error.retryAfterMs).toBeLessThanOrEqual(10_000);
    expect(Number(res.headers.get('retry-after'))).toBe(Math.ceil(body.error.retryAfterMs! / 1000));
  });

  it('socket: the deal:submit acknowledgement carries retryAfterMs', async () => {
    const sock = operatorSocket(srv.url, ctx.boothB.token);
    await nextEvent(sock, 'operator:session');
    const acks: Ack<DealReceipt>[] = [];
    for (let i = 0; i < 3; i++) acks.push(await sock.timeout(5000).emitWithAck('deal:submit', deal()));
    sock.close();
    expect(acks.slice(0, 2).every((a) => a.ok)).toBe(true);
    const refused = acks[2]!;
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('rate_limited');
    expect(refused.error.retryAfterMs).toBeGreaterThan(5_000);
  });

  it('console sign-in: 429 with Retry-After and retryAfterMs', async () => {
    let last: Response | undefined;
    for (let i = 0; i < 6; i++) {
      last = await fetch(`${srv.url}/api/v1/admin/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: 'wrong-wrong-wrong-wrong' }) });
    }
    expect(last!.status).toBe(429);
    const body = (await last!.json()) as { error: ApiError };
    expect(body.error.retryAfterMs).toBeGreaterThan(0);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });
});
