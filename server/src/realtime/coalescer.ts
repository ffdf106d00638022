import type { Server, Socket } from 'socket.io';
import { diffTotals, encodeDelta, encodeTick, KeyTable, mergeClimb, packClimb, pickDeals, type BoardDeal, type BoardUpdate, type Deal, type ClimbPointDelta, type PublicEvent, type SellerPrivacy, type Totals } from '@dealboard/shared';
import { toBoardDeal } from '../ledger/deal-row.js';
import { BoardFrame } from './fanout.js';

/** The changed deals kept for the next update: more than it sends, so corrections can go first. */
const KEEP_CHANGED = 20;

/**
 * An update is written board after board, giving the event loop back whenever
 * writing has held it for SLICE_MS: writing to thousands of sockets in one go
 * holds the loop for tens of milliseconds, and every deal's ack and commit would
 * wait behind it. The turn is a timer, not `setImmediate`: deals read meanwhile
 * queue their commit with `setImmediate`, which then runs before the next slice.
 */
const SLICE_MS = 5;
/** How many boards are written between two looks at the clock. */
const CLOCK_EVERY = 16;

const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** A socket of the `/board` namespace as the coalescer writes to it. */
export type BoardTarget = { connected: boolean };

/**
 * Per-event coalescing: the first change of a quiet period goes at once, then at most one
 * update per interval. An update carries only what changed since the previous one
 * (`diffTotals` against the totals last sent), so its size follows the activity, not the
 * size of the event.
 */
export class Coalescer {
  private lastSentAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private sending = false;
  private stopped = false;
  private pendingTotals: Totals | undefined;
  private pendingDeals: BoardDeal[] = [];
  private pendingDealCount = 0;
  private pendingClimb: ClimbPointDelta[] = [];
  private pendingEvent: PublicEvent | undefined;
  private readonly table = new KeyTable();

  /**
   * `sent`: the totals the boards hold after the last update (or the baseline the first one builds on).
   * `event`: its kinds, categories, booths and delegations are the keys from the start, so every
   * snapshot carries them and an update defines a key only for a booth or category added later.
   */
  constructor(
    private readonly io: Server,
    private readonly boards: Set<BoardTarget>,
    private sent: Totals,
    private readonly intervalMs: number,
    /** Unsent bytes past which a board's connection is dropped. */
    private readonly maxUnsent: number,
    event?: PublicEvent,
  ) {
    if (!event) return;
    for (const k of ['trade', 'investment', ...event.categories.map((c) => c.id), ...event.booths.map((b) => b.id), ...event.delegations.map((d) => d.id)]) this.table.id(k);
    // No board has seen this table yet: each will get these keys in its snapshot.
    this.table.takeFresh();
  }

  /** The keys updates have used so far, for a snapshot (updates name keys by their index here). */
  keys(): string[] {
    return this.table.keys.slice();
  }

  /** The event's public config changed: the next update carries it. */
  setEvent(event: PublicEvent) {
    this.pendingEvent = event;
  }

  /** A committed change: the totals it led to, the deals it touched and the climb points it may have moved. */
  push(change: { totals: Totals; deals: Deal[]; climb: readonly ClimbPointDelta[] }, privacy: SellerPrivacy) {
    if (change.totals.seq <= (this.pendingTotals?.seq ?? this.sent.seq)) return;
    this.pendingTotals = change.totals;
    const deals = change.deals.filter((d) => d.status !== 'pending').map((d) => toBoardDeal(d, privacy));
    this.pendingDealCount += deals.length;
    const ids = new Set(deals.map((d) => d.id));
    this.pendingDeals = [...deals.reverse(), ...this.pendingDeals.filter((d) => !ids.has(d.id))].slice(0, KEEP_CHANGED);
    if (change.climb.length) this.pendingClimb = mergeClimb(this.pendingClimb, change.climb);
    this.plan();
  }

  private plan() {
    if (this.timer || this.sending || !this.pendingTotals) return;
    const wait = this.lastSentAt + this.intervalMs - Date.now();
    if (wait <= 0) void this.send();
    else this.timer = setTimeout(() => void this.send(), wait);
  }

  private take(): BoardUpdate | undefined {
    const totals = this.pendingTotals;
    if (!totals) return undefined;
    const { named, more } = pickDeals(this.pendingDeals);
    const update: BoardUpdate = { ...encodeDelta(diffTotals(this.sent, totals), this.table), fromSeq: this.sent.seq, changed: named.map((d) => encodeTick(d, this.table)) };
    const fresh = this.table.takeFresh();
    if (fresh.length) update.keys = fresh;
    const untold = more + this.pendingDealCount - this.pendingDeals.length;
    if (untold > 0) update.more = untold;
    if (this.pendingClimb.length) update.climb = packClimb(this.pendingClimb, totals.total);
    if (this.pendingEvent) update.event = this.pendingEvent;
    this.sent = totals;
    this.pendingTotals = this.pendingEvent = undefined;
    this.pendingDeals = [];
    this.pendingClimb = [];
    this.pendingDealCount = 0;
    return update;
  }

  private async send() {
    this.timer = undefined;
    const update = this.take();
    if (!update) return;
    this.lastSentAt = Date.now();
    // Board after board, a turn of the event loop every SLICE_MS; changes that arrive meanwhile wait
    // for the next update, so every board sees the updates in order. Boards that connect meanwhile
    // get their snapshot instead. Encoded and framed once, written once per board.
    const frame = new BoardFrame(this.io, '/board', 'board:update', update, this.maxUnsent);
    const targets = [...this.boards];
    this.sending = true;
    try {
      let slice = performance.now();
      for (let i = 0; i < targets.length; i++) {
        if (i % CLOCK_EVERY === 0 && i > 0 && performance.now() - slice >= SLICE_MS) {
          await nextTurn();
          if (this.stopped) return;
          slice = performance.now();
        }
        const socket = targets[i]!;
        if (socket.connected) frame.writeTo(socket as unknown as Socket);
      }
    } finally {
      this.sending = false;
    }
    this.plan();
  }

  stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }
}
