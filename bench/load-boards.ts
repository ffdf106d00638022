/**
 * Load generator: many `/board` sockets in one process.
 *
 * Each socket speaks the Engine.IO v4 / Socket.IO v5 wire protocol directly over
 * `ws` (open → namespace connect with `auth: {eventId}` → snapshot → updates,
 * answering pings), so thousands of boards cost little CPU here. Only a sample
 * of them parse the `board:update` JSON and record, per deal id in `changed`,
 * receipt time − send time (the send time is carried in the id, see lib/ids.ts).
 * Every socket counts the updates it receives, so the report shows that all of
 * them are connected and receiving.
 *
 * Reconnect mode (opt-in, `connect({reconnect: true})`, used by the recovery
 * scenario): a board whose socket drops reopens it the way the real board's
 * socket.io-client does (same backoff and jitter, see RECONNECT), redoes the
 * namespace connect with `auth: {eventId}` and waits for a new snapshot. After
 * `arm`, these boards also read `total` from every snapshot and update they get.
 * Boards opened without the flag behave as before: a drop is counted and final.
 */
import os from 'node:os';
import WebSocket from 'ws';
import { serve } from './lib/rpc.js';
import { nowUs } from './lib/ids.js';
import { Samples } from './lib/stats.js';
import { joinOnSeq } from './lib/seq-join.js';
import { backoffMs, RECONNECT, recoveryReport, type Reconnect } from './lib/reconnect.js';

/** `seqs`: for a sampler, `[update seq, receipt µs]` of each update, flat pairs. */
/** `from`: the `fromSeq` of a sampler's first update since the reset. */
type Board = { ws: WebSocket; ready: boolean; sampler: boolean; updates: number; closed: boolean; seqs: number[]; from: number; rc?: Reconnect };

// Bulk boards stand in for screens on other machines: they may run at a lower priority (see bench/lib/options.ts, bulkNice).
if (Number(process.env.BENCH_NICE)) os.setPriority(Number(process.env.BENCH_NICE));

const boards: Board[] = [];
let disconnects = 0;
let connectErrors = 0;
let snapshotsSeen = 0;

const UPDATE_PREFIX = '42/board,["board:update",';
const SNAPSHOT_PREFIX = '42/board,["board:snapshot"';
const wsUrlOf = (url: string) => url.replace(/^http/, 'ws') + '/socket.io/?EIO=4&transport=websocket';
/** Reconnecting boards record the totals they receive while this is set. */
let armed = false;

function recordTotal(b: Board, data: Buffer, recvUs: number) {
  const [, payload] = JSON.parse(data.toString('utf8', 9)) as [string, { total?: unknown }];
  b.rc!.seen.push(recvUs, typeof payload?.total === 'number' ? payload.total : NaN);
}

/**
 * Speak the protocol on `ws` for board `b` (a first open or a reopen): answer
 * pings, join the namespace on the engine open, then wait for the snapshot.
 */
function wire(b: Board, ws: WebSocket, eventId: string, on: { opened(): void; ready(): void; fail(e: Error): void }) {
  ws.on('message', (data: Buffer) => {
    // Engine.IO packet type is the first character.
    const t = data[0];
    if (t === 0x32 /* '2' ping */) {
      ws.send('3');
      return;
    }
    if (t !== 0x34 /* '4' message */) {
      if (t === 0x30 /* '0' open */) {
        on.opened();
        ws.send(`40/board,${JSON.stringify({ eventId })}`);
      }
      return;
    }
    if (b.ready) {
      const recvUs = nowUs();
      // 42/board,["board:update",{...}] — count; the samplers also read the ids.
      if (data.length > UPDATE_PREFIX.length && data.toString('latin1', 0, UPDATE_PREFIX.length) === UPDATE_PREFIX) {
        b.updates++;
        if (b.sampler) {
          const [, update] = JSON.parse(data.toString('utf8', 9)) as [string, { seq: number; fromSeq: number }];
          if (!b.seqs.length) b.from = update.fromSeq;
          b.seqs.push(update.seq, recvUs);
        }
        if (armed && b.rc) recordTotal(b, data, recvUs);
      }
      return;
    }
    const s = data.toString('utf8');
    if (s.startsWith('40/board,')) return; // namespace joined; wait for the snapshot
    if (s.startsWith('44/board,')) {
      connectErrors++;
      if (b.rc) {
        b.rc.refused = true;
        b.closed = true;
      }
      ws.terminate();
      on.fail(new Error(`connect_error ${s.slice(9, 200)}`));
      return;
    }
    if (s.startsWith(SNAPSHOT_PREFIX)) {
      const recvUs = nowUs();
      b.ready = true;
      snapshotsSeen++;
      if (armed && b.rc) recordTotal(b, data, recvUs);
      on.ready();
    }
  });
  ws.on('error', (e) => {
    if (!b.ready) on.fail(e);
  });
  ws.on('close', () => {
    if (b.ws !== ws) return;
    const wasReady = b.ready;
    if (wasReady && !b.closed) disconnects++;
    if (b.rc && !b.closed) {
      // Reconnect mode: the Manager's onclose → reconnect().
      b.ready = false;
      if (!wasReady) on.fail(new Error('closed before snapshot'));
      scheduleReopen(b);
      return;
    }
    b.closed = true;
    if (!wasReady) on.fail(new Error('closed before snapshot'));
  });
}

function openBoard(url: string, eventId: string, reconnect = false): Promise<Board> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrlOf(url), { perMessageDeflate: false, skipUTF8Validation: true });
    const b: Board = { ws, ready: false, sampler: false, updates: 0, closed: false, seqs: [], from: -Infinity };
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error('connect timeout'));
    }, 30_000);
    wire(b, ws, eventId, {
      opened: () => undefined,
      ready: () => {
        clearTimeout(timer);
        // Reconnection starts once the board is up: a failed first open is a failed connect, as before.
        if (reconnect) b.rc = { url, eventId, attempt: 0, tries: 0, reconnects: 0, refused: false, seen: [] };
        resolve(b);
      },
      fail: (e) => {
        clearTimeout(timer);
        reject(e);
      },
    });
  });
}

/** After a drop or a failed try: wait the next backoff step, then reopen. */
function scheduleReopen(b: Board) {
  const rc = b.rc!;
  if (rc.timer || b.closed || rc.refused) return;
  rc.timer = setTimeout(() => {
    rc.timer = undefined;
    if (!b.closed) reopen(b);
  }, backoffMs(rc.attempt++));
}

function reopen(b: Board) {
  const rc = b.rc!;
  rc.tries++;
  const ws = new WebSocket(wsUrlOf(rc.url), { perMessageDeflate: false, skipUTF8Validation: true });
  b.ws = ws;
  // The Manager gives up on an engine that has not opened within `timeout`; the close then schedules the next try.
  const timer = setTimeout(() => ws.terminate(), RECONNECT.openTimeoutMs);
  ws.on('close', () => clearTimeout(timer));
  wire(b, ws, rc.eventId, {
    opened: () => {
      clearTimeout(timer);
      rc.attempt = 0; // the Manager's onreconnect → backoff.reset()
    },
    ready: () => rc.reconnects++,
    fail: () => undefined, // the close that follows schedules the next try
  });
}

/** Open `count` more boards, at most `concurrency` handshakes at a time. */
async function connect(p: { url: string; eventId: string; count: number; concurrency?: number; reconnect?: boolean }) {
  const started = performance.now();
  let failed = 0;
  let next = 0;
  const errors: string[] = [];
  const lanes = Math.min(p.concurrency ?? 100, p.count);
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < p.count) {
        next++;
        try {
          boards.push(await openBoard(p.url, p.eventId, p.reconnect === true));
        } catch (e) {
          failed++;
          if (errors.length < 5) errors.push(String(e));
        }
      }
    }),
  );
  return { total: boards.filter((b) => !b.closed).length, failed, errors, ms: performance.now() - started };
}

/** Make `count` of the open boards samplers, spread evenly over connection order. */
function sample(p: { count: number }) {
  const open = boards.filter((b) => !b.closed);
  for (const b of open) b.sampler = false;
  const every = Math.max(1, Math.floor(open.length / Math.max(1, p.count)));
  let n = 0;
  for (let i = Math.floor(every / 2); i < open.length && n < p.count; i += every, n++) open[i]!.sampler = true;
  return { samplers: n };
}

let cpuMark = process.cpuUsage();
let wallMark = performance.now();

function reset() {
  for (const b of boards) {
    b.updates = 0;
    b.seqs = [];
    b.from = -Infinity;
  }
  disconnects = 0;
  cpuMark = process.cpuUsage();
  wallMark = performance.now();
  return true;
}

/**
 * Submit → board latency of every deal in `sent` (`[seq, send µs]` pairs from the tablets) at
 * every sampler: the receipt of the first update whose `seq` covers the deal's, minus its send
 * time. Updates name only a few deals, so the join is on `seq`, never on the deals they name.
 */
function report(p: { sent?: ArrayLike<number> } = {}) {
  const sent = p.sent ?? [];
  const out = new Samples(Math.max(16, (sent.length / 2) * 64));
  for (const b of boards) if (b.sampler && !b.closed) joinOnSeq(sent, b.seqs, out, b.from);
  const open = boards.filter((b) => !b.closed);
  let minUpdates = Infinity;
  let sumUpdates = 0;
  let silent = 0;
  for (const b of open) {
    minUpdates = Math.min(minUpdates, b.updates);
    sumUpdates += b.updates;
    if (b.updates === 0) silent++;
  }
  const cpu = process.cpuUsage(cpuMark);
  return {
    latencies: out.values(),
    samplers: open.filter((b) => b.sampler).length,
    open: open.length,
    disconnects,
    silent,
    minUpdates: open.length ? minUpdates : 0,
    meanUpdates: open.length ? sumUpdates / open.length : 0,
    snapshotsSeen,
    connectErrors,
    rss: process.memoryUsage().rss,
    cpuMs: (cpu.user + cpu.system) / 1000,
    wallMs: performance.now() - wallMark,
  };
}

/** Reconnecting boards: from now on, record the total of every snapshot and update. */
function arm() {
  armed = true;
  for (const b of boards) if (b.rc) b.rc.seen = [];
  return true;
}

async function close() {
  armed = false;
  for (const b of boards) {
    b.closed = true;
    if (b.rc?.timer) clearTimeout(b.rc.timer);
    b.ws.terminate();
  }
  boards.length = 0;
  return true;
}

/** Boards open now. */
function count() {
  return { total: boards.filter((b) => !b.closed).length };
}

const recovery = (p: { killUs: number; total: number }) => recoveryReport(boards, p);

serve({ connect, count, sample, reset, report, arm, recovery, close });
