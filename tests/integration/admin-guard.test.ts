import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, api, setupEvent, startServer, tempDataDir, type TestServer } from '../support/server.js';
import { backupLedger } from '../../server/src/store/backup.js';

/** Issue 12 §5 (guessing the admin token), §7 (sessions bound to the token) and §8 (files and hashes). */
const running: TestServer[] = [];
const start = async (...args: Parameters<typeof startServer>) => {
  const s = await startServer(...args);
  running.push(s);
  return s;
};
afterEach(async () => {
  for (const s of running.splice(0)) await s.stop();
});

const WRONG = 'wrong-admin-token-guess-000';
const auditRows = (dir: string, action: string) => {
  const db = new Database(path.join(dir, 'ledger.sqlite'), { readonly: true });
  try {
    return db.prepare('select actor, after from audit_log where action = ?').all(action) as { actor: string; after: string }[];
  } finally {
    db.close();
  }
};
async function signIn(base: string, token = ADMIN_TOKEN, headers: Record<string, string> = {}): Promise<string> {
  const res = await fetch(`${base}/api/v1/admin/session`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ token }) });
  expect(res.status).toBe(204);
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

describe('admin token guessing', () => {
  it('is limited per address across every admin route and way in, and audited', async () => {
    const srv = await start({ env: { ADMIN_AUTH_FAILURES_PER_MINUTE: '10' } });
    const { event } = await setupEvent(srv.url);
    const routes: [string, string][] = [
      ['GET', '/api/v1/events'],
      ['GET', `/api/v1/events/${event.id}/deals`],
      ['POST', `/api/v1/events/${event.id}/status`],
      ['GET', `/api/v1/events/${event.id}/export.csv`],
      ['PATCH', `/api/v1/events/${event.id}`],
    ];
    const codes: number[] = [];
    for (let i = 0; i < 40; i++) {
      const [method, route] = routes[i % routes.length]!;
      codes.push((await api(srv.url, method, route, method === 'GET' ? undefined : {}, `${WRONG}${i}`)).status);
    }
    expect(codes.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(codes.slice(10)).toEqual(Array(30).fill(429));
    // A forged cookie and the sign-in form count against the same address, and even the right token waits.
    const cookie = await fetch(`${srv.url}/api/v1/events`, { headers: { cookie: 'dealboard_admin=forged' } });
    expect(cookie.status).toBe(429);
    expect((await api(srv.url, 'POST', '/api/v1/admin/session', { token: ADMIN_TOKEN })).status).toBe(429);
    const limited = await api<{ error: { message: string; pesan: string } }>(srv.url, 'GET', '/api/v1/events', undefined, ADMIN_TOKEN);
    expect(limited.status).toBe(429);
    expect(limited.body.error.message).toMatch(/failed admin sign-ins.*try again in \d+ s/);
    expect(limited.body.error.pesan).toMatch(/coba lagi dalam \d+ detik/);
    const failed = auditRows(srv.dataDir, 'admin.auth_failed');
    expect(failed).toHaveLength(10);
    expect(failed[0]!.actor).toBe('address 127.0.0.1');
    expect(auditRows(srv.dataDir, 'admin.auth_blocked')).toHaveLength(1);
  });

  it('believes X-Forwarded-For only when TRUST_PROXY says so', async () => {
    const plain = await start({ env: { ADMIN_AUTH_FAILURES_PER_MINUTE: '3', SIGNIN_RATE_PER_MINUTE: '100' } });
    const guess = (base: string, i: number) =>
      fetch(`${base}/api/v1/admin/session`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.1.${i}.1` }, body: JSON.stringify({ token: WRONG }) }).then((r) => r.status);
    const walk = [];
    for (let i = 0; i < 8; i++) walk.push(await guess(plain.url, i));
    expect(walk).toEqual([401, 401, 401, 429, 429, 429, 429, 429]);

    const proxied = await start({ env: { ADMIN_AUTH_FAILURES_PER_MINUTE: '3', TRUST_PROXY: 'loopback' } });
    for (let i = 0; i < 3; i++) expect(await guess(proxied.url, 0)).toBe(401);
    expect(await guess(proxied.url, 0)).toBe(429);
    // Another client behind the same trusted proxy is not held up by the first.
    expect(await guess(proxied.url, 1)).toBe(401);
    expect(auditRows(proxied.dataDir, 'admin.auth_failed').map((r) => r.actor)).toContain('address 10.1.1.1');
  });
});

describe('console sessions', () => {
  it('die with the admin token: a restart with a new ADMIN_TOKEN refuses old cookies', async () => {
    const dataDir = tempDataDir();
    const first = await startServer({ dataDir });
    const cookie = await signIn(first.url);
    expect((await fetch(`${first.url}/api/v1/events`, { headers: { cookie } })).status).toBe(200);
    await first.stop();

    const same = await startServer({ dataDir });
    expect((await fetch(`${same.url}/api/v1/events`, { headers: { cookie } })).status).toBe(200);
    await same.stop();

    const NEW = 'a-brand-new-admin-token-42';
    const next = await start({ dataDir, env: { ADMIN_TOKEN: NEW } });
    expect((await fetch(`${next.url}/api/v1/events`, { headers: { cookie } })).status).toBe(401);
    expect((await api(next.url, 'GET', '/api/v1/events', undefined, ADMIN_TOKEN)).status).toBe(401);
    expect((await api(next.url, 'GET', '/api/v1/events', undefined, NEW)).status).toBe(200);
  });

  it('end everywhere at once from "sign out everywhere"', async () => {
    const srv = await start();
    const a = await signIn(srv.url);
    const b = await signIn(srv.url);
    const out = await fetch(`${srv.url}/api/v1/admin/sessions`, { method: 'DELETE', headers: { cookie: a, origin: srv.url, 'content-type': 'application/json' }, body: '{}' });
    expect(out.status).toBe(200);
    expect(await out.json()).toEqual({ ended: 2 });
    for (const cookie of [a, b]) expect((await fetch(`${srv.url}/api/v1/events`, { headers: { cookie } })).status).toBe(401);
    expect(auditRows(srv.dataDir, 'session.destroy_all')).toHaveLength(1);
    // The API token is not a session: it still works, and may sign everyone out too.
    expect((await api(srv.url, 'DELETE', '/api/v1/admin/sessions', undefined, ADMIN_TOKEN)).status).toBe(200);
  });
});

describe('data files and the admin token hash', () => {
  it('keeps the data folder 0700 and the ledger, its journals and backups 0600', async () => {
    const dataDir = path.join(tempDataDir(), 'fresh');
    const srv = await start({ dataDir });
    await setupEvent(srv.url);
    const mode = (f: string) => (fs.statSync(f).mode & 0o777).toString(8);
    expect(mode(dataDir)).toBe('700');
    for (const f of ['ledger.sqlite', 'ledger.sqlite-wal', 'ledger.sqlite-shm']) expect(mode(path.join(dataDir, f))).toBe('600');
    const backup = path.join(dataDir, 'backups', 'copy.sqlite');
    await backupLedger(path.join(dataDir, 'ledger.sqlite'), backup);
    expect(mode(backup)).toBe('600');
    expect(mode(path.dirname(backup))).toBe('700');
  });

  it('tightens a data folder and ledger an earlier version left readable', async () => {
    const dataDir = tempDataDir();
    await (await startServer({ dataDir })).stop();
    fs.chmodSync(dataDir, 0o755);
    fs.chmodSync(path.join(dataDir, 'ledger.sqlite'), 0o644);
    await start({ dataDir });
    expect((fs.statSync(dataDir).mode & 0o777).toString(8)).toBe('700');
    expect((fs.statSync(path.join(dataDir, 'ledger.sqlite')).mode & 0o777).toString(8)).toBe('600');
  });

  it('stores a salted scrypt hash, and moves an old unsalted SHA-256 to it', async () => {
    const dataDir = tempDataDir();
    const srv = await startServer({ dataDir });
    await srv.stop();
    const meta = (value?: string) => {
      const db = new Database(path.join(dataDir, 'ledger.sqlite'));
      try {
        if (value) db.prepare("update meta set value = ? where key = 'admin_token_hash'").run(value);
        return (db.prepare("select value from meta where key = 'admin_token_hash'").get() as { value: string }).value;
      } finally {
        db.close();
      }
    };
    expect(meta()).toMatch(/^scrypt\$16384\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    const legacy = createHash('sha256').update(ADMIN_TOKEN).digest('hex');
    // Started with the token in the environment: migrated at start.
    meta(legacy);
    await (await startServer({ dataDir })).stop();
    expect(meta()).toMatch(/^scrypt\$/);
    // Started without it: the token still works, and the first check migrates the record.
    meta(legacy);
    const noEnv = await start({ dataDir, env: { ADMIN_TOKEN: '' } });
    expect(meta()).toBe(legacy);
    expect((await api(noEnv.url, 'GET', '/api/v1/events', undefined, ADMIN_TOKEN)).status).toBe(200);
    expect(meta()).toMatch(/^scrypt\$/);
    expect((await api(noEnv.url, 'GET', '/api/v1/events', undefined, WRONG)).status).toBe(401);
  });

  it('does not pay for scrypt on every admin call', async () => {
    const srv = await start();
    await api(srv.url, 'GET', '/api/v1/events', undefined, ADMIN_TOKEN);
    const t = performance.now();
    for (let i = 0; i < 100; i++) expect((await api(srv.url, 'GET', '/api/v1/admin/session', undefined, ADMIN_TOKEN)).status).toBe(200);
    // Uncached, 100 scrypt checks alone take 5–20 s (50–200 ms each on a 2-core machine).
    expect(performance.now() - t).toBeLessThan(6000);
  });
});
