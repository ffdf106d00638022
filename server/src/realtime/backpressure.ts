import type { Server } from 'socket.io';

type Packet = { data?: unknown };
type WsLike = { bufferedAmount?: number; terminate?: () => void };
type EngineConn = {
  writeBuffer: Packet[];
  transport?: { name?: string; socket?: WsLike };
  readyState?: string;
  close(discard?: boolean): unknown;
  on(event: 'packetCreate', fn: (packet: Packet) => void): unknown;
};

const sizeOf = (p: Packet) => {
  const d = p.data as { length?: number; byteLength?: number } | undefined;
  return typeof d === 'string' ? (d as string).length : (d?.byteLength ?? 0);
};

/** Running byte count of a connection's Engine.IO queue (recounted only when the queue was flushed). */
const queued = new WeakMap<EngineConn, { buf: Packet[]; counted: number; bytes: number }>();

function queuedBytes(conn: EngineConn): number {
  let q = queued.get(conn);
  if (!q || q.buf !== conn.writeBuffer) queued.set(conn, (q = { buf: conn.writeBuffer, counted: 0, bytes: 0 }));
  for (; q.counted < q.buf.length; q.counted++) q.bytes += sizeOf(q.buf[q.counted]!);
  return q.bytes;
}

/** Bytes written to a connection that its client has not taken yet: Engine.IO's queue plus the WebSocket's buffer. */
export function unsentBytes(conn: unknown): number {
  const c = conn as EngineConn;
  return queuedBytes(c) + (c.transport?.name === 'websocket' ? (c.transport.socket?.bufferedAmount ?? 0) : 0);
}

/** Cut a connection at once, dropping what it still had to send (its memory goes with it). */
export function dropConnection(conn: unknown): void {
  const c = conn as EngineConn;
  if (c.readyState === 'closed') return;
  if (c.transport?.name === 'websocket') c.transport.socket?.terminate?.();
  c.close(true);
}

/**
 * Every packet the server sends to any socket (snapshots, acks, updates, commands)
 * passes Engine.IO's `packetCreate`: a client that stops reading while it keeps
 * asking would otherwise make the server hold every answer in memory. Past
 * `maxBytes` unsent, the connection is dropped; a real board reconnects and gets
 * a fresh snapshot. Returns how many connections were dropped so far.
 */
export function capUnsentBytes(io: Server, maxBytes: number, onDrop?: (unsent: number) => void): { dropped: () => number } {
  let dropped = 0;
  io.engine.on('connection', (conn: EngineConn) => {
    conn.on('packetCreate', (packet) => {
      const unsent = unsentBytes(conn) + sizeOf(packet);
      if (unsent <= maxBytes) return;
      dropped++;
      onDrop?.(unsent);
      // After this packet is queued: closing from inside the emit would leave Engine.IO mid-send.
      queueMicrotask(() => dropConnection(conn));
    });
  });
  return { dropped: () => dropped };
}
