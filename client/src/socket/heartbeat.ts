import type { Socket } from 'socket.io-client';

/** The server pings every 5 s; a socket that has heard nothing for this long is presumed dead. */
export const SILENT_AFTER_MS = 8000;
const CHECK_EVERY_MS = 1000;

/**
 * Notice a socket that looks connected while nothing arrives (a frozen server, a
 * Wi-Fi link that died without a reset, a timer throttled in a hidden tab) and
 * force a reconnect: the connect brings a fresh snapshot. Engine.IO's own ping
 * timeout would get there too, but only after the server's full ping interval plus
 * timeout, measured by timers a browser may delay. Returns a stop function.
 */
export function watchSilence(socket: Socket, silentAfterMs = SILENT_AFTER_MS): () => void {
  let lastHeard = Date.now();
  const heard = () => {
    lastHeard = Date.now();
  };
  const manager = socket.io;
  manager.on('ping', heard);
  manager.on('packet', heard);
  manager.on('open', heard);
  const timer = setInterval(() => {
    if (!socket.connected) {
      lastHeard = Date.now();
      return;
    }
    if (Date.now() - lastHeard > silentAfterMs) {
      lastHeard = Date.now();
      // Closing the engine (not the socket) keeps the manager's automatic reconnection on.
      manager.engine?.close();
    }
  }, CHECK_EVERY_MS);
  return () => {
    clearInterval(timer);
    manager.off('ping', heard);
    manager.off('packet', heard);
    manager.off('open', heard);
  };
}
