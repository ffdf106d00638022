import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, api, setupEvent, startServer, type TestServer } from '../support/server.js';
import { asConsole, makeAccount, signIn } from '../support/accounts.js';

/** Issue 15 §1: named accounts, per-event accounts, the audit log naming the person, disabling, guessing limits. */
let srv: TestServer;
let one: Awaited<ReturnType<typeof setupEvent>>;
let other: Awaited<ReturnType<typeof setupEvent>>;

beforeAll(async () => {
  srv = await startServer({ env: { SIGNIN_RATE_PER_MINUTE: '10000' } });
  one = await setupEvent(srv.url, { name: 'Misi Satu' });
  other = await setupEvent(srv.url, { name: 'Misi Dua' });
});
afterAll(() => srv.stop());

describe('organiser accounts', () => {
  it('a per-event desk account sees and works on its event only, and the audit log names it', async () => {
    await makeAccount(srv.url, 'Rina', 'desk', [one.event.id]);
    const { status, cookie } = await signIn(srv.url, 'rina', 'Rina-password-1');
    expect(status).toBe(204);
    const me = await asConsole<{ name: string; role: string; events: string[] }>(srv.url, cookie, 'GET', '/api/v1/admin/me');
    expect(me.body).toEqual({ name: 'Rina', role: 'desk', events: [one.event.id], via: 'account' });
    const list = await asConsole<{ events: { id: string }[] }>(srv.url, cookie, 'GET', '/api/v1/events');
    expect(list.body.events.map((e) => e.id)).toEqual([one.event.id]);
    const mine = await asConsole(srv.url, cookie, 'POST', `/api/v1/events/${one.event.id}/booths`, { name: 'Stan Rina', delegation: 'Jatim' });
    expect(mine.status).toBe(201);
    const theirs = await asConsole<{ error: { code: string; message: string; pesan: string } }>(srv.url, cookie, 'GET', `/api/v1/events/${other.event.id}/booths`);
    expect(theirs.status).toBe(403);
    expect(theirs.body.error).toMatchObject({ code: 'role_forbidden', pesan: expect.stringContaining('bukan untuk acara ini') });
    const audit = await api<{ entries: { actor: string; action: string }[] }>(srv.url, 'GET', `/api/v1/events/${one.event.id}/audit`, undefined, ADMIN_TOKEN);
    expect(audit.body.entries.find((e) => e.action === 'booth.create' && e.actor === 'Rina')).toBeTruthy();
  });

  it('a disabled account is signed out at once and cannot sign in; a new password replaces the old', async () => {
    const id = await makeAccount(srv.url, 'Budi', 'verifier');
    const { cookie } = await signIn(srv.url, 'Budi');
    expect((await asConsole(srv.url, cookie, 'GET', `/api/v1/events/${one.event.id}/deals`)).status).toBe(200);
    const off = await api<{ disabled: boolean }>(srv.url, 'PATCH', `/api/v1/accounts/${id}`, { disabled: true }, ADMIN_TOKEN);
    expect(off.body.disabled).toBe(true);
    expect((await asConsole(srv.url, cookie, 'GET', `/api/v1/events/${one.event.id}/deals`)).status).toBe(401);
    expect((await signIn(srv.url, 'Budi')).status).toBe(401);
    await api(srv.url, 'PATCH', `/api/v1/accounts/${id}`, { disabled: false, password: 'kata-sandi-baru-123' }, ADMIN_TOKEN);
    expect((await signIn(srv.url, 'Budi')).status).toBe(401);
    expect((await signIn(srv.url, 'Budi', 'kata-sandi-baru-123')).status).toBe(204);
  });

  it('refuses a second account with the same name (any case) and a short password, in both languages', async () => {
    const dup = await api<{ error: { code: string; field: string; pesan: string } }>(srv.url, 'POST', '/api/v1/accounts', { name: 'RINA', password: 'panjang-sekali-1', role: 'viewer' }, ADMIN_TOKEN);
    expect(dup.status).toBe(409);
    expect(dup.body.error).toMatchObject({ field: 'name', pesan: 'Akun dengan nama ini sudah ada' });
    const short = await api<{ error: { field: string } }>(srv.url, 'POST', '/api/v1/accounts', { name: 'Sari', password: 'pendek', role: 'viewer' }, ADMIN_TOKEN);
    expect(short.status).toBe(400);
    expect(short.body.error.field).toBe('password');
  });

  it('limits password guessing per address like token guessing, and audits each failure', async () => {
    const guarded = await startServer({ env: { SIGNIN_RATE_PER_MINUTE: '10000', ADMIN_AUTH_FAILURES_PER_MINUTE: '3' } });
    try {
      await makeAccount(guarded.url, 'Dewi', 'owner');
      const tries = [];
      for (let i = 0; i < 5; i++) tries.push((await signIn(guarded.url, 'Dewi', `salah-${i}-xxxxxxxx`)).status);
      expect(tries).toEqual([401, 401, 401, 429, 429]);
      // Even the right password waits out the block.
      expect((await signIn(guarded.url, 'Dewi')).status).toBe(429);
      const audit = await guarded.store.db.selectFrom('audit_log').select('action').where('action', '=', 'admin.auth_failed').execute();
      expect(audit).toHaveLength(3);
    } finally {
      await guarded.stop();
    }
  });
});
