import type { ReplayProgress, ReplaySpeed } from '@dealboard/shared';
import type { Logger } from 'pino';
import type { Db } from '../store/db.js';
import { audit, type Actor } from '../ledger/audit.js';
import type { BoothsRepo } from '../ledger/booths/booths-repo.js';
import { DomainError, notFound } from '../core/errors.js';
import type { EventsRepo } from '../ledger/events/events-repo.js';
import { randomId } from '../core/ids.js';
import type { Ledger } from '../ledger/batch/ledger.js';
import { MouRegister } from '../mou/mou-register.js';
import { readHistory, type Step } from './replay-history.js';
import { ReplayApply } from './replay-apply.js';
import { makeCopy } from './replay-copy.js';

type Running = { progress: ReplayProgress; wake?: () => void };

/** At most this many of a replay's deals go to the ledger at once; the replay waits for their commit before the next. */
const TURN = 50;
/**
 * After each turn a replay pauses twice as long as the turn took (at least `PAUSE_MS`): its
 * commits (each an fsync that holds the event loop on SQLite) take at most a third of the
 * node's time, and live deals and requests go in between.
 */
const PAUSE_MS = 25;

/**
 * Replays a closed event's history (deals, their approvals, buyer answers, voids and restores, MoUs) onto a rehearsal copy at 1×, 10× or 60× their
 * original timing. Each replayed deal is a real deal of the copy, submitted to the ledger
 * like a tablet's, so totals, climb and boards behave as they did live. The copy carries
 * the `replay` setting (the board's REPLAY badge) and, being a rehearsal, can be wiped.
 *
 * A replay runs beside live events on the same node, so it never floods them: at most
 * `maxRunning` replays run at once (more are refused), and each sends its due deals in turns
 * of a few, waiting for their commit and a pause before the next turn (a 60× replay of a busy
 * hour would otherwise put thousands of deals on the event loop in one go).
 */
export class Replays {
  private readonly runs = new Map<string, Running>();
  /** Replays between the cap's check and their first deal (reading the source, copying booths). */
  private starting = 0;
  private readonly maxRunning: number;
  private readonly logger?: Logger;

  constructor(
    private readonly db: Db,
    private readonly events: EventsRepo,
    private readonly booths: BoothsRepo,
    private readonly ledger: Ledger,
    opts: { maxRunning?: number; logger?: Logger } = {},
  ) {
    this.maxRunning = opts.maxRunning ?? 2;
    this.logger = opts.logger;
  }

  list(): ReplayProgress[] {
    return [...this.runs.values()].map((r) => ({ ...r.progress }));
  }

  get(id: string): ReplayProgress {
    const run = this.runs.get(id);
    if (!run) throw notFound('Replay', 'Replay');
    return { ...run.progress };
  }

  async start(fromEventId: string, speed: ReplaySpeed, actor: Actor): Promise<ReplayProgress> {
    // Counted and taken before the first await, so replays asked for at once cannot all pass.
    const running = this.starting + [...this.runs.values()].filter((r) => r.progress.state === 'running').length;
    if (running >= this.maxRunning) throw tooManyReplays(this.maxRunning);
    this.starting++;
    try {
      return await this.begin(fromEventId, speed, actor);
    } finally {
      this.starting--;
    }
  }

  private async begin(fromEventId: string, speed: ReplaySpeed, actor: Actor): Promise<ReplayProgress> {
    const source = await this.db.selectFrom('events').selectAll().where('id', '=', fromEventId).executeTakeFirst();
    if (!source) throw notFound('Event', 'Acara');
    if (source.status !== 'closed') {
      throw new DomainError('conflict', 'Only a closed event can be replayed', 'Hanya acara yang sudah ditutup yang dapat diputar ulang', 'status');
    }
    const steps = await readHistory(this.db, fromEventId, source.seq);
    const origin = Date.parse(source.starts_at);
    const span = Math.max(Date.parse(source.ends_at) - origin, ...steps.map((s) => s.at - origin), 60_000);
    const now = Date.now();
    const copy = await makeCopy({ db: this.db, events: this.events, booths: this.booths }, source, speed, span, now, actor);
    const progress: ReplayProgress = {
      id: randomId(8),
      fromEventId,
      eventId: copy.event.id,
      speed,
      total: steps.length,
      sent: 0,
      failed: 0,
      state: 'running',
      startedAt: new Date(now).toISOString(),
      endsAt: copy.event.endsAt,
    };
    await audit(this.db, { actor, action: 'event.replay', eventId: copy.event.id, subject: fromEventId, after: { speed, steps: steps.length, replay: progress.id } });
    const run: Running = { progress };
    this.runs.set(progress.id, run);
    const due = (s: Step) => now + Math.max(0, s.at - origin) / speed;
    const apply = new ReplayApply(this.ledger, new MouRegister(this.db, this.ledger), copy, actor);
    // One step at a time, in the original's order: a deal's approval must not pass its recording.
    void this.run(run, steps, due, async (s) => {
      try {
        await apply.apply(s);
        progress.sent++;
      } catch (err) {
        progress.failed++;
        this.logger?.warn({ err, replay: progress.id }, 'replay: a step was refused');
      }
    }, (s) => s.kind === 'deal');
    return { ...progress };
  }

  /** Send the steps as they fall due, a turn at a time (see `TURN`, `PAUSE_MS`), until done or stopped. */
  private async run<S>(run: Running, steps: S[], due: (s: S) => number, send: (s: S) => Promise<void>, together: (s: S) => boolean): Promise<void> {
    const { progress } = run;
    let i = 0;
    while (i < steps.length && progress.state === 'running') {
      const wait = due(steps[i]!) - Date.now();
      const turn: S[] = [];
      while (wait <= 0 && i < steps.length && turn.length < TURN && due(steps[i]!) <= Date.now()) turn.push(steps[i++]!);
      const began = performance.now();
      // Deals next to each other go in one commit; anything else waits for what came before it.
      for (let k = 0; k < turn.length; ) {
        let end = k + 1;
        while (end < turn.length && together(turn[k]!) && together(turn[end]!)) end++;
        await Promise.all(turn.slice(k, end).map(send));
        k = end;
      }
      const pause = turn.length ? Math.max(PAUSE_MS, 2 * (performance.now() - began)) : Math.min(1000, wait);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pause);
        run.wake = () => (clearTimeout(timer), resolve());
      });
    }
    if (progress.state === 'running') progress.state = 'done';
  }

  /** Stop a replay: deals not yet due are not sent (those sent stay, on the rehearsal copy). */
  stop(id: string): ReplayProgress {
    const run = this.runs.get(id);
    if (!run) throw notFound('Replay', 'Replay');
    if (run.progress.state === 'running') run.progress.state = 'stopped';
    run.wake?.();
    return { ...run.progress };
  }

  stopAll() {
    for (const id of this.runs.keys()) this.stop(id);
  }
}

const tooManyReplays = (max: number) =>
  new DomainError(
    'conflict',
    `${max} replays are running already, the most this server runs at once beside live events (REPLAY_MAX_RUNNING); wait for one to end or stop one`,
    `Sudah ${max} putar ulang berjalan, batas yang dijalankan server ini bersamaan dengan acara langsung (REPLAY_MAX_RUNNING); tunggu hingga satu selesai atau hentikan satu`,
  );
