import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Socket } from 'socket.io-client';
import { SILENT_AFTER_MS, watchSilence } from './heartbeat';

/** Just the parts of a socket.io-client socket and manager the watch uses. */
function fakeSocket() {
  const handlers = new Map<string, () => void>();
  const engine = { closed: 0, close: () => engine.closed++ };
  const socket = {
    connected: true,
    io: { engine, on: (e: string, fn: () => void) => handlers.set(e, fn), off: (e: string) => handlers.delete(e) },
  };
  return { socket: socket as unknown as Socket & { connected: boolean }, engine, hear: (e = 'ping') => handlers.get(e)?.(), handlers };
}

afterEach(() => vi.useRealTimers());

describe('watchSilence', () => {
  it('forces a reconnect when a connected socket hears nothing, not even a ping', () => {
    vi.useFakeTimers();
    const f = fakeSocket();
    const stop = watchSilence(f.socket);
    vi.advanceTimersByTime(SILENT_AFTER_MS - 1000);
    expect(f.engine.closed).toBe(0);
    vi.advanceTimersByTime(2000);
    expect(f.engine.closed).toBe(1);
    stop();
    expect(f.handlers.size).toBe(0);
  });

  it('leaves a socket alone while pings or packets keep arriving, or while it is reconnecting anyway', () => {
    vi.useFakeTimers();
    const f = fakeSocket();
    watchSilence(f.socket);
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(5000);
      f.hear(i % 2 ? 'ping' : 'packet');
    }
    expect(f.engine.closed).toBe(0);
    (f.socket as { connected: boolean }).connected = false;
    vi.advanceTimersByTime(60_000);
    expect(f.engine.closed).toBe(0);
  });
});
