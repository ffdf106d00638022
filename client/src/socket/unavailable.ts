import type { Socket } from 'socket.io-client';
import type { ChannelStatus } from './options';

/**
 * A connect error, for both namespaces. A refusal by the namespace middleware stops the automatic
 * reconnection; "unavailable" is not a refusal (a cluster's store restarting), so try again
 * shortly, as any reconnect would.
 */
export function onConnectError(socket: Socket, status: (s: ChannelStatus, message?: string) => void, closed: () => boolean) {
  socket.on('connect_error', (err) => {
    if (!socket.active && err.message === 'unavailable') {
      status('disconnected', err.message);
      setTimeout(() => !closed() && socket.connect(), 1_000 + Math.random() * 1_000);
      return;
    }
    status(socket.active ? 'disconnected' : 'refused', err.message);
  });
}
