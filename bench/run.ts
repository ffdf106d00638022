/**
 * `npm run bench` — the benchmark suite (not part of `npm test`).
 *
 * Starts, on loopback:
 *   - our server, the production build (`server/dist/main.js`, `npm run build:server`);
 *   - a bare baseline (bench/baseline-server.ts): Socket.IO doing the same coalesced
 *     broadcast with no validation and no storage, and a bare Express JSON endpoint;
 *   - load generators, each in its own process: board sockets (bench/load-boards.ts),
 *     booth tablets (bench/load-tablets.ts), HTTP (bench/load-http.ts), and Chromium
 *     for the board-side measure (bench/board-browser.ts).
 * Both servers get `bench/probe.mjs` preloaded, which reports memory, event-loop
 * delay and CPU over IPC. Scenarios alternate between the two servers, so the
 * ratios compare figures taken moments apart on the same (shared, noisy) machine.
 * Each scenario is a file in bench/scenarios/; the options are in bench/lib/options.ts.
 * Output: a table on stdout, JSON in bench/results/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { killAll, killAllNow } from './lib/rpc.js';
import type { Summary } from './lib/stats.js';
import { BENCH, ONLY, PAIRED, cfg, log } from './lib/options.js';
import { diskSync, ensureBuilt } from './lib/servers.js';
import { fmt, table, type Row } from './lib/table.js';
import { pairedScenarios } from './scenarios/paired.js';
import { steadyRows, type SteadyResult } from './scenarios/steady.js';
import { burstRows, type BurstResult } from './scenarios/burst.js';
import { idleRows, type IdleResult } from './scenarios/idle.js';
import { browserRows } from './scenarios/browser.js';
import { clientRows, type ClientsResult } from './scenarios/clients.js';
import { recovery, recoveryRows, type RecoveryResult } from './scenarios/recovery.js';

async function main() {
  const started = Date.now();
  const deadline = setTimeout(() => {
    log(`bench exceeded ${cfg.deadlineMs / 1000} s; stopping everything`);
    void killAll().finally(() => process.exit(3));
  }, cfg.deadlineMs);

  ensureBuilt();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dealboard-bench-'));
  const results: Record<string, unknown> = {
    mode: cfg.mode,
    startedAt: new Date(started).toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memGB: os.totalmem() / 2 ** 30, node: process.version, platform: `${os.type()} ${os.release()}`, loadavgAtStart: os.loadavg() },
    config: cfg,
  };
  try {
    const diskBefore = await diskSync(dataDir);
    log(`disk: fdatasync p50 ${fmt(diskBefore.p50, 2)} ms, p99 ${fmt(diskBefore.p99, 2)} ms`);
    if (PAIRED) Object.assign(results, await pairedScenarios(dataDir));

    if (ONLY.has('recovery')) {
      log(`recovery: ${cfg.recoveryBoards} boards that reconnect like the real board → ours alone; kill -9 and restart`);
      try {
        const r = await recovery();
        results.recovery = r;
        log(
          `  all ${r.correct === r.boards ? 'boards' : `${r.correct} of ${r.boards} boards`} right ${fmt(r.allCorrectMs, 0)} ms after the kill (p50/p99 ${fmt(r.perBoard.p50, 0)}/${fmt(r.perBoard.p99, 0)} ms); ledger ${r.afterRestart.count} deals, acknowledged ${r.deals.ok}: ${r.ledger.ok ? 'equal' : 'DIFFERENT'}`,
        );
      } catch (e) {
        // A failed recovery shows as a miss; the other scenarios' results are still written.
        log('recovery failed:', e);
        results.recovery = { error: e instanceof Error ? e.message : String(e) };
        process.exitCode = 1;
      }
    }

    const diskAfter = await diskSync(dataDir);
    results.disk = { before: diskBefore, after: diskAfter };
    fs.rmSync(dataDir, { recursive: true, force: true });

    results.durationS = (Date.now() - started) / 1000;
    results.loadavgAtEnd = os.loadavg();
    const rows = buildRows(results);
    results.rows = rows;
    const outDir = path.join(BENCH, 'results');
    fs.mkdirSync(outDir, { recursive: true });
    const stamp = new Date(started).toISOString().replace(/[:.]/g, '-');
    const json = JSON.stringify(results, (_k, v) => (v instanceof Float64Array ? undefined : v), 2);
    fs.writeFileSync(path.join(outDir, `${cfg.mode}-${stamp}.json`), json);
    fs.writeFileSync(path.join(outDir, `${cfg.mode}-latest.json`), json);
    console.log(`\nDeal board bench (${cfg.mode}) — ${os.cpus().length} cores, node ${process.version}, ${results.durationS} s, load avg ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}\n`);
    console.log(table(rows));
    console.log(`\nJSON: bench/results/${cfg.mode}-${stamp}.json`);
    const missed = rows.filter((r) => r.pass === false);
    if (missed.length) console.log(`\nBudgets missed: ${missed.map((r) => `${r.scenario} ${r.metric}`).join('; ')}`);
  } finally {
    clearTimeout(deadline);
    await killAll();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function buildRows(results: Record<string, unknown>): Row[] {
  const rows: Row[] = [];
  rows.push(...steadyRows((results.steady ?? {}) as Record<string, { ours: SteadyResult; baseline: SteadyResult }>));
  const disk = results.disk as { before: Summary; after: Summary } | undefined;
  if (disk) {
    rows.push({ scenario: 'disk (data folder)', metric: 'fdatasync p50 at start', ours: disk.before.p50, baseline: null, unit: 'ms' });
    rows.push({ scenario: 'disk (data folder)', metric: 'fdatasync p99 at start', ours: disk.before.p99, baseline: null, unit: 'ms' });
    rows.push({ scenario: 'disk (data folder)', metric: 'fdatasync p50 at end', ours: disk.after.p50, baseline: null, unit: 'ms' });
    rows.push({ scenario: 'disk (data folder)', metric: 'fdatasync p99 at end', ours: disk.after.p99, baseline: null, unit: 'ms' });
  }
  rows.push(...burstRows((results.bursts ?? {}) as Record<string, { ours: BurstResult; baseline: BurstResult }>));
  rows.push(...idleRows((results.idle ?? {}) as Partial<Record<'ours' | 'baseline', IdleResult>>));
  rows.push(...browserRows(results.board as Parameters<typeof browserRows>[0], results.live as Parameters<typeof browserRows>[1]));
  rows.push(...clientRows(results.clients as Record<'ours' | 'baseline', ClientsResult> | undefined));
  const once = results.exactlyOnce as { ledgerCount: number; acknowledged: number; ok: boolean } | undefined;
  if (once) {
    rows.push({ scenario: 'whole run', metric: 'ledger count (= deals acknowledged)', ours: once.ledgerCount, baseline: null, unit: 'deals', budget: `= ${once.acknowledged.toLocaleString('en-US')}`, pass: once.ok });
  }
  rows.push(...recoveryRows(results.recovery as RecoveryResult | { error: string } | undefined));
  return rows;
}

let shuttingDown = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    shuttingDown = true;
    log(`${sig}: stopping every child process`);
    void killAll().finally(() => process.exit(130));
  });
}
// A call left waiting on a child that is being stopped rejects; while shutting down that is expected.
process.on('unhandledRejection', (e) => {
  if (shuttingDown) return;
  shuttingDown = true;
  console.error(e);
  void killAll().finally(() => process.exit(1));
});
process.on('exit', killAllNow);

main().catch(async (e) => {
  if (shuttingDown) return;
  shuttingDown = true;
  console.error(e);
  await killAll();
  process.exit(1);
});
