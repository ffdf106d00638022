import { describe, expect, it } from 'vitest';
import type { Server, Socket } from 'socket.io';
import { BoardFrame, MAX_BACKLOG, textFrame } from './fanout.js';

describe('textFrame', () => {
  it.each([0, 5, 125, 126, 300, 65_535, 65_536, 300_000])('lays out a %i-byte text frame as RFC 6455 says', (n) => {
    const payload = Buffer.alloc(n, 'a');
    const frame = textFrame(payload);
    expect(frame[0]).toBe(0x81); // FIN, text
    let head = 2;
    if (n < 126) expect(frame[1]).toBe(n);
    else if (n < 65_536) {
      expect(frame[1]).toBe(126);
      expect(frame.readUInt16BE(2)).toBe(n);
      head = 4;
    } else {
      expect(frame[1]).toBe(127);
      expect(frame.readBigUInt64BE(2)).toBe(BigInt(n));
      head = 10;
    }
    expect(frame.length).toBe(head + n);
    expect(frame.subarray(head).equals(payload)).toBe(true);
  });
});

/** Just enough of Socket.IO and Engine.IO for BoardFrame to decide how to reach a board. */
function fakeBoard(opts: { transport?: string; writable?: boolean; queued?: number; backlog?: number }) {
  const written: Buffer[] = [];
  const emitted: unknown[] = [];
  const tcp = { writable: true, writableLength: opts.backlog ?? 0, write: (b: Buffer) => (written.push(b), true) };
  const socket = {
    conn: {
      readyState: 'open',
      upgrading: false,
      writeBuffer: Array.from({ length: opts.queued ?? 0 }),
      transport: { name: opts.transport ?? 'websocket', writable: opts.writable ?? true, socket: { readyState: 1, _socket: tcp } },
    },
    emit: (...args: unknown[]) => emitted.push(args),
  };
  return { socket: socket as unknown as Socket, written, emitted, write: (frame: BoardFrame, payload: unknown) => frame.writeTo((socket as unknown as Socket).conn, () => socket.emit('board:update', payload)) };
}

const io = { encoder: { encode: (p: { nsp: string; data: unknown[] }) => [`2${p.nsp},${JSON.stringify(p.data)}`] } } as unknown as Server;

describe('BoardFrame', () => {
  it('writes the ready frame straight onto an idle WebSocket board', () => {
    const frame = new BoardFrame(io, '/board', 'board:update', { seq: 7, total: 1_300_000_000 });
    const board = fakeBoard({});
    board.write(frame, { seq: 7, total: 1_300_000_000 });
    expect(board.written).toHaveLength(1);
    expect(board.written[0]!.subarray(2).toString()).toBe('42/board,["board:update",{"seq":7,"total":1300000000}]');
    expect(board.emitted).toHaveLength(0);
  });

  it('leaves long-polling boards and boards with packets still queued to Socket.IO, so their order holds', () => {
    const frame = new BoardFrame(io, '/board', 'board:update', { seq: 8 });
    for (const board of [fakeBoard({ transport: 'polling' }), fakeBoard({ queued: 1 }), fakeBoard({ writable: false })]) {
      board.write(frame, { seq: 8 });
      expect(board.written).toHaveLength(0);
      expect(board.emitted).toEqual([['board:update', { seq: 8 }]]);
    }
    expect(frame.stats).toEqual({ raw: 0, engine: 3, skipped: 0, dropped: 0 });
  });

  it('skips a board whose connection is too far behind instead of piling up memory', () => {
    const frame = new BoardFrame(io, '/board', 'board:update', { seq: 9 });
    const slow = fakeBoard({ backlog: MAX_BACKLOG + 1 });
    slow.write(frame, { seq: 9 });
    expect(slow.written).toHaveLength(0);
    expect(slow.emitted).toHaveLength(0);
    expect(frame.stats.skipped).toBe(1);
  });

  it('drops a board that has stopped reading once its unsent bytes pass the cap', () => {
    const frame = new BoardFrame(io, '/board', 'board:update', { seq: 10 }, 1024 * 1024);
    const dead = fakeBoard({ backlog: 1024 * 1024 });
    let closed = false;
    (dead.socket.conn as unknown as { close: () => void }).close = () => (closed = true);
    dead.write(frame, { seq: 10 });
    expect(dead.written).toHaveLength(0);
    expect(closed).toBe(true);
    expect(frame.stats.dropped).toBe(1);
  });
});
