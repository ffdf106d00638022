import { io, type Socket } from 'socket.io-client';
import {
  NAMESPACES,
  type Ack,
  type BoardClientToServerEvents,
  type BoardCommand,
  type BoardServerToClientEvents,
  type BoardSnapshot,
  type BoardStatus,
  type BoardUpdate,
} from '@dealboard/shared';
import { SOCKET_OPTIONS, type ChannelStatus } from './options';
import { onConnectError } from './unavailable';
import { watchSilence } from './heartbeat';

export type BoardSocket = Socket<BoardServerToClientEvents, BoardClientToServerEvents>;

export interface BoardHandlers {
  snapshot(snapshot: BoardSnapshot): void;
  update(update: BoardUpdate): void;
  /** From the organiser console: reload, blackout, back to live. */
  command(command: BoardCommand): void;
  status(status: ChannelStatus, message?: string): void;
}

/** The board's only way to the server: read-only, typed by the shared event map. */
export interface BoardChannel {
  /** Ask for a fresh snapshot; resolves with the server's answer, or a `timeout` error. */
  resync(timeoutMs?: number): Promise<Ack<BoardSnapshot>>;
  /** Tell the console what this screen shows (dropped while disconnected). */
  report(status: BoardStatus): void;
  close(): void;
}

/** `base`: the server's origin when the board is not served by it (tests, tools); the page's own by default. */
export type OpenBoardChannel = (eventId: string, handlers: BoardHandlers, base?: string) => BoardChannel;

export const openBoardChannel: OpenBoardChannel = (eventId, handlers, base = '') => {
  const socket: BoardSocket = io(`${base}${NAMESPACES.board}`, { ...SOCKET_OPTIONS, auth: { eventId } });
  let closed = false;
  const stopWatching = watchSilence(socket);

  socket.on('board:snapshot', (snap) => handlers.snapshot(snap));
  socket.on('board:update', (update) => handlers.update(update));
  socket.on('board:command', (msg) => handlers.command(msg?.command));
  socket.on('connect', () => handlers.status('connected'));
  socket.on('disconnect', () => {
    if (!closed) handlers.status('disconnected');
  });
  onConnectError(socket, (status, message) => handlers.status(status, message), () => closed);
  handlers.status('connecting');

  return {
    resync(timeoutMs = 5000) {
      return new Promise((resolve) => {
        socket.timeout(timeoutMs).emit('board:resync', (err, res) => {
          resolve(err ? { ok: false, error: { code: 'internal', message: 'No answer to resync', pesan: 'Tidak ada jawaban' } } : res);
        });
      });
    },
    report(status) {
      if (socket.connected) socket.volatile.emit('board:status', status);
    },
    close() {
      closed = true;
      stopWatching();
      socket.disconnect();
    },
  };
};

