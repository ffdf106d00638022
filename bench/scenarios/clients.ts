/**
 * Scenario `clients`: the audience as it really is. A 50-booth event on each server,
 * `boards` real socket.io-client boards (bench/load-client-boards.ts) that parse every
 * update (50 samplers at normal priority, the rest niced as in the raw-frame scenario), tablets at `rate` deals/s alternating between the two servers; then a quiet
 * spell at 2 deals/s on ours. Reports submit→board latency (joined on seq), bytes per
 * update and per board per second, and our snapshot's size.
 */
import path from 'node:path';
import { startChild, type Child } from '../lib/rpc.js';
import { concat, summarize, type Summary } from '../lib/stats.js';
import type { BenchEvent } from '../lib/deals.js';
import { BENCH, cfg, log } from '../lib/options.js';
import { fmt, type Row } from '../lib/table.js';

/** Boards that keep the figures as the board store does and record when each update arrived. */
const SAMPLERS = 50;

export type ClientTarget = { key: 'ours' | 'baseline'; url: string; event: BenchEvent };
type Report = {
  latencies: Float64Array;
  samplers: number;
  boards: number;
  silent: number;
  gaps: number;
  updateBytes: Summary;
  bytesPerBoardPerSecond: number;
  snapshotBytes: Summary;
  cpuMs: number;
};
export type ClientsResult = {
  boards: number;
  latency: Summary;
  ack: Summary;
  silent: number;
  updateBytes: Summary;
  bytesPerBoardPerSecond: number;
  snapshotBytes: Summary;
  quiet?: { updateBytes: Summary; bytesPerBoardPerSecond: number };
};

export async function clientsScenario(targets: ClientTarget[]): Promise<Record<'ours' | 'baseline', ClientsResult>> {
  const o = { boards: cfg.clientBoards, workers: cfg.boardWorkers, rate: cfg.rate, rounds: cfg.rounds, segmentMs: cfg.segmentMs, warmupMs: cfg.segmentWarmupMs };
  log(`clients: ${o.boards} socket.io-client boards on a ${cfg.clientBooths}-booth event, ${o.rate} deals/s, then 2 deals/s`);
  const procs: Child[] = [];
  const spawn = (name: string, file: string, env?: Record<string, string>) => {
    const c = startChild(name, path.join(BENCH, file), { env });
    procs.push(c);
    return c;
  };
  try {
    const side = new Map<string, { workers: Child[]; tablets: Child }>();
    for (const t of targets) {
      // The samplers (and the metered boards) in a process of their own at normal priority; the
      // bulk boards, screens on other machines on the day, at a lower one (see `bulkNice`), as in
      // the raw-frame scenario: a sampler measures the server, not the queue of the boards beside it.
      const samplers = spawn(`${t.key}-client-samplers`, 'load-client-boards.ts');
      const bulk = Array.from({ length: o.workers }, (_, i) => spawn(`${t.key}-client-boards-${i}`, 'load-client-boards.ts', { BENCH_NICE: String(cfg.bulkNice) }));
      const workers = [samplers, ...bulk];
      const tablets = spawn(`${t.key}-client-tablets`, 'load-tablets.ts');
      await tablets.call('init', { url: t.url, event: t.event });
      const per = Math.ceil((o.boards - SAMPLERS) / o.workers);
      const open = (w: Child, count: number, sampled: number, metered: number) =>
        w.call<{ total: number; failed: number }>('connect', { url: t.url, eventId: t.event.eventId, count, samplers: sampled, metered }, 300_000);
      const opened = await Promise.all([open(samplers, SAMPLERS, SAMPLERS, 5), ...bulk.map((w) => open(w, per, 0, 0))]);
      log(`  ${t.key}: ${opened.reduce((s, r) => s + r.total, 0)} socket.io-client boards (${opened.reduce((s, r) => s + r.failed, 0)} failed)`);
      side.set(t.key, { workers, tablets });
    }
    for (const t of targets) await Promise.all(side.get(t.key)!.workers.map((w) => w.call('reset')));
    const runs: Record<string, { sentSeqs: Float64Array; ackMs: Float64Array }[]> = { ours: [], baseline: [] };
    for (let round = 0; round < o.rounds; round++) {
      for (const t of round % 2 ? [...targets].reverse() : targets) {
        runs[t.key]!.push(await side.get(t.key)!.tablets.call('steady', { rate: o.rate, durationMs: o.segmentMs, warmupMs: o.warmupMs }, o.segmentMs * 4 + 60_000));
        await new Promise((r) => setTimeout(r, 300));
      }
    }
    const out = {} as Record<'ours' | 'baseline', ClientsResult>;
    for (const t of targets) {
      const sent = concat(runs[t.key]!.map((r) => r.sentSeqs));
      const reps = await Promise.all(side.get(t.key)!.workers.map((w) => w.call<Report>('report', { sent }, 120_000)));
      const metered = reps.find((r) => r.updateBytes.n > 0) ?? reps[0]!;
      out[t.key] = {
        boards: reps.reduce((s, r) => s + r.boards, 0),
        latency: summarize(concat(reps.map((r) => r.latencies))),
        ack: summarize(concat(runs[t.key]!.map((r) => r.ackMs))),
        silent: reps.reduce((s, r) => s + r.silent, 0),
        updateBytes: metered.updateBytes,
        bytesPerBoardPerSecond: metered.bytesPerBoardPerSecond,
        snapshotBytes: metered.snapshotBytes,
      };
    }
    // A deal now and then: what one update costs when little happens.
    const ours = side.get('ours');
    if (ours) {
      await Promise.all(ours.workers.map((w) => w.call('reset')));
      await ours.tablets.call('steady', { rate: 2, durationMs: 5000, warmupMs: 0 }, 60_000);
      await new Promise((r) => setTimeout(r, 300));
      const [rep] = await Promise.all(ours.workers.slice(0, 1).map((w) => w.call<Report>('report', {}, 60_000)));
      out.ours.quiet = { updateBytes: rep!.updateBytes, bytesPerBoardPerSecond: rep!.bytesPerBoardPerSecond };
    }
    for (const t of targets) log(`  ${t.key.padEnd(8)} p50/p99 ${fmt(out[t.key].latency.p50)}/${fmt(out[t.key].latency.p99)} ms, update ${fmt(out[t.key].updateBytes.p50, 0)}/${fmt(out[t.key].updateBytes.max, 0)} B, ${fmt(out[t.key].bytesPerBoardPerSecond / 1024, 2)} KB/s per board`);
    return out;
  } finally {
    for (const c of procs) await c.call('close').catch(() => undefined);
    await Promise.all(procs.map((c) => c.stop()));
  }
}

/** Rows of the `clients` scenario: real socket.io-client boards, and what they cost on the wire. */
export function clientRows(c: Record<'ours' | 'baseline', ClientsResult> | undefined): Row[] {
  if (!c) return [];
  const s = `real boards, ${c.ours.boards} × ${cfg.rate}/s`;
  const ratio = c.ours.latency.p99 / c.baseline.latency.p99;
  const big = c.ours.boards >= 2000;
  const rows: Row[] = [
    { scenario: s, metric: 'submit→board p50', ours: c.ours.latency.p50, baseline: c.baseline.latency.p50, unit: 'ms' },
    { scenario: s, metric: 'submit→board p99', ours: c.ours.latency.p99, baseline: c.baseline.latency.p99, unit: 'ms', budget: big ? '≤ 150 and ≤ 1.5×' : undefined, pass: big ? c.ours.latency.p99 <= 150 && ratio <= 1.5 : undefined },
    { scenario: s, metric: 'ack p99', ours: c.ours.ack.p99, baseline: c.baseline.ack.p99, unit: 'ms', budget: '≤ 25', pass: c.ours.ack.p99 <= 25 },
    { scenario: s, metric: 'bytes per update, p50', ours: c.ours.updateBytes.p50, baseline: c.baseline.updateBytes.p50, unit: 'B' },
    { scenario: s, metric: 'bytes per update, largest', ours: c.ours.updateBytes.max, baseline: c.baseline.updateBytes.max, unit: 'B', budget: '≤ 1,024', pass: c.ours.updateBytes.max <= 1024 },
    { scenario: s, metric: 'bytes per board per second', ours: c.ours.bytesPerBoardPerSecond / 1024, baseline: c.baseline.bytesPerBoardPerSecond / 1024, unit: 'KB/s', budget: '≤ 10', pass: c.ours.bytesPerBoardPerSecond <= 10 * 1024 },
    { scenario: s, metric: `snapshot, ${cfg.clientBooths} booths`, ours: c.ours.snapshotBytes.max / 1024, baseline: null, unit: 'KB', budget: '≤ 16', pass: c.ours.snapshotBytes.max <= 16 * 1024 },
    { scenario: s, metric: 'boards that got no update', ours: c.ours.silent, baseline: c.baseline.silent, unit: 'boards', budget: '0', pass: c.ours.silent === 0 },
  ];
  if (c.ours.quiet) {
    rows.push({ scenario: 'real boards, 2 deals/s', metric: 'bytes per update, largest', ours: c.ours.quiet.updateBytes.max, baseline: null, unit: 'B', budget: '≤ 400', pass: c.ours.quiet.updateBytes.max <= 400 });
  }
  return rows;
}
