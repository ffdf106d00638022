import type { Namespace, Server } from 'socket.io';
import { NAMESPACES, type OperatorClientToServerEvents, type OperatorServerToClientEvents } from '@dealboard/shared';
import type { Logger } from 'pino';
import { toPublicBooth, type BoothIdentity } from '../ledger/booths/booth-identity.js';
import type { BoothsRepo } from '../ledger/booths/booths-repo.js';
import type { EventsRepo } from '../ledger/events/events-repo.js';
import type { DealIntake } from '../ledger/batch/intake.js';
import type { Ledger } from '../ledger/batch/ledger.js';
import type { ChangeFeed } from '../ledger/feed/change-feed.js';
import { correctDeal } from '../ledger/deals/corrections.js';
import { boothTotals, recentBoothDeals } from '../ledger/reads/queries.js';
import type { Db } from '../store/db.js';
import type { StoreHealth } from '../store/store-health.js';
import { parseInput } from '../core/validate.js';
import type { ScreensRegistry } from '../presence/screens.js';
import { z } from 'zod';
import { nameSchema, type Ack, type ApiError } from '@dealboard/shared';
import { DomainError, storeUnavailable } from '../core/errors.js';

type SocketData = { booth: BoothIdentity; token: string };
type OperatorNamespace = Namespace<OperatorClientToServerEvents, OperatorServerToClientEvents, Record<string, never>, SocketData>;

const unavailable = { code: 'unavailable', message: 'The server cannot reach its store now; try again', pesan: 'Server belum dapat menjangkau penyimpanan; coba lagi' } as const;
const unauthorized = { code: 'unauthorized', message: 'Missing, wrong or revoked booth token', pesan: 'Token stan tidak ada, salah, atau sudah dicabut' } as const;

/** How many of its newest deals a tablet's "my deals" list shows; its total comes from the ledger's sums. */
const BOOTH_DEALS_PAGE = 500;

/** `/operator`: the booth tablet. The token is checked at the handshake; `deal:submit` acks after the durable commit. */
export function registerOperatorNamespace(io: Server, deps: { db: Db; events: EventsRepo; booths: BoothsRepo; ledger: Ledger; feed: ChangeFeed; intake: DealIntake; screens: ScreensRegistry; storeHealth: StoreHealth; logger: Logger }) {
  const nsp = io.of(NAMESPACES.operator) as OperatorNamespace;

  nsp.use(async (socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown })?.token;
    let booth: BoothIdentity | undefined;
    try {
      booth = typeof token === 'string' ? await deps.booths.findByToken(token) : undefined;
    } catch (err) {
      // The store is out of reach (a PostgreSQL restart, say): refuse for now; the tablet tries again.
      deps.logger.warn({ err }, 'operator handshake: store unavailable');
      next(Object.assign(new Error('unavailable'), { data: unavailable }));
      return;
    }
    if (!booth || booth.revoked) {
      next(Object.assign(new Error('unauthorized'), { data: unauthorized }));
      return;
    }
    socket.data.booth = booth;
    socket.data.token = token as string;
    next();
  });

  /**
   * The booth as it is now, not as it was at the handshake: an organiser may rename it, move it to
   * another delegation, revoke it or rotate its token while the tablet stays connected. The lookup
   * is a memory hit until a booth changes.
   */
  const currentBooth = async (data: SocketData): Promise<BoothIdentity> => {
    const booth = await deps.booths.findByToken(data.token);
    if (!booth) throw new DomainError('unauthorized', unauthorized.message, unauthorized.pesan);
    data.booth = booth;
    return booth;
  };

  /**
   * The event's booths or config changed, here or on another node, and this node's token cache is
   * empty: each of its tablets of that event re-reads its booth. A revoked, removed or re-tokened
   * booth's tablets are cut off (their token is refused when they try again, since the cache was
   * emptied first); a renamed or moved booth's show, and tag their deals with, the new details.
   */
  deps.booths.onStale((eventId) => {
    void (async () => {
      const event = await deps.events.getEvent(eventId);
      for (const socket of nsp.sockets.values()) {
        if (socket.data.booth?.eventId !== eventId) continue;
        const booth = await deps.booths.findByToken(socket.data.token);
        if (!booth || booth.revoked || !event) {
          socket.disconnect(true);
          continue;
        }
        const shown = toPublicBooth(booth);
        const moved = JSON.stringify(shown) !== JSON.stringify(toPublicBooth(socket.data.booth));
        socket.data.booth = booth;
        if (moved) socket.emit('operator:session', { booth: shown, event });
      }
    })().catch((err: unknown) => deps.logger.warn({ err, eventId }, 'could not check tablets after a booth change'));
  });
  // Every node reads the feed, so each tells only its own tablets (`local`), never through the adapter.
  deps.feed.subscribe((change) => {
    if (change.what === 'config' || change.what === 'reset') nsp.local.to(`event:${change.eventId}`).emit('event:changed', change.event);
    // A wiped rehearsal: every tablet of the event reads its (now empty) list again.
    if (change.what === 'reset') nsp.local.to(`event:${change.eventId}`).emit('booth:changed', { dealIds: [] });
    // An organiser's void or approval reaches the booth's tablets at once, not at their next refresh.
    const byBooth = new Map<string, string[]>();
    for (const d of change.deals) byBooth.set(d.boothId, [...(byBooth.get(d.boothId) ?? []), d.id]);
    // Booths with deals past those the change lists read their list again too.
    for (const boothId of change.unlisted.boothIds) byBooth.set(boothId, byBooth.get(boothId) ?? []);
    for (const [boothId, dealIds] of byBooth) nsp.local.to(`booth:${boothId}`).emit('booth:changed', { dealIds });
  });

  nsp.on('connection', async (socket) => {
    // Handlers first: a packet that arrives before its handler exists is dropped.
    const boothId = socket.data.booth.id;
    const eventId = socket.data.booth.eventId;
    const fail = (e: unknown): ApiError =>
      e instanceof DomainError ? e.toJSON() : deps.storeHealth.failed(e) ? storeUnavailable().toJSON() : internalError(deps.logger, e, boothId);
    const answer = acknowledged(fail);

    // Asked with or without a payload (a payload is ignored): the answer is the last argument.
    socket.on(
      'booth:deals',
      answer(async () => {
        const booth = await currentBooth(socket.data);
        const event = await deps.events.getEvent(booth.eventId);
        const [deals, sums] = await Promise.all([
          recentBoothDeals(deps.db, booth.eventId, booth.id, BOOTH_DEALS_PAGE),
          boothTotals(deps.db, booth.eventId, booth.id),
        ]);
        return { deals, total: sums.total, count: sums.count, selfVoidWindowMin: event?.settings.selfVoidWindowMin ?? 0 };
      }),
    );

    socket.on(
      'deal:void',
      answer(async (request) => {
        const booth = await currentBooth(socket.data);
        const { dealId, reason } = parseInput(selfVoidSchema, request);
        const event = await deps.events.requireEvent(booth.eventId);
        const deal = await deps.ledger.findDeal(dealId);
        const windowMs = event.settings.selfVoidWindowMin * 60_000;
        if (deal && deal.boothId === booth.id && Date.now() - Date.parse(deal.recordedAt) > windowMs) {
          throw new DomainError(
            'forbidden',
            `Deals older than ${event.settings.selfVoidWindowMin} minutes are corrected by the organiser`,
            `Transaksi yang lebih dari ${event.settings.selfVoidWindowMin} menit dikoreksi oleh panitia`,
          );
        }
        return correctDeal(deps.ledger, 'void', { eventId: booth.eventId, dealId, reason, boothId: booth.id, actor: `booth: ${booth.name}` });
      }),
    );

    socket.on(
      'deal:submit',
      answer(async (payload) => deps.intake.submit(await currentBooth(socket.data), payload)),
    );

    void socket.join([`event:${eventId}`, `booth:${boothId}`]);
    const event = await deps.events.getEvent(eventId).catch(() => undefined);
    const publicBooth = toPublicBooth(socket.data.booth);
    if (event && socket.connected) socket.emit('operator:session', { booth: publicBooth, event });
  });
}

const selfVoidSchema = z.object({ dealId: z.string().min(1).max(64), reason: nameSchema(300) }).strict();

/**
 * One way every acknowledged tablet event answers: the ack is the last argument, whatever
 * came before it (an event sent without one gets no answer, as Socket.IO cannot give one);
 * `run` gets the first argument when there was one; a refusal or fault becomes `{ok: false}`.
 */
function acknowledged(fail: (e: unknown) => ApiError) {
  return <T>(run: (payload: unknown) => Promise<T>) =>
    (...args: unknown[]): void => {
      const ack = args.at(-1);
      if (typeof ack !== 'function') return;
      const respond = ack as (res: Ack<T>) => void;
      run(args.length > 1 ? args[0] : undefined).then(
        (data) => respond({ ok: true, data }),
        (e: unknown) => respond({ ok: false, error: fail(e) }),
      );
    };
}

function internalError(logger: Logger, err: unknown, boothId: string): ApiError {
  logger.error({ err, boothId }, 'operator request failed');
  return { code: 'internal', message: 'The server could not do this now; try again', pesan: 'Server belum dapat memproses; coba lagi' };
}
