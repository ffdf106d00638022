import { randomUUID } from 'node:crypto';
import type { ClimbPointDelta, Deal, PublicEvent, Totals } from '@dealboard/shared';
import type { ChangeRead, DealsWanted } from './change-read.js';
import { NONE_UNLISTED, type Unlisted } from '../reads/queries.js';
import type { Logger } from 'pino';
import { sql } from 'kysely';
import { isPostgres, type Db } from '../../store/db.js';

/** What changed: deals (new, voided, restored, approved, answered by their buyer), an event's config or status, its booths, its MoU register, or all its figures (a rehearsal wiped). */
export type ChangeWhat = 'deals' | 'config' | 'booths' | 'mou' | 'reset';

/** Changes that make the event's cached config or booth tokens stale. */
const staleConfig = (what: ChangeWhat) => what !== 'deals' && what !== 'mou';

/**
 * The least time between two reads of the figures after deals, another node's or (on
 * PostgreSQL) this node's own (`ReadBack`): one read covers both. Boards get at most one
 * update per 100 ms, so reading more often only loads the store, which every node's writers
 * share. When the boards say when they next take an update (`paceBy`), that time rules instead.
 */
export const READ_SPACING_MS = 40;
/** The least time between two reads when the consumers say when they next take a change (`paceBy`). */
const MIN_READ_SPACING_MS = 10;

/** A change of deals whose figures the feed reads: another node's, or on PostgreSQL this node's own (`ReadBack`). */
const readsDeals = (item: Queued) => !item.known && item.note.what === 'deals';

/**
 * One committed change, as every node hears of it: ids and a number, nothing
 * secret. `dealIds` names deals a correction changed (their `seq` stays theirs).
 */
export type ChangeNote = { eventId: string; seq: number; what: ChangeWhat; dealIds?: string[] };

/**
 * A committed change with what its consumers need, read once for all of them (`climb`: the
 * climb points it may have moved; `unlisted`: its deals past those in `deals`, which a read
 * lists up to a limit).
 */
export type Change = ChangeNote & { fromSeq: number; totals: Totals; deals: Deal[]; unlisted: Unlisted; event: PublicEvent; climb: ClimbPointDelta[] };

export type Consumer = (change: Change) => void | Promise<void>;

/** What this node read of the change (in its transaction, or on PostgreSQL just after COMMIT), so nothing is read again; without `deals` they are read by seq. */
export type Known = { fromSeq: number; totals: Totals; deals?: Deal[]; climb?: ClimbPointDelta[] };

/** Where the feed reads what a note alone does not say, and the caches a change empties. */
export interface FeedSource {
  /** Empty every cache that a config or booth change makes stale (event config, booth tokens). */
  forgetConfig(eventId: string): void;
  /** The `seq` of the totals this node holds for the event, if any. */
  heldSeq(eventId: string): number | undefined;
  /** Whether this node has boards or tablets of the event connected. */
  watched(eventId: string): boolean;
  /** Drop the totals held for the event: the next read goes to the store. */
  dropTotals(eventId: string): void;
  /**
   * A change as stored, for one that came without its figures (heard from another node): fresh
   * totals (then held), and for a deals change the deals it touched (new ones by seq, corrected
   * ones by id) and the climb's latest points.
   */
  readChange(eventId: string, wanted?: DealsWanted): Promise<ChangeRead | undefined>;
  event(eventId: string): Promise<PublicEvent | undefined>;
}

const CHANNEL = 'dealboard_changes';
type Wire = { n: string; e: string; s: number; w: ChangeWhat; d?: string[] };
type Queued = { note: ChangeNote; known?: Known; remote: boolean };

/**
 * The one stream of committed changes every consumer reads: boards, tablets,
 * caches. A change is handled completely (caches emptied, totals and config read
 * once, every consumer called) before the next one, each event's in commit order, so no
 * consumer depends on when it subscribed. On PostgreSQL each change is also sent
 * with NOTIFY in its own transaction (so only committed changes are sent), and
 * changes other nodes made arrive through `heard`.
 */
export class ChangeFeed {
  /** Tells this node's notes from the others' on the shared channel. */
  readonly nodeId = randomUUID();
  readonly channel = CHANNEL;
  private readonly consumers = new Set<Consumer>();
  private queue: Queued[] = [];
  /** The change being handled, off the queue until its consumers have it. */
  private current: Queued | undefined;
  private running: Promise<void> | undefined;
  /** When this node last read the figures after deals (see READ_SPACING_MS). */
  private lastRead = 0;
  /** Per event, the `seq` of the totals last handed to the consumers: what every board here builds on. */
  private readonly told = new Map<string, number>();
  private source: FeedSource | undefined;
  private pace: ((eventId: string) => number | undefined) | undefined;
  /** Ends the run loop's wait for a change's read time early (see `nap`). */
  private wake: (() => void) | undefined;

  constructor(private readonly logger?: Logger) {}

  attach(source: FeedSource) {
    this.source = source;
  }

  /**
   * `nextTake`: when the consumers next pass an event's change on (a board update's slot), if
   * they hold one. Deals are then read at that time rather than READ_SPACING_MS apart: read
   * earlier, what commits meanwhile would wait for the slot after.
   */
  paceBy(nextTake: (eventId: string) => number | undefined) {
    this.pace = nextTake;
  }

  subscribe(consumer: Consumer): () => void {
    this.consumers.add(consumer);
    return () => this.consumers.delete(consumer);
  }

  /** Inside the transaction that makes the change: tell the other nodes once it commits. No-op on SQLite. */
  async announce(trx: Db, note: ChangeNote): Promise<void> {
    if (!isPostgres(trx)) return;
    const { channel, payload } = this.notice(note);
    await sql`select pg_notify(${channel}, ${JSON.stringify(payload)})`.execute(trx);
  }

  /** The NOTIFY that tells the other nodes of `note` (its payload as JSON text), for a statement that sends it itself. */
  notice(note: ChangeNote): { channel: string; payload: Wire } {
    return { channel: CHANNEL, payload: { n: this.nodeId, e: note.eventId, s: note.seq, w: note.what, ...(note.dealIds?.length ? { d: note.dealIds.slice(0, 20) } : {}) } };
  }

  /** After COMMIT: a change this node made. Its stale caches are emptied at once, before anyone reads them again. */
  committed(note: ChangeNote, known?: Known) {
    if (staleConfig(note.what)) this.source?.forgetConfig(note.eventId);
    this.enqueue({ note, known, remote: false });
  }

  /** A NOTIFY payload from the channel; this node's own notes and malformed ones are ignored. */
  heard(payload: string) {
    let wire: Wire;
    try {
      wire = JSON.parse(payload) as Wire;
    } catch {
      return;
    }
    if (wire.n === this.nodeId || typeof wire.e !== 'string' || typeof wire.s !== 'number') return;
    if (!['deals', 'config', 'booths', 'mou', 'reset'].includes(wire.w)) return;
    this.enqueue({ note: { eventId: wire.e, seq: wire.s, what: wire.w, dealIds: Array.isArray(wire.d) ? wire.d.filter((d) => typeof d === 'string') : undefined }, remote: true });
  }

  /**
   * After a gap in hearing the other nodes (the LISTEN connection was lost and is
   * back): notes may have been missed, so every event this node holds is read again.
   */
  resync(eventIds: string[]) {
    for (const eventId of eventIds) this.enqueue({ note: { eventId, seq: Number.MAX_SAFE_INTEGER, what: 'config' }, remote: true });
  }

  /**
   * Whether a change of the event newer than `seq` is on its way (queued, or being handled):
   * totals held at `seq` are then older than the store's, and a request reads the store.
   */
  behind(eventId: string, seq: number): boolean {
    const newer = (q: Queued) => q.note.eventId === eventId && q.note.seq > seq;
    return (this.current !== undefined && newer(this.current)) || this.queue.some(newer);
  }

  /** Resolves once every change queued so far has reached every consumer. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private enqueue(item: Queued) {
    // Only the first change of an event may be due sooner than the one the loop waits for.
    const first = !this.queue.some((q) => q.note.eventId === item.note.eventId);
    this.queue.push(item);
    if (first) this.wake?.();
    this.running ??= this.run();
  }

  private async run() {
    try {
      while (this.queue.length) {
        // Deals are read when the boards can next be sent them (else READ_SPACING_MS apart): the
        // notes that come meanwhile queue up and the newest of an event covers them (below), so a
        // busy cluster reads each event's figures once per board update, not once per commit.
        const { index, at } = this.next();
        if (at > Date.now()) {
          await this.nap(at - Date.now());
          continue;
        }
        const [item] = this.queue.splice(index, 1) as [Queued];
        // Under load the notes queue up: the newest of an event covers those before it.
        if (readsDeals(item) && this.queue.some((q) => readsDeals(q) && q.note.eventId === item.note.eventId && q.note.seq >= item.note.seq)) {
          const next = this.queue.find((q) => readsDeals(q) && q.note.eventId === item.note.eventId)!;
          next.note = { ...next.note, dealIds: [...(item.note.dealIds ?? []), ...(next.note.dealIds ?? [])] };
          continue;
        }
        if (readsDeals(item)) this.lastRead = Date.now();
        this.current = item;
        try {
          await this.handle(item);
        } catch (err) {
          this.logger?.error({ err, eventId: item.note.eventId, what: item.note.what }, 'change feed: a change could not be handled');
        } finally {
          this.current = undefined;
        }
      }
    } finally {
      this.running = undefined;
    }
  }

  /**
   * The change to handle next, and when. An event's changes keep their order, so only the
   * first of each event may go; of those, the first in the queue that may go now, else the one
   * that may go soonest. A change of deals goes at its read time, any other at once: one
   * event's boards waiting for their slot hold back no other event's changes.
   */
  private next(): { index: number; at: number } {
    const now = Date.now();
    const seen = new Set<string>();
    let best = { index: 0, at: Number.POSITIVE_INFINITY };
    for (let i = 0; i < this.queue.length; i++) {
      const item = this.queue[i]!;
      if (seen.has(item.note.eventId)) continue;
      seen.add(item.note.eventId);
      const at = readsDeals(item) ? this.readAt(item.note.eventId) : now;
      if (at < best.at) best = { index: i, at };
      if (at <= now) break;
    }
    return best;
  }

  /** Waits `ms`, or less when a change is queued meanwhile (it may be due sooner). */
  private nap(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => this.wake?.(), ms);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }

  private readAt(eventId: string): number {
    const slot = this.pace?.(eventId);
    return slot === undefined ? this.lastRead + READ_SPACING_MS : Math.max(slot, this.lastRead + MIN_READ_SPACING_MS);
  }

  private async handle({ note, known, remote }: Queued) {
    const source = this.source;
    if (!source) return;
    if (remote && staleConfig(note.what)) source.forgetConfig(note.eventId);
    // Booth changes matter only to caches; boards and tablets hear of them otherwise.
    if (note.what === 'booths') return;
    const held = source.heldSeq(note.eventId);
    const told = this.told.get(note.eventId);
    // A node holding nothing of this event (no board, no cached totals) has nothing to refresh; nor
    // one whose consumers stand on the note already. Held totals alone do not say so: a read for a
    // request or a snapshot may have found changes the consumers were not yet handed.
    if (remote && (held === undefined || (told ?? held) >= note.seq)) return;
    // Deals the consumers were already handed (a read that came out newer covered them) go to no one twice.
    if (note.what === 'deals' && told !== undefined && told >= note.seq) return;
    // Nobody here is watching: drop what is held rather than read it for no one.
    if (remote && !source.watched(note.eventId)) return source.dropTotals(note.eventId);
    const dealIds = note.dealIds ?? [];
    let read = known ? undefined : await source.readChange(note.eventId, note.what === 'deals' ? { afterSeq: told ?? held, dealIds } : undefined);
    const totals = known?.totals ?? read?.totals;
    const event = await source.event(note.eventId);
    if (!totals || !event) return;
    if (note.what === 'deals' && told !== undefined && told >= totals.seq) return;
    const fromSeq = told ?? known?.fromSeq ?? held ?? totals.seq - 1;
    // What the change knows of its deals holds only if it starts where the consumers stand; else they are read by seq.
    const knownDeals = known?.deals && known.fromSeq >= fromSeq ? known.deals : undefined;
    if (note.what === 'deals' && known && (!knownDeals || !known.climb)) read = await source.readChange(note.eventId, { afterSeq: fromSeq, upToSeq: totals.seq, dealIds });
    const deals = knownDeals ?? read?.deals ?? [];
    this.told.set(note.eventId, Math.max(totals.seq, told ?? 0));
    const climb = known?.climb ?? read?.climb ?? [];
    const unlisted = (!knownDeals && read?.unlisted) || NONE_UNLISTED;
    const change: Change = { ...note, seq: totals.seq, fromSeq, totals, deals, unlisted, event, climb };
    for (const consumer of this.consumers) {
      try {
        await consumer(change);
      } catch (err) {
        this.logger?.error({ err, eventId: note.eventId }, 'change feed: a consumer failed');
      }
    }
  }
}
