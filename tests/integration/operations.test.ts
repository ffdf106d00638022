import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import Database from 'better-sqlite3';
import { spawnServer, ROOT, type ServerProcess } from '../support/process.js';
import { ADMIN_TOKEN, api, setupEvent, tempDataDir, uuid } from '../support/server.js';

const running: ServerProcess[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.stop('SIGKILL');
});

type Row = { id: string; amount: number; status: string; seq: number };
const readDeals = (file: string): Row[] => {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare('select id, amount, status, seq from deals order by id').all() as Row[];
  } finally {
    db.close();
  }
};

describe('operations', () => {
  it('never writes a token to its output, even at trace level and on refused calls', async () => {
    const srv = await spawnServer({ env: { LOG_LEVEL: 'trace' } });
    running.push(srv);
    const ctx = await setupEvent(srv.url);
    const wrong = 'wrong-token-that-must-not-be-logged-123';
    await api(srv.url, 'POST', `/api/v1/events/${ctx.event.id}/deals`, { id: uuid(), amount: 5, category: 'hasil-hutan', seller: 'a', buyer: 'b' }, ctx.boothA.token);
    await api(srv.url, 'POST', `/api/v1/events/${ctx.event.id}/deals`, { id: uuid(), amount: 5, category: 'hasil-hutan', seller: 'a', buyer: 'b' }, wrong);
    await api(srv.url, 'POST', '/api/v1/admin/session', { token: wrong });
    await api(srv.url, 'POST', `/api/v1/events/${ctx.event.id}/deals`, '{"broken', ctx.boothA.token);
    await srv.stop('SIGTERM');
    const out = srv.output();
    for (const secret of [ctx.boothA.token, ctx.boothB.token, wrong, ADMIN_TOKEN]) expect(out).not.toContain(secret);
  });

  it("prints the console's address beside the board's and the booths' join links at start", async () => {
    const srv = await spawnServer({ env: { SEED_DEMO: 'true' } });
    running.push(srv);
    const deadline = Date.now() + 10_000;
    while (!srv.output().includes('/join/') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const out = srv.output();
    expect(out).toContain(`${srv.url}/board/demo`);
    expect(out).toContain(`${srv.url}/join/`);
    expect(out).toMatch(new RegExp(`Console / Konsol:\\s+${srv.url.replace(/[.:/]/g, '\\$&')}/admin\\s`));
  });

  it('SIGTERM drains in-flight deals, commits them, and exits 0', async () => {
    const srv = await spawnServer();
    running.push(srv);
    const ctx = await setupEvent(srv.url);
    const deals = Array.from({ length: 150 }, (_, i) => ({ id: uuid(), amount: 1_000_000 + i, category: ctx.event.categories[0]!.id, seller: `UMKM ${i}`, buyer: 'B' }));
    const sending = deals.map((d) => api(srv.url, 'POST', `/api/v1/events/${ctx.event.id}/deals`, d, ctx.boothA.token).catch(() => ({ status: 0 })));
    await new Promise((r) => setTimeout(r, 30));
    const exited = new Promise<number | null>((r) => srv.child.once('exit', (code) => r(code)));
    srv.child.kill('SIGTERM');
    const results = await Promise.all(sending);
    expect(await exited).toBe(0);
    const acked = deals.filter((_, i) => results[i]!.status === 201).map((d) => d.id);
    expect(acked.length).toBeGreaterThan(0);
    const stored = new Set(readDeals(path.join(srv.dataDir, 'ledger.sqlite')).map((r) => r.id));
    for (const id of acked) expect(stored.has(id)).toBe(true);
  });

  it('npm run backup copies the ledger while deals flow; the restored copy is identical', async () => {
    const srv = await spawnServer();
    running.push(srv);
    const ctx = await setupEvent(srv.url);
    let flowing = true;
    let sent = 0;
    const load = (async () => {
      while (flowing) {
        await api(srv.url, 'POST', `/api/v1/events/${ctx.event.id}/deals`, { id: uuid(), amount: 2_500_000, category: ctx.event.categories[1]!.id, seller: 'UMKM Gula Aren', buyer: 'CV Banua' }, ctx.boothB.token);
        sent++;
      }
    })();
    await new Promise((r) => setTimeout(r, 300));
    const midFile = path.join(tempDataDir('backup-'), 'mid.sqlite');
    const mid = spawnSync('npm', ['run', 'backup', '--', '--out', midFile], { cwd: ROOT, env: { ...process.env, DATA_DIR: srv.dataDir }, encoding: 'utf8' });
    expect(mid.status, mid.stderr).toBe(0);
    expect(mid.stdout).toContain('Saved');
    flowing = false;
    await load;
    expect(sent).toBeGreaterThan(5);

    // The mid-flight copy is one consistent moment: its buckets agree with its own deals.
    const midDb = new Database(midFile, { readonly: true });
    const ok = midDb.prepare('pragma integrity_check').get() as { integrity_check: string };
    const sums = midDb.prepare("select (select coalesce(sum(amount),0) from deals where status='recorded') a, (select coalesce(sum(total),0) from totals_buckets) b, (select seq from events where id = ?) s, (select count(*) from deals) n").get(ctx.event.id) as { a: number; b: number; s: number; n: number };
    midDb.close();
    expect(ok.integrity_check).toBe('ok');
    expect(sums.a).toBe(sums.b);
    expect(sums.s).toBe(sums.n);

    // A backup after the load matches the live ledger deal for deal, and a server restored from it serves the same totals.
    const finalFile = path.join(tempDataDir('backup-'), 'ledger.sqlite');
    expect(spawnSync('npm', ['run', 'backup', '--', '--out', finalFile], { cwd: ROOT, env: { ...process.env, DATA_DIR: srv.dataDir } }).status).toBe(0);
    const liveTotals = (await api<{ total: number; seq: number }>(srv.url, 'GET', `/api/v1/events/${ctx.event.id}/totals`)).body;
    await srv.stop();
    expect(readDeals(finalFile)).toEqual(readDeals(path.join(srv.dataDir, 'ledger.sqlite')));
    const restored = await spawnServer({ dataDir: path.dirname(finalFile) });
    running.push(restored);
    const restoredTotals = (await api<{ total: number; seq: number }>(restored.url, 'GET', `/api/v1/events/${ctx.event.id}/totals`)).body;
    expect(restoredTotals).toMatchObject({ total: liveTotals.total, seq: liveTotals.seq });
    expect(liveTotals.total).toBe(sent * 2_500_000);
    expect(fs.existsSync(finalFile)).toBe(true);
  });
});
