/**
 * `npm run bench -- --store=postgres --nodes=3` — the cluster benchmark: N nodes of
 * the production build (`server/dist/main.js`) on one throwaway PostgreSQL (Debian's
 * `postgresql`), boards and tablets spread over the nodes round-robin.
 *
 * The load runs in processes of its own, as in `npm run bench`: board sockets in
 * `--board-workers` niced processes of bench/load-boards.ts, and 51 samplers that parse every
 * update in one more at normal priority (latency joined on seq), the 20 tablets in bench/load-tablets.ts.
 * Measures: ack p99 at 200 deals/s over the operator socket; a socket burst (durable
 * deals/s: every ack after its COMMIT); submit → board:update p99 over the sampled boards
 * of every node; and that every node's /totals agree at the end.
 * With `--floor`, also what the machine allows beside that load (bench/load-floor.ts).
 * `--bare=none|commit` puts the same load on N bare Socket.IO servers instead, with no store or with
 * the least a durable node must write before an ack.
 * Flags: --nodes=3 --boards=2000 --measure-ms=15000 --burst=4000 --board-workers=2 --bulk-nice=10 --no-build --floor --bare=none|commit
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startPostgres } from '../tests/support/postgres.js';
import { bareLedger, createBareSchema } from './lib/bare-commit.js';
import { freePort } from '../tests/support/free-port.js';
import { killAll, startChild, type Child } from './lib/rpc.js';
import { concat, summarize } from './lib/stats.js';
import { ADMIN_TOKEN, api, setupEvent } from './lib/event-setup.js';

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
    'board-workers': { type: 'string', default: '2' },
    'bulk-nice': { type: 'string', default: '10' },
    'no-build': { type: 'boolean', default: false },
    floor: { type: 'boolean', default: false },
    bare: { type: 'string', default: '' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (o.help) {
  console.log(`npm run bench -- --store=postgres [flags]
  --nodes=3          nodes on one throwaway PostgreSQL
  --boards=2000      board sockets, spread over the nodes (51 of them sampled)
  --measure-ms=15000 the steady spell at 200 deals/s
  --burst=4000       deals sent at once over the tablets' sockets
  --board-workers=2  processes for the bulk boards
  --bulk-nice=10     their niceness (0: on a par with the nodes)
  --no-build         use server/dist as it is
  --floor            also time a bare PostgreSQL select and commit and a node's /health at 50/s
                     each, before the deals and beside the steady spell (bench/load-floor.ts)
  --bare=none        the same load on N bare Socket.IO servers (bench/baseline-server.ts: each
                     acks at once and updates only its own boards): what the machine allows
                     with none of the ledger's work
  --bare=commit      the same, but each deal is committed to PostgreSQL before its ack (one
                     statement per group commit that takes the seq and inserts: bench/lib/bare-commit.ts)`);
  process.exit(0);
}
const NODES = Number(o.nodes);
const BOARDS = Number(o.boards);
const MEASURE_MS = Number(o['measure-ms']);
const BURST = Number(o.burst);
const WORKERS = Number(o['board-workers']);
const RATE = 200;
const TABLETS = 20;
const SAMPLERS = 51;
/** Each of the floor's loops, a second (`--floor`). */
const FLOOR_RATE = 50;
/** Niceness of the bulk board processes (`npm run bench`'s `--bulk-nice`). */
const BULK_NICE = Number(o['bulk-nice']);
const log = (...a: unknown[]) => console.error(`[cluster ${new Date().toISOString().slice(11, 19)}]`, ...a);
if (o.bare && o.bare !== 'none' && o.bare !== 'commit') throw new Error('--bare is none or commit');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function startNode(databaseUrl: string, port: number, index: number): Promise<ChildProcess> {
  const env = {
    ...process.env,
    SEQ_BASE: String(index * 1e9),
    ...(o.bare === 'commit' ? { BARE_DATABASE_URL: databaseUrl } : {}),
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    ADMIN_TOKEN,
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
    DEAL_RATE_PER_MINUTE: '1000000',
    DEAL_RATE_BURST: '1000000',
    BOARD_SOCKETS_PER_ADDRESS: '1000000',
    BOARD_SOCKETS_MAX: '1000000',
  };
  const main = o.bare ? ['--import', 'tsx', path.join(ROOT, 'bench/baseline-server.ts')] : [path.join(ROOT, 'server/dist/main.js')];
  const child = spawn(process.execPath, main, { env, stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`node on ${port} exited (${child.exitCode})`);
    if (await fetch(`http://127.0.0.1:${port}/api/v1/health`).then((r) => r.ok, () => false)) return child;
    await sleep(100);
  }
  throw new Error(`node on ${port} did not start`);
}

type Steady = { sent: number; acked: number; errors: Record<string, number>; ackMs: Float64Array; sentSeqs: Float64Array };
type Burst = { count: number; ok: number; perSecond: number; errors: Record<string, number>; ackMs: Float64Array };
type Floor = { name: string; ms: Float64Array; errors: number }[];
type Report = { latencies: Float64Array; samplers: number; open: number; silent: number; disconnects: number };

async function main() {
  if (!o['no-build']) {
    log('building the server (npm run build:server)');
    const b = spawnSync('npm', ['run', 'build:server'], { cwd: ROOT, encoding: 'utf8' });
    if (b.status !== 0) throw new Error(b.stderr);
  }
  const load = os.loadavg().map((x) => x.toFixed(1)).join(' ');
  const pg = await startPostgres();
  const nodes: ChildProcess[] = [];
  try {
    const databaseUrl = await pg.createDatabase('bench');
    if (o.bare === 'commit') await createBareSchema(databaseUrl);
    const ports = await Promise.all(Array.from({ length: NODES }, () => freePort()));
    nodes.push(...(await Promise.all(ports.map((p, i) => startNode(databaseUrl, p, i)))));
    const urls = ports.map((p) => `http://127.0.0.1:${p}`);
    log(`${NODES} nodes up on one PostgreSQL`);
    // A bare server takes any token; it reads the event from the token's prefix.
    const event = o.bare
      ? { eventId: 'bare', categories: ['c1', 'c2'], delegations: ['d1', 'd2'], tokens: Array.from({ length: TABLETS }, (_, i) => `bare.${i}`) }
      : await setupEvent(urls[0]!, TABLETS, (i) => urls[i % NODES]!);

    // Boards: each worker opens its share on every node. As in `npm run bench`, the bulk boards
    // (screens on other machines on the day) run niced, and the samplers in a process of their own
    // at normal priority, so that a sampler measures the nodes, not the queue of the boards beside it.
    const bulk: Child[] = Array.from({ length: WORKERS }, (_, i) => startChild(`cluster-boards-${i}`, path.join(ROOT, 'bench/load-boards.ts'), { env: { BENCH_NICE: String(BULK_NICE) } }));
    const samplers = startChild('cluster-samplers', path.join(ROOT, 'bench/load-boards.ts'));
    const workers = [samplers, ...bulk];
    const per = Math.ceil((BOARDS - SAMPLERS) / (NODES * WORKERS));
    const sampledPer = Math.ceil(SAMPLERS / NODES);
    for (const url of urls) {
      await Promise.all([samplers.call('connect', { url, eventId: event.eventId, count: sampledPer }, 180_000), ...bulk.map((w) => w.call('connect', { url, eventId: event.eventId, count: per, concurrency: 100 }, 180_000))]);
    }
    await Promise.all([samplers.call('sample', { count: sampledPer * NODES }), ...bulk.map((w) => w.call('sample', { count: 0 }))]);
    const opened = (await Promise.all(workers.map((w) => w.call<{ total: number }>('count')))).reduce((s, r) => s + r.total, 0);
    log(`${opened} boards, spread over the nodes`);

    const floor = o.floor ? startChild('cluster-floor', path.join(ROOT, 'bench/load-floor.ts')) : undefined;
    const floorRun = (durationMs: number) => floor?.call<Floor>('run', { databaseUrl, urls, rate: FLOOR_RATE, durationMs }, durationMs * 4 + 60_000);
    const quiet = await floorRun(3000);
    const tablets = startChild('cluster-tablets', path.join(ROOT, 'bench/load-tablets.ts'));
    await tablets.call('init', { url: urls[0], urls, event });
    await tablets.call('steady', { rate: RATE, durationMs: 2000, warmupMs: 2000 }, 60_000);
    await sleep(500);
    await Promise.all(workers.map((w) => w.call('reset')));

    log(`steady: ${RATE} deals/s for ${MEASURE_MS / 1000} s`);
    const [steady, loaded] = await Promise.all([
      tablets.call<Steady>('steady', { rate: RATE, durationMs: MEASURE_MS, warmupMs: 500 }, MEASURE_MS * 4 + 60_000),
      floorRun(MEASURE_MS),
    ]);
    await sleep(1000);
    const reps = await Promise.all(workers.map((w) => w.call<Report>('report', { sent: steady.sentSeqs }, 120_000)));

    log(`burst: ${BURST} deals`);
    const burst = await tablets.call<Burst>('burst', { count: BURST, window: 50 * TABLETS }, 180_000);
    await sleep(2000);
    const totals = o.bare ? [] : await Promise.all(urls.map((u) => api<{ seq: number; count: number }>(u, 'GET', `/api/v1/events/${event.eventId}/totals`)));
    await tablets.call('close');
    await Promise.all(workers.map((w) => w.call('close')));

    const ack = summarize(steady.ackMs);
    const board = summarize(concat(reps.map((r) => r.latencies)));
    const errors = Object.entries({ ...steady.errors, ...burst.errors });
    const f = (x: number) => x.toFixed(1);
    console.log(`\ncluster bench: ${o.bare ? `bare Socket.IO servers (${o.bare === 'commit' ? 'each deal committed before its ack' : 'no store'}),` : 'PostgreSQL,'} ${NODES} nodes, ${opened} boards (${reps.reduce((s, r) => s + r.samplers, 0)} sampled), ${TABLETS} tablets (socket); load avg at start ${load}, at end ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
    console.log(`  ack at ${RATE} deals/s:        p50 ${f(ack.p50)} ms  p99 ${f(ack.p99)} ms  (n=${ack.n})   budget ≤ 25 ms`);
    console.log(`  socket burst:               ${Math.round(burst.perSecond)} durable deals/s (${burst.ok} of ${burst.count})   budget ≥ 3,000`);
    console.log(`  submit → board:update:      p50 ${f(board.p50)} ms  p99 ${f(board.p99)} ms  (n=${board.n})   budget ≤ 150 ms`);
    console.log(`  boards that got no update:  ${reps.reduce((s, r) => s + r.silent, 0)}; errors: ${errors.length ? JSON.stringify(Object.fromEntries(errors)) : 'none'}`);
    for (const [when, runs] of [['before the deals', quiet], ['beside the steady spell', loaded]] as const) {
      if (!runs) continue;
      const line = runs.map((r) => { const s = summarize(r.ms); return `${r.name} p50 ${f(s.p50)} / p99 ${f(s.p99)} ms${r.errors ? ` (${r.errors} failed)` : ''}`; });
      console.log(`  floor, ${when}: ${line.join(' · ')}`);
    }
    if (o.bare === 'commit') {
      const stored = await bareLedger(databaseUrl);
      console.log(`  the bare nodes' deals:      count ${stored.n}, seq ${stored.seq}`);
    }
    if (!o.bare) console.log(`  every node's /totals:       ${totals.map((t) => `seq ${t.seq} count ${t.count}`).join(' | ')}`);
  } finally {
    await killAll();
    for (const c of nodes) c.kill('SIGKILL');
    await pg.destroy();
  }
}

main().catch(async (e) => {
  console.error(e);
  await killAll();
  process.exit(1);
});
