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
 */
import WebSocket from 'ws';
import { serve } from './lib/rpc.js';
import { nowUs, sentAtUs } from './lib/ids.js';
import { Samples } from './lib/stats.js';

type Board = { ws: WebSocket; ready: boolean; sampler: boolean; updates: number; closed: boolean };

const boards: Board[] = [];
const sendTimes = new Samples(1 << 16);
const latencies = new Samples(1 << 16);
let disconnects = 0;
let connectErrors = 0;
let snapshotsSeen = 0;

const UPDATE_PREFIX = '42/board,["board:update",';

function openBoard(url: string, eventId: string): Promise<Board> {
  return new Promise((resolve, reject) => {
    const wsUrl = url.replace(/^http/, 'ws') + '/socket.io/?EIO=4&transport=websocket';
    const ws = new WebSocket(wsUrl, { perMessageDeflate: false, skipUTF8Validation: true });
    const b: Board = { ws, ready: false, sampler: false, updates: 0, closed: false };
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error('connect timeout'));
    }, 30_000);
    ws.on('message', (data: Buffer) => {
      // Engine.IO packet type is the first character.
      const t = data[0];
      if (t === 0x32 /* '2' ping */) {
        ws.send('3');
        return;
      }
      if (t !== 0x34 /* '4' message */) {
        if (t === 0x30 /* '0' open */) ws.send(`40/board,${JSON.stringify({ eventId })}`);
        return;
      }
      if (b.ready) {
        const recvUs = nowUs();
        // 42/board,["board:update",{...}] — count; the samplers also read the ids.
        if (data.length > UPDATE_PREFIX.length && data.toString('latin1', 0, UPDATE_PREFIX.length) === UPDATE_PREFIX) {
          b.updates++;
          if (b.sampler) {
            const [, update] = JSON.parse(data.toString('utf8', 9)) as [string, { changed?: { id: string }[] }];
            for (const d of update.changed ?? []) {
              const sent = sentAtUs(d.id);
              if (!Number.isFinite(sent)) continue;
              sendTimes.push(sent);
              latencies.push((recvUs - sent) / 1000);
            }
          }
        }
        return;
      }
      const s = data.toString('utf8');
      if (s.startsWith('40/board,')) return; // namespace joined; wait for the snapshot
      if (s.startsWith('44/board,')) {
        clearTimeout(timer);
        connectErrors++;
        ws.terminate();
        reject(new Error(`connect_error ${s.slice(9, 200)}`));
        return;
      }
      if (s.startsWith('42/board,["board:snapshot"')) {
        b.ready = true;
        snapshotsSeen++;
        clearTimeout(timer);
        resolve(b);
      }
    });
    ws.on('error', (e) => {
      clearTimeout(timer);
      if (!b.ready) reject(e);
    });
    ws.on('close', () => {
      clearTimeout(timer);
      if (b.ready && !b.closed) disconnects++;
      b.closed = true;
      if (!b.ready) reject(new Error('closed before snapshot'));
    });
  });
}

/** Open `count` more boards, at most `concurrency` handshakes at a time. */
async function connect(p: { url: string; eventId: string; count: number; concurrency?: number }) {
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
          boards.push(await openBoard(p.url, p.eventId));
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
  sendTimes.clear();
  latencies.clear();
  for (const b of boards) b.updates = 0;
  disconnects = 0;
  cpuMark = process.cpuUsage();
  wallMark = performance.now();
  return true;
}

/** Latencies of deals sent within the given [fromUs, toUs] windows, and how many updates each board got. */
function report(p: { windows?: [number, number][] } = {}) {
  const windows = p.windows ?? [[0, Number.MAX_SAFE_INTEGER]];
  const st = sendTimes.values();
  const lat = latencies.values();
  const out = new Samples(Math.max(16, lat.length));
  for (let i = 0; i < lat.length; i++) {
    const t = st[i]!;
    if (windows.some(([from, to]) => t >= from && t <= to)) out.push(lat[i]!);
  }
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

async function close() {
  for (const b of boards) {
    b.closed = true;
    b.ws.terminate();
  }
  boards.length = 0;
  return true;
}

serve({ connect, sample, reset, report, close });
