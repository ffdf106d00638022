import type { Namespace, Server } from 'socket.io';
import { NAMESPACES, type BoardClientToServerEvents, type BoardServerToClientEvents, type BoardSnapshot, type PublicEvent, type Totals } from '@dealboard/shared';
import type { EventsRepo } from '../ledger/events/events-repo.js';
import type { Ledger } from '../ledger/batch/ledger.js';
import { readBoardSnapshot } from '../ledger/reads/board-snapshot.js';
import type { ChangeFeed } from '../ledger/feed/change-feed.js';
import type { Db } from '../store/db.js';
import type { ScreensRegistry } from '../presence/screens.js';
import { dropConnection } from './backpressure.js';
import { BoardAdmission } from './board-admission.js';
import { ResyncGate, resyncRefusal } from './resync-gate.js';
import { Coalescer } from './coalescer.js';

type BoardNamespace = Namespace<BoardClientToServerEvents, BoardServerToClientEvents, Record<string, never>, { eventId: string }>;
type BoardSocket = Parameters<Parameters<BoardNamespace['on']>[1]>[0];

const room = (eventId: string) => `event:${eventId}`;

/** `/board`: read-only. Snapshot on connect and on request, coalesced updates after changes. */
export interface BoardDeps {
  db: Db;
  events: EventsRepo;
  ledger: Ledger;
  feed: ChangeFeed;
  screens: ScreensRegistry;
  intervalMs: number;
  /** Unsent bytes past which a board's connection is dropped. */
  maxUnsent: number;
  admission: BoardAdmission;
  /** The client's address, as TRUST_PROXY allows it to be known. */
  addressOf: (socket: { request: import('node:http').IncomingMessage }) => string;
}

export function registerBoardNamespace(io: Server, deps: BoardDeps) {
  // One io serves several namespaces with different event maps; each is typed here.
  const nsp = io.of(NAMESPACES.board) as BoardNamespace;
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
    const snap = await readBoardSnapshot(deps, eventId).catch(() => undefined);
    if (!snap) return undefined;
    const { event, recent: _r, climb: _c, ...totals } = snap;
    // Updates to this board will name keys by their index in its coalescer's table: the snapshot carries the table.
    return { ...snap, keys: coalescer(eventId, totals, event).keys() };
  };

  deps.screens.attachBoards(nsp);

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
    // Counted here, at the last step before the socket joins; given back however it ends.
    const refused = deps.admission.admitSocket(socket, deps.addressOf(socket));
    if (refused) {
      next(refused);
      return;
    }
    socket.data.eventId = eventId;
    next();
  });

  nsp.on('connection', async (socket) => {
    // Handlers first: a packet that arrives before its handler exists is dropped.
    const eventId = socket.data.eventId;
    // The console follows the ledger over this namespace too; it is not a screen.
    if ((socket.handshake.auth as { role?: unknown }).role !== 'console') deps.screens.addScreen(socket, eventId, deps.addressOf(socket));
    socket.on('board:status', (status) => deps.screens.report(socket.id, status));
    socket.on('disconnect', () => {
      deps.screens.removeScreen(socket.id);
      boardsOf(eventId).delete(socket);
      deps.admission.release(socket.id);
    });
    const gate = new ResyncGate();
    socket.on('board:resync', (ack) => {
      if (typeof ack !== 'function') return;
      const answer = gate.request(async () => {
        if (!socket.connected) return;
        const snap = await snapshot(eventId);
        ack(snap ? { ok: true, data: snap } : { ok: false, error: { code: 'not_found', message: 'Event not found', pesan: 'Acara tidak ditemukan' } });
      });
      if (answer === 'refused') ack({ ok: false, error: resyncRefusal });
      else if (answer === 'abusive') dropConnection(socket.conn);
    });
    void socket.join(room(eventId));
    const snap = await snapshot(eventId);
    // Updates from here on; the snapshot goes first (a plain emit, ahead of any raw frame).
    if (snap && socket.connected) socket.emit('board:snapshot', snap);
    if (socket.connected) boardsOf(eventId).add(socket);
    const mode = await deps.screens.modeOf(eventId);
    if (mode !== 'live' && socket.connected) socket.emit('board:command', { command: mode });
  });

  /**
   * Updates are differences from the totals the boards hold, so a coalescer starts from real
   * totals: the first snapshot, or the first change when no board is there yet (a board that
   * connects later has a snapshot at least as new, which the next update builds on).
   */
  const coalescer = (eventId: string, baseline: Totals, event: PublicEvent) => {
    let c = coalescers.get(eventId);
    if (!c) {
      c = new Coalescer(io, boardsOf(eventId), baseline, deps.intervalMs, deps.maxUnsent, event);
      coalescers.set(eventId, c);
    }
    return c;
  };
  // Deals are read when this node's boards can next be sent them.
  deps.feed.paceBy((eventId) => coalescers.get(eventId)?.nextSendAt());
  // The feed hands over changes in commit order, each with the event's config as it now stands
  // (it decides the seller privacy); after a config change the next update carries the config too.
  const off = deps.feed.subscribe(async (change) => {
    // A wiped rehearsal: figures went back to nothing, so every board starts again from a snapshot.
    if (change.what === 'reset') {
      coalescers.get(change.eventId)?.stop();
      coalescers.delete(change.eventId);
      const snap = await snapshot(change.eventId);
      if (snap) for (const b of boardsOf(change.eventId)) if (b.connected) b.emit('board:snapshot', snap);
      return;
    }
    const fresh = !coalescers.has(change.eventId);
    const c = coalescer(change.eventId, change.totals, change.event);
    // A new coalescer starts from these totals: no board holds anything older to update.
    if (fresh) return;
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
