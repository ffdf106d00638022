import { io, type Socket } from 'socket.io-client';
import {
  NAMESPACES,
  type Ack,
  type BoothDeals,
  type Deal,
  type DealInput,
  type DealReceipt,
  type OperatorClientToServerEvents,
  type OperatorServerToClientEvents,
  type OperatorSession,
  type PublicEvent,
} from '@dealboard/shared';
import { NetworkError } from './api';
import { SOCKET_OPTIONS, type ChannelStatus } from './options';
import { onConnectError } from './unavailable';

export type OperatorSocket = Socket<OperatorServerToClientEvents, OperatorClientToServerEvents>;

export interface OperatorHandlers {
  session(session: OperatorSession): void;
  eventChanged(event: PublicEvent): void;
  /** Some of this booth's deals changed on the server (an organiser's void or approval, say). */
  boothChanged?(dealIds: string[]): void;
  /** `message`: the refusal at the handshake, or the reason of a disconnect (`io server disconnect` when the server cut us off). */
  status(status: ChannelStatus, message?: string): void;
}

/** The tablet's socket: who am I, `deal:submit` (acknowledged after the durable commit), its own deals and their voids. */
export interface OperatorChannel {
  readonly connected: boolean;
  /** Resolves with the server's acknowledgement; rejects with {@link NetworkError} when none came in time. */
  submit(deal: DealInput, timeoutMs?: number): Promise<Ack<DealReceipt>>;
  /** This booth's deals with its recorded total; rejects with {@link NetworkError} when offline or unanswered. */
  boothDeals(timeoutMs?: number): Promise<Ack<BoothDeals>>;
  /** Void one of this booth's own deals (within the event's self-void window). */
  voidDeal(request: { dealId: string; reason: string }, timeoutMs?: number): Promise<Ack<{ deal: Deal; seq: number }>>;
  /** Connect again after the server closed the connection on purpose (Socket.IO does not retry that by itself). */
  reconnect(): void;
  close(): void;
}

/** `base`: the server's origin when the tablet is not served by it (tests, tools); the page's own by default. */
export type OpenOperatorChannel = (token: string, handlers: OperatorHandlers, base?: string) => OperatorChannel;

export const openOperatorChannel: OpenOperatorChannel = (token, handlers, base = '') => {
  const socket: OperatorSocket = io(`${base}${NAMESPACES.operator}`, { ...SOCKET_OPTIONS, auth: { token } });
  let closed = false;

  socket.on('operator:session', (s) => handlers.session(s));
  socket.on('event:changed', (e) => handlers.eventChanged(e));
  socket.on('booth:changed', (c) => handlers.boothChanged?.(Array.isArray(c?.dealIds) ? c.dealIds : []));
  socket.on('connect', () => handlers.status('connected'));
  socket.on('disconnect', (reason) => {
    if (!closed) handlers.status('disconnected', reason);
  });
  onConnectError(socket, (status, message) => handlers.status(status, message), () => closed);
  handlers.status('connecting');

  /** Only ask a connected socket: a buffered request would go out minutes later, after the operator gave up. */
  function ensureConnected(): void {
    if (!socket.connected) throw new NetworkError('not connected');
  }
  const settle =
    <T>(resolve: (res: Ack<T>) => void, reject: (e: Error) => void) =>
    (err: Error | null, res: Ack<T>) =>
      err ? reject(new NetworkError('no acknowledgement')) : resolve(res);

  return {
    get connected() {
      return socket.connected;
    },
    submit(deal, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        socket.timeout(timeoutMs).emit('deal:submit', deal, (err, res) => {
          if (err) reject(new NetworkError('no acknowledgement'));
          else resolve(res);
        });
      });
    },
    async boothDeals(timeoutMs = 8000) {
      ensureConnected();
      return new Promise((resolve, reject) => socket.timeout(timeoutMs).emit('booth:deals', settle(resolve, reject)));
    },
    async voidDeal(req, timeoutMs = 8000) {
      ensureConnected();
      return new Promise((resolve, reject) => socket.timeout(timeoutMs).emit('deal:void', req, settle(resolve, reject)));
    },
    reconnect() {
      if (!closed && !socket.connected) socket.connect();
    },
    close() {
      closed = true;
      socket.disconnect();
    },
  };
};
