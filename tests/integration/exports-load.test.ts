import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { BoardUpdate } from '@dealboard/shared';
import { ADMIN_TOKEN, api, boardSocket, nextEvent, tempDataDir, uuid } from '../support/server.js';
import { spawnServer, type ServerProcess } from '../support/process.js';
import { seedLedger } from '../support/seed-deals.js';

const DEALS = 20_000;
let srv: ServerProcess;
let seeded: Awaited<ReturnType<typeof seedLedger>>;

// The server in its own process, as in production: the test's own work (reading the file,
// timing probes) must not count against the server's event loop.
beforeAll(async () => {
  const dataDir = tempDataDir();
  seeded = await seedLedger(dataDir, { deals: DEALS });
  srv = await spawnServer({ dataDir });
  // Warm the paths measured below, so the figures are the export's, not a first request's.
  await api(srv.url, 'POST', `/api/v1/events/${seeded.eventId}/deals`, { id: uuid(), amount: 1_000, category: 'pertanian', seller: 'UMKM Uji', buyer: 'Pembeli' }, seeded.boothToken);
  await api(srv.url, 'GET', `/api/v1/events/${seeded.eventId}/recap`, undefined, ADMIN_TOKEN);
}, 120_000);
afterAll(() => srv?.stop());

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

/**
 * While `work` runs: /health every 10 ms, and a deal every 25 ms acked by the server, timed.
 * One probe and one deal are in flight at a time, so a server that held its event loop for the
 * whole export would answer at most one of each before it ended: how many it answered meanwhile
 * says whether it kept serving, on a machine of any speed (`npm run bench:export` has the timings).
 */
async function underExport<T>(work: () => Promise<T>) {
  const health: number[] = [];
  const acks: number[] = [];
  let running = true;
  const probe = (async () => {
    while (running) {
      const t0 = performance.now();
      const r = await fetch(`${srv.url}/api/v1/health`);
      await r.arrayBuffer();
      health.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  const submit = (async () => {
    while (running) {
      const t0 = performance.now();
      const r = await api(srv.url, 'POST', `/api/v1/events/${seeded.eventId}/deals`, { id: uuid(), amount: 1_000, category: 'pertanian', seller: 'UMKM Uji', buyer: 'Pembeli' }, seeded.boothToken);
      expect(r.status).toBe(201);
      acks.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 25));
    }
  })();
  const result = await work();
  running = false;
  const during = { health: health.length, acks: acks.length };
  await Promise.all([probe, submit]);
  console.log(`during the export: ${during.health} health probes (p50 ${percentile(health, 0.5).toFixed(1)}, p90 ${percentile(health, 0.9).toFixed(1)} ms), ${during.acks} deals acked (p90 ${percentile(acks, 0.9).toFixed(1)} ms)`);
  return { result, during };
}

describe('exports of a big ledger', () => {
  it('streams a 20,000-deal CSV while /health keeps answering and deals are acked and reach the board', async () => {
    const board = boardSocket(srv.url, seeded.eventId);
    await nextEvent(board, 'board:snapshot');
    const updates: BoardUpdate[] = [];
    board.on('board:update', (u) => updates.push(u));
    const { result: csv, during } = await underExport(async () => {
      const res = await fetch(`${srv.url}/api/v1/events/${seeded.eventId}/export.csv`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      return res.text();
    });
    board.disconnect();
    const lines = csv.trim().split('\r\n');
    expect(lines.length).toBeGreaterThanOrEqual(DEALS + 1);
    // Before streaming, the whole export held the event loop: one probe waited ~2 s and none was answered meanwhile.
    expect(during.health).toBeGreaterThanOrEqual(5);
    expect(during.acks).toBeGreaterThanOrEqual(2);
    expect(updates.length).toBeGreaterThan(0);
  }, 60_000);

  it('streams the XLSX with every deal and the same total, the server answering meanwhile', async () => {
    const { result: buf, during } = await underExport(async () => {
      const res = await fetch(`${srv.url}/api/v1/events/${seeded.eventId}/export.xlsx`, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
      return Buffer.from(await res.arrayBuffer());
    });
    expect(during.health).toBeGreaterThanOrEqual(5);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    expect(wb.getWorksheet('Transaksi')!.rowCount - 1).toBeGreaterThanOrEqual(DEALS);
    const totals = await api<{ total: number }>(srv.url, 'GET', `/api/v1/events/${seeded.eventId}/totals`);
    expect(wb.getWorksheet('Ringkasan')!.getRow(4).getCell(2).value).toBeLessThanOrEqual(totals.body.total);
    expect(wb.getWorksheet('Ringkasan')!.getRow(4).getCell(2).value).toBeGreaterThanOrEqual(seeded.total);
  }, 60_000);
});
