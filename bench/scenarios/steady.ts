/**
 * Scenario `steady`: `n` boards on each server (bulk board processes and one sampler
 * process), tablets at 200 deals/s alternating between the two servers; submit→board
 * latency joined on seq, acks, the servers' CPU, memory and event-loop delay.
 */
import { concat, summarize, type Summary } from '../lib/stats.js';
import { cfg, sleep } from '../lib/options.js';
import { probe, probeReset, rssWatcher, type Probe, type Target } from '../lib/servers.js';
import { boardWorkers, connectBoards, type BoardsReport } from '../lib/board-workers.js';
import type { Row } from '../lib/table.js';

export type SteadyResult = {
  boards: number;
  latency: Summary;
  ack: Summary;
  coverage: number;
  sent: number;
  ok: number;
  errors: Record<string, number>;
  silentBoards: number;
  disconnects: number;
  updatesPerSecond: number;
  eld: Probe['eld'];
  cpuShare: number;
  loadGenCpuShare: number;
  rssPeakMB: number;
  rssMB: number;
  heapMB: number;
  rssPerSocketKB: number;
  heapPerSocketKB: number;
  connectMs: number;
};

type SteadyRun = {
  sent: number;
  acked: number;
  measuredOk: number;
  errors: Record<string, number>;
  ackMs: Float64Array;
  sentSeqs: Float64Array;
  measureFromUs: number;
  measureToUs: number;
  elapsedMs: number;
};

/**
 * `n` boards on each server, then tablets at `cfg.rate` deals/s, alternating
 * between the two servers in short segments (ours, baseline, baseline, ours, …) so
 * that the machine's other load falls on both alike. Each server's probe counts
 * only while it is the one under load.
 */
export async function steadyStep(targets: Target[], n: number): Promise<Record<'ours' | 'baseline', SteadyResult>> {
  const conn: Record<string, { ms: number }> = {};
  for (const t of targets) conn[t.key] = await connectBoards(t, n);
  await sleep(1000);
  const mem: Record<string, Probe> = {};
  for (const t of targets) mem[t.key] = await probe(t, true);
  const per = Math.ceil(cfg.samplers / cfg.boardWorkers);
  for (const t of targets) {
    if (t.samplers) {
      await Promise.all(t.boards.map((w) => w.call('sample', { count: 0 })));
      await t.samplers.call('sample', { count: cfg.samplers });
    } else await Promise.all(t.boards.map((w) => w.call('sample', { count: per })));
    await Promise.all(boardWorkers(t).map((w) => w.call('reset')));
    await probeReset(t);
    await t.server.call('probe:pause');
  }
  const runs: Record<string, SteadyRun[]> = { ours: [], baseline: [] };
  const rssPeak: Record<string, number> = { ours: 0, baseline: 0 };
  const activeMs: Record<string, number> = { ours: 0, baseline: 0 };
  for (let round = 0; round < cfg.rounds; round++) {
    for (const t of round % 2 ? [...targets].reverse() : targets) {
      await t.server.call('probe:resume');
      const stopRss = rssWatcher(t.server.proc.pid!);
      const started = performance.now();
      runs[t.key]!.push(
        await t.tablets.call<SteadyRun>('steady', { rate: cfg.rate, durationMs: cfg.segmentMs, warmupMs: cfg.segmentWarmupMs }, cfg.segmentMs * 4 + 60_000),
      );
      await sleep(cfg.intervalMs * 2); // the segment's last coalesced update
      activeMs[t.key]! += performance.now() - started;
      await t.server.call('probe:pause');
      rssPeak[t.key] = Math.max(rssPeak[t.key]!, stopRss());
    }
  }
  const out: Partial<Record<'ours' | 'baseline', SteadyResult>> = {};
  for (const t of targets) {
    const after = await probe(t);
    const rs = runs[t.key]!;
    const sent = concat(rs.map((r) => r.sentSeqs));
    const reps = await Promise.all(boardWorkers(t).map((w) => w.call<BoardsReport>('report', { sent })));
    const lat = concat(reps.map((r) => r.latencies));
    const samplers = reps.reduce((s, r) => s + r.samplers, 0);
    const measuredOk = rs.reduce((s, r) => s + r.measuredOk, 0);
    const errors: Record<string, number> = {};
    for (const r of rs) for (const [k, v] of Object.entries(r.errors)) errors[k] = (errors[k] ?? 0) + v;
    const base = t.memBefore!;
    const m = mem[t.key]!;
    out[t.key] = {
      boards: t.boardCount,
      latency: summarize(lat),
      ack: summarize(concat(rs.map((r) => r.ackMs))),
      coverage: samplers && measuredOk ? lat.length / (samplers * measuredOk) : 0,
      sent: rs.reduce((s, r) => s + r.sent, 0),
      ok: rs.reduce((s, r) => s + r.acked, 0) - Object.values(errors).reduce((s, x) => s + x, 0),
      errors,
      silentBoards: reps.reduce((s, r) => s + r.silent, 0),
      disconnects: reps.reduce((s, r) => s + r.disconnects, 0),
      updatesPerSecond: reps.reduce((s, r) => s + r.meanUpdates * r.open, 0) / Math.max(1, t.boardCount) / (activeMs[t.key]! / 1000),
      eld: after.eld,
      cpuShare: after.cpu.share,
      // Board clients' CPU while this server was loaded (they idle otherwise): the load generator's own cost.
      loadGenCpuShare: reps.reduce((s, r) => s + r.cpuMs, 0) / activeMs[t.key]!,
      rssPeakMB: rssPeak[t.key]! / 2 ** 20,
      rssMB: m.rss / 2 ** 20,
      heapMB: m.heapUsed / 2 ** 20,
      rssPerSocketKB: (m.rss - base.rss) / t.boardCount / 1024,
      heapPerSocketKB: (m.heapUsed - base.heapUsed) / t.boardCount / 1024,
      connectMs: conn[t.key]!.ms,
    };
  }
  return out as Record<'ours' | 'baseline', SteadyResult>;
}

/** The table rows of every steady step. */
export function steadyRows(steadyR: Record<string, { ours: SteadyResult; baseline: SteadyResult }>): Row[] {
  const rows: Row[] = [];
  for (const [n, { ours, baseline }] of Object.entries(steadyR)) {
    const s = `${Number(n).toLocaleString('en-US')} boards × ${cfg.rate}/s`;
    const budgetP99 = Number(n) >= 5000 ? 300 : Number(n) >= 2000 ? 150 : undefined;
    rows.push({ scenario: s, metric: 'submit→board p50', ours: ours.latency.p50, baseline: baseline.latency.p50, unit: 'ms' });
    rows.push({ scenario: s, metric: 'submit→board p95', ours: ours.latency.p95, baseline: baseline.latency.p95, unit: 'ms' });
    const ratioOk = Number(n) === 2000 ? ours.latency.p99 / baseline.latency.p99 <= 1.5 : true;
    rows.push({
      scenario: s,
      metric: 'submit→board p99',
      ours: ours.latency.p99,
      baseline: baseline.latency.p99,
      unit: 'ms',
      budget: budgetP99 ? `≤ ${budgetP99}${Number(n) === 2000 ? ', ≤ 1.5×' : ''}` : undefined,
      pass: budgetP99 ? ours.latency.p99 <= budgetP99 && ratioOk : undefined,
    });
    rows.push({ scenario: s, metric: 'ack p50', ours: ours.ack.p50, baseline: baseline.ack.p50, unit: 'ms' });
    rows.push({ scenario: s, metric: 'ack p99', ours: ours.ack.p99, baseline: baseline.ack.p99, unit: 'ms', budget: '≤ 25', pass: ours.ack.p99 <= 25 });
    rows.push({ scenario: s, metric: 'event-loop delay p99', ours: ours.eld.p99, baseline: baseline.eld.p99, unit: 'ms' });
    rows.push({ scenario: s, metric: 'server CPU', ours: ours.cpuShare * 100, baseline: baseline.cpuShare * 100, unit: '% of a core' });
    rows.push({
      scenario: s,
      metric: 'RSS peak',
      ours: ours.rssPeakMB,
      baseline: baseline.rssPeakMB,
      unit: 'MB',
      budget: Number(n) >= 5000 ? '≤ 400' : undefined,
      pass: Number(n) >= 5000 ? ours.rssPeakMB <= 400 : undefined,
    });
    rows.push({ scenario: s, metric: 'RSS per socket', ours: ours.rssPerSocketKB, baseline: baseline.rssPerSocketKB, unit: 'KB' });
    rows.push({ scenario: s, metric: 'heap per socket', ours: ours.heapPerSocketKB, baseline: baseline.heapPerSocketKB, unit: 'KB' });
    rows.push({ scenario: s, metric: 'sampled receipts', ours: ours.coverage * 100, baseline: baseline.coverage * 100, unit: '% of expected' });
    rows.push({ scenario: s, metric: 'updates per board', ours: ours.updatesPerSecond, baseline: baseline.updatesPerSecond, unit: '/s' });
    rows.push({ scenario: s, metric: 'board clients\' CPU (load gen.)', ours: ours.loadGenCpuShare * 100, baseline: baseline.loadGenCpuShare * 100, unit: '% of a core' });
  }
  return rows;
}
