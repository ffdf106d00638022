/**
 * Load generator: booth tablets on `/operator` (socket.io-client, websocket
 * transport), in their own process.
 *
 * - `steady`: open loop at a fixed rate (deals/s) spread round-robin over the
 *   tablets for a given time; each deal's id carries its send time; the ack
 *   latency (emit → ack, same process) is recorded after the warm-up.
 * - `burst`: N deals as fast as the window of unacknowledged deals allows;
 *   throughput = N / (first emit → last ack).
 */
import { io, type Socket } from 'socket.io-client';
import { serve } from './lib/rpc.js';
import { makeDeal, type BenchEvent } from './lib/deals.js';
import { nowUs } from './lib/ids.js';
import { Samples } from './lib/stats.js';

type Ack = { ok: boolean; error?: { code: string; message: string } };

let sockets: Socket[] = [];
let ev: BenchEvent | undefined;
let n = 0;

/** Open one tablet per booth token, on `url` or, with `urls` (a cluster), spread over them round-robin. */
async function init(p: { url: string; urls?: string[]; event: BenchEvent }) {
  await close();
  ev = p.event;
  const urls = p.urls?.length ? p.urls : [p.url];
  sockets = await Promise.all(
    p.event.tokens.map(
      (token, i) =>
        new Promise<Socket>((resolve, reject) => {
          const s = io(`${urls[i % urls.length]}/operator`, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false, timeout: 20_000 });
          s.once('connect', () => resolve(s));
          s.once('connect_error', (e) => reject(new Error(`operator connect_error: ${e.message}`)));
        }),
    ),
  );
  return { tablets: sockets.length };
}

function emitDeal(s: Socket, done: (ack: Ack, ms: number) => void) {
  const t = nowUs();
  const deal = makeDeal(ev!, n++, t);
  const t0 = performance.now();
  s.timeout(30_000).emit('deal:submit', deal, (err: Error | null, ack: Ack) => {
    done(err ? { ok: false, error: { code: 'timeout', message: err.message } } : ack, performance.now() - t0);
  });
  return t;
}

/** Open loop: `rate` deals/s for `durationMs`; acks of deals sent after `warmupMs` are measured. */
async function steady(p: { rate: number; durationMs: number; warmupMs: number }) {
  if (!ev || !sockets.length) throw new Error('init first');
  const ackMs = new Samples();
  /** `[seq, send time µs]` of each measured deal: boards' latency is joined on `seq` (updates name only a few deals). */
  const sentSeqs: number[] = [];
  const errors: Record<string, number> = {};
  let sent = 0;
  let acked = 0;
  let measuredSent = 0;
  let measuredOk = 0;
  const start = performance.now();
  const total = Math.round((p.rate * p.durationMs) / 1000);
  let measureFromUs = 0;
  let measureToUs = 0;
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const elapsed = performance.now() - start;
      const due = Math.min(total, Math.floor((elapsed * p.rate) / 1000));
      while (sent < due) {
        const s = sockets[sent % sockets.length]!;
        const measured = elapsed >= p.warmupMs;
        sent++;
        if (measured) measuredSent++;
        const t = emitDeal(s, (ack, ms) => {
          acked++;
          if (ack.ok) {
            if (measured) {
              measuredOk++;
              ackMs.push(ms);
              const seq = (ack as { data?: { seq?: unknown } }).data?.seq;
              if (typeof seq === 'number') sentSeqs.push(seq, t);
            }
          } else errors[ack.error?.code ?? 'unknown'] = (errors[ack.error?.code ?? 'unknown'] ?? 0) + 1;
        });
        if (measured) {
          if (!measureFromUs) measureFromUs = t;
          measureToUs = t;
        }
      }
      if (sent >= total) {
        clearInterval(tick);
        resolve();
      }
    }, 2);
  });
  // Wait (bounded) for the last acks.
  const deadline = performance.now() + 30_000;
  while (acked < sent && performance.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  return {
    sent,
    acked,
    measuredSent,
    measuredOk,
    errors,
    ackMs: ackMs.values(),
    sentSeqs: Float64Array.from(sentSeqs),
    measureFromUs,
    measureToUs,
    elapsedMs: performance.now() - start,
  };
}

/** `count` deals, at most `window` unacknowledged at once (spread over the tablets). */
async function burst(p: { count: number; window: number }) {
  if (!ev || !sockets.length) throw new Error('init first');
  const ackMs = new Samples();
  const errors: Record<string, number> = {};
  let sent = 0;
  let done = 0;
  let ok = 0;
  const start = performance.now();
  await new Promise<void>((resolve) => {
    const pump = () => {
      while (sent < p.count && sent - done < p.window) {
        const s = sockets[sent % sockets.length]!;
        sent++;
        emitDeal(s, (ack, ms) => {
          done++;
          if (ack.ok) {
            ok++;
            ackMs.push(ms);
          } else errors[ack.error?.code ?? 'unknown'] = (errors[ack.error?.code ?? 'unknown'] ?? 0) + 1;
          if (done === p.count) resolve();
          else pump();
        });
      }
    };
    pump();
  });
  const ms = performance.now() - start;
  return { count: p.count, ok, errors, ms, perSecond: (ok / ms) * 1000, ackMs: ackMs.values() };
}

async function close() {
  for (const s of sockets) s.close();
  sockets = [];
  return true;
}

serve({ init, steady, burst, close });
