/**
 * `npm run bench -- --store=postgres --nodes=3` — the cluster benchmark: N nodes of
 * the production build (`server/dist/main.js`) on one throwaway PostgreSQL (Debian's
 * `postgresql`), boards spread over the nodes, tablets spread over the nodes.
 *
 * Measures: ack p99 at 200 deals/s over the operator socket; a socket burst (durable
 * deals/s: every ack after its COMMIT); submit → board:update p99 over all boards.
 * Flags: --nodes=3 --boards=2000 --measure-ms=15000 --burst=4000 --no-build
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { io, type Socket } from 'socket.io-client';
import { startPostgres } from '../tests/support/postgres.js';
import { makeDeal, type BenchEvent } from './lib/deals.js';
import { nowUs, sentAtUs } from './lib/ids.js';
import { summarize } from './lib/stats.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: o } = parseArgs({
  args: process.argv.slice(2),
  strict: true,
  options: {
    store: { type: 'string', default: 'postgres' },
    nodes: { type: 'string', default: '3' },
    boards: { type: 'string', default: '2000' },
    'measure-ms': { type: 'string', default: '15000' },
    burst: { type: 'string', default: '4000' },
    'no-build': { type: 'boolean', default: false },
  },
});
const NODES = Number(o.nodes);
const BOARDS = Number(o.boards);
const MEASURE_MS = Number(o['measure-ms']);
const BURST = Number(o.burst);
const RATE = 200;
const TABLETS = 20;
const ADMIN_TOKEN = 'bench-admin-token-0123456789';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function api<T>(url: string, method: string, p: string, body?: unknown): Promise<T> {
  const r = await fetch(url + p, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` }, body: body ? JSON.stringify(body) : undefined });
  if (!r.ok) throw new Error(`${method} ${p}: ${r.status} ${await r.text()}`);
  return (await r.json()) as T;
}

async function startNode(databaseUrl: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [path.join(ROOT, 'server/dist/main.js')], {
    env: { ...process.env, NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: databaseUrl, ADMIN_TOKEN, LOG_LEVEL: 'warn', SEED_DEMO: 'false', DEAL_RATE_PER_MINUTE: '1000000', DEAL_RATE_BURST: '1000000' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 600; i++) {
    if ((await fetch(`http://127.0.0.1:${port}/api/v1/health`).then((r) => r.ok, () => false))) return child;
    await sleep(100);
  }
  throw new Error(`node on ${port} did not start`);
}

async function main() {
  if (!o['no-build']) {
    const b = spawnSync('npm', ['run', 'build:server'], { cwd: ROOT, encoding: 'utf8' });
    if (b.status !== 0) throw new Error(b.stderr);
  }
  const pg = await startPostgres();
  const nodes: ChildProcess[] = [];
  const sockets: Socket[] = [];
  try {
    const databaseUrl = await pg.createDatabase('bench');
    const ports = Array.from({ length: NODES }, (_, i) => 41_000 + Math.floor(Math.random() * 1000) * 10 + i);
    nodes.push(...(await Promise.all(ports.map((p) => startNode(databaseUrl, p)))));
    const urls = ports.map((p) => `http://127.0.0.1:${p}`);
    const now = Date.now();
    const ev = await api<{ id: string; categories: { id: string }[]; delegations: { id: string }[] }>(urls[0]!, 'POST', '/api/v1/events', { name: 'Bench klaster', target: 1e15, startsAt: new Date(now).toISOString(), endsAt: new Date(now + 86_400_000).toISOString(), timezone: 'Asia/Jakarta', delegations: ['Jatim', 'Kalsel'] });
    const tokens: string[] = [];
    for (let i = 0; i < TABLETS; i++) tokens.push((await api<{ token: string }>(urls[i % NODES]!, 'POST', `/api/v1/events/${ev.id}/booths`, { name: `Stan ${i + 1}`, delegation: i % 2 ? 'Kalsel' : 'Jatim' })).token);
    const bench: BenchEvent = { eventId: ev.id, categories: ev.categories.map((c) => c.id), delegations: ev.delegations.map((d) => d.id), tokens };

    // Boards, round-robin over the nodes; each update's newest deal id carries its send time.
    const boardLat: number[] = [];
    let measuring = false;
    for (let i = 0; i < BOARDS; i++) {
      const s = io(`${urls[i % NODES]}/board`, { auth: { eventId: ev.id }, transports: ['websocket'], forceNew: true, reconnection: false });
      s.on('board:update', (u: { changed: { id: string }[] }) => {
        if (!measuring || !u.changed.length) return;
        const t = sentAtUs(u.changed[0]!.id);
        if (Number.isFinite(t)) boardLat.push((nowUs() - t) / 1000);
      });
      sockets.push(s);
      if (i % 200 === 199) await sleep(200);
    }
    await sleep(2_000);
    const tablets = tokens.map((token, i) => io(`${urls[i % NODES]}/operator`, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false }));
    sockets.push(...tablets);
    await Promise.all(tablets.map((t) => new Promise((r) => (t.connected ? r(null) : t.once('connect', () => r(null))))));

    let n = 0;
    const send = (t: Socket) => {
      const deal = makeDeal(bench, n++);
      const started = performance.now();
      return t.timeout(15_000).emitWithAck('deal:submit', deal).then((a: { ok: boolean }) => {
        if (!a.ok) throw new Error(JSON.stringify(a));
        return performance.now() - started;
      });
    };

    // Steady: 200 deals/s spread over the tablets (and so over the nodes).
    const ackLat: number[] = [];
    const pending: Promise<void>[] = [];
    measuring = true;
    const start = performance.now();
    for (let k = 0; performance.now() - start < MEASURE_MS; k++) {
      const due = start + (k * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      pending.push(send(tablets[k % TABLETS]!).then((ms) => void ackLat.push(ms)));
    }
    await Promise.all(pending);
    await sleep(1_000);
    measuring = false;

    // Burst: every tablet sends its share at once; deals/s from the first send to the last ack.
    const burstStart = performance.now();
    await Promise.all(tablets.map((t) => Promise.all(Array.from({ length: Math.ceil(BURST / TABLETS) }, () => send(t)))));
    const burstRate = (Math.ceil(BURST / TABLETS) * TABLETS) / ((performance.now() - burstStart) / 1000);

    const totals = await Promise.all(urls.map((u) => api<{ seq: number; count: number }>(u, 'GET', `/api/v1/events/${ev.id}/totals`)));
    const ack = summarize(ackLat);
    const board = summarize(boardLat);
    const f = (x: number) => x.toFixed(1);
    console.log(`\ncluster bench: PostgreSQL, ${NODES} nodes, ${BOARDS} boards, ${TABLETS} tablets (socket)`);
    console.log(`  ack at ${RATE} deals/s:        p50 ${f(ack.p50)} ms  p99 ${f(ack.p99)} ms  (n=${ack.n})`);
    console.log(`  socket burst:               ${Math.round(burstRate)} durable deals/s (${BURST} deals)`);
    console.log(`  submit → board:update:      p50 ${f(board.p50)} ms  p99 ${f(board.p99)} ms  (n=${board.n})`);
    console.log(`  every node's /totals:       ${totals.map((t) => `seq ${t.seq} count ${t.count}`).join(' | ')}`);
  } finally {
    for (const s of sockets) s.disconnect();
    for (const c of nodes) c.kill('SIGKILL');
    await pg.destroy();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
