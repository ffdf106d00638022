import { io, type Socket } from 'socket.io-client';
import { NAMESPACES, type Ack, type ProgrammeClientToServerEvents, type ProgrammeServerToClientEvents, type ProgrammeSnapshot, type ProgrammeUpdate } from '@dealboard/shared';
import { SOCKET_OPTIONS, type ChannelStatus } from './options';
import { onConnectError } from './unavailable';
import { watchSilence } from './heartbeat';

export interface ProgrammeHandlers {
  snapshot(snapshot: ProgrammeSnapshot): void;
  update(update: ProgrammeUpdate): void;
  status(status: ChannelStatus, message?: string): void;
}

export interface ProgrammeChannel {
  /** Ask for a fresh snapshot; resolves with the server's answer, or a `timeout` error. */
  resync(timeoutMs?: number): Promise<Ack<ProgrammeSnapshot>>;
  close(): void;
}

export type OpenProgrammeChannel = (programmeId: string, handlers: ProgrammeHandlers, base?: string) => ProgrammeChannel;

/** The national board's only way to the server: read-only, typed by the shared event map, with the event board's silence watch and reconnection. */
export const openProgrammeChannel: OpenProgrammeChannel = (programmeId, handlers, base = '') => {
  const socket: Socket<ProgrammeServerToClientEvents, ProgrammeClientToServerEvents> = io(`${base}${NAMESPACES.programme}`, { ...SOCKET_OPTIONS, auth: { programmeId } });
  let closed = false;
  const stopWatching = watchSilence(socket);
  socket.on('programme:snapshot', (snap) => handlers.snapshot(snap));
  socket.on('programme:update', (update) => handlers.update(update));
  socket.on('connect', () => handlers.status('connected'));
  socket.on('disconnect', () => {
    if (!closed) handlers.status('disconnected');
  });
  onConnectError(socket, (status, message) => handlers.status(status, message), () => closed);
  handlers.status('connecting');
  return {
    resync(timeoutMs = 5000) {
      return new Promise((resolve) => {
        socket.timeout(timeoutMs).emit('programme:resync', (err, res) => {
          resolve(err ? { ok: false, error: { code: 'internal', message: 'No answer to resync', pesan: 'Tidak ada jawaban' } } : res);
        });
      });
    },
    close() {
      closed = true;
      stopWatching();
      socket.disconnect();
    },
  };
};
