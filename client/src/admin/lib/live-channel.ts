import { io, type Socket } from 'socket.io-client';
import { NAMESPACES, type BoardClientToServerEvents, type BoardServerToClientEvents } from '@dealboard/shared';
import { SOCKET_OPTIONS } from '../../socket/options';

/** The console's own layout name, so its connection is not listed among the screens. */
export const CONSOLE_LAYOUT = 'console';

export type LiveStatus = 'connecting' | 'connected' | 'disconnected';

/** Tells the console that something changed in the event; what changed it fetches itself. */
export interface LiveHandlers {
  changed(): void;
  status(status: LiveStatus): void;
}

export type OpenLiveChannel = (eventId: string, handlers: LiveHandlers) => { close(): void };

/**
 * A read-only `/board` connection used only as a doorbell: every `board:update` (and the
 * snapshot after each reconnect) means "refetch". The console reports itself with the
 * layout `console` so the screens tab can leave it out.
 */
export const openLiveChannel: OpenLiveChannel = (eventId, handlers) => {
  const socket: Socket<BoardServerToClientEvents, BoardClientToServerEvents> = io(NAMESPACES.board, { ...SOCKET_OPTIONS, auth: { eventId, role: 'console' } });
  let closed = false;
  socket.on('connect', () => {
    socket.emit('board:status', { seq: 0, layout: CONSOLE_LAYOUT });
    handlers.status('connected');
  });
  socket.on('disconnect', () => {
    if (!closed) handlers.status('disconnected');
  });
  socket.on('connect_error', () => handlers.status('disconnected'));
  socket.on('board:snapshot', () => handlers.changed());
  socket.on('board:update', () => handlers.changed());
  handlers.status('connecting');
  return {
    close() {
      closed = true;
      socket.disconnect();
    },
  };
};
