import { io, type Socket } from 'socket.io-client';
import {
  NAMESPACES,
  type Ack,
  type DealInput,
  type DealReceipt,
  type OperatorClientToServerEvents,
  type OperatorServerToClientEvents,
  type OperatorSession,
  type PublicEvent,
} from '@dealboard/shared';
import { NetworkError } from '../lib/api';
import { SOCKET_OPTIONS, type ChannelStatus } from './options';

export type OperatorSocket = Socket<OperatorServerToClientEvents, OperatorClientToServerEvents>;

export interface OperatorHandlers {
  session(session: OperatorSession): void;
  eventChanged(event: PublicEvent): void;
  status(status: ChannelStatus, message?: string): void;
}

/** The tablet's socket: who am I, and `deal:submit` with an acknowledgement after the durable commit. */
export interface OperatorChannel {
  readonly connected: boolean;
  /** Resolves with the server's acknowledgement; rejects with {@link NetworkError} when none came in time. */
  submit(deal: DealInput, timeoutMs?: number): Promise<Ack<DealReceipt>>;
  close(): void;
}

export type OpenOperatorChannel = (token: string, handlers: OperatorHandlers) => OperatorChannel;

export const openOperatorChannel: OpenOperatorChannel = (token, handlers) => {
  const socket: OperatorSocket = io(NAMESPACES.operator, { ...SOCKET_OPTIONS, auth: { token } });
  let closed = false;

  socket.on('operator:session', (s) => handlers.session(s));
  socket.on('event:changed', (e) => handlers.eventChanged(e));
  socket.on('connect', () => handlers.status('connected'));
  socket.on('disconnect', () => {
    if (!closed) handlers.status('disconnected');
  });
  socket.on('connect_error', (err) => handlers.status(socket.active ? 'disconnected' : 'refused', err.message));
  handlers.status('connecting');

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
    close() {
      closed = true;
      socket.disconnect();
    },
  };
};
