import type { Server, Socket } from 'socket.io';
import { BoardStream, NAMESPACES, UPDATE_JSON_BYTES, type BoardUpdate, type Deal, type ClimbPointDelta, type PublicEvent, type SellerPrivacy, type Totals } from '@dealboard/shared';
import { toBoardDeal } from '../ledger/deals/deal-row.js';
import { BoardFrame } from './fanout.js';

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

/** A board socket as the coalescer writes to it (the typed `/board` socket). */
export type BoardTarget = { readonly connected: boolean; readonly conn: Socket['conn']; emit(event: 'board:update', update: BoardUpdate): unknown };

/**
 * Per-event coalescing: the first change of a quiet period goes at once, then at most one
 * update per interval. What an update carries is `BoardStream`'s: what changed since the
 * previous one, within MAX_UPDATE_BYTES on the wire, the rest in the next one (or a
 * follow-up at the same `seq`), so its size follows the activity, not the size of the event.
 */
export class Coalescer {
  private lastSentAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private sending = false;
  private stopped = false;
  private readonly stream: BoardStream;

  /**
   * `sent`: the totals the boards hold (or the baseline the first update builds on).
   * `event`: its kinds, categories, booths and delegations are the keys from the start, so every
   * snapshot carries them and an update defines a key only for a booth or category added later.
   */
  constructor(
    private readonly io: Server,
    private readonly boards: Set<BoardTarget>,
    sent: Totals,
    private readonly intervalMs: number,
    /** Unsent bytes past which a board's connection is dropped. */
    private readonly maxUnsent: number,
    event?: PublicEvent,
  ) {
    const keys = event ? ['trade', 'investment', ...event.categories.map((c) => c.id), ...event.booths.map((b) => b.id), ...event.delegations.map((d) => d.id)] : [];
    this.stream = new BoardStream(sent, keys);
  }

  /** The keys updates have used so far, for a snapshot (updates name keys by their index here). */
  keys(): string[] {
    return this.stream.keys();
  }

  /** When the next update may go (now or past when it may go at once). */
  nextSendAt(): number {
    return this.lastSentAt + this.intervalMs;
  }

  /** The event's public config changed: the next update carries it. */
  setEvent(event: PublicEvent) {
    this.stream.setEvent(event);
  }

  /** A committed change: the totals it led to, the deals it touched (and how many more it made), the climb points it may have moved. */
  push(change: { totals: Totals; deals: Deal[]; unlisted?: { deals: number }; climb: readonly ClimbPointDelta[] }, privacy: SellerPrivacy) {
    const deals = change.deals.filter((d) => d.status !== 'pending').map((d) => toBoardDeal(d, privacy));
    if (this.stream.push(change.totals, deals, change.climb, change.unlisted?.deals)) this.plan();
  }

  private plan() {
    if (this.timer || this.sending || this.stopped || !this.stream.pending) return;
    const wait = this.lastSentAt + this.intervalMs - Date.now();
    if (wait <= 0) void this.send();
    else this.timer = setTimeout(() => void this.send(), wait);
  }

  private async send() {
    this.timer = undefined;
    const update = this.stream.take(UPDATE_JSON_BYTES);
    if (!update) return;
    this.lastSentAt = Date.now();
    // Board after board, a turn of the event loop every SLICE_MS; changes that arrive meanwhile wait
    // for the next update, so every board sees the updates in order. Boards that connect meanwhile
    // get their snapshot instead. Encoded and framed once, written once per board.
    const frame = new BoardFrame(this.io, NAMESPACES.board, 'board:update', update, this.maxUnsent);
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
        if (socket.connected) frame.writeTo(socket.conn, () => socket.emit('board:update', update));
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
