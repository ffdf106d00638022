/**
 * The scenarios that share one pair of servers, ours and the baseline, started once:
 * steady (with the bursts after its first step), idle, the browser measures and the
 * real-client boards; then the whole run's exactly-once check.
 */
import path from 'node:path';
import { killAll, startChild } from '../lib/rpc.js';
import { BENCH, ONLY, cfg, log, sleep } from '../lib/options.js';
import { okOf, probe, setupEvent, startTarget, totalsOf } from '../lib/servers.js';
import { boardWorkers } from '../lib/board-workers.js';
import { fmt } from '../lib/table.js';
import { steadyStep, type SteadyResult } from './steady.js';
import { burstHttp, burstSocket, type BurstResult } from './burst.js';
import { idleScenario } from './idle.js';
import { browserScenario } from './browser.js';
import { clientsScenario } from './clients.js';

export async function pairedScenarios(dataDir: string): Promise<Record<string, unknown>> {
  const results: Record<string, unknown> = {};
  let oursAcked = 0;
  log(`starting servers (mode ${cfg.mode})`);
  const [ours, baseline] = await Promise.all([startTarget('ours', dataDir), startTarget('baseline', dataDir)]);
  ours.event = await setupEvent(ours.url, cfg.tablets);
  baseline.event = { ...ours.event, tokens: ours.event.tokens.map((_, i) => `${ours.event.eventId}.${i}`) };
  const targets = [ours, baseline];
  for (const t of targets) {
    t.boards = Array.from({ length: cfg.boardWorkers }, (_, i) =>
      startChild(`${t.key}-boards-${i}`, path.join(BENCH, 'load-boards.ts'), { env: { BENCH_NICE: String(cfg.bulkNice) } }),
    );
    t.samplers = startChild(`${t.key}-samplers`, path.join(BENCH, 'load-boards.ts'));
    t.tablets = startChild(`${t.key}-tablets`, path.join(BENCH, 'load-tablets.ts'));
    await t.tablets.call('init', { url: t.url, event: t.event });
  }
  const http = Array.from({ length: cfg.httpWorkers }, (_, i) => startChild(`http-${i}`, path.join(BENCH, 'load-http.ts')));

  log('warm-up (JIT): 2 s of deals to each server, then 500 over HTTP');
  for (const t of targets) {
    const w = await t.tablets.call<{ acked: number; errors: Record<string, number> }>('steady', { rate: cfg.rate, durationMs: 2000, warmupMs: 2000 }, 60_000);
    if (t.key === 'ours') oursAcked += okOf(w);
  }
  // The HTTP path too: a short burst would otherwise measure the JIT as much as the server.
  for (const [j, t] of targets.entries()) {
    const warm = await Promise.all(
      http.map((w, i) =>
        w.call<{ ok: number }>('burst', { url: t.url, event: t.event, count: 250, concurrency: Math.ceil(cfg.httpConcurrency / http.length), offset: 90_000_000 + 1_000_000 * j + 1000 * i }, 60_000),
      ),
    );
    if (t.key === 'ours') oursAcked += warm.reduce((s, r) => s + r.ok, 0);
  }
  await sleep(500);
  for (const t of targets) t.memBefore = await probe(t, true);

  const steadyResults: Record<string, { ours: SteadyResult; baseline: SteadyResult }> = {};
  let bursts: Record<string, { ours: BurstResult; baseline: BurstResult }> = {};
  const runBursts = async () => {
    bursts = { socket: {} as never, http: {} as never };
    for (const t of targets) {
      log(`burst: ${cfg.burst} deals over the operator socket → ${t.key} (with ${t.boardCount} boards)`);
      (bursts.socket as Record<string, BurstResult>)[t.key] = await burstSocket(t);
      if (t.key === 'ours') oursAcked += bursts.socket![t.key]!.ok;
      log(`  ${fmt(bursts.socket![t.key]!.perSecond)} deals/s, ack p99 ${fmt(bursts.socket![t.key]!.ack.p99)} ms`);
    }
    for (const [j, t] of targets.entries()) {
      log(`burst: ${cfg.burst} deals over HTTP → ${t.key}`);
      (bursts.http as Record<string, BurstResult>)[t.key] = await burstHttp(t, http, 10_000_000 * (j + 1));
      if (t.key === 'ours') oursAcked += bursts.http![t.key]!.ok;
      log(`  ${fmt(bursts.http![t.key]!.perSecond)} deals/s, p99 ${fmt(bursts.http![t.key]!.ack.p99)} ms`);
    }
  };
  if (ONLY.has('burst') && !ONLY.has('steady')) await runBursts();
  for (const [i, n] of (ONLY.has('steady') ? cfg.steps : []).entries()) {
    log(`steady: ${n} boards on each server, tablets at ${cfg.rate} deals/s, ${cfg.rounds} alternating rounds of ${cfg.segmentMs / 1000} s`);
    const pair = await steadyStep(targets, n);
    oursAcked += pair.ours.ok;
    for (const t of targets) {
      const r = pair[t.key];
      log(`  ${t.key.padEnd(8)} p50/p99 ${fmt(r.latency.p50)}/${fmt(r.latency.p99)} ms, ack p50/p99 ${fmt(r.ack.p50)}/${fmt(r.ack.p99)} ms, eld p99 ${fmt(r.eld.p99)}, receipts ${(r.coverage * 100).toFixed(1)}%, cpu ${(r.cpuShare * 100).toFixed(0)}%, rss ${fmt(r.rssPeakMB)} MB`);
    }
    steadyResults[n] = pair;
    if (i === 0 && ONLY.has('burst')) await runBursts();
  }
  results.steady = steadyResults;
  results.bursts = bursts;
  if (ONLY.has('idle')) results.idle = await idleScenario(targets);
  for (const t of targets) await Promise.all(boardWorkers(t).map((w) => w.call('close')));
  for (const t of targets) await Promise.all(boardWorkers(t).map((w) => w.stop()));
  await sleep(1500);

  if (cfg.browser) {
    const b = await browserScenario(ours);
    results.board = b.board;
    results.live = b.live;
    oursAcked += b.acked;
  }

  if (ONLY.has('clients')) {
    const ev = await setupEvent(ours.url, cfg.clientBooths);
    results.clients = await clientsScenario([
      { key: 'ours' as const, url: ours.url, event: ev },
      { key: 'baseline' as const, url: baseline.url, event: { ...ev, tokens: ev.tokens.map((_, i) => `${ev.eventId}.${i}`) } },
    ]);
  }

  // Every acknowledged deal counted once: the ledger's count equals the acks.
  const finalTotals = await totalsOf(ours);
  results.exactlyOnce = { ledgerCount: finalTotals.count, acknowledged: oursAcked, ok: finalTotals.count === oursAcked };
  log(`ledger count ${finalTotals.count}, acknowledged ${oursAcked}: ${finalTotals.count === oursAcked ? 'equal' : 'DIFFERENT'}`);

  await ours.tablets.call('close');
  await baseline.tablets.call('close');
  await killAll();
  return results;
}
