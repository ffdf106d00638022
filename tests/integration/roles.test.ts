import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, api, setupEvent, startServer, uuid, type TestServer } from '../support/server.js';
import { ROLES, asConsole, makeAccount, routesOf, signIn, type Role } from '../support/accounts.js';

/**
 * Issue 15 §1: every admin route, found by walking the Express router itself, is
 * tried with every role. A route that declares no role fails this test, so a route
 * added later cannot slip through unguarded.
 */
const MAY: Record<string, Role[]> = {
  read: ['owner', 'verifier', 'desk', 'viewer'],
  verify: ['owner', 'verifier'],
  desk: ['owner', 'desk'],
  owner: ['owner'],
};

let srv: TestServer;
let params: Record<string, string>;

beforeAll(async () => {
  srv = await startServer({ env: { SIGNIN_RATE_PER_MINUTE: '10000' } });
  const ctx = await setupEvent(srv.url);
  for (const role of ROLES) await makeAccount(srv.url, `Tim ${role}`, role);
  const spare = await makeAccount(srv.url, 'Cadangan', 'viewer');
  const deal = await api<{ deal: { id: string } }>(srv.url, 'POST', `/api/v1/events/${ctx.event.id}/deals`, { id: uuid(), amount: 5_000_000, category: ctx.event.categories[0]!.id, seller: 'UMKM', buyer: 'B' }, ctx.boothA.token);
  params = { eventId: ctx.event.id, boothId: ctx.boothB.id, dealId: deal.body.deal.id, accountId: spare };
});
afterAll(() => srv.stop());

const api_ = () => routesOf(srv.app.httpApp.router).filter((r) => r.path.startsWith('/api/') || r.path === '/metrics');
const fill = (path: string) => path.replace(/:(\w+)/g, (_m, name: string) => encodeURIComponent(params[name] ?? `unknown-${name}`));

describe('roles on every admin route', () => {
  it('every API route declares who may call it', () => {
    const routes = api_();
    expect(routes.length).toBeGreaterThan(25);
    expect(routes.filter((r) => r.need === undefined).map((r) => `${r.method} ${r.path}`)).toEqual([]);
    // The walk reaches the routes mounted under /api/v1 and those set on the app itself.
    expect(routes).toContainEqual({ method: 'POST', path: '/api/v1/events/:eventId/deals/:dealId/void', need: 'verify' });
    expect(routes).toContainEqual({ method: 'GET', path: '/metrics', need: 'owner' });
  });

  it('lets each role do what it may, and refuses the rest with 403 role_forbidden', async () => {
    const refusedWrongly: string[] = [];
    const allowedWrongly: string[] = [];
    const cookies = new Map<Role, string>();
    for (const route of api_().filter((r) => r.need !== 'public')) {
      const allowed = MAY[route.need!]!;
      // A session a call ended (an owner's "sign out everywhere") is opened again before the next route.
      for (const role of ROLES) {
        const cookie = cookies.get(role);
        if (!cookie || (await asConsole(srv.url, cookie, 'GET', '/api/v1/admin/me')).status !== 200) cookies.set(role, (await signIn(srv.url, `Tim ${role}`)).cookie);
      }
      // Refused roles first, so a change an allowed role makes cannot hide a refusal.
      for (const role of [...ROLES].sort((a, b) => Number(allowed.includes(a)) - Number(allowed.includes(b)))) {
        const res = await asConsole<{ error?: { code: string; pesan?: string } }>(srv.url, cookies.get(role)!, route.method, fill(route.path));
        const label = `${role} ${route.method} ${route.path} → ${res.status}`;
        if (allowed.includes(role) && (res.status === 403 || res.status === 401)) refusedWrongly.push(label);
        if (!allowed.includes(role) && !(res.status === 403 && res.body.error?.code === 'role_forbidden' && res.body.error.pesan)) allowedWrongly.push(label);
      }
      // The admin token stays an owner of everything, for scripts.
      const token = await fetch(srv.url + fill(route.path), { method: route.method, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' }, body: route.method === 'GET' ? undefined : '{}' });
      if (token.status === 403 || token.status === 401) refusedWrongly.push(`token ${route.method} ${route.path} → ${token.status}`);
    }
    expect(allowedWrongly).toEqual([]);
    expect(refusedWrongly).toEqual([]);
  }, 180_000);
});
