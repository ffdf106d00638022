import { Samples } from './stats.js';

// How the load generator's raw boards come back after a drop, as the real board's
// socket.io-client does, and what the recovery scenario reads from them.

/**
 * The real board's reconnection options (client/src/socket/options.ts), applied
 * as socket.io-client's Manager applies them: after a drop, wait
 * `backoff(attempt)` then reopen; a failed try waits the next, longer step; an
 * engine open resets the steps. `openTimeoutMs` is the Manager's `timeout`.
 */
export const RECONNECT = { delayMs: 500, delayMaxMs: 2000, randomizationFactor: 0.5, openTimeoutMs: 5000 };

/** socket.io-client's backoff (contrib/backo2): min · 2^attempt, ± jitter, capped at max. */
export function backoffMs(attempt: number): number {
  let ms = RECONNECT.delayMs * 2 ** Math.min(attempt, 30);
  const rand = Math.random();
  const deviation = Math.floor(rand * RECONNECT.randomizationFactor * ms);
  ms = (Math.floor(rand * 10) & 1) === 0 ? ms - deviation : ms + deviation;
  return Math.min(ms, RECONNECT.delayMaxMs) | 0;
}

export type Reconnect = {
  url: string;
  eventId: string;
  /** Backoff steps since the last engine open (the Manager's `backoff.attempts`). */
  attempt: number;
  timer?: NodeJS.Timeout;
  /** Reopen tries in all, and how many of them reached a snapshot. */
  tries: number;
  reconnects: number;
  /** The namespace refused the connect: like the real client, stop trying. */
  refused: boolean;
  /** After `arm`: receipt time (µs) and `total` of each snapshot and update, flat pairs. */
  seen: number[];
};

/**
 * Reconnecting boards after a server restart: for each, the time from `killUs`
 * to the first snapshot or update received after `killUs` whose `total` is
 * `total` (ms), and how the reconnection went.
 */
export function recoveryReport(boards: readonly { ready: boolean; closed: boolean; rc?: Reconnect }[], p: { killUs: number; total: number }) {
  const rcBoards = boards.filter((b) => b.rc);
  const times = new Samples(Math.max(16, rcBoards.length));
  let firstWrong = 0;
  let up = 0;
  let refused = 0;
  let tries = 0;
  let maxTries = 0;
  let reconnected = 0;
  const wrongTotals = new Set<number>();
  for (const b of rcBoards) {
    const rc = b.rc!;
    if (b.ready && !b.closed) up++;
    if (rc.refused) refused++;
    if (rc.reconnects > 0) reconnected++;
    tries += rc.tries;
    maxTries = Math.max(maxTries, rc.tries);
    let first = true;
    for (let i = 0; i < rc.seen.length; i += 2) {
      if (rc.seen[i]! < p.killUs) continue;
      const total = rc.seen[i + 1]!;
      if (total === p.total) {
        times.push((rc.seen[i]! - p.killUs) / 1000);
        break;
      }
      if (first) firstWrong++;
      if (wrongTotals.size < 5) wrongTotals.add(total);
      first = false;
    }
  }
  return {
    boards: rcBoards.length,
    correct: times.length,
    times: times.values(),
    up,
    reconnected,
    refused,
    tries,
    maxTries,
    firstWrong,
    wrongTotals: [...wrongTotals],
  };
}
