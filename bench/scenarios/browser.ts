/**
 * Scenario `browser`: the board in Chromium (bench/board-browser.ts) — cold loads to the
 * first correct total, JavaScript bytes, then frames and long tasks while deals flow at
 * `cfg.browserRate`/s — and the audience's phone view's cold loads.
 */
import os from 'node:os';
import path from 'node:path';
import { formatRupiah } from '@dealboard/shared';
import { startChild } from '../lib/rpc.js';
import { BENCH, cfg, log, sleep } from '../lib/options.js';
import { okOf, totalsOf, type Target } from '../lib/servers.js';
import { fmt, type Row } from '../lib/table.js';

type BoardResult = { firstCorrectMedianMs: number; jsGzipBytes: number; external: string[]; watch: Record<string, number>; settle: { ok: boolean; ms: number } };
type Timing = { firstCorrectMs: number; shownMs: number; fcpMs: number | null; htmlMs: number | null; domContentLoadedMs: number | null };
type LiveResult = {
  firstCorrectMedianMs: number;
  baselineMedianMs: number;
  loads: Timing[];
  baseline: Timing[];
  jsGzipBytes: number;
  workerJsGzipBytes: number;
  /** The machine's load average (1, 5, 15 min) before and after the phone view's loads. */
  loadavg: [number[], number[]];
  scripts?: { url: string; gzip: number; worker: boolean }[];
};

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
  // The audience's phone view at 390×844, cold load after cold load in turn with a bare page from the same
  // origin that fetches /totals and writes the total (the least any page can do); its budget 100 kB of JavaScript.
  const before = os.loadavg();
  const live = await browser.call<{ phone: Timing[]; baseline: Timing[]; jsGzipBytes: number; workerJsGzipBytes: number; scripts: { url: string; gzip: number; worker: boolean }[] }>(
    'phoneLoads',
    { url: `${ours.url}/live/${ours.event.eventId}`, baselineUrl: `${ours.url}/bench-baseline/${ours.event.eventId}`, eventId: ours.event.eventId, expected, loads: cfg.phoneLoads, viewport: { width: 390, height: 844 }, screenshot: path.join(BENCH, 'results/phone-view.png') },
    240_000,
  );
  const loadavg: [number[], number[]] = [before, os.loadavg()];
  const liveFirst = live.phone.map((l) => l.firstCorrectMs);
  const baseFirst = live.baseline.map((l) => l.firstCorrectMs);
  log(`  phone view: first correct total ${liveFirst.map((x) => x.toFixed(0)).join('/')} ms (bare page ${baseFirst.map((x) => x.toFixed(0)).join('/')} ms), JS ${(live.jsGzipBytes / 1000).toFixed(1)} kB gzip (+ ${(live.workerJsGzipBytes / 1000).toFixed(1)} kB by a service worker), load avg ${loadavg.map((l) => l[0]!.toFixed(1)).join(' → ')}`);
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
    live: { firstCorrectMedianMs: median(liveFirst), baselineMedianMs: median(baseFirst), loads: live.phone, baseline: live.baseline, jsGzipBytes: live.jsGzipBytes, workerJsGzipBytes: live.workerJsGzipBytes, loadavg, scripts: live.scripts },
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
    const s = 'phone view (/live), 390×844';
    rows.push({ scenario: s, metric: 'first correct total (median)', ours: live.firstCorrectMedianMs, baseline: live.baselineMedianMs, unit: 'ms', budget: '< 1,000', pass: live.firstCorrectMedianMs < 1000 });
    rows.push({ scenario: s, metric: 'JavaScript, gzip (1 kB = 1,000 B)', ours: live.jsGzipBytes / 1000, baseline: null, unit: 'kB', budget: '≤ 100', pass: live.jsGzipBytes <= 100_000 });
    rows.push({ scenario: s, metric: 'JavaScript a service worker fetches', ours: live.workerJsGzipBytes / 1000, baseline: null, unit: 'kB', budget: '0', pass: live.workerJsGzipBytes === 0 });
  }
  return rows;
}
