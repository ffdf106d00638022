/**
 * Chaos harness: the real server in its own process, N booth tablets and a few boards
 * made of the shipped client code (the operator and outbox stores over an IndexedDB
 * stand-in, the board store; see shipped-tablet.ts and shipped-board.ts), random
 * connection drops, and K `kill -9` + restarts on the same port and data folder while
 * deals flow.
 *
 * At the end it checks, from the SQLite file itself and from the public API:
 * exactly one stored deal per id the tablets created, the stored total equal to
 * the exact (BigInt) sum of the created amounts, and every board showing that
 * total within a bound after the load stops.
 *
 * Invariant breaks are collected in `report.failures` (the run goes on, so the
 * report shows every figure); infrastructure faults (a server that will not
 * start) throw. Either way every child process is gone when `runChaos` returns.
 */
import fs from 'node:fs';
import os from 'node:os';
import { freePort } from '../support/process.js';
import { api, tempDataDir } from '../support/server.js';
import { between, randomSeed, stream } from './random.js';
import { boardFigures, latencyFigures, machineFigures, meanMax, type ChaosReport } from './report.js';
import { ledgerBreakdown, ShippedBoard } from './shipped-board.js';
import { ShippedTablet } from './shipped-tablet.js';
import { checkApi, inspectStore } from './store-check.js';
import { liveChildren, openChaosEvent, Supervisor } from './supervisor.js';
import { DEFAULTS, type ChaosOptions, type ChaosSettings } from './options.js';
import { Aborted, Timers } from './timers.js';

export { formatReport, reportLine, type ChaosReport } from './report.js';
export type { ChaosOptions } from './options.js';

const liveRuns = new Set<ChaosRun>();

/** Stop every run in progress and SIGKILL every server it started (for afterAll / signal handlers). */
export async function abortAllChaos(): Promise<void> {
  for (const run of liveRuns) run.abort('aborted by abortAllChaos');
  await Promise.all([...liveChildren].map((s) => s.stop('SIGKILL')));
}

/** Run the chaos scenario once; resolves with the report (check `report.ok`). */
export async function runChaos(options: ChaosOptions = {}): Promise<ChaosReport> {
  const run = new ChaosRun(options);
  liveRuns.add(run);
  try {
    return await run.execute();
  } finally {
    liveRuns.delete(run);
  }
}

class ChaosRun {
  readonly opts: ChaosSettings;
  readonly seed: number;
  readonly failures: string[] = [];
  readonly stats = { duplicateAcks: 0, httpRequests: 0, drops: 0, boardDrops: 0 };
  private readonly created = new Map<string, number>();
  private readonly ackedAny = new Set<string>();
  private readonly ackLatencies = { socket: [] as number[], http: [] as number[] };
  private readonly clock = new Timers(() => this.aborted);
  private tablets: ShippedTablet[] = [];
  private boards: ShippedBoard[] = [];
  private lastOkAckAt = 0;
  private aborted: string | undefined;
  private readonly log: (line: string) => void;
  private readonly serverEnv: Record<string, string>;

  constructor(private readonly options: ChaosOptions) {
    this.opts = { ...DEFAULTS };
    for (const [k, v] of Object.entries(options)) if (v !== undefined && k in DEFAULTS) (this.opts as Record<string, unknown>)[k] = v;
    this.seed = (options.seed ?? randomSeed()) >>> 0;
    this.log = options.log ?? ((l) => console.log(l));
    this.serverEnv = { DEAL_RATE_PER_MINUTE: '1000000', DEAL_RATE_BURST: '1000000', ...options.serverEnv };
  }

  fail(message: string) {
    if (this.failures.length < 200) this.failures.push(message);
  }

  abort(reason: string) {
    this.aborted = reason;
  }

  /** A tracked one-shot timer (cleared at the end whatever happens). */
  later(ms: number, fn: () => void) {
    this.clock.later(ms, fn);
  }

  recordCreated(id: string, amount: number) {
    if (this.created.has(id)) this.fail(`the harness made id ${id} twice (seeded uuid collision)`);
    this.created.set(id, amount);
  }

  /** A deal the outbox holds as sent (seen once per id). */
  recordAck(id: string, duplicate: boolean, latencyMs: number, transport: 'socket' | 'http') {
    if (duplicate) this.stats.duplicateAcks++;
    this.ackedAny.add(id);
    this.ackLatencies[transport].push(latencyMs);
    this.lastOkAckAt = Date.now();
  }

  countHttp() {
    this.stats.httpRequests++;
  }

  private pending(): number {
    return this.tablets.reduce((n, t) => n + t.pending, 0);
  }

  async execute(): Promise<ChaosReport> {
    const o = this.opts;
    const started = Date.now();
    const loadAtStart = os.loadavg()[0]!;
    const deadline = started + o.maxDurationMs;
    this.log(`chaos: seed=${this.seed} (replay with CHAOS_SEED=${this.seed}) tablets=${o.tablets} (http ${o.httpTablets}) boards=${o.boards} restarts=${o.restarts} rate=${o.ratePerTablet}/s/tablet`);

    const dataDir = tempDataDir('dealboard-chaos-');
    const sup = new Supervisor(dataDir, await freePort(), this.serverEnv);
    const restartTimes: number[] = [];
    const recoveries: number[] = [];
    let restarts = 0;
    let loadStartedAt = 0;
    let loadStoppedAt = 0;
    let drainStartedAt = 0;
    let boardLags: (number | null)[] = [];
    const db = { stored: 0, lost: 0, doubled: 0, extra: 0, storedTotal: '', bucketsTotal: '', apiTotal: '' };
    const expected = () => [...this.created.values()].reduce((s, a) => s + BigInt(a), 0n);

    try {
      await sup.start();
      const { eventId, tokens, categories, delegations } = await openChaosEvent(sup.url, o.tablets);

      this.boards = Array.from({ length: o.boards }, (_, i) => new ShippedBoard(this, i, sup.url, eventId));
      this.tablets = Array.from(
        { length: o.tablets },
        (_, i) => new ShippedTablet(this, i, sup.url, tokens[i]!, stream(this.seed, `deals:${i}`), i >= o.tablets - o.httpTablets ? 'http' : 'socket'),
      );
      await Promise.all(this.tablets.map((t) => t.start()));
      if (!(await this.clock.until(() => this.boards.every((b) => b.total !== undefined) && this.tablets.every((t) => t.ready), 15_000, 20))) {
        throw new Error('tablets or boards did not connect');
      }

      // The load: each tablet creates deals at its rate; the harness drops connections at random;
      // the outboxes resend on their own (on reconnect and on their timer).
      loadStartedAt = Date.now();
      const creators = this.tablets.map((t) =>
        this.clock.every(1000 / o.ratePerTablet, () => {
          if (t.created < o.maxDealsPerTablet) t.createDeal(categories, delegations);
        }),
      );
      const dropRngs = this.tablets.map((_, i) => stream(this.seed, `drops:${i}`));
      const boardDropRngs = this.boards.map((_, i) => stream(this.seed, `board-drops:${i}`));
      const dropper = this.clock.every(o.dropTickMs, () => {
        this.tablets.forEach((t, i) => {
          const rng = dropRngs[i]!;
          if (rng() < o.dropProbability && t.transport === 'socket' && !t.link.down) {
            this.stats.drops++;
            t.link.drop(between(rng, 0, 300));
          }
        });
        this.boards.forEach((b, i) => {
          const rng = boardDropRngs[i]!;
          if (rng() < o.boardDropProbability && !b.link.down) {
            this.stats.boardDrops++;
            b.link.drop(between(rng, 0, 300));
          }
        });
      });
      this.clock.every(100, () => {
        for (const t of this.tablets) t.collect();
      });

      // K times: let deals flow, kill -9 at a random moment, stay dead a while, restart on the same port.
      const killRng = stream(this.seed, 'kills');
      for (let k = 1; k <= o.restarts; k++) {
        if (Date.now() > deadline) {
          this.fail(`time bound reached after ${restarts} of ${o.restarts} restarts`);
          break;
        }
        await this.clock.sleep(between(killRng, o.uptimeMs[0], o.uptimeMs[1]));
        const down = between(killRng, o.downtimeMs[0], o.downtimeMs[1]);
        if (killRng() < o.burstKillShare) {
          for (const t of this.tablets) for (let b = 0; b < o.burstSize && t.created < o.maxDealsPerTablet; b++) t.createDeal(categories, delegations);
          await this.clock.sleep(between(killRng, 0, 15));
        }
        const ackedAtKill = this.ackedAny.size;
        const killedAt = Date.now();
        await sup.stop('SIGKILL');
        await this.clock.sleep(down);
        await sup.start();
        restartTimes.push(Date.now() - killedAt);
        restarts = k;
        const healthyAt = Date.now();
        const incarnation = k;
        this.clock.until(() => restarts !== incarnation || this.boards.every((b) => b.lastSnapshotAt >= healthyAt), 10_000, 10).then(
          () => {
            if (restarts === incarnation && this.boards.every((b) => b.lastSnapshotAt >= healthyAt)) {
              const ms = Math.max(...this.boards.map((b) => b.lastSnapshotAt)) - healthyAt;
              recoveries.push(ms);
              if (this.options.verbose) this.log(`chaos: restart ${incarnation}: every board resynced ${ms} ms after health`);
            }
          },
          () => undefined,
        );
        // Every deal acked before the kill must be in the restarted server's count.
        const totals = await api<{ count: number; seq: number }>(sup.url, 'GET', `/api/v1/events/${eventId}/totals`);
        if (totals.status !== 200) this.fail(`restart ${k}: GET /totals answered ${totals.status}`);
        else if (totals.body.count < ackedAtKill) {
          this.fail(`restart ${k}: server counts ${totals.body.count} deals but ${ackedAtKill} had been acknowledged before the kill`);
        }
        if (this.options.verbose || k === o.restarts) {
          this.log(`chaos: restart ${k}/${o.restarts}: dead ${down} ms, healthy ${healthyAt - killedAt} ms after the kill; created ${this.created.size}, pending ${this.pending()}, stored ${totals.body.count}`);
        }
      }

      // Keep the load on a healthy server for a while, then stop creating and dropping.
      await this.clock.sleep(o.tailMs);
      for (const c of creators) this.clock.stopInterval(c);
      this.clock.stopInterval(dropper);
      for (const t of this.tablets) t.link.restore();
      for (const b of this.boards) b.link.restore();

      // Drain: every outbox empties (the resend timer keeps running).
      drainStartedAt = Date.now();
      if (!(await this.clock.until(() => this.pending() === 0 || !sup.alive, o.drainTimeoutMs))) {
        this.fail(`outboxes not empty ${o.drainTimeoutMs} ms after creation stopped: ${this.pending()} deals pending`);
      }
      if (!sup.alive) {
        this.fail('the server died during the drain');
        await sup.start();
        await this.clock.until(() => this.pending() === 0, o.drainTimeoutMs);
      }
      loadStoppedAt = Math.max(this.lastOkAckAt, drainStartedAt);

      // Boards: each must show the exact total and breakdown; lag measured from the load stopping.
      const want = expected();
      for (const t of this.tablets) t.collect();
      const rows = await ledgerBreakdown(sup.url, eventId);
      const shows = (b: ShippedBoard) => b.total === want && b.count === this.created.size && b.breakdown === rows;
      await this.clock.until(() => this.boards.every(shows), o.boardWaitMs, 5);
      boardLags = this.boards.map((b) => (shows(b) ? Math.max(0, b.shownAt - loadStoppedAt) : null));
      this.boards.forEach((b, i) => {
        if (!shows(b)) {
          this.fail(`board ${i} shows ${b.total} / ${b.count} deals${b.breakdown === rows ? '' : ' (a breakdown unlike GET /totals)'}, not ${want} / ${this.created.size}, ${o.boardWaitMs} ms after the load stopped (connection: ${b.connection})`);
        }
      });

      for (const t of this.tablets) t.close();
      for (const b of this.boards) b.close();
      this.clock.stopIntervals();

      // A clean stop, then the SQLite file itself.
      const code = await sup.stop('SIGTERM');
      if (code !== 0) this.fail(`SIGTERM shutdown exited with ${code}`);
      Object.assign(db, inspectStore(dataDir, eventId, want, this.created, (m) => this.fail(m)));

      // And the public API after one more start.
      await sup.start();
      Object.assign(db, await checkApi(sup.url, eventId, want, this.created.size, db, (m) => this.fail(m)));
      await sup.stop('SIGTERM');
    } catch (e) {
      if (e instanceof Aborted) this.fail(`run aborted: ${e.message}`);
      else throw e;
    } finally {
      this.clock.clear();
      for (const t of this.tablets) t.close();
      for (const b of this.boards) b.close();
      if (sup.alive) await sup.stop('SIGKILL');
    }

    for (const line of sup.errors.slice(0, 5)) this.fail(`server logged an error: ${line.slice(0, 300)}`);
    for (const c of sup.crashes) this.fail(`server crashed (exit ${c.code ?? c.signal}): ${c.output.slice(-800)}`);
    const ok = this.failures.length === 0 && db.lost === 0 && db.doubled === 0 && db.extra === 0;
    const keep = !ok || this.options.keepData;
    if (!keep) fs.rmSync(dataDir, { recursive: true, force: true });
    const report: ChaosReport = {
      ok,
      failures: this.failures,
      seed: this.seed,
      restarts,
      crashes: sup.crashes.length,
      ...{ tablets: o.tablets, httpTablets: o.httpTablets, boards: o.boards },
      dealsCreated: this.created.size,
      ...db,
      expectedTotal: String(expected()),
      ...this.stats,
      ...boardFigures(this.boards, boardLags),
      ...latencyFigures(this.ackLatencies),
      restartMs: meanMax(restartTimes),
      boardRecoveryMs: { ...meanMax(recoveries), measured: recoveries.length },
      loadMs: loadStoppedAt && loadStartedAt ? loadStoppedAt - loadStartedAt : 0,
      drainMs: loadStoppedAt && drainStartedAt ? loadStoppedAt - drainStartedAt : 0,
      durationMs: Date.now() - started,
      ...machineFigures(loadAtStart),
      ...(keep ? { dataDir } : {}),
    };
    if (!ok) this.log(`chaos: FAILED (seed ${this.seed}); data kept in ${dataDir}`);
    return report;
  }
}
