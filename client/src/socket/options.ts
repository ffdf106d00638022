import type { ManagerOptions, SocketOptions } from 'socket.io-client';

/** What a channel reports about its connection. `refused`: the server said no at the handshake (reason in `message`). */
export type ChannelStatus = 'connecting' | 'connected' | 'disconnected' | 'refused';

/**
 * Shared by both namespaces. WebSocket first (one connection per board instead of
 * long-polling), polling if a venue proxy blocks it. Reconnect quickly and with jitter
 * so thousands of boards come back within seconds of a server restart without all
 * knocking at the same instant.
 */
export const SOCKET_OPTIONS: Partial<ManagerOptions & SocketOptions> = {
  transports: ['websocket', 'polling'],
  tryAllTransports: true,
  reconnectionDelay: 500,
  // Capped low: after a server freeze or restart a board is back within ~2 s of the server answering.
  reconnectionDelayMax: 2000,
  randomizationFactor: 0.5,
  timeout: 5000,
};
