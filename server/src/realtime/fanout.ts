import type { Server, Socket } from 'socket.io';

type EngineSocket = Socket['conn'];
import { dropConnection } from './backpressure.js';

/**
 * One board update, encoded once and written to thousands of sockets.
 *
 * Socket.IO's own room broadcast encodes once too, but then goes through
 * Engine.IO's per-socket packet queue, events and write callbacks: about 15 µs
 * a socket here, against about 9 µs for the bare write to the TCP socket, most of
 * which is the kernel's. So a board on WebSocket with nothing queued ahead in
 * Engine.IO gets the ready WebSocket frame written straight onto its connection;
 * any other board (long-polling, mid-upgrade, a packet still queued) gets a
 * plain `emit`, which keeps Engine.IO's order.
 */
/** Board updates written since start, all events together: read by /metrics. */
export const fanoutTotals = { frames: 0, bytes: 0 };

export class BoardFrame {
  readonly wire: Buffer;
  /** Boards written raw, through Engine.IO, left out because they are behind, or dropped for not reading. */
  readonly stats = { raw: 0, engine: 0, skipped: 0, dropped: 0 };

  constructor(
    io: Server,
    nsp: string,
    private readonly event: string,
    private readonly payload: unknown,
    /** Unsent bytes past which a board's connection is dropped rather than written to. */
    private readonly maxUnsent = Number.POSITIVE_INFINITY,
  ) {
    // Socket.IO packet type 2 (EVENT); "4" is the Engine.IO message packet around it.
    const [encoded] = io.encoder.encode({ type: 2, nsp, data: [event, payload] }) as unknown[];
    this.wire = textFrame(Buffer.from(`4${String(encoded)}`));
  }

  /** `conn`: the board's Engine.IO connection; `emit`: the typed Socket.IO emit of this update, for boards the raw path cannot take. */
  writeTo(conn: EngineSocket, emit: () => void): void {
    const tcp = rawConnection(conn);
    if (!tcp) {
      this.stats.engine++;
      fanoutTotals.frames++;
      fanoutTotals.bytes += this.wire.length;
      emit();
      return;
    }
    // A board that has stopped reading altogether is cut off (it reconnects and gets a snapshot).
    if (tcp.writableLength + this.wire.length > this.maxUnsent) {
      this.stats.dropped++;
      dropConnection(conn);
      return;
    }
    // A board that cannot keep up (a screen on a bad link) skips updates instead of
    // growing the server's memory; the next update it gets shows a gap and it resyncs.
    if (tcp.writableLength > MAX_BACKLOG) {
      this.stats.skipped++;
      return;
    }
    this.stats.raw++;
    fanoutTotals.frames++;
    fanoutTotals.bytes += this.wire.length;
    tcp.write(this.wire);
  }
}

/** Bytes a board's connection may hold unsent before it skips updates (an update is a few kB). */
export const MAX_BACKLOG = 512 * 1024;

/** A server-to-client WebSocket text frame (RFC 6455 §5.2: FIN, opcode 1, no mask). */
export function textFrame(payload: Buffer): Buffer {
  const n = payload.length;
  const head = n < 126 ? 2 : n < 65536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(head + n);
  frame[0] = 0x81;
  if (n < 126) frame[1] = n;
  else if (n < 65536) {
    frame[1] = 126;
    frame.writeUInt16BE(n, 2);
  } else {
    frame[1] = 127;
    frame.writeBigUInt64BE(BigInt(n), 2);
  }
  payload.copy(frame, head);
  return frame;
}

type TcpConnection = { write(b: Buffer): boolean; writable: boolean; writableLength: number };
type EngineConnection = {
  readyState?: string;
  upgrading?: boolean;
  writeBuffer?: unknown[];
  transport?: { name?: string; writable?: boolean; socket?: { readyState?: number; _socket?: TcpConnection } };
};

/**
 * The TCP connection under a board's WebSocket, when a frame may go straight onto
 * it: Engine.IO open and not upgrading, its transport idle with nothing queued
 * (so nothing it still has to send would come after our frame), and the
 * WebSocket open (readyState 1).
 */
export function rawConnection(engine: EngineSocket): TcpConnection | undefined {
  // Engine.IO's write buffer and the WebSocket's TCP socket are not in its public types.
  const conn: object = engine;
  const { transport, readyState, upgrading, writeBuffer } = conn as EngineConnection;
  if (readyState !== 'open' || upgrading || writeBuffer?.length) return undefined;
  if (transport?.name !== 'websocket' || !transport.writable || transport.socket?.readyState !== 1) return undefined;
  const tcp = transport.socket._socket;
  return tcp && tcp.writable && typeof tcp.write === 'function' ? tcp : undefined;
}
