import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, api, startServer, type TestServer } from '../support/server.js';
import { asConsole, makeAccount, signIn } from '../support/accounts.js';

/**
 * Issue 29 §1: no console session outlives a change of its account (password, role, disable,
 * removal) or of the admin token, whatever the timing. Sign-ins check their password for ~50 ms
 * (scrypt) on what they read first; these start while the change is under way, many times over.
 */
const LIMITS = { SIGNIN_RATE_PER_MINUTE: '10000', ADMIN_AUTH_FAILURES_PER_MINUTE: '10000' };
let srv: TestServer;
beforeAll(async () => {
  srv = await startServer({ env: LIMITS });
});
afterAll(() => srv.stop());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** Sign-ins started every 4 ms for 70 ms: past the change's own password hashing, and (with a lead) from before the change. */
const OFFSETS = Array.from({ length: 18 }, (_, i) => i * 4);
const ROUNDS = 4;

/** The change, started `lead` ms after the first of the sign-ins; the cookies the sign-ins got (204 only). */
async function race(change: () => Promise<{ status: number }>, open: () => Promise<{ status: number; cookie: string }>, lead = 0): Promise<string[]> {
  const changed = sleep(lead).then(change);
  const opened = await Promise.all(OFFSETS.map(async (ms) => (await sleep(ms), open())));
  expect([200, 204]).toContain((await changed).status);
  return opened.filter((o) => o.status === 204).map((o) => o.cookie);
}

const me = (cookie: string) => asConsole<{ role: string }>(srv.url, cookie, 'GET', '/api/v1/admin/me');
const ownerOnly = (cookie: string) => asConsole(srv.url, cookie, 'GET', '/api/v1/accounts');
const patch = (id: string, body: object) => api(srv.url, 'PATCH', `/api/v1/accounts/${id}`, body, ADMIN_TOKEN);

describe('no session outlives the change of what opened it', () => {
  it('a sign-in with the old password racing a password change leaves no working cookie', async () => {
    const id = await makeAccount(srv.url, 'Race Pass', 'owner');
    let password = 'Race Pass-password-1';
    for (let round = 0; round < ROUNDS; round++) {
      const old = password;
      password = `kata-sandi-baru-${round}-xyz`;
      const cookies = await race(() => patch(id, { password }), () => signIn(srv.url, 'Race Pass', old));
      for (const cookie of cookies) expect((await ownerOnly(cookie)).status).toBe(401);
      expect((await signIn(srv.url, 'Race Pass', password)).status).toBe(204);
    }
  });

  it('a disable or a removal racing sign-ins leaves no working cookie', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const name = `Race Off ${round}`;
      const id = await makeAccount(srv.url, name, 'owner');
      const remove = round % 2 === 1;
      const cookies = await race(
        () => (remove ? api(srv.url, 'DELETE', `/api/v1/accounts/${id}`, undefined, ADMIN_TOKEN) : patch(id, { disabled: true })),
        () => signIn(srv.url, name),
        30,
      );
      for (const cookie of cookies) expect((await me(cookie)).status).toBe(401);
    }
  });

  it('a role change ends the sessions opened before it, and one racing it never acts with the old role', async () => {
    const id = await makeAccount(srv.url, 'Race Role', 'owner');
    for (let round = 0; round < ROUNDS; round++) {
      const before = await signIn(srv.url, 'Race Role');
      expect((await ownerOnly(before.cookie)).status).toBe(200);
      const cookies = await race(() => patch(id, { role: 'viewer' }), () => signIn(srv.url, 'Race Role'), 30);
      expect((await me(before.cookie)).status).toBe(401);
      for (const cookie of cookies) {
        const who = await me(cookie);
        if (who.status === 200) expect(who.body.role).toBe('viewer');
        expect((await ownerOnly(cookie)).status).not.toBe(200);
      }
      expect((await patch(id, { role: 'owner' })).status).toBe(200);
    }
  });

  it('sign-ins racing a sign-out everywhere leave none of the sessions started before it', async () => {
    await makeAccount(srv.url, 'Race Out', 'owner');
    for (let round = 0; round < ROUNDS; round++) {
      // Sent 40 ms before the sign-out: each is checking its password (four at a time) or done when the sign-out runs.
      const early = Promise.all(OFFSETS.slice(0, 12).map(() => signIn(srv.url, 'Race Out')));
      await sleep(40);
      expect((await api(srv.url, 'DELETE', '/api/v1/admin/sessions', undefined, ADMIN_TOKEN)).status).toBe(200);
      // Each got a cookie that no longer works, or was refused because the sign-out overlapped it.
      for (const o of await early) expect((await me(o.cookie)).status).toBe(401);
      expect((await signIn(srv.url, 'Race Out')).status).toBe(204);
    }
  });
});

describe('the admin token changing on another node', () => {
  it('ends every session opened with the old token, even one that was being opened meanwhile, and refuses the old token', async () => {
    const a = await startServer({ env: LIMITS });
    const nodes: TestServer[] = [a];
    try {
      const tokenSignIn = async () => {
        const res = await fetch(`${a.url}/api/v1/admin/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: ADMIN_TOKEN }) });
        return { status: res.status, cookie: (res.headers.get('set-cookie') ?? '').split(';')[0]! };
      };
      const before = await tokenSignIn();
      expect(before.status).toBe(204);
      // A second node on the same ledger starts with a new token while sign-ins with the old one run on the first.
      const restart = startServer({ dataDir: a.dataDir, env: { ...LIMITS, ADMIN_TOKEN: 'a-brand-new-admin-token-9876' } });
      const opened = await Promise.all(OFFSETS.map(async (ms) => (await sleep(ms * 3), tokenSignIn())));
      const b = await restart;
      nodes.push(b);
      const cookies = [before.cookie, ...opened.filter((o) => o.status === 204).map((o) => o.cookie)];
      for (const node of [a, b]) {
        for (const cookie of cookies) expect((await asConsole(node.url, cookie, 'GET', '/api/v1/admin/me')).status).toBe(401);
      }
      expect((await api(a.url, 'GET', '/api/v1/accounts', undefined, ADMIN_TOKEN)).status).toBe(401);
      expect((await api(a.url, 'GET', '/api/v1/accounts', undefined, 'a-brand-new-admin-token-9876')).status).toBe(200);
    } finally {
      for (const n of nodes.reverse()) await n.stop();
    }
  });
});
