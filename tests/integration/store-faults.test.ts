import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack, DealReceipt } from '@dealboard/shared';
import { api, nextEvent, operatorSocket, setupEvent, startServer, tempDataDir, uuid, type TestServer } from '../support/server.js';
import { spawnServer } from '../support/process.js';

/** Every log line the server writes, parsed. */
const lines: { level: number; msg: string; code?: string }[] = [];
const logger = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s)) });

let srv: TestServer;
let ctx: Awaited<ReturnType<typeof setupEvent>>;
beforeAll(async () => {
  srv = await startServer({ logger });
  ctx = await setupEvent(srv.url);
});
afterAll(() => srv.stop());

const deal = () => ({ id: uuid(), amount: 2_500_000, category: ctx.event.categories[0]!.id, seller: 'UMKM Rotan', buyer: 'CV Maju' });
const post = (body: unknown) => api<{ error?: { code: string; pesan?: string } }>(srv.url, 'POST', `/api/v1/events/${ctx.event.id}/deals`, body, ctx.boothA.token);

describe('a store that cannot write', () => {
  it('refuses deals with store_unavailable, logs the real cause once per change of state, answers /health 503, and recovers', async () => {
    expect((await post(deal())).status).toBe(201);
    const tablet = operatorSocket(srv.url, ctx.boothB.token);
    await nextEvent(tablet, 'operator:session');
    // SQLITE_FULL for real: the file may not grow by one more page (a full disk without mount privileges).
    const pages = Number(srv.store.sqlite!.pragma('page_count', { simple: true }));
    srv.store.sqlite!.pragma(`max_page_count = ${pages}`);
    const before = lines.length;
    // Deals that still fit in pages the file has are taken; the first that needs a new page is not.
    let stored = 1;
    for (let i = 0; i < 500 && (await post({ ...deal(), note: 'x'.repeat(400) })).status === 201; i++) stored++;
    const over = await Promise.all(Array.from({ length: 150 }, () => post({ ...deal(), note: 'x'.repeat(400) })));
    const acks = await Promise.all(
      Array.from({ length: 50 }, () => new Promise<Ack<DealReceipt>>((r) => tablet.emit('deal:submit', { ...deal(), note: 'y'.repeat(400) }, r))),
    );
    expect(new Set(over.map((r) => r.status))).toEqual(new Set([503]));
    expect(over[0]!.body.error).toMatchObject({ code: 'store_unavailable' });
    expect(over[0]!.body.error?.pesan).toMatch(/belum dapat menyimpan/);
    expect(acks.every((a) => !a.ok && a.error.code === 'store_unavailable')).toBe(true);
    const health = await api<{ status: string; store: { code: string } }>(srv.url, 'GET', '/api/v1/health');
    expect(health).toMatchObject({ status: 503, body: { status: 'unavailable', store: { code: 'SQLITE_FULL' } } });

    const logged = lines.slice(before);
    // One alarm for the fault; the request lines beside it are info, without a stack.
    const alarms = logged.filter((l) => l.level >= 40);
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatchObject({ code: 'SQLITE_FULL' });
    expect(alarms[0]!.msg).toMatch(/ledger cannot write \(SQLITE_FULL/);
    expect(logged.some((l) => /cannot rollback/.test(l.msg))).toBe(false);
    expect(logged.some((l) => 'err' in l)).toBe(false);

    // Space is freed: the next deal commits, /health is ok again, and the recovery is logged once.
    srv.store.sqlite!.pragma('max_page_count = 1073741823');
    expect((await post(deal())).status).toBe(201);
    const ack = await new Promise<Ack<DealReceipt>>((r) => tablet.emit('deal:submit', deal(), r));
    expect(ack.ok).toBe(true);
    expect((await api(srv.url, 'GET', '/api/v1/health')).status).toBe(200);
    const after = lines.slice(before).filter((l) => l.level >= 40);
    expect(after).toHaveLength(2);
    expect(after[1]!.msg).toMatch(/ledger writes again after \d+ failed write/);
    const totals = await api<{ count: number }>(srv.url, 'GET', `/api/v1/events/${ctx.event.id}/totals`);
    expect(totals.body.count).toBe(stored + 2);
    tablet.disconnect();
  });
});

describe('a ledger that cannot be opened at start', () => {
  it('stops with a message naming DATA_DIR and what to do when the file is damaged, not a stack', async () => {
    const dir = tempDataDir();
    fs.writeFileSync(path.join(dir, 'ledger.sqlite'), 'this is not a ledger, just text that fills a page '.repeat(200));
    const failure = await spawnServer({ dataDir: dir }).then(
      () => '',
      (e: Error) => e.message,
    );
    expect(failure).toMatch(/server exited early \(1\)/);
    expect(failure).toContain(`DATA_DIR=${dir}`);
    expect(failure).toMatch(/SQLITE_NOTADB/);
    expect(failure).toMatch(/Restore the latest backup/);
    expect(failure).not.toMatch(/\n\s+at /);
  });

  it('stops with what to do when the ledger cannot be opened at all', async () => {
    const dir = tempDataDir();
    fs.mkdirSync(path.join(dir, 'ledger.sqlite'));
    const failure = await spawnServer({ dataDir: dir }).then(
      () => '',
      (e: Error) => e.message,
    );
    expect(failure).toContain(`DATA_DIR=${dir}`);
    expect(failure).toMatch(/SQLITE_CANTOPEN/);
    expect(failure).toMatch(/writable with free space/);
    expect(failure).not.toMatch(/\n\s+at /);
  });

  it('after an unclean stop, says how many deals the ledger holds', async () => {
    const first = await spawnServer({ env: { LOG_LEVEL: 'info' } });
    const c = await setupEvent(first.url);
    for (let i = 0; i < 5; i++) {
      const r = await api(first.url, 'POST', `/api/v1/events/${c.event.id}/deals`, { ...deal(), category: c.event.categories[0]!.id }, c.boothA.token);
      expect(r.status).toBe(201);
    }
    await first.stop('SIGKILL');
    const second = await spawnServer({ dataDir: first.dataDir, env: { LOG_LEVEL: 'info' } });
    await second.stop();
    expect(second.output()).toMatch(/ledger recovered after an unclean stop .*: 5 deals held/);
  });
});
