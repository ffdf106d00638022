import type { Namespace, Server } from 'socket.io';
import { type OperatorClientToServerEvents, type OperatorServerToClientEvents } from '@dealboard/shared';
import type { Logger } from 'pino';
import type { BoothIdentity, BoothsRepo } from '../ledger/booths-repo.js';
import type { EventsRepo } from '../ledger/events-repo.js';
import type { DealIntake } from '../ledger/intake.js';
import type { Ledger } from '../ledger/ledger.js';
import type { ChangeFeed } from '../ledger/change-feed.js';
import { correctDeal } from '../ledger/corrections.js';
import { listDeals } from '../ledger/queries.js';
import type { Db } from '../store/db.js';
import { parseInput } from '../validate.js';
import type { ScreensRegistry } from './screens.js';
import { z } from 'zod';
import { nameSchema, type ApiError } from '@dealboard/shared';
import { DomainError } from '../ledger/errors.js';

type OperatorNamespace = Namespace<OperatorClientToServerEvents, OperatorServerToClientEvents, Record<string, never>, { booth: BoothIdentity }>;

const unavailable = { code: 'unavailable', message: 'The server cannot reach its store now; try again', pesan: 'Server belum dapat menjangkau penyimpanan; coba lagi' } as const;
const unauthorized = { code: 'unauthorized', message: 'Missing, wrong or revoked booth token', pesan: 'Token stan tidak ada, salah, atau sudah dicabut' } as const;

/** `/operator`: the booth tablet. The token is checked at the handshake; `deal:submit` acks after the durable commit. */
export function registerOperatorNamespace(io: Server, deps: { db: Db; events: EventsRepo; booths: BoothsRepo; ledger: Ledger; feed: ChangeFeed; intake: DealIntake; screens: ScreensRegistry; logger: Logger }) {
  const nsp = io.of('/operator') as unknown as OperatorNamespace;

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
    next();
  });

  deps.screens.attachTablets(nsp as unknown as Namespace);
  // Every node reads the feed, so each tells only its own tablets (`local`), never through the adapter.
  deps.feed.subscribe((change) => {
    if (change.what === 'config') nsp.local.to(`event:${change.eventId}`).emit('event:changed', change.event);
    // An organiser's void or approval reaches the booth's tablets at once, not at their next refresh.
    const byBooth = new Map<string, string[]>();
    for (const d of change.deals) byBooth.set(d.boothId, [...(byBooth.get(d.boothId) ?? []), d.id]);
    for (const [boothId, dealIds] of byBooth) nsp.local.to(`booth:${boothId}`).emit('booth:changed', { dealIds });
  });

  nsp.on('connection', async (socket) => {
    // Handlers first: a packet that arrives before its handler exists is dropped.
    const booth = socket.data.booth;
    deps.screens.addTablet(booth.id, socket);
    socket.on('disconnect', () => deps.screens.removeTablet(booth.id, socket));

    socket.on('booth:deals', async (ack) => {
      if (typeof ack !== 'function') return;
      let read;
      try {
        read = await Promise.all([deps.events.getEvent(booth.eventId), listDeals(deps.db, booth.eventId, { boothId: booth.id, limit: 500 })]);
      } catch (e) {
        return ack({ ok: false, error: internalError(deps.logger, e, booth.id) });
      }
      const [event, { deals }] = read;
      const recorded = deals.filter((d) => d.status === 'recorded');
      ack({
        ok: true,
        data: {
          deals,
          total: recorded.reduce((s, d) => s + d.amount, 0),
          count: recorded.length,
          selfVoidWindowMin: event?.settings.selfVoidWindowMin ?? 0,
        },
      });
    });

    socket.on('deal:void', async (request, ack) => {
      if (typeof ack !== 'function') return;
      try {
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
        ack({ ok: true, data: await correctDeal(deps.ledger, 'void', { eventId: booth.eventId, dealId, reason, boothId: booth.id, actor: `booth: ${booth.name}` }) });
      } catch (e) {
        ack({ ok: false, error: e instanceof DomainError ? e.toJSON() : internalError(deps.logger, e, booth.id) });
      }
    });

    socket.on('deal:submit', async (payload, ack) => {
      if (typeof ack !== 'function') return;
      try {
        const receipt = await deps.intake.submit(booth, payload);
        ack({ ok: true, data: receipt });
      } catch (e) {
        ack({ ok: false, error: e instanceof DomainError ? e.toJSON() : internalError(deps.logger, e, booth.id) });
      }
    });

    void socket.join([`event:${booth.eventId}`, `booth:${booth.id}`]);
    const event = await deps.events.getEvent(booth.eventId).catch(() => undefined);
    const { revoked: _revoked, ...publicBooth } = booth;
    if (event && socket.connected) socket.emit('operator:session', { booth: publicBooth, event });
  });
}

const selfVoidSchema = z.object({ dealId: z.string().min(1).max(64), reason: nameSchema(300) }).strict();

function internalError(logger: Logger, err: unknown, boothId: string): ApiError {
  logger.error({ err, boothId }, 'operator request failed');
  return { code: 'internal', message: 'The server could not do this now; try again', pesan: 'Server belum dapat memproses; coba lagi' };
}
