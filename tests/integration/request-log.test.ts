import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createLogger } from '../../server/src/logger.js';
import { ADMIN_TOKEN, api, setupEvent, startServer, uuid, type TestServer } from '../support/server.js';
import { redactUrl } from '../../server/src/observability/redact-url.js';

// Every log line the server writes, at the most talkative level.
let out = '';
const sink = new Writable({
  write(chunk, _enc, done) {
    out += String(chunk);
    done();
  },
});
let srv: TestServer;
beforeAll(async () => {
  srv = await startServer({ logger: createLogger('trace', sink) });
});
afterAll(() => srv.stop());

async function settle() {
  // pino-http writes when the response finishes; give the last ones a moment.
  await new Promise((r) => setTimeout(r, 100));
}

describe('request logs', () => {
  it('log every request through pino-http without a token, cookie or join link', async () => {
    const ctx = await setupEvent(srv.url);
    const wrong = 'a-wrong-booth-token-that-must-not-be-logged';
    const deal = { id: uuid(), amount: 2_000_000, category: ctx.event.categories[0]!.id, seller: 'UMKM', buyer: 'B' };
    await api(srv.url, 'POST', `/api/v1/events/${ctx.event.id}/deals`, deal, ctx.boothA.token);
    await api(srv.url, 'POST', `/api/v1/events/${ctx.event.id}/deals`, deal, wrong);

    // A console session: the cookie the server sets, then sent back.
    const signIn = await fetch(`${srv.url}/api/v1/admin/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: ADMIN_TOKEN }) });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const sessionValue = cookie.split('=')[1]!;
    expect(sessionValue.length).toBeGreaterThan(10);
    await fetch(`${srv.url}/api/v1/events`, { headers: { cookie } });

    // Join links, and tokens where a misconfigured client might put them.
    await fetch(`${srv.url}/join/${ctx.boothB.token}`);
    await fetch(`${srv.url}/JOIN/${encodeURIComponent(ctx.boothB.token)}?from=qr`);
    await fetch(`${srv.url}/api/v1/operator/session?token=${ctx.boothA.token}`);
    await fetch(`${srv.url}/api/v1/events?access_token=${ADMIN_TOKEN}&limit=5`);
    await fetch(`${srv.url}/api/v1/events/${ctx.event.id}/totals?t=${ctx.boothB.token}`);
    await fetch(`${srv.url}/operator/${ctx.boothA.token}`);
    await api(srv.url, 'POST', `/api/v1/events/${ctx.event.id}/deals`, '{"broken', ctx.boothA.token);
    await settle();

    for (const secret of [ctx.boothA.token, ctx.boothB.token, ADMIN_TOKEN, wrong, sessionValue]) expect(out).not.toContain(secret);
    for (const secret of [ctx.boothA.token, ctx.boothB.token]) expect(out).not.toContain(encodeURIComponent(secret));
    expect(out).not.toMatch(/authorization|"cookie"|set-cookie/i);

    // The lines are there, useful and structured.
    const lines = out.trim().split('\n').map((l) => JSON.parse(l) as { msg: string; req?: { method: string; url: string }; res?: { statusCode: number }; responseTime?: number });
    const deals = lines.filter((l) => l.req?.url === `/api/v1/events/${ctx.event.id}/deals`);
    expect(deals.map((l) => l.res?.statusCode)).toEqual(expect.arrayContaining([201, 401, 400]));
    expect(deals.every((l) => typeof l.responseTime === 'number')).toBe(true);
    expect(lines.some((l) => l.req?.url === '/join/[redacted]')).toBe(true);
    expect(lines.some((l) => l.req?.url === '/api/v1/events?access_token=[redacted]&limit=5')).toBe(true);
  });

  it('keeps harmless query values and ids, redacts the rest', () => {
    const id = uuid();
    expect(redactUrl(`/api/v1/events/demo/deals/${id}/void`)).toBe(`/api/v1/events/demo/deals/${id}/void`);
    expect(redactUrl('/api/v1/events/demo/deals?status=voided&limit=50')).toBe('/api/v1/events/demo/deals?status=voided&limit=50');
    expect(redactUrl('/x?Token=abc&key=def&apikey=g')).toBe('/x?Token=[redacted]&key=[redacted]&apikey=[redacted]');
    expect(redactUrl('/join/short?x=1')).toBe('/join/[redacted]?x=[redacted]');
  });
});
