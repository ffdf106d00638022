import type { Namespace, Server } from 'socket.io';
import type { BoardClientToServerEvents, BoardServerToClientEvents, BoardSnapshot, BoardDeal, PublicEvent, SellerPrivacy, Totals } from '@dealboard/shared';
import type { EventsRepo } from '../ledger/events-repo.js';
import type { Ledger, LedgerChange } from '../ledger/ledger.js';
import { toBoardDeal } from '../ledger/deal-row.js';
import { recentDeals } from '../ledger/queries.js';
import type { Db } from '../store/db.js';
import type { ScreensRegistry } from './screens.js';

type BoardNamespace = Namespace<BoardClientToServerEvents, BoardServerToClientEvents, Record<string, never>, { eventId: string; shard?: number }>;

const room = (eventId: string) => `event:${eventId}`;
const MAX_CHANGED = 50;

/**
 * Boards of one event are also spread over shard rooms of at most SHARD_SIZE
 * sockets, and an update is written shard after shard, yielding the event loop
 * whenever writing has held it for SLICE_MS: writing to thousands of sockets in
 * one go holds the loop for tens of milliseconds (more on a busy machine), and
 * every deal's ack and commit would wait behind it.
 */
const SHARD_SIZE = 250;
const SLICE_MS = 10;
const shardRoom = (eventId: string, shard: number) => `event:${eventId}#${shard}`;

/** How many boards sit in each shard room of one event; a new board goes to the emptiest shard with room. */
class Shards {
  readonly sizes: number[] = [];
  add(): number {
    let best = -1;
    for (let i = 0; i < this.sizes.length; i++) {
      if (this.sizes[i]! < SHARD_SIZE && (best < 0 || this.sizes[i]! < this.sizes[best]!)) best = i;
    }
    if (best < 0) best = this.sizes.push(0) - 1;
    this.sizes[best]! += 1;
    return best;
  }
  remove(shard: number) {
    if (this.sizes[shard]) this.sizes[shard] -= 1;
  }
}

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

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
    private readonly nsp: BoardNamespace,
    private readonly eventId: string,
    startSeq: number,
    private readonly intervalMs: number,
    private readonly shards: Shards,
  ) {
    this.lastSentSeq = startSeq;
  }

  /** The event's public config changed: the next update carries it. */
  setEvent(event: PublicEvent) {
    this.pendingEvent = event;
  }

  push(change: LedgerChange, privacy: SellerPrivacy) {
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
    // Shard after shard, a turn of the event loop every SLICE_MS; changes that arrive meanwhile wait
    // for the next update, so every board sees the updates in order. Encoded once per shard (a few
    // dozen µs), the frame written once per socket.
    this.sending = true;
    try {
      let slice = performance.now();
      for (let k = 0; k < this.shards.sizes.length; k++) {
        if (this.stopped) return;
        if (!this.shards.sizes[k]) continue;
        if (performance.now() - slice >= SLICE_MS) {
          await nextTurn();
          if (this.stopped) return;
          slice = performance.now();
        }
        this.nsp.to(shardRoom(this.eventId, k)).emit('board:update', update);
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
export function registerBoardNamespace(io: Server, deps: { db: Db; events: EventsRepo; ledger: Ledger; screens: ScreensRegistry; intervalMs: number }) {
  // One io serves several namespaces with different event maps; each is typed here.
  const nsp = io.of('/board') as unknown as BoardNamespace;
  const coalescers = new Map<string, Coalescer>();
  const shardsByEvent = new Map<string, Shards>();
  const shardsOf = (eventId: string) => {
    let s = shardsByEvent.get(eventId);
    if (!s) shardsByEvent.set(eventId, (s = new Shards()));
    return s;
  };

  const snapshot = async (eventId: string): Promise<BoardSnapshot | undefined> => {
    const [event, totals, recent] = await Promise.all([
      deps.events.getEvent(eventId),
      deps.ledger.totals(eventId),
      recentDeals(deps.db, eventId, 20),
    ]);
    if (!event || !totals) return undefined;
    const privacy = event.settings.sellerPrivacy;
    return { ...totals, event, recent: recent.filter((d) => d.status !== 'pending').map((d) => toBoardDeal(d, privacy)) };
  };

  deps.screens.attachBoards(nsp as unknown as Namespace);

  nsp.use(async (socket, next) => {
    const eventId = (socket.handshake.auth as { eventId?: unknown })?.eventId;
    if (typeof eventId !== 'string' || eventId.length > 64 || !(await deps.events.getEvent(eventId))) {
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
    const shard = shardsOf(eventId).add();
    socket.data.shard = shard;
    socket.on('disconnect', () => {
      deps.screens.removeScreen(socket.id);
      shardsOf(eventId).remove(shard);
    });
    socket.on('board:resync', async (ack) => {
      if (typeof ack !== 'function') return;
      const snap = await snapshot(eventId);
      ack(snap ? { ok: true, data: snap } : { ok: false, error: { code: 'not_found', message: 'Event not found', pesan: 'Acara tidak ditemukan' } });
    });
    void socket.join([room(eventId), shardRoom(eventId, shard)]);
    const snap = await snapshot(eventId);
    if (snap && socket.connected) socket.emit('board:snapshot', snap);
    const mode = deps.screens.modeOf(eventId);
    if (mode !== 'live' && socket.connected) socket.emit('board:command', { command: mode });
  });

  const coalescer = (eventId: string, fromSeq: number) => {
    let c = coalescers.get(eventId);
    if (!c) {
      c = new Coalescer(nsp, eventId, fromSeq, deps.intervalMs, shardsOf(eventId));
      coalescers.set(eventId, c);
    }
    return c;
  };
  // A config change is followed by refreshed totals; the update that carries them carries the config too.
  const changedEvents = new Map<string, PublicEvent>();
  const offEvents = deps.events.onChange((event) => changedEvents.set(event.id, event));
  // Changes are handled strictly in order; the event config (cached) decides the seller privacy.
  let inOrder = Promise.resolve();
  const off = deps.ledger.onChange((change) => {
    inOrder = inOrder
      .then(async () => {
        const current = await deps.events.getEvent(change.eventId);
        const c = coalescer(change.eventId, change.fromSeq);
        const event = changedEvents.get(change.eventId);
        if (event) {
          c.setEvent(event);
          changedEvents.delete(change.eventId);
        }
        c.push(change, (event ?? current)?.settings.sellerPrivacy ?? 'hidden');
      })
      .catch(() => undefined);
  });

  return {
    close() {
      off();
      offEvents();
      for (const c of coalescers.values()) c.stop();
    },
  };
}
