import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, api, setupEvent, startServer, uuid, type TestServer } from '../support/server.js';

/**
 * Issue 12 §6: with the console's cookie in the browser, a page on another site, or
 * on another port of the same host, posts a form at every kind of change. None may
 * act; the console's own JSON calls and bearer-token calls go on working.
 */
let srv: TestServer;
let ctx: Awaited<ReturnType<typeof setupEvent>>;
let cookie: string;
let voided: string;

beforeAll(async () => {
  srv = await startServer();
  ctx = await setupEvent(srv.url);
  const res = await fetch(`${srv.url}/api/v1/admin/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: ADMIN_TOKEN }) });
  cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const d = await api<{ deal: { id: string } }>(srv.url, 'POST', `/api/v1/events/${ctx.event.id}/deals`, { id: uuid(), amount: 5_000_000, category: ctx.event.categories[0]!.id, seller: 'UMKM', buyer: 'B' }, ctx.boothA.token);
  voided = d.body.deal.id;
  await api(srv.url, 'POST', `/api/v1/events/${ctx.event.id}/deals/${voided}/void`, { reason: 'uji' }, ADMIN_TOKEN);
});
afterAll(() => srv.stop());

const e = () => `/api/v1/events/${ctx.event.id}`;
/** One route of every kind of change a cookie can make. */
const changes = (): [string, string, string][] => [
  ['POST', `${e()}/booths/${ctx.boothA.id}/revoke`, ''],
  ['POST', `${e()}/booths/${ctx.boothB.id}/rotate`, ''],
  ['POST', `${e()}/booths/sheet`, ''],
  ['POST', `${e()}/deals/${voided}/restore`, ''],
  ['POST', `${e()}/deals/${voided}/void`, 'reason=x'],
  ['POST', `${e()}/booths`, 'name=Evil&delegation=Jatim'],
  ['POST', `${e()}/status`, 'status=closed'],
  ['POST', `${e()}/screens/command`, 'command=blackout'],
  ['POST', '/api/v1/events', 'name=x'],
  ['PATCH', e(), 'name=x'],
  ['DELETE', '/api/v1/admin/sessions', ''],
];

async function state() {
  const booths = await api<{ booths: { id: string; revoked: boolean }[] }>(srv.url, 'GET', `${e()}/booths`, undefined, ADMIN_TOKEN);
  const event = await api<{ status: string; name: string }>(srv.url, 'GET', e());
  const boothB = await api(srv.url, 'GET', '/api/v1/operator/session', undefined, ctx.boothB.token);
  return { booths: booths.body.booths.map((b) => `${b.id}:${b.revoked}`).sort(), status: event.body.status, name: event.body.name, boothBToken: boothB.status, totals: (await api(srv.url, 'GET', `${e()}/totals`)).body };
}

describe('cross-origin changes with the console cookie', () => {
  const attackers: [string, Record<string, string>][] = [
    ['another site', { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }],
    ['another port of the same host', { origin: 'http://127.0.0.1:1', 'sec-fetch-site': 'same-site' }],
    ['another site, old browser (Origin only)', { origin: 'http://evil.example' }],
    ['no Origin and no Sec-Fetch-Site', {}],
  ];

  it.each(attackers)('are refused from %s, for every kind of change, and change nothing', async (_who, headers) => {
    const before = await state();
    for (const [method, route, body] of changes()) {
      for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain']) {
        const res = await fetch(srv.url + route, { method, headers: { cookie, 'content-type': type, ...headers }, body: type.startsWith('multipart') ? '--x--\r\n' : body });
        expect(res.status, `${method} ${route} ${type}`).toBe(403);
        const answer = (await res.json()) as { error: { code: string; message: string; pesan: string } };
        expect(answer.error.code).toBe('forbidden');
        expect(answer.error.pesan).toBeTruthy();
      }
    }
    expect(await state()).toEqual(before);
  });

  it('refuses a form post from the same origin too: cookie changes carry JSON', async () => {
    const res = await fetch(srv.url + `${e()}/status`, { method: 'POST', headers: { cookie, origin: srv.url, 'sec-fetch-site': 'same-origin', 'content-type': 'application/x-www-form-urlencoded' }, body: 'status=paused' });
    expect(res.status).toBe(403);
    expect((await api<{ status: string }>(srv.url, 'GET', e())).body.status).toBe('live');
  });

  it('lets the console page change things with JSON, and bearer calls need no Origin', async () => {
    const console = await fetch(srv.url + `${e()}/screens/command`, { method: 'POST', headers: { cookie, origin: srv.url, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' }, body: JSON.stringify({ command: 'live' }) });
    expect(console.status).toBe(200);
    const bodyless = await fetch(srv.url + `${e()}/deals/${voided}/restore`, { method: 'POST', headers: { cookie, 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' }, body: '{}' });
    expect(bodyless.status).toBe(200);
    const bearer = await fetch(srv.url + `${e()}/deals/${voided}/void`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}`, origin: 'https://evil.example', 'content-type': 'application/json' }, body: JSON.stringify({ reason: 'api' }) });
    expect(bearer.status).toBe(200);
    // Reading with the cookie is not a change: no Origin needed.
    expect((await fetch(srv.url + `${e()}/deals`, { headers: { cookie } })).status).toBe(200);
  });
});
