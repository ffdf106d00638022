import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Ack, DealReceipt } from '@dealboard/shared';
import { ADMIN_TOKEN, api, nextEvent, operatorSocket, setupEvent, startServer, type TestServer } from '../support/server.js';

let srv: TestServer;
let ctx: Awaited<ReturnType<typeof setupEvent>>;

beforeAll(async () => {
  srv = await startServer();
  ctx = await setupEvent(srv.url);
});
afterAll(() => srv.stop());

/** Values of every JSON-ish shape a broken or hostile client might send. */
const anyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.constantFrom(-1, 0.5, 1e300, -0, Number.MAX_SAFE_INTEGER + 2, '1.300.000', '', '<script>alert(1)</script>', '\u0000', 'x'.repeat(5000)),
);
const dealish = fc.record(
  {
    id: fc.oneof(fc.uuid(), anyValue),
    amount: anyValue,
    category: fc.oneof(fc.constant('hasil-hutan'), anyValue),
    seller: anyValue,
    buyer: anyValue,
    kind: anyValue,
    quantity: anyValue,
    note: anyValue,
  },
  { requiredKeys: [] },
);

async function ledgerState() {
  return (await api<{ seq: number; total: number; count: number }>(srv.url, 'GET', `/api/v1/events/${ctx.event.id}/totals`)).body;
}

describe('bad input never crashes the server nor changes the ledger', () => {
  it('answers malformed deal bodies over HTTP with a clear 4xx', async () => {
    const before = await ledgerState();
    await fc.assert(
      fc.asyncProperty(fc.oneof(dealish, anyValue), async (body) => {
        // Only bodies that cannot be a valid deal: a valid one would (rightly) be recorded.
        const r = await api<{ error?: { code: string; message: string } }>(srv.url, 'POST', `/api/v1/events/${ctx.event.id}/deals`, JSON.stringify(body) ?? 'null', ctx.boothA.token);
        if (r.status === 201) return;
        expect(r.status).toBeGreaterThanOrEqual(400);
        expect(r.status).toBeLessThan(500);
        expect(r.body.error?.message).toBeTruthy();
      }),
      { numRuns: 150 },
    );
    const after = await ledgerState();
    expect(after.count - before.count).toBe(after.seq - before.seq);
    expect((await api(srv.url, 'GET', '/api/v1/health')).status).toBe(200);
  });

  it('refuses malformed events and booths with 400, not 500', async () => {
    await fc.assert(
      fc.asyncProperty(anyValue, fc.dictionary(fc.string({ maxLength: 8 }), anyValue, { maxKeys: 6 }), async (a, b) => {
        for (const body of [a, b]) {
          const e = await api(srv.url, 'POST', '/api/v1/events', JSON.stringify(body) ?? 'null', ADMIN_TOKEN);
          expect(e.status).toBe(400);
          const bo = await api(srv.url, 'POST', `/api/v1/events/${ctx.event.id}/booths`, JSON.stringify(body) ?? 'null', ADMIN_TOKEN);
          expect(bo.status).toBe(400);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('answers malformed deal:submit payloads with a refused ack and keeps the socket', async () => {
    const tablet = operatorSocket(srv.url, ctx.boothA.token);
    await nextEvent(tablet, 'operator:session');
    const before = await ledgerState();
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(dealish, anyValue), async (payload) => {
        const ack = await new Promise<Ack<DealReceipt>>((resolve) => tablet.emit('deal:submit', payload as never, resolve));
        if (ack.ok) accepted++;
        else expect(ack.error.message).toBeTruthy();
      }),
      { numRuns: 150 },
    );
    expect(tablet.connected).toBe(true);
    const after = await ledgerState();
    expect(after.count - before.count).toBe(accepted);
    tablet.disconnect();
  });
});
