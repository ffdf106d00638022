import type { Namespace, Server } from 'socket.io';
import type { BoardClientToServerEvents, BoardServerToClientEvents, BoardSnapshot, BoardDeal, PublicEvent, SellerPrivacy, Totals } from '@dealboard/shared';
import type { EventsRepo } from '../ledger/events-repo.js';
import type { Ledger, LedgerChange } from '../ledger/ledger.js';
import { toBoardDeal } from '../ledger/deal-row.js';
import { recentDeals } from '../ledger/queries.js';
import type { Db } from '../store/db.js';
import type { ScreensRegistry } from './screens.js';

type BoardNamespace = Namespace<BoardClientToServerEvents, BoardServerToClientEvents, Record<string, never>, { eventId: string }>;

const room = (eventId: string) => `event:${eventId}`;
const MAX_CHANGED = 50;

/** Per-event coalescing: the first change of a quiet period goes at once, then at most one update per interval. */
class Coalescer {
  private lastSentAt = 0;
  private lastSentSeq: number;
  private timer: NodeJS.Timeout | undefined;
  private pendingTotals: Totals | undefined;
  private pendingDeals: BoardDeal[] = [];
  private pendingEvent: PublicEvent | undefined;

  constructor(
    private readonly nsp: BoardNamespace,
    private readonly eventId: string,
    startSeq: number,
    private readonly intervalMs: number,
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
    if (this.timer) return;
    const wait = this.lastSentAt + this.intervalMs - Date.now();
    if (wait <= 0) this.send();
    else this.timer = setTimeout(() => this.send(), wait);
  }

  private send() {
    this.timer = undefined;
    const totals = this.pendingTotals;
    if (!totals) return;
    const event = this.pendingEvent ? { event: this.pendingEvent } : {};
    this.nsp.to(room(this.eventId)).emit('board:update', { ...totals, fromSeq: this.lastSentSeq, changed: this.pendingDeals, ...event });
    this.pendingEvent = undefined;
    this.lastSentSeq = totals.seq;
    this.lastSentAt = Date.now();
    this.pendingTotals = undefined;
    this.pendingDeals = [];
  }

  stop() {
    if (this.timer) clearTimeout(this.timer);
  }
}

/** `/board`: read-only. Snapshot on connect and on request, coalesced updates after changes. */
export function registerBoardNamespace(io: Server, deps: { db: Db; events: EventsRepo; ledger: Ledger; screens: ScreensRegistry; intervalMs: number }) {
  // One io serves several namespaces with different event maps; each is typed here.
  const nsp = io.of('/board') as unknown as BoardNamespace;
  const coalescers = new Map<string, Coalescer>();

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
    socket.on('disconnect', () => deps.screens.removeScreen(socket.id));
    socket.on('board:resync', async (ack) => {
      if (typeof ack !== 'function') return;
      const snap = await snapshot(eventId);
      ack(snap ? { ok: true, data: snap } : { ok: false, error: { code: 'not_found', message: 'Event not found', pesan: 'Acara tidak ditemukan' } });
    });
    void socket.join(room(eventId));
    const snap = await snapshot(eventId);
    if (snap && socket.connected) socket.emit('board:snapshot', snap);
    const mode = deps.screens.modeOf(eventId);
    if (mode !== 'live' && socket.connected) socket.emit('board:command', { command: mode });
  });

  const coalescer = (eventId: string, fromSeq: number) => {
    let c = coalescers.get(eventId);
    if (!c) {
      c = new Coalescer(nsp, eventId, fromSeq, deps.intervalMs);
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
