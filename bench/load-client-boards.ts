/**
 * Load generator: boards as the audience's screens really are — `socket.io-client`
 * instances that parse every update; the samplers among them also keep the figures as the
 * board store does (`applyTotalsDelta` on our server's deltas; the bare baseline's
 * `{seq, total, count}` replace them). Latency is joined on `seq` as in load-boards.ts; a few metered boards
 * count the bytes of every frame on the wire.
 */
import os from 'node:os';
import { io, type Socket } from 'socket.io-client';
import { applyTotalsDelta, COMPLETE, decodeUpdate, nextStep, stepTo, type BoardSnapshot, type BoardUpdate, type StreamAt, type Totals } from '@dealboard/shared';
import { serve } from './lib/rpc.js';
import { nowUs } from './lib/ids.js';
import { Samples, summarize } from './lib/stats.js';
import { joinOnSeq } from './lib/seq-join.js';

type Board = {
  socket: Socket;
  /** Our server's key table (from the snapshot); none from the bare baseline, whose updates are whole figures. */
  keys?: string[];
  totals?: Totals | { seq: number; total: number; count: number };
  /** Where the board stands on the stream (`nextStep`): a follow-up at the same seq applies, a missed one is a gap. */
  at: StreamAt;
  sampler: boolean;
  metered: boolean;
  updates: number;
  gaps: number;
  /** Sampler: `[update seq, receipt µs]` pairs. */
  seqs: number[];
};

// Bulk boards stand in for screens on other machines: they may run at a lower priority (see bench/lib/options.ts, bulkNice).
if (Number(process.env.BENCH_NICE)) os.setPriority(Number(process.env.BENCH_NICE));

const boards: Board[] = [];
const updateBytes = new Samples(1 << 14);
const snapshotBytes = new Samples(256);
let meteredSince = performance.now();
let cpuMark = process.cpuUsage();

function open(url: string, eventId: string, sampler: boolean, metered: boolean): Promise<Board> {
  return new Promise((resolve, reject) => {
    const socket = io(`${url}/board`, { auth: { eventId }, transports: ['websocket'], forceNew: true, reconnection: false, timeout: 30_000 });
    const b: Board = { socket, sampler, metered, updates: 0, gaps: 0, seqs: [], at: { seq: -1, part: COMPLETE } };
    if (metered) {
      socket.io.on('open', () =>
        socket.io.engine.on('packet', (p: { type: string; data?: unknown }) => {
          if (p.type !== 'message' || typeof p.data !== 'string') return;
          if (p.data.startsWith('2/board,["board:update"')) updateBytes.push(Buffer.byteLength(p.data) + 1); // + the Engine.IO packet type
          else if (p.data.startsWith('2/board,["board:snapshot"')) snapshotBytes.push(Buffer.byteLength(p.data) + 1);
        }),
      );
    }
    socket.on('board:snapshot', (s: BoardSnapshot) => {
      const { event: _e, recent: _r, climb: _c, keys, ...totals } = s;
      b.totals = totals;
      b.at = { seq: s.seq, part: COMPLETE };
      b.keys = Array.isArray(keys) ? keys : undefined;
      resolve(b);
    });
    socket.on('board:update', (u: BoardUpdate) => {
      const recv = nowUs();
      b.updates++;
      const t = b.totals;
      const step = t ? nextStep(b.at, u) : 'old';
      if (!t || step === 'old') return;
      if (step === 'gap') b.gaps++;
      b.at = stepTo(u);
      // Every board parses every update (socket.io-client does); the samplers also keep the figures as
      // the board store does (on the day, each screen does that on its own device, not on this
      // machine's two cores): a delta (ours) applies on them, the baseline's minimal update replaces them.
      if (!b.sampler) {
        b.totals = { ...t, seq: u.seq };
        return;
      }
      const decoded = b.keys ? decodeUpdate(u, b.keys) : null;
      b.totals = decoded && 'byCategory' in t ? applyTotalsDelta(t, decoded.delta) : { seq: u.seq, total: u.total, count: u.count };
      if (b.sampler) b.seqs.push(u.seq, recv);
    });
    socket.on('connect_error', (e) => reject(e));
  });
}

async function connect(p: { url: string; eventId: string; count: number; samplers: number; metered: number; concurrency?: number }) {
  const started = performance.now();
  const every = Math.max(1, Math.floor(p.count / Math.max(1, p.samplers)));
  let failed = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(p.concurrency ?? 50, p.count) }, async () => {
      while (next < p.count) {
        const i = next++;
        try {
          boards.push(await open(p.url, p.eventId, p.samplers > 0 && i % every === 0, i < p.metered));
        } catch {
          failed++;
        }
      }
    }),
  );
  return { total: boards.length, failed, ms: performance.now() - started };
}

function reset() {
  for (const b of boards) {
    b.updates = 0;
    b.gaps = 0;
    b.seqs = [];
  }
  updateBytes.clear();
  meteredSince = performance.now();
  cpuMark = process.cpuUsage();
  return true;
}

/** Latencies of the deals in `sent` (`[seq, send µs]`) at every sampler; bytes per update and per second of the metered boards. */
function report(p: { sent?: ArrayLike<number> } = {}) {
  const sent = p.sent ?? [];
  const lat = new Samples(1 << 16);
  for (const b of boards) if (b.sampler) joinOnSeq(sent, b.seqs, lat);
  const bytes = updateBytes.values();
  const metered = boards.filter((b) => b.metered).length || 1;
  const seconds = (performance.now() - meteredSince) / 1000;
  const cpu = process.cpuUsage(cpuMark);
  return {
    latencies: lat.values(),
    samplers: boards.filter((b) => b.sampler).length,
    boards: boards.length,
    silent: boards.filter((b) => b.updates === 0).length,
    gaps: boards.reduce((s, b) => s + b.gaps, 0),
    updateBytes: summarize(bytes),
    bytesPerBoardPerSecond: bytes.reduce((s, x) => s + x, 0) / metered / seconds,
    snapshotBytes: summarize(snapshotBytes.values()),
    cpuMs: (cpu.user + cpu.system) / 1000,
  };
}

function close() {
  for (const b of boards) b.socket.disconnect();
  boards.length = 0;
  return true;
}

serve({ connect, reset, report, close, count: () => ({ total: boards.length }) });
