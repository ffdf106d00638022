/**
 * Scenario `recovery`: our server alone, `kill -9` mid-event and an immediate restart;
 * how soon every board shows the right total again, and whether the ledger kept every
 * acknowledged deal.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startChild, type Child } from '../lib/rpc.js';
import { concat, summarize, type Summary } from '../lib/stats.js';
import { dealAmount, dealKind } from '../lib/deals.js';
import { nowUs } from '../lib/ids.js';
import { BENCH, cfg, log, sleep } from '../lib/options.js';
import { okOf, setupEvent, spawnServer, totalsOf, waitHealthy, type Target, type Totals } from '../lib/servers.js';
import { connectBoards } from '../lib/board-workers.js';
import { fmt, type Row } from '../lib/table.js';
import { freePort } from '../../tests/support/free-port.js';

type RecoveryBoards = {
  boards: number;
  correct: number;
  times: Float64Array;
  up: number;
  reconnected: number;
  refused: number;
  tries: number;
  maxTries: number;
  firstWrong: number;
  wrongTotals: number[];
};

export type RecoveryResult = {
  boards: number;
  boardsRequested: number;
  connectFailed: number;
  deals: { sent: number; acked: number; ok: number; errors: Record<string, number>; total: number | null };
  beforeKill: Totals;
  afterRestart: Totals;
  killToExitMs: number;
  killToHealthyMs: number;
  /** Kill → the last board showing the right total; null if some board never did within `waitMs`. */
  allCorrectMs: number | null;
  perBoard: Summary;
  correct: number;
  ledger: { countOk: boolean; totalOk: boolean; ok: boolean };
  reconnect: Omit<RecoveryBoards, 'times' | 'correct' | 'boards'>;
  waitMs: number;
};

/**
 * Our server alone, with its own data folder, on one port for the whole scenario:
 * N boards that reconnect like the real board, deals for a few seconds, then
 * `kill -9` and an immediate restart with the same folder, port and settings.
 * Measures kill → healthy, kill → each board's first snapshot or update with the
 * right total, and checks that every deal acknowledged before the kill is in the
 * ledger after it. Bounded by `cfg.recoveryDeadlineMs`; its children are stopped
 * at the end, on an error or on the deadline too.
 */
export async function recovery(): Promise<RecoveryResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dealboard-recovery-'));
  const mine: Child[] = [];
  let aborted = false;
  /** Start a child of this scenario, unless the scenario is already over. */
  const own = (start: () => Child) => {
    if (aborted) throw new Error('recovery: stopped');
    const c = start();
    mine.push(c);
    return c;
  };
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      aborted = true;
      reject(new Error(`recovery scenario exceeded ${cfg.recoveryDeadlineMs / 1000} s`));
    }, cfg.recoveryDeadlineMs);
  });
  try {
    return await Promise.race([recoveryRun(dir, own, () => aborted), deadline]);
  } finally {
    clearTimeout(timer);
    aborted = true;
    await Promise.all(mine.map((c) => c.stop()));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const pickTotals = ({ count, total, seq, countedKinds }: Totals): Totals => ({ count, total, seq, countedKinds });

async function recoveryRun(dir: string, own: (start: () => Child) => Child, aborted: () => boolean): Promise<RecoveryResult> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let server = own(() => spawnServer('ours', dir, port, 'recovery-ours'));
  await waitHealthy(server, url, port);
  const t: Target = { key: 'ours', url, server, boards: [], tablets: undefined as unknown as Child, event: await setupEvent(url, cfg.tablets), boardCount: 0 };
  for (let i = 0; i < cfg.boardWorkers; i++) t.boards.push(own(() => startChild(`recovery-boards-${i}`, path.join(BENCH, 'load-boards.ts'))));
  t.tablets = own(() => startChild('recovery-tablets', path.join(BENCH, 'load-tablets.ts')));
  await t.tablets.call('init', { url, event: t.event });

  const conn = await connectBoards(t, cfg.recoveryBoards, { reconnect: true });
  log(`  ${t.boardCount} boards up in ${fmt(conn.ms, 0)} ms; deals at ${cfg.rate}/s for ${cfg.recoverySendMs / 1000} s`);
  const drive = await t.tablets.call<{ sent: number; acked: number; errors: Record<string, number> }>(
    'steady',
    { rate: cfg.rate, durationMs: cfg.recoverySendMs, warmupMs: 0 },
    cfg.recoverySendMs + 45_000,
  );
  const ok = okOf(drive);
  // The last coalesced update reaches the boards before the kill.
  await sleep(cfg.intervalMs * 5);
  const beforeKill = pickTotals(await totalsOf(t));
  // The tablets process is fresh: its deals are numbers 0 … sent-1 (bench/lib/deals.ts). With every one
  // acknowledged, their sum is known here without asking the server.
  const counted = new Set(beforeKill.countedKinds ?? ['trade', 'investment']);
  let ackedTotal: number | null = null;
  if (ok === drive.sent) {
    ackedTotal = 0;
    for (let i = 0; i < drive.sent; i++) if (counted.has(dealKind(i))) ackedTotal += dealAmount(i);
  }
  await Promise.all(t.boards.map((w) => w.call('arm')));

  // kill -9, then start again at once with the same data folder, port and environment.
  const exited = new Promise<void>((resolve) => server.proc.once('exit', () => resolve()));
  const killUs = nowUs();
  const killedAt = performance.now();
  server.proc.kill('SIGKILL');
  await exited;
  const killToExitMs = performance.now() - killedAt;
  server = own(() => spawnServer('ours', dir, port, 'recovery-ours-restarted'));
  t.server = server;
  await waitHealthy(server, url, port, 10);
  const killToHealthyMs = performance.now() - killedAt;
  log(`  kill -9 → exited ${fmt(killToExitMs)} ms → restarted and healthy ${fmt(killToHealthyMs, 0)} ms`);
  const afterRestart = pickTotals(await totalsOf(t));

  // Poll the boards until each has shown the right total, or the wait runs out.
  let reps: RecoveryBoards[] = [];
  for (;;) {
    reps = await Promise.all(t.boards.map((w) => w.call<RecoveryBoards>('recovery', { killUs, total: afterRestart.total })));
    const correct = reps.reduce((s, r) => s + r.correct, 0);
    if (correct >= t.boardCount || performance.now() - killedAt >= cfg.recoveryWaitMs || aborted()) break;
    await sleep(200);
  }
  const times = concat(reps.map((r) => r.times));
  const correct = times.length;
  const sum = (k: 'up' | 'reconnected' | 'refused' | 'tries' | 'firstWrong') => reps.reduce((s, r) => s + r[k], 0);
  const countOk = afterRestart.count === ok && afterRestart.count === beforeKill.count;
  const totalOk = afterRestart.total === beforeKill.total && (ackedTotal === null || afterRestart.total === ackedTotal);
  await Promise.all(t.boards.map((w) => w.call('close')));
  await t.tablets.call('close');
  return {
    boards: t.boardCount,
    boardsRequested: cfg.recoveryBoards,
    connectFailed: conn.failed,
    deals: { sent: drive.sent, acked: drive.acked, ok, errors: drive.errors, total: ackedTotal },
    beforeKill,
    afterRestart,
    killToExitMs,
    killToHealthyMs,
    allCorrectMs: correct === t.boardCount && correct > 0 ? Math.max(...times) : null,
    perBoard: summarize(times),
    correct,
    ledger: { countOk, totalOk, ok: countOk && totalOk },
    reconnect: {
      up: sum('up'),
      reconnected: sum('reconnected'),
      refused: sum('refused'),
      tries: sum('tries'),
      maxTries: Math.max(0, ...reps.map((r) => r.maxTries)),
      firstWrong: sum('firstWrong'),
      wrongTotals: reps.flatMap((r) => r.wrongTotals).slice(0, 5),
    },
    waitMs: cfg.recoveryWaitMs,
  };
}

export function recoveryRows(rec: RecoveryResult | { error: string } | undefined): Row[] {
  const rows: Row[] = [];
  if (rec && 'error' in rec) {
    rows.push({ scenario: 'recovery after kill -9', metric: `failed: ${rec.error.split('\n')[0]!.slice(0, 80)}`, ours: null, baseline: null, unit: '', pass: false });
  } else if (rec) {
    const s = `recovery after kill -9, ${rec.boards.toLocaleString('en-US')} boards`;
    const budget = cfg.recoveryBudgetMs.toLocaleString('en-US');
    rows.push({ scenario: s, metric: 'kill → restarted server healthy', ours: rec.killToHealthyMs, baseline: null, unit: 'ms' });
    rows.push({
      scenario: s,
      metric: 'kill → all boards show the right total',
      ours: rec.allCorrectMs,
      baseline: null,
      unit: 'ms',
      budget: `≤ ${budget}`,
      pass: rec.allCorrectMs !== null && rec.allCorrectMs <= cfg.recoveryBudgetMs,
    });
    rows.push({ scenario: s, metric: 'kill → right total, p50 across boards', ours: rec.perBoard.p50, baseline: null, unit: 'ms' });
    rows.push({ scenario: s, metric: 'kill → right total, p99 across boards', ours: rec.perBoard.p99, baseline: null, unit: 'ms' });
    rows.push({
      scenario: s,
      metric: 'boards that showed the right total',
      ours: rec.correct,
      baseline: null,
      unit: `of ${rec.boards.toLocaleString('en-US')}`,
      budget: `${rec.boards.toLocaleString('en-US')}`,
      pass: rec.correct === rec.boards && rec.boards === rec.boardsRequested,
    });
    rows.push({
      scenario: s,
      metric: 'ledger count after restart',
      ours: rec.afterRestart.count,
      baseline: null,
      unit: 'deals',
      budget: `= ${rec.deals.ok.toLocaleString('en-US')} acked before kill`,
      pass: rec.ledger.countOk,
    });
    rows.push({
      scenario: s,
      metric: 'ledger total after restart',
      ours: rec.afterRestart.total,
      baseline: null,
      unit: 'IDR',
      budget: '= total of acked deals',
      pass: rec.ledger.totalOk,
    });
  }
  return rows;
}
