import type { Namespace, Server } from 'socket.io';
import { NAMESPACES, type ProgrammeClientToServerEvents, type ProgrammeServerToClientEvents } from '@dealboard/shared';
import type { ChangeFeed } from '../ledger/feed/change-feed.js';
import type { ProgrammeReadDeps } from '../programmes/programme-reads.js';
import { dropConnection } from './backpressure.js';
import { BoardAdmission } from './board-admission.js';
import { ResyncGate, resyncRefusal } from './resync-gate.js';
import { ProgrammeHub } from './programme-hub.js';

type ProgrammeNamespace = Namespace<ProgrammeClientToServerEvents, ProgrammeServerToClientEvents, Record<string, never>, { programmeId: string }>;

const notFound = { code: 'not_found', message: 'Programme not found', pesan: 'Program tidak ditemukan' } as const;

export interface ProgrammeBoardDeps extends ProgrammeReadDeps {
  feed: ChangeFeed;
  intervalMs: number;
  admission: BoardAdmission;
  addressOf: (socket: { request: import('node:http').IncomingMessage }) => string;
  /** How often an open programme's stored base is compared with the hub's (another node's membership change). */
  membershipCheckMs?: number;
}

const MEMBERSHIP_CHECK_MS = 3000;

/**
 * `/programme`: the national boards, read-only. Snapshot on connect and on request, paced
 * updates after any member event's change (from the one change feed, as an event's boards) or
 * freshness change, and a fresh snapshot to every board after the programme's events changed.
 */
export function registerProgrammeNamespace(io: Server, deps: ProgrammeBoardDeps) {
  const nsp = io.of(NAMESPACES.programme) as ProgrammeNamespace;
  /** Each programme's hub, while it is being read too (changes wait for it rather than miss it). */
  const hubs = new Map<string, Promise<ProgrammeHub | undefined>>();
  const hubOf = (programmeId: string) => {
    let h = hubs.get(programmeId);
    if (!h) {
      h = ProgrammeHub.open(deps, programmeId, deps.intervalMs).catch(() => undefined);
      hubs.set(programmeId, h);
      // A programme that could not be read (gone, or the store out of reach) is read again next time.
      void h.then((hub) => {
        if (!hub) hubs.delete(programmeId);
        else if (hubs.get(programmeId) === h) ready.set(programmeId, hub);
      });
    }
    return h;
  };
  /** The hubs read already, for questions that cannot wait (`watches`). */
  const ready = new Map<string, ProgrammeHub>();
  const openHubs = async () => (await Promise.all(hubs.values())).filter((h): h is ProgrammeHub => !!h);

  nsp.use(async (socket, next) => {
    const programmeId = (socket.handshake.auth as { programmeId?: unknown })?.programmeId;
    if (typeof programmeId !== 'string' || programmeId.length > 64 || !(await hubOf(programmeId))) {
      next(Object.assign(new Error('not_found'), { data: notFound }));
      return;
    }
    const refused = deps.admission.admitSocket(socket, deps.addressOf(socket));
    if (refused) {
      next(refused);
      return;
    }
    socket.data.programmeId = programmeId;
    next();
  });

  nsp.on('connection', async (socket) => {
    const { programmeId } = socket.data;
    const gate = new ResyncGate();
    socket.on('programme:resync', (ack) => {
      if (typeof ack !== 'function') return;
      const answer = gate.request(async () => {
        const hub = await hubOf(programmeId);
        if (socket.connected) ack(hub ? { ok: true, data: hub.snapshot() } : { ok: false, error: notFound });
      });
      if (answer === 'refused') ack({ ok: false, error: resyncRefusal });
      else if (answer === 'abusive') dropConnection(socket.conn);
    });
    // Registered before any await: the board is forgotten by whichever hub holds it then (membership changes replace the hub).
    socket.on('disconnect', () => ready.get(programmeId)?.boards.delete(socket));
    const hub = await hubOf(programmeId);
    if (!hub || !socket.connected) return;
    socket.emit('programme:snapshot', hub.snapshot());
    hub.boards.add(socket);
  });

  const offFeed = deps.feed.subscribe(async (change) => {
    for (const hub of await openHubs()) if (hub.has(change.eventId)) hub.change(change);
  });
  const offFreshness = deps.freshness.onChange((eventId) => {
    void openHubs().then((all) => Promise.all(all.filter((h) => h.has(eventId)).map((h) => h.freshnessChanged(eventId))));
  });
  // Events joined or left: the programme is read again and every board starts from its snapshot.
  const reread = (programmeId: string) => {
    const before = hubs.get(programmeId);
    if (!before) return;
    hubs.delete(programmeId);
    ready.delete(programmeId);
    void (async () => {
      const old = await before;
      old?.stop();
      const fresh = await hubOf(programmeId);
      if (!fresh) return;
      for (const b of old?.boards ?? []) {
        fresh.boards.add(b);
        if (b.connected) b.emit('programme:snapshot', fresh.snapshot());
      }
    })();
  };
  const offMembership = deps.programmes.onMembership(reread);
  // A membership change made on another node of a cluster is seen here by its stored base.
  const watchBase = setInterval(() => {
    for (const [id, hub] of ready) {
      void deps.programmes
        .base(id)
        .then((base) => base !== undefined && base !== hub.readAtBase && ready.get(id) === hub && reread(id))
        .catch(() => undefined);
    }
  }, deps.membershipCheckMs ?? MEMBERSHIP_CHECK_MS);
  watchBase.unref();

  return {
    /** Whether a national board here shows this event (the feed reads other nodes' changes of it then). */
    watches(eventId: string): boolean {
      return [...ready.values()].some((h) => h.has(eventId) && h.boards.size > 0);
    },
    close() {
      offFeed();
      offFreshness();
      offMembership();
      clearInterval(watchBase);
      void openHubs().then((all) => all.forEach((h) => h.stop()));
    },
  };
}
