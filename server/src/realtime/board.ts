import type { Namespace, Server, Socket } from 'socket.io';
import type { BoardClientToServerEvents, BoardServerToClientEvents, BoardSnapshot, BoardDeal, PublicEvent, SellerPrivacy, Totals } from '@dealboard/shared';
import type { EventsRepo } from '../ledger/events-repo.js';
import type { Ledger } from '../ledger/ledger.js';
import type { Change, ChangeFeed } from '../ledger/change-feed.js';
import { toBoardDeal } from '../ledger/deal-row.js';
import { recentDeals } from '../ledger/queries.js';
import type { Db } from '../store/db.js';
import type { ScreensRegistry } from './screens.js';
import { BoardFrame } from './fanout.js';

type BoardNamespace = Namespace<BoardClientToServerEvents, BoardServerToClientEvents, Record<string, never>, { eventId: string }>;
type BoardSocket = Parameters<Parameters<BoardNamespace['on']>[1]>[0];

const room = (eventId: string) => `event:${eventId}`;
const MAX_CHANGED = 50;

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

/** Per-event coalescing: the first change of a quiet period goes at once, then at most one update per interval. */
class Coalescer {
  private lastSentAt = 0;
  private lastSentSeq: number;
  private timer: NodeJS.Timeout | undefined;
  private sending = false;
  private stopped = false;
  private pendingTotals: Totals | undefined;
  private pendingDeals: BoardDeal[] = [];
  private pendingEvent: PublicEvent | undefined;

  constructor(
    private readonly io: Server,
    private readonly boards: Set<BoardSocket>,
    startSeq: number,
    private readonly intervalMs: number,
  ) {
    this.lastSentSeq = startSeq;
  }

  /** The event's public config changed: the next update carries it. */
  setEvent(event: PublicEvent) {
    this.pendingEvent = event;
  }

  push(change: Pick<Change, 'totals' | 'deals'>, privacy: SellerPrivacy) {
    if (this.pendingTotals && this.pendingTotals.seq > change.totals.seq) return;
    this.pendingTotals = change.totals;
    this.pendingDeals.unshift(...change.deals.filter((d) => d.status !== 'pending').map((d) => toBoardDeal(d, privacy)).reverse());
    if (this.pendingDeals.length > MAX_CHANGED) this.pendingDeals.length = MAX_CHANGED;
    this.plan();
  }

  private plan() {
    if (this.timer || this.sending || !this.pendingTotals) return;
    const wait = this.lastSentAt + this.intervalMs - Date.now();
    if (wait <= 0) void this.send();
    else this.timer = setTimeout(() => void this.send(), wait);
  }

  private async send() {
    this.timer = undefined;
    const totals = this.pendingTotals;
    if (!totals) return;
    const event = this.pendingEvent ? { event: this.pendingEvent } : {};
    const update = { ...totals, fromSeq: this.lastSentSeq, changed: this.pendingDeals, ...event };
    this.pendingEvent = undefined;
    this.lastSentSeq = totals.seq;
    this.lastSentAt = Date.now();
    this.pendingTotals = undefined;
    this.pendingDeals = [];
    // Board after board, a turn of the event loop every SLICE_MS; changes that arrive meanwhile wait
    // for the next update, so every board sees the updates in order. Boards that connect meanwhile
    // get their snapshot instead. Encoded and framed once, written once per board.
    const frame = new BoardFrame(this.io, '/board', 'board:update', update);
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

/** `/board`: read-only. Snapshot on connect and on request, coalesced updates after changes. */
export function registerBoardNamespace(io: Server, deps: { db: Db; events: EventsRepo; ledger: Ledger; feed: ChangeFeed; screens: ScreensRegistry; intervalMs: number }) {
  // One io serves several namespaces with different event maps; each is typed here.
  const nsp = io.of('/board') as unknown as BoardNamespace;
  const coalescers = new Map<string, Coalescer>();
  /** The board sockets of each event, in the order they connected. */
  const boardsByEvent = new Map<string, Set<BoardSocket>>();
  const boardsOf = (eventId: string) => {
    let s = boardsByEvent.get(eventId);
    if (!s) boardsByEvent.set(eventId, (s = new Set()));
    return s;
  };

  /** A snapshot of the event, or undefined (no such event, or the store out of reach for now). */
  const snapshot = async (eventId: string): Promise<BoardSnapshot | undefined> => {
    const read = await Promise.all([deps.events.getEvent(eventId), deps.ledger.totals(eventId), recentDeals(deps.db, eventId, 20)]).catch(() => undefined);
    if (!read) return undefined;
    const [event, totals, recent] = read;
    if (!event || !totals) return undefined;
    const privacy = event.settings.sellerPrivacy;
    return { ...totals, event, recent: recent.filter((d) => d.status !== 'pending').map((d) => toBoardDeal(d, privacy)) };
  };

  deps.screens.attachBoards(nsp as unknown as Namespace);

  nsp.use(async (socket, next) => {
    const eventId = (socket.handshake.auth as { eventId?: unknown })?.eventId;
    let known: PublicEvent | undefined;
    try {
      known = typeof eventId === 'string' && eventId.length <= 64 ? await deps.events.getEvent(eventId) : undefined;
    } catch {
      // The store is out of reach for now (a cluster's PostgreSQL restarting): the board keeps its last value and retries.
      next(Object.assign(new Error('unavailable'), { data: { code: 'unavailable', message: 'The server cannot reach its store now; try again', pesan: 'Server belum dapat menjangkau penyimpanan; coba lagi' } }));
      return;
    }
    if (typeof eventId !== 'string' || !known) {
      next(Object.assign(new Error('not_found'), { data: { code: 'not_found', message: 'Event not found', pesan: 'Acara tidak ditemukan' } }));
      return;
    }
    socket.data.eventId = eventId;
    next();
  });

  nsp.on('connection', async (socket) => {
    // Handlers first: a packet that arrives before its handler exists is dropped.
    const eventId = socket.data.eventId;
    // The console follows the ledger over this namespace too; it is not a screen.
    if ((socket.handshake.auth as { role?: unknown }).role !== 'console') deps.screens.addScreen(socket.id, eventId, socket.handshake.address);
    socket.on('board:status', (status) => deps.screens.report(socket.id, status));
    socket.on('disconnect', () => {
      deps.screens.removeScreen(socket.id);
      boardsOf(eventId).delete(socket);
    });
    socket.on('board:resync', async (ack) => {
      if (typeof ack !== 'function') return;
      const snap = await snapshot(eventId);
      ack(snap ? { ok: true, data: snap } : { ok: false, error: { code: 'not_found', message: 'Event not found', pesan: 'Acara tidak ditemukan' } });
    });
    void socket.join(room(eventId));
    const snap = await snapshot(eventId);
    // Updates from here on; the snapshot goes first (a plain emit, ahead of any raw frame).
    if (snap && socket.connected) socket.emit('board:snapshot', snap);
    if (socket.connected) boardsOf(eventId).add(socket);
    const mode = deps.screens.modeOf(eventId);
    if (mode !== 'live' && socket.connected) socket.emit('board:command', { command: mode });
  });

  const coalescer = (eventId: string, fromSeq: number) => {
    let c = coalescers.get(eventId);
    if (!c) {
      c = new Coalescer(io, boardsOf(eventId), fromSeq, deps.intervalMs);
      coalescers.set(eventId, c);
    }
    return c;
  };
  // The feed hands over changes in commit order, each with the event's config as it now stands
  // (it decides the seller privacy); after a config change the next update carries the config too.
  const off = deps.feed.subscribe((change) => {
    const c = coalescer(change.eventId, change.fromSeq);
    if (change.what === 'config') c.setEvent(change.event);
    c.push(change, change.event.settings.sellerPrivacy);
  });

  return {
    close() {
      off();
      for (const c of coalescers.values()) c.stop();
    },
  };
}
