/**
 * Scenario `browser`: the board in Chromium (bench/board-browser.ts) — cold loads to the
 * first correct total, JavaScript bytes, then frames and long tasks while deals flow at
 * `cfg.browserRate`/s — and the audience's phone view's cold loads.
 */
import path from 'node:path';
import { formatRupiah } from '@dealboard/shared';
import { startChild } from '../lib/rpc.js';
import { BENCH, cfg, log, sleep } from '../lib/options.js';
import { okOf, totalsOf, type Target } from '../lib/servers.js';
import { fmt, type Row } from '../lib/table.js';

type BoardResult = { firstCorrectMedianMs: number; jsGzipBytes: number; external: string[]; watch: Record<string, number>; settle: { ok: boolean; ms: number } };
type LiveResult = { firstCorrectMedianMs: number; jsGzipBytes: number; scripts?: { url: string; gzip: number }[] };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Runs against our server; returns the results and the deals it had accepted. */
export async function browserScenario(ours: Target): Promise<{ board: BoardResult; live: LiveResult; acked: number }> {
  log(`board in Chromium: ${cfg.browserLoads} cold loads, then ${cfg.browserMs / 1000} s at ${cfg.browserRate} deals/s (10 Hz updates)`);
  const browser = startChild('browser', path.join(BENCH, 'board-browser.ts'));
  const boardUrl = `${ours.url}/board/${ours.event.eventId}`;
  const expected = formatRupiah((await totalsOf(ours)).total);
  const loads = await browser.call<{ loads: { firstCorrectMs: number; fcpMs: number | null }[]; scripts: { url: string; bytes: number; gzip: number }[]; jsGzipBytes: number; jsBytes: number; external: string[] }>(
    'firstLoads',
    { url: boardUrl, expected, loads: cfg.browserLoads },
    120_000,
  );
  // The audience's phone view: the same measure, its budget 100 kB of JavaScript.
  const live = await browser.call<{ loads: { firstCorrectMs: number }[]; jsGzipBytes: number; scripts: { url: string; gzip: number }[] }>('firstLoads', { url: `${ours.url}/live/${ours.event.eventId}`, expected, loads: cfg.browserLoads }, 120_000);
  const liveFirst = live.loads.map((l) => l.firstCorrectMs);
  log(`  phone view: first correct total ${liveFirst.map((x) => x.toFixed(0)).join('/')} ms, JS ${(live.jsGzipBytes / 1024).toFixed(1)} kB gzip`);
  const driving = ours.tablets.call<{ acked: number; errors: Record<string, number> }>('steady', { rate: cfg.browserRate, durationMs: cfg.browserMs + 1500, warmupMs: 0 }, cfg.browserMs * 3 + 60_000);
  await sleep(500);
  const watch = await browser.call<Record<string, number>>('watch', { durationMs: cfg.browserMs }, cfg.browserMs + 60_000);
  const acked = okOf(await driving);
  await sleep(300);
  const finalTotal = formatRupiah((await totalsOf(ours)).total);
  const settle = await browser.call<{ ok: boolean; ms: number; shown: string }>('settle', { expected: finalTotal, timeoutMs: 10_000 }, 30_000);
  await browser.call('close');
  await browser.stop();
  const first = loads.loads.map((l) => l.firstCorrectMs);
  log(`  first correct total ${first.map((x) => x.toFixed(0)).join('/')} ms, JS ${(loads.jsGzipBytes / 1024).toFixed(1)} kB gzip, long tasks ${watch.longTasks}, fps ${fmt(watch.fps)}`);
  return {
    board: { ...loads, firstCorrectMedianMs: median(first), watch, settle, expectedFinal: finalTotal } as BoardResult,
    live: { firstCorrectMedianMs: median(liveFirst), jsGzipBytes: live.jsGzipBytes, scripts: live.scripts.map(({ url, gzip }) => ({ url, gzip })) },
    acked,
  };
}

export function browserRows(board: BoardResult | undefined, live: LiveResult | undefined): Row[] {
  const rows: Row[] = [];
  if (board) {
    const s = 'board in Chromium, 10 Hz';
    rows.push({ scenario: s, metric: 'first correct total (median)', ours: board.firstCorrectMedianMs, baseline: null, unit: 'ms', budget: '< 1,000', pass: board.firstCorrectMedianMs < 1000 });
    rows.push({ scenario: s, metric: 'board JavaScript, gzip', ours: board.jsGzipBytes / 1024, baseline: null, unit: 'kB', budget: '< 250', pass: board.jsGzipBytes / 1024 < 250 });
    rows.push({ scenario: s, metric: 'requests off the server', ours: board.external.length, baseline: null, unit: '', budget: '0', pass: board.external.length === 0 });
    rows.push({ scenario: s, metric: 'long tasks > 50 ms', ours: board.watch.longTasks!, baseline: null, unit: 'count', budget: '0', pass: board.watch.longTasks === 0 });
    rows.push({ scenario: s, metric: 'longest task', ours: board.watch.longTaskMaxMs!, baseline: null, unit: 'ms' });
    rows.push({ scenario: s, metric: 'frames', ours: board.watch.fps!, baseline: null, unit: 'per s' });
    rows.push({ scenario: s, metric: 'longest frame gap', ours: board.watch.frameGapMaxMs!, baseline: null, unit: 'ms' });
    rows.push({ scenario: s, metric: 'canvas redraws, busiest second', ours: board.watch.canvasDrawsMaxPerSecond!, baseline: null, unit: 'per s', budget: '≤ 1', pass: board.watch.canvasDrawsMaxPerSecond! <= 1 });
    rows.push({ scenario: s, metric: 'final total shown after last update', ours: board.settle.ms, baseline: null, unit: 'ms', pass: board.settle.ok });
  }
  if (live) {
    rows.push({ scenario: 'phone view (/live)', metric: 'first correct total (median)', ours: live.firstCorrectMedianMs, baseline: null, unit: 'ms', budget: '< 1,000', pass: live.firstCorrectMedianMs < 1000 });
    rows.push({ scenario: 'phone view (/live)', metric: 'JavaScript, gzip', ours: live.jsGzipBytes / 1024, baseline: null, unit: 'kB', budget: '< 100', pass: live.jsGzipBytes / 1024 < 100 });
  }
  return rows;
}
