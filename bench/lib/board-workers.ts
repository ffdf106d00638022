/** Opening board sockets over a target's board-client processes (bench/load-boards.ts). */
import type { Child } from './rpc.js';
import { cfg, log } from './options.js';
import type { Target } from './servers.js';

export type BoardsReport = {
  latencies: Float64Array;
  samplers: number;
  open: number;
  disconnects: number;
  silent: number;
  minUpdates: number;
  meanUpdates: number;
  connectErrors: number;
  rss: number;
  cpuMs: number;
};

/** Every board-client process of a target: the bulk ones and the sampler process. */
export const boardWorkers = (t: Target): Child[] => (t.samplers ? [...t.boards, t.samplers] : t.boards);

/** One sampler-process board per this many boards: `cfg.samplers` of them in the first step, the same density after. */
const samplerEvery = () => Math.max(2, Math.floor(Math.min(...cfg.steps) / cfg.samplers));

/**
 * Open boards until the target has `total`. With a sampler process, every
 * `samplerEvery`-th board is opened there, so the sampler boards sit evenly in
 * the server's write order (it writes an update to its boards in the order they
 * connected), and the step's samplers are then picked evenly among them.
 */
export async function connectBoards(t: Target, total: number, opts: { reconnect?: boolean; bulkOnly?: boolean } = {}) {
  const add = total - t.boardCount;
  if (add <= 0) return { ms: 0, failed: 0 };
  const started = performance.now();
  const open = async (workers: Child[], count: number) => {
    const per = Math.ceil(count / workers.length);
    return Promise.all(
      workers.map((w, i) =>
        w.call<{ total: number; failed: number; errors: string[] }>(
          'connect',
          { url: t.url, eventId: t.event.eventId, count: Math.max(0, Math.min(per, count - per * i)), concurrency: 100, reconnect: opts.reconnect === true },
          180_000,
        ),
      ),
    );
  };
  const results: { total: number; failed: number; errors: string[] }[] = [];
  if (!t.samplers || opts.bulkOnly) results.push(...(await open(t.boards, add)));
  else {
    const every = samplerEvery();
    for (let left = add; left > 0; ) {
      const bulk = Math.min(every - 1, left - 1);
      if (bulk > 0) results.push(...(await open(t.boards, bulk)));
      results.push(...(await open([t.samplers], 1)));
      left -= bulk + 1;
    }
  }
  const failed = results.reduce((s, r) => s + r.failed, 0);
  if (failed) log(`${t.key}: ${failed} board connects failed`, results.flatMap((r) => r.errors).slice(0, 3));
  const now = await Promise.all(boardWorkers(t).map((w) => w.call<{ total: number }>('count')));
  t.boardCount = now.reduce((s, r) => s + r.total, 0);
  return { ms: performance.now() - started, failed };
}
