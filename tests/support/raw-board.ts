import crypto from 'node:crypto';
import net from 'node:net';

/**
 * A `/board` client written straight onto TCP (WebSocket + Engine.IO + Socket.IO
 * framing by hand) so a test can do what no well-behaved library does: keep
 * sending while never reading what the server answers.
 */
export interface RawBoard {
  socket: net.Socket;
  /** Send `n` `board:resync` requests, each with its own ack id, as fast as the socket takes them. */
  resync(n: number): Promise<void>;
  /** Stop reading: the server's answers pile up in the kernel, then in the server. */
  stopReading(): void;
  /** Resolves when the server has closed the connection (seen once reading resumes). */
  closedByServer(ms: number): Promise<boolean>;
}

function maskedFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  const n = payload.length;
  const head = n < 126 ? 2 : n < 65536 ? 4 : 10;
  const frame = Buffer.alloc(head + 4 + n);
  frame[0] = 0x81;
  if (n < 126) frame[1] = 0x80 | n;
  else if (n < 65536) {
    frame[1] = 0x80 | 126;
    frame.writeUInt16BE(n, 2);
  } else {
    frame[1] = 0x80 | 127;
    frame.writeBigUInt64BE(BigInt(n), 2);
  }
  const mask = crypto.randomBytes(4);
  mask.copy(frame, head);
  for (let i = 0; i < n; i++) frame[head + 4 + i] = payload[i]! ^ mask[i % 4]!;
  return frame;
}

export async function rawBoard(base: string, eventId: string): Promise<RawBoard> {
  const { hostname, port } = new URL(base);
  const socket = net.connect(Number(port), hostname);
  let received = '';
  socket.on('data', (d) => (received += d.toString('latin1')));
  socket.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const key = crypto.randomBytes(16).toString('base64');
  socket.write(
    `GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: ${hostname}:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
  );
  const waitFor = async (text: string, ms = 5000) => {
    const until = Date.now() + ms;
    while (!received.includes(text)) {
      if (Date.now() > until) throw new Error(`raw board: no "${text}" in ${JSON.stringify(received.slice(0, 300))}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  };
  await waitFor('101 Switching Protocols');
  await waitFor('"sid"');
  socket.write(maskedFrame(`40/board,${JSON.stringify({ eventId })}`));
  await waitFor('board:snapshot');
  let nextId = 1;
  return {
    socket,
    async resync(n) {
      for (let i = 0; i < n && !socket.destroyed; i++) {
        if (socket.write(maskedFrame(`42/board,${nextId++}["board:resync"]`))) continue;
        // The server stops reading too once it cuts us off: give up after a quiet second.
        const drained = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), 1000);
          socket.once('drain', () => (clearTimeout(timer), resolve(true)));
          socket.once('close', () => (clearTimeout(timer), resolve(false)));
        });
        if (!drained) break;
      }
    },
    stopReading() {
      socket.pause();
    },
    closedByServer(ms) {
      return new Promise((resolve) => {
        if (socket.destroyed) return resolve(true);
        socket.on('data', () => undefined);
        const timer = setTimeout(() => resolve(false), ms);
        socket.once('close', () => {
          clearTimeout(timer);
          resolve(true);
        });
        socket.resume();
      });
    },
  };
}
