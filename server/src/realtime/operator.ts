import type { Namespace, Server } from 'socket.io';
import { type OperatorClientToServerEvents, type OperatorServerToClientEvents } from '@dealboard/shared';
import type { Logger } from 'pino';
import type { BoothIdentity, BoothsRepo } from '../ledger/booths-repo.js';
import type { EventsRepo } from '../ledger/events-repo.js';
import type { DealIntake } from '../ledger/intake.js';
import { DomainError } from '../ledger/errors.js';

type OperatorNamespace = Namespace<OperatorClientToServerEvents, OperatorServerToClientEvents, Record<string, never>, { booth: BoothIdentity }>;

const unauthorized = { code: 'unauthorized', message: 'Missing, wrong or revoked booth token', pesan: 'Token stan tidak ada, salah, atau sudah dicabut' } as const;

/** `/operator`: the booth tablet. The token is checked at the handshake; `deal:submit` acks after the durable commit. */
export function registerOperatorNamespace(io: Server, deps: { events: EventsRepo; booths: BoothsRepo; intake: DealIntake; logger: Logger }) {
  const nsp = io.of('/operator') as unknown as OperatorNamespace;

  nsp.use(async (socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown })?.token;
    const booth = typeof token === 'string' ? await deps.booths.findByToken(token) : undefined;
    if (!booth || booth.revoked) {
      next(Object.assign(new Error('unauthorized'), { data: unauthorized }));
      return;
    }
    socket.data.booth = booth;
    next();
  });

  deps.events.onChange((event) => nsp.to(`event:${event.id}`).emit('event:changed', event));

  nsp.on('connection', async (socket) => {
    // Handlers first: a packet that arrives before its handler exists is dropped.
    const booth = socket.data.booth;

    socket.on('deal:submit', async (payload, ack) => {
      if (typeof ack !== 'function') return;
      try {
        const receipt = await deps.intake.submit(booth, payload);
        ack({ ok: true, data: receipt });
      } catch (e) {
        if (e instanceof DomainError) {
          ack({ ok: false, error: e.toJSON() });
        } else {
          deps.logger.error({ err: e, boothId: booth.id }, 'deal:submit failed');
          ack({ ok: false, error: { code: 'internal', message: 'The deal could not be stored; it will be resent', pesan: 'Transaksi belum tersimpan; akan dikirim ulang' } });
        }
      }
    });

    void socket.join(`event:${booth.eventId}`);
    const event = await deps.events.getEvent(booth.eventId);
    const { revoked: _revoked, ...publicBooth } = booth;
    if (event && socket.connected) socket.emit('operator:session', { booth: publicBooth, event });
  });
}
