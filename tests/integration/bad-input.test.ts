import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Ack, DealReceipt } from '@dealboard/shared';
import { ADMIN_TOKEN, api, nextEvent, operatorSocket } from '../support/server.js';
import { serverWithEvent } from '../support/event-fixture.js';

/** Short form in `npm test`; `npm run test:fuzz` sets FUZZ_RUNS=10000. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 150);

const fixture = serverWithEvent();

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
  return (await api<{ seq: number; total: number; count: number }>(fixture.srv.url, 'GET', `/api/v1/events/${fixture.ctx.event.id}/totals`)).body;
}

describe('bad input never crashes the server nor changes the ledger', () => {
  it('answers malformed deal bodies over HTTP with a clear 4xx', async () => {
    const before = await ledgerState();
    await fc.assert(
      fc.asyncProperty(fc.oneof(dealish, anyValue), async (body) => {
        // Only bodies that cannot be a valid deal: a valid one would (rightly) be recorded.
        const r = await api<{ error?: { code: string; message: string } }>(fixture.srv.url, 'POST', `/api/v1/events/${fixture.ctx.event.id}/deals`, JSON.stringify(body) ?? 'null', fixture.ctx.boothA.token);
        if (r.status === 201) return;
        expect(r.status).toBeGreaterThanOrEqual(400);
        expect(r.status).toBeLessThan(500);
        expect(r.body.error?.message).toBeTruthy();
      }),
      { numRuns: RUNS },
    );
    const after = await ledgerState();
    expect(after.count - before.count).toBe(after.seq - before.seq);
    expect((await api(fixture.srv.url, 'GET', '/api/v1/health')).status).toBe(200);
  });

  it('refuses malformed events and booths with 400, not 500', async () => {
    await fc.assert(
      fc.asyncProperty(anyValue, fc.dictionary(fc.string({ maxLength: 8 }), anyValue, { maxKeys: 6 }), async (a, b) => {
        for (const body of [a, b]) {
          // 413 when the body is over 16 KB, else 400.
          const e = await api(fixture.srv.url, 'POST', '/api/v1/events', JSON.stringify(body) ?? 'null', ADMIN_TOKEN);
          expect([400, 413]).toContain(e.status);
          const bo = await api(fixture.srv.url, 'POST', `/api/v1/events/${fixture.ctx.event.id}/booths`, JSON.stringify(body) ?? 'null', ADMIN_TOKEN);
          expect([400, 413]).toContain(bo.status);
        }
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  });

  it('answers malformed deal:submit payloads with a refused ack and keeps the socket', async () => {
    const tablet = operatorSocket(fixture.srv.url, fixture.ctx.boothA.token);
    await nextEvent(tablet, 'operator:session');
    const before = await ledgerState();
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(dealish, anyValue), async (payload) => {
        const ack = await new Promise<Ack<DealReceipt>>((resolve) => tablet.emit('deal:submit', payload as never, resolve));
        if (ack.ok) accepted++;
        else expect(ack.error.message).toBeTruthy();
      }),
      { numRuns: RUNS },
    );
    expect(tablet.connected).toBe(true);
    const after = await ledgerState();
    expect(after.count - before.count).toBe(accepted);
    tablet.disconnect();
  });

  it('answers every admin route with a non-5xx status for any body', async () => {
    const e = `/api/v1/events/${fixture.ctx.event.id}`;
    const routes: [string, string][] = [
      ['PATCH', e], ['POST', `${e}/status`], ['POST', `${e}/booths/${fixture.ctx.boothB.id}/revoke`.replace('revoke', 'nope')],
      ['PATCH', `${e}/booths/${fixture.ctx.boothB.id}`], ['POST', `${e}/booths/sheet`], ['POST', `${e}/deals/${crypto.randomUUID()}/void`],
      ['POST', `${e}/deals/x/restore`], ['POST', `${e}/deals/x/approve`], ['POST', `${e}/screens/command`], ['POST', '/api/v1/admin/session'],
      ['GET', `${e}/deals?limit=-5&beforeSeq=abc&status=%00`],
    ];
    const before = await ledgerState();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), anyValue, async ([method, path], body) => {
        const r = await api(fixture.srv.url, method, path, method === 'GET' ? undefined : (JSON.stringify(body) ?? 'null'), path.endsWith('/sheet') ? undefined : ADMIN_TOKEN);
        expect(r.status, `${method} ${path} ${JSON.stringify(body)?.slice(0, 80)}`).toBeLessThan(500);
      }),
      { numRuns: RUNS },
    );
    expect((await ledgerState()).total).toBe(before.total);
  });

  it('survives malformed board and tablet events', async () => {
    const tablet = operatorSocket(fixture.srv.url, fixture.ctx.boothA.token);
    await nextEvent(tablet, 'operator:session');
    const raw = tablet as unknown as { emit: (ev: string, ...args: unknown[]) => void };
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('deal:void', 'booth:deals', 'deal:submit', 'unknown:event'), anyValue, async (ev, payload) => {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, 30);
          raw.emit(ev, payload, () => (clearTimeout(timer), resolve()));
        });
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
    expect(tablet.connected).toBe(true);
    tablet.disconnect();
    expect((await api(fixture.srv.url, 'GET', '/api/v1/health')).status).toBe(200);
  });

  it('drops a socket that sends over 16 KB, and stays healthy', async () => {
    const tablet = operatorSocket(fixture.srv.url, fixture.ctx.boothA.token);
    await nextEvent(tablet, 'operator:session');
    const before = await ledgerState();
    const gone = nextEvent(tablet, 'disconnect');
    tablet.emit('deal:submit', { note: 'x'.repeat(20_000) } as never, () => undefined);
    await gone;
    expect((await ledgerState()).seq).toBe(before.seq);
    expect((await api(fixture.srv.url, 'GET', '/api/v1/health')).status).toBe(200);
  });
});
