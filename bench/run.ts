/**
 * `npm run bench` — the benchmark suite (not part of `npm test`).
 *
 * Starts, on loopback:
 *   - our server, the production build (`server/dist/main.js`, `npm run build:server`);
 *   - a bare baseline (bench/baseline-server.ts): Socket.IO doing the same coalesced
 *     broadcast with no validation and no storage, and a bare Express JSON endpoint;
 *   - load generators, each in its own process: board sockets (bench/load-boards.ts),
 *     booth tablets (bench/load-tablets.ts), HTTP (bench/load-http.ts), and Chromium
 *     for the board-side measure (bench/board-browser.ts).
 * Both servers get `bench/probe.mjs` preloaded, which reports memory, event-loop
 * delay and CPU over IPC. Scenarios alternate between the two servers, so the
 * ratios compare figures taken moments apart on the same (shared, noisy) machine.
 *
 * Flags: --quick (small numbers, ~1.5 min), --no-build, --skip-browser,
 *        --only=steady,burst,idle,browser,clients,recovery (the default: all of them),
 *        --profile=ours|baseline (writes a V8 CPU profile to bench/results/prof/),
 *        --steps=1000,2000,5000  --measure-ms=20000  --recovery-boards=2000
 * Output: a table on stdout, JSON in bench/results/.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatRupiah } from '@dealboard/shared';
import { killAll, killAllNow, startChild, type Child } from './lib/rpc.js';
import { concat, summarize, type Summary } from './lib/stats.js';
import { dealAmount, dealKind, type BenchEvent } from './lib/deals.js';
import { nowUs } from './lib/ids.js';
import { clientsScenario, type ClientsResult } from './scenario-clients.js';
import { freePort } from '../tests/support/free-port.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BENCH = path.join(ROOT, 'bench');
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const opt = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const QUICK = flag('quick');
const PROFILE = opt('profile');
const ONLY = new Set((opt('only') ?? 'steady,burst,idle,browser,clients,recovery').split(','));
/** The scenarios that share one pair of servers (ours and the baseline); recovery starts its own. */
const PAIRED = ['steady', 'burst', 'idle', 'browser', 'clients'].some((s) => ONLY.has(s));

const cfg = {
  mode: QUICK ? 'quick' : 'full',
  steps: (opt('steps') ?? (QUICK ? '200,500' : '1000,2000,5000')).split(',').map(Number),
  idleBoards: QUICK ? 1000 : 10_000,
  rate: 200,
  tablets: 20,
  /** Each steady step alternates the two servers in `rounds` segments of `segmentMs`; the first `segmentWarmupMs` of each is not measured. */
  rounds: QUICK ? 2 : 4,
  segmentMs: Number(opt('segment-ms') ?? (QUICK ? 4000 : 5500)),
  segmentWarmupMs: 500,
  samplers: 50,
  boardWorkers: 2,
  /**
   * Niceness of the bulk board processes (not the samplers'): on the day those
   * screens are other machines, so here they get the CPU that the servers, the
   * tablets and the samplers leave. `--bulk-nice=0` puts them on a par.
   */
  bulkNice: Number(opt('bulk-nice') ?? 10),
  burst: QUICK ? 2000 : 10_000,
  burstWindowPerTablet: 50,
  httpConcurrency: 64,
  httpWorkers: 2,
  idleMs: QUICK ? 4000 : 10_000,
  browser: !flag('skip-browser') && ONLY.has('browser'),
  browserLoads: 3,
  browserMs: QUICK ? 8000 : 30_000,
  browserRate: 40,
  intervalMs: 100,
  /** Real socket.io-client boards (scenario `clients`), on an event of this many booths. */
  clientBoards: Number(opt('client-boards') ?? (QUICK ? 300 : 2000)),
  clientBooths: 50,
  /** Recovery: boards that must come back after `kill -9` and a restart, and the brief's budget for it. */
  recoveryBoards: Number(opt('recovery-boards') ?? (QUICK ? 500 : 2000)),
  recoveryBudgetMs: 6000,
  /** Deals sent before the kill; how long after the kill the boards are watched; the whole scenario's deadline. */
  recoverySendMs: 3000,
  recoveryWaitMs: 30_000,
  recoveryDeadlineMs: 60_000,
  deadlineMs: QUICK ? 5 * 60_000 : 14 * 60_000,
};

const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';
const log = (...a: unknown[]) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------- processes

type Probe = {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  eld: { p50: number; p99: number; max: number; mean: number; n: number };
  cpu: { cpuMs: number; wallMs: number; share: number };
};

type Target = {
  key: 'ours' | 'baseline';
  url: string;
  server: Child;
  /** Board-client processes: the bulk boards; and, in the paired scenarios, one process of its own for the sampler boards. */
  boards: Child[];
  samplers?: Child;
  tablets: Child;
  event: BenchEvent;
  boardCount: number;
  memBefore?: Probe;
};

async function waitHealthy(child: Child, url: string, port: number, pollMs = 100) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.proc.exitCode !== null) throw new Error(`${child.name} exited early:\n${child.output()}`);
    // Our own process printed this port: nobody else's server answers in its place.
    if (child.output().includes(`:${port}`)) {
      try {
        const r = await fetch(`${url}/api/v1/health`);
        if (r.ok) return;
      } catch {
        /* not yet */
      }
    }
    await sleep(pollMs);
  }
  throw new Error(`${child.name} did not become healthy:\n${child.output()}`);
}

function serverArgs(key: string, tsx: boolean): string[] {
  const a = ['--expose-gc'];
  if (tsx) a.push('--import', 'tsx');
  a.push('--import', pathToFileURL(path.join(BENCH, 'probe.mjs')).href);
  if (PROFILE === key) {
    const dir = path.join(BENCH, 'results/prof');
    fs.mkdirSync(dir, { recursive: true });
    a.push('--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${key}-${Date.now()}.cpuprofile`);
  }
  return a;
}

function ensureBuilt() {
  if (flag('no-build')) return;
  log('building the server (npm run build:server)');
  const s = spawnSync('npm', ['run', 'build:server'], { cwd: ROOT, encoding: 'utf8' });
  if (s.status !== 0) throw new Error(`server build failed:\n${s.stdout}\n${s.stderr}`);
  const index = path.join(ROOT, 'client/dist/index.html');
  if (!fs.existsSync(index)) {
    log('building the client (npm run build)');
    const c = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8' });
    if (c.status !== 0) throw new Error(`client build failed:\n${c.stdout}\n${c.stderr}`);
  }
}

async function api<T>(url: string, method: string, p: string, body?: unknown, token?: string): Promise<T> {
  const r = await fetch(url + p, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${p}: ${r.status} ${text}`);
  return JSON.parse(text) as T;
}

/** One live event on our server, with `booths` booths (one per tablet) split over two delegations. */
async function setupEvent(url: string, booths = cfg.tablets): Promise<BenchEvent> {
  const now = Date.now();
  const ev = await api<{ id: string; categories: { id: string }[]; delegations: { id: string }[] }>(
    url,
    'POST',
    '/api/v1/events',
    {
      name: 'Bench — Misi Dagang',
      // High enough that no milestone fires mid-bench (a celebration is not what is measured).
      target: 100_000_000_000_000,
      startsAt: new Date(now).toISOString(),
      endsAt: new Date(now + 3_600_000).toISOString(),
      timezone: 'Asia/Makassar',
      delegations: ['Jatim', 'Kalsel'],
    },
    ADMIN_TOKEN,
  );
  const tokens: string[] = [];
  for (let i = 0; i < booths; i++) {
    const b = await api<{ token: string }>(url, 'POST', `/api/v1/events/${ev.id}/booths`, { name: `Stan ${i + 1}`, delegation: i % 2 ? 'Kalsel' : 'Jatim' }, ADMIN_TOKEN);
    tokens.push(b.token);
  }
  return { eventId: ev.id, categories: ev.categories.map((c) => c.id), delegations: ev.delegations.map((d) => d.id), tokens };
}

/** Fork one server on `port` (our production build keeps its ledger in `dataDir`). */
function spawnServer(key: 'ours' | 'baseline', dataDir: string, port: number, name: string = key): Child {
  return key === 'ours'
    ? startChild(name, path.join(ROOT, 'server/dist/main.js'), {
        execArgv: serverArgs('ours', false),
        env: {
          NODE_ENV: 'production',
          PORT: String(port),
          HOST: '127.0.0.1',
          DATA_DIR: dataDir,
          ADMIN_TOKEN,
          LOG_LEVEL: 'warn',
          SEED_DEMO: 'false',
          DEAL_RATE_PER_MINUTE: '1000000',
          DEAL_RATE_BURST: '1000000',
          BOARD_UPDATE_INTERVAL_MS: String(cfg.intervalMs),
          // Every load-generated board comes from 127.0.0.1.
          BOARD_SOCKETS_PER_ADDRESS: '1000000',
          BOARD_SOCKETS_MAX: '1000000',
        },
      })
    : startChild(name, path.join(BENCH, 'baseline-server.ts'), {
        execArgv: serverArgs('baseline', true),
        env: { NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', BOARD_UPDATE_INTERVAL_MS: String(cfg.intervalMs) },
      });
}

async function startTarget(key: 'ours' | 'baseline', dataDir: string): Promise<Target> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = spawnServer(key, dataDir, port);
  await waitHealthy(server, url, port);
  return { key, url, server, boards: [], tablets: undefined as unknown as Child, event: undefined as unknown as BenchEvent, boardCount: 0 };
}

const probe = (t: Target, gc = false) => t.server.call<Probe>('probe:read', { gc });
const probeReset = (t: Target) => t.server.call('probe:reset');

function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Sample the server's RSS from /proc every 250 ms (no work inside the server). */
function rssWatcher(pid: number) {
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, rssOf(pid) || 0)), 250);
  return () => {
    clearInterval(timer);
    return Math.max(peak, rssOf(pid) || 0);
  };
}

/** The disk under the ledger: fdatasync latency of small appends in the data folder (the floor under every durable ack). */
async function diskSync(dir: string, count = 200): Promise<Summary> {
  const file = path.join(dir, 'fsync-probe.bin');
  const fh = await fs.promises.open(file, 'w');
  const times: number[] = [];
  const page = Buffer.alloc(8192, 7);
  try {
    for (let i = 0; i < count; i++) {
      await fh.write(page, 0, page.length, (i % 64) * page.length);
      const t0 = performance.now();
      await fh.datasync();
      times.push(performance.now() - t0);
    }
  } finally {
    await fh.close();
    fs.rmSync(file, { force: true });
  }
  return summarize(times);
}

// ---------------------------------------------------------------- scenarios

type BoardsReport = {
  latencies: Float64Array;
  samplers: number;
  open: number;
  disconnects: number;
  silent: number;
  minUpdates: number;
  meanUpdates: number;
  connectErrors: number;
  rss: number;
  cpuMs: number;
};

/** Every board-client process of a target: the bulk ones and the sampler process. */
const boardWorkers = (t: Target): Child[] => (t.samplers ? [...t.boards, t.samplers] : t.boards);

/**
 * Open boards until the target has `total`. With a sampler process, every
 * `samplerEvery`-th board is opened there, so the sampler boards sit evenly in
 * the server's write order (it writes an update to its boards in the order they
 * connected), and the step's samplers are then picked evenly among them.
 */
async function connectBoards(t: Target, total: number, opts: { reconnect?: boolean; bulkOnly?: boolean } = {}) {
  const add = total - t.boardCount;
  if (add <= 0) return { ms: 0, failed: 0 };
  const started = performance.now();
  const open = async (workers: Child[], count: number) => {
    const per = Math.ceil(count / workers.length);
    return Promise.all(
      workers.map((w, i) =>
        w.call<{ total: number; failed: number; errors: string[] }>(
          'connect',
          { url: t.url, eventId: t.event.eventId, count: Math.max(0, Math.min(per, count - per * i)), concurrency: 100, reconnect: opts.reconnect === true },
          180_000,
        ),
      ),
    );
  };
  const results: { total: number; failed: number; errors: string[] }[] = [];
  if (!t.samplers || opts.bulkOnly) results.push(...(await open(t.boards, add)));
  else {
    const every = samplerEvery();
    for (let left = add; left > 0; ) {
      const bulk = Math.min(every - 1, left - 1);
      if (bulk > 0) results.push(...(await open(t.boards, bulk)));
      results.push(...(await open([t.samplers], 1)));
      left -= bulk + 1;
    }
  }
  const failed = results.reduce((s, r) => s + r.failed, 0);
  if (failed) log(`${t.key}: ${failed} board connects failed`, results.flatMap((r) => r.errors).slice(0, 3));
  const now = await Promise.all(boardWorkers(t).map((w) => w.call<{ total: number }>('count')));
  t.boardCount = now.reduce((s, r) => s + r.total, 0);
  return { ms: performance.now() - started, failed };
}

/** One sampler-process board per this many boards: `cfg.samplers` of them in the first step, the same density after. */
const samplerEvery = () => Math.max(2, Math.floor(Math.min(...cfg.steps) / cfg.samplers));

type SteadyResult = {
  boards: number;
  latency: Summary;
  ack: Summary;
  coverage: number;
  sent: number;
  ok: number;
  errors: Record<string, number>;
  silentBoards: number;
  disconnects: number;
  updatesPerSecond: number;
  eld: Probe['eld'];
  cpuShare: number;
  loadGenCpuShare: number;
  rssPeakMB: number;
  rssMB: number;
  heapMB: number;
  rssPerSocketKB: number;
  heapPerSocketKB: number;
  connectMs: number;
};

type SteadyRun = {
  sent: number;
  acked: number;
  measuredOk: number;
  errors: Record<string, number>;
  ackMs: Float64Array;
  sentSeqs: Float64Array;
  measureFromUs: number;
  measureToUs: number;
  elapsedMs: number;
};

/**
 * `n` boards on each server, then tablets at `cfg.rate` deals/s, alternating
 * between the two servers in short segments (ours, baseline, baseline, ours, …) so
 * that the machine's other load falls on both alike. Each server's probe counts
 * only while it is the one under load.
 */
async function steadyStep(targets: Target[], n: number): Promise<Record<'ours' | 'baseline', SteadyResult>> {
  const conn: Record<string, { ms: number }> = {};
  for (const t of targets) conn[t.key] = await connectBoards(t, n);
  await sleep(1000);
  const mem: Record<string, Probe> = {};
  for (const t of targets) mem[t.key] = await probe(t, true);
  const per = Math.ceil(cfg.samplers / cfg.boardWorkers);
  for (const t of targets) {
    if (t.samplers) {
      await Promise.all(t.boards.map((w) => w.call('sample', { count: 0 })));
      await t.samplers.call('sample', { count: cfg.samplers });
    } else await Promise.all(t.boards.map((w) => w.call('sample', { count: per })));
    await Promise.all(boardWorkers(t).map((w) => w.call('reset')));
    await probeReset(t);
    await t.server.call('probe:pause');
  }
  const runs: Record<string, SteadyRun[]> = { ours: [], baseline: [] };
  const rssPeak: Record<string, number> = { ours: 0, baseline: 0 };
  const activeMs: Record<string, number> = { ours: 0, baseline: 0 };
  for (let round = 0; round < cfg.rounds; round++) {
    for (const t of round % 2 ? [...targets].reverse() : targets) {
      await t.server.call('probe:resume');
      const stopRss = rssWatcher(t.server.proc.pid!);
      const started = performance.now();
      runs[t.key]!.push(
        await t.tablets.call<SteadyRun>('steady', { rate: cfg.rate, durationMs: cfg.segmentMs, warmupMs: cfg.segmentWarmupMs }, cfg.segmentMs * 4 + 60_000),
      );
      await sleep(cfg.intervalMs * 2); // the segment's last coalesced update
      activeMs[t.key]! += performance.now() - started;
      await t.server.call('probe:pause');
      rssPeak[t.key] = Math.max(rssPeak[t.key]!, stopRss());
    }
  }
  const out: Partial<Record<'ours' | 'baseline', SteadyResult>> = {};
  for (const t of targets) {
    const after = await probe(t);
    const rs = runs[t.key]!;
    const sent = concat(rs.map((r) => r.sentSeqs));
    const reps = await Promise.all(boardWorkers(t).map((w) => w.call<BoardsReport>('report', { sent })));
    const lat = concat(reps.map((r) => r.latencies));
    const samplers = reps.reduce((s, r) => s + r.samplers, 0);
    const measuredOk = rs.reduce((s, r) => s + r.measuredOk, 0);
    const errors: Record<string, number> = {};
    for (const r of rs) for (const [k, v] of Object.entries(r.errors)) errors[k] = (errors[k] ?? 0) + v;
    const base = t.memBefore!;
    const m = mem[t.key]!;
    out[t.key] = {
      boards: t.boardCount,
      latency: summarize(lat),
      ack: summarize(concat(rs.map((r) => r.ackMs))),
      coverage: samplers && measuredOk ? lat.length / (samplers * measuredOk) : 0,
      sent: rs.reduce((s, r) => s + r.sent, 0),
      ok: rs.reduce((s, r) => s + r.acked, 0) - Object.values(errors).reduce((s, x) => s + x, 0),
      errors,
      silentBoards: reps.reduce((s, r) => s + r.silent, 0),
      disconnects: reps.reduce((s, r) => s + r.disconnects, 0),
      updatesPerSecond: reps.reduce((s, r) => s + r.meanUpdates * r.open, 0) / Math.max(1, t.boardCount) / (activeMs[t.key]! / 1000),
      eld: after.eld,
      cpuShare: after.cpu.share,
      // Board clients' CPU while this server was loaded (they idle otherwise): the load generator's own cost.
      loadGenCpuShare: reps.reduce((s, r) => s + r.cpuMs, 0) / activeMs[t.key]!,
      rssPeakMB: rssPeak[t.key]! / 2 ** 20,
      rssMB: m.rss / 2 ** 20,
      heapMB: m.heapUsed / 2 ** 20,
      rssPerSocketKB: (m.rss - base.rss) / t.boardCount / 1024,
      heapPerSocketKB: (m.heapUsed - base.heapUsed) / t.boardCount / 1024,
      connectMs: conn[t.key]!.ms,
    };
  }
  return out as Record<'ours' | 'baseline', SteadyResult>;
}

type BurstResult = { count: number; ok: number; perSecond: number; ms: number; ack: Summary; errors: Record<string, number>; eld: Probe['eld']; cpuShare: number; counted?: number };

type Totals = { count: number; total: number; seq: number; countedKinds?: string[] };

async function totalsOf(t: Target) {
  return api<Totals>(t.url, 'GET', `/api/v1/events/${t.event.eventId}/totals`);
}

async function burstSocket(t: Target): Promise<BurstResult> {
  const before = t.key === 'ours' ? await totalsOf(t) : undefined;
  await probeReset(t);
  const r = await t.tablets.call<{ count: number; ok: number; errors: Record<string, number>; ms: number; perSecond: number; ackMs: Float64Array }>(
    'burst',
    { count: cfg.burst, window: cfg.burstWindowPerTablet * cfg.tablets },
    180_000,
  );
  const p = await probe(t);
  const after = before ? await totalsOf(t) : undefined;
  return { count: r.count, ok: r.ok, perSecond: r.perSecond, ms: r.ms, ack: summarize(r.ackMs), errors: r.errors, eld: p.eld, cpuShare: p.cpu.share, counted: after && before ? after.count - before.count : undefined };
}

/** The HTTP burst, split over the HTTP load generator processes (one Node client process tops out near 1,000–2,000 requests/s here). */
async function burstHttp(t: Target, http: Child[], offset: number): Promise<BurstResult> {
  const before = t.key === 'ours' ? await totalsOf(t) : undefined;
  await probeReset(t);
  const per = Math.ceil(cfg.burst / http.length);
  const parts = await Promise.all(
    http.map((w, i) =>
      w.call<{ count: number; ok: number; statuses: Record<string, number>; ms: number; perSecond: number; latencyMs: Float64Array }>(
        'burst',
        { url: t.url, event: t.event, count: Math.min(per, cfg.burst - per * i), concurrency: Math.ceil(cfg.httpConcurrency / http.length), offset: offset + per * i },
        180_000,
      ),
    ),
  );
  const p = await probe(t);
  const after = before ? await totalsOf(t) : undefined;
  const ok = parts.reduce((s, r) => s + r.ok, 0);
  const ms = Math.max(...parts.map((r) => r.ms));
  const errors: Record<string, number> = {};
  for (const r of parts) for (const [k, v] of Object.entries(r.statuses)) if (k !== '201') errors[k] = (errors[k] ?? 0) + v;
  return { count: cfg.burst, ok, perSecond: (ok / ms) * 1000, ms, ack: summarize(concat(parts.map((r) => r.latencyMs))), errors, eld: p.eld, cpuShare: p.cpu.share, counted: after && before ? after.count - before.count : undefined };
}

type IdleResult = { boards: number; connectMs: number; failed: number; rssMB: number; heapMB: number; rssPerSocketKB: number; heapPerSocketKB: number; eld: Probe['eld']; cpuShare: number };

async function idle(t: Target): Promise<IdleResult> {
  const conn = await connectBoards(t, cfg.idleBoards, { bulkOnly: true });
  await sleep(2000);
  await probeReset(t);
  await sleep(cfg.idleMs);
  const p = await probe(t);
  const mem = await probe(t, true);
  const base = t.memBefore!;
  return {
    boards: t.boardCount,
    connectMs: conn.ms,
    failed: conn.failed,
    rssMB: mem.rss / 2 ** 20,
    heapMB: mem.heapUsed / 2 ** 20,
    rssPerSocketKB: (mem.rss - base.rss) / t.boardCount / 1024,
    heapPerSocketKB: (mem.heapUsed - base.heapUsed) / t.boardCount / 1024,
    eld: p.eld,
    cpuShare: p.cpu.share,
  };
}

type RecoveryBoards = {
  boards: number;
  correct: number;
  times: Float64Array;
  up: number;
  reconnected: number;
  refused: number;
  tries: number;
  maxTries: number;
  firstWrong: number;
  wrongTotals: number[];
};

type RecoveryResult = {
  boards: number;
  boardsRequested: number;
  connectFailed: number;
  deals: { sent: number; acked: number; ok: number; errors: Record<string, number>; total: number | null };
  beforeKill: Totals;
  afterRestart: Totals;
  killToExitMs: number;
  killToHealthyMs: number;
  /** Kill → the last board showing the right total; null if some board never did within `waitMs`. */
  allCorrectMs: number | null;
  perBoard: Summary;
  correct: number;
  ledger: { countOk: boolean; totalOk: boolean; ok: boolean };
  reconnect: Omit<RecoveryBoards, 'times' | 'correct' | 'boards'>;
  waitMs: number;
};

/**
 * Our server alone, with its own data folder, on one port for the whole scenario:
 * N boards that reconnect like the real board, deals for a few seconds, then
 * `kill -9` and an immediate restart with the same folder, port and settings.
 * Measures kill → healthy, kill → each board's first snapshot or update with the
 * right total, and checks that every deal acknowledged before the kill is in the
 * ledger after it. Bounded by `cfg.recoveryDeadlineMs`; its children are stopped
 * at the end, on an error or on the deadline too.
 */
async function recovery(): Promise<RecoveryResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dealboard-recovery-'));
  const mine: Child[] = [];
  let aborted = false;
  /** Start a child of this scenario, unless the scenario is already over. */
  const own = (start: () => Child) => {
    if (aborted) throw new Error('recovery: stopped');
    const c = start();
    mine.push(c);
    return c;
  };
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      aborted = true;
      reject(new Error(`recovery scenario exceeded ${cfg.recoveryDeadlineMs / 1000} s`));
    }, cfg.recoveryDeadlineMs);
  });
  try {
    return await Promise.race([recoveryRun(dir, own, () => aborted), deadline]);
  } finally {
    clearTimeout(timer);
    aborted = true;
    await Promise.all(mine.map((c) => c.stop()));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const pickTotals = ({ count, total, seq, countedKinds }: Totals): Totals => ({ count, total, seq, countedKinds });

async function recoveryRun(dir: string, own: (start: () => Child) => Child, aborted: () => boolean): Promise<RecoveryResult> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let server = own(() => spawnServer('ours', dir, port, 'recovery-ours'));
  await waitHealthy(server, url, port);
  const t: Target = { key: 'ours', url, server, boards: [], tablets: undefined as unknown as Child, event: await setupEvent(url), boardCount: 0 };
  for (let i = 0; i < cfg.boardWorkers; i++) t.boards.push(own(() => startChild(`recovery-boards-${i}`, path.join(BENCH, 'load-boards.ts'))));
  t.tablets = own(() => startChild('recovery-tablets', path.join(BENCH, 'load-tablets.ts')));
  await t.tablets.call('init', { url, event: t.event });

  const conn = await connectBoards(t, cfg.recoveryBoards, { reconnect: true });
  log(`  ${t.boardCount} boards up in ${fmt(conn.ms, 0)} ms; deals at ${cfg.rate}/s for ${cfg.recoverySendMs / 1000} s`);
  const drive = await t.tablets.call<{ sent: number; acked: number; errors: Record<string, number> }>(
    'steady',
    { rate: cfg.rate, durationMs: cfg.recoverySendMs, warmupMs: 0 },
    cfg.recoverySendMs + 45_000,
  );
  const ok = okOf(drive);
  // The last coalesced update reaches the boards before the kill.
  await sleep(cfg.intervalMs * 5);
  const beforeKill = pickTotals(await totalsOf(t));
  // The tablets process is fresh: its deals are numbers 0 … sent-1 (bench/lib/deals.ts). With every one
  // acknowledged, their sum is known here without asking the server.
  const counted = new Set(beforeKill.countedKinds ?? ['trade', 'investment']);
  let ackedTotal: number | null = null;
  if (ok === drive.sent) {
    ackedTotal = 0;
    for (let i = 0; i < drive.sent; i++) if (counted.has(dealKind(i))) ackedTotal += dealAmount(i);
  }
  await Promise.all(t.boards.map((w) => w.call('arm')));

  // kill -9, then start again at once with the same data folder, port and environment.
  const exited = new Promise<void>((resolve) => server.proc.once('exit', () => resolve()));
  const killUs = nowUs();
  const killedAt = performance.now();
  server.proc.kill('SIGKILL');
  await exited;
  const killToExitMs = performance.now() - killedAt;
  server = own(() => spawnServer('ours', dir, port, 'recovery-ours-restarted'));
  t.server = server;
  await waitHealthy(server, url, port, 10);
  const killToHealthyMs = performance.now() - killedAt;
  log(`  kill -9 → exited ${fmt(killToExitMs)} ms → restarted and healthy ${fmt(killToHealthyMs, 0)} ms`);
  const afterRestart = pickTotals(await totalsOf(t));

  // Poll the boards until each has shown the right total, or the wait runs out.
  let reps: RecoveryBoards[] = [];
  for (;;) {
    reps = await Promise.all(t.boards.map((w) => w.call<RecoveryBoards>('recovery', { killUs, total: afterRestart.total })));
    const correct = reps.reduce((s, r) => s + r.correct, 0);
    if (correct >= t.boardCount || performance.now() - killedAt >= cfg.recoveryWaitMs || aborted()) break;
    await sleep(200);
  }
  const times = concat(reps.map((r) => r.times));
  const correct = times.length;
  const sum = (k: 'up' | 'reconnected' | 'refused' | 'tries' | 'firstWrong') => reps.reduce((s, r) => s + r[k], 0);
  const countOk = afterRestart.count === ok && afterRestart.count === beforeKill.count;
  const totalOk = afterRestart.total === beforeKill.total && (ackedTotal === null || afterRestart.total === ackedTotal);
  await Promise.all(t.boards.map((w) => w.call('close')));
  await t.tablets.call('close');
  return {
    boards: t.boardCount,
    boardsRequested: cfg.recoveryBoards,
    connectFailed: conn.failed,
    deals: { sent: drive.sent, acked: drive.acked, ok, errors: drive.errors, total: ackedTotal },
    beforeKill,
    afterRestart,
    killToExitMs,
    killToHealthyMs,
    allCorrectMs: correct === t.boardCount && correct > 0 ? Math.max(...times) : null,
    perBoard: summarize(times),
    correct,
    ledger: { countOk, totalOk, ok: countOk && totalOk },
    reconnect: {
      up: sum('up'),
      reconnected: sum('reconnected'),
      refused: sum('refused'),
      tries: sum('tries'),
      maxTries: Math.max(0, ...reps.map((r) => r.maxTries)),
      firstWrong: sum('firstWrong'),
      wrongTotals: reps.flatMap((r) => r.wrongTotals).slice(0, 5),
    },
    waitMs: cfg.recoveryWaitMs,
  };
}

// ---------------------------------------------------------------- report

type Row = { scenario: string; metric: string; ours: number | null; baseline: number | null; unit: string; budget?: string; pass?: boolean | null };

const fmt = (x: number | null | undefined, digits = 1) =>
  x === null || x === undefined || Number.isNaN(x) ? "—" : Math.abs(x) >= 1000 ? Math.round(x).toLocaleString("en-US") : Number.isInteger(x) ? String(x) : x.toFixed(digits);

function table(rows: Row[]): string {
  const head = ['scenario', 'metric', 'ours', 'baseline', 'ratio', 'budget', ''];
  const body = rows.map((r) => [
    r.scenario,
    `${r.metric}${r.unit ? ` (${r.unit})` : ''}`,
    fmt(r.ours),
    fmt(r.baseline),
    r.ours !== null && r.baseline ? `${(r.ours / r.baseline).toFixed(2)}×` : '—',
    r.budget ?? '',
    r.pass === undefined || r.pass === null ? '' : r.pass ? 'ok' : 'MISS',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i >= 2 && i <= 4 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`;
  return [line(head), `|${widths.map((w, i) => (i >= 2 && i <= 4 ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|')}|`, ...body.map(line)].join('\n');
}

// ---------------------------------------------------------------- main

const okOf = (r: { acked: number; errors: Record<string, number> }) => r.acked - Object.values(r.errors).reduce((s, x) => s + x, 0);

async function main() {
  const started = Date.now();
  let oursAcked = 0;
  const deadline = setTimeout(() => {
    log(`bench exceeded ${cfg.deadlineMs / 1000} s; stopping everything`);
    void killAll().finally(() => process.exit(3));
  }, cfg.deadlineMs);

  ensureBuilt();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dealboard-bench-'));
  const results: Record<string, unknown> = {
    mode: cfg.mode,
    startedAt: new Date(started).toISOString(),
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memGB: os.totalmem() / 2 ** 30, node: process.version, platform: `${os.type()} ${os.release()}`, loadavgAtStart: os.loadavg() },
    config: cfg,
  };
  try {
    const diskBefore = await diskSync(dataDir);
    log(`disk: fdatasync p50 ${fmt(diskBefore.p50, 2)} ms, p99 ${fmt(diskBefore.p99, 2)} ms`);
    if (PAIRED) {
      log(`starting servers (mode ${cfg.mode})`);
      const [ours, baseline] = await Promise.all([startTarget('ours', dataDir), startTarget('baseline', dataDir)]);
      ours.event = await setupEvent(ours.url);
      baseline.event = { ...ours.event, tokens: ours.event.tokens.map((_, i) => `${ours.event.eventId}.${i}`) };
      const targets = [ours, baseline];
      for (const t of targets) {
        t.boards = Array.from({ length: cfg.boardWorkers }, (_, i) =>
          startChild(`${t.key}-boards-${i}`, path.join(BENCH, 'load-boards.ts'), { env: { BENCH_NICE: String(cfg.bulkNice) } }),
        );
        t.samplers = startChild(`${t.key}-samplers`, path.join(BENCH, 'load-boards.ts'));
        t.tablets = startChild(`${t.key}-tablets`, path.join(BENCH, 'load-tablets.ts'));
        await t.tablets.call('init', { url: t.url, event: t.event });
      }
      const http = Array.from({ length: cfg.httpWorkers }, (_, i) => startChild(`http-${i}`, path.join(BENCH, 'load-http.ts')));

      log('warm-up (JIT): 2 s of deals to each server, then 500 over HTTP');
      for (const t of targets) {
        const w = await t.tablets.call<{ acked: number; errors: Record<string, number> }>('steady', { rate: cfg.rate, durationMs: 2000, warmupMs: 2000 }, 60_000);
        if (t.key === 'ours') oursAcked += okOf(w);
      }
      // The HTTP path too: a short burst would otherwise measure the JIT as much as the server.
      for (const [j, t] of targets.entries()) {
        const warm = await Promise.all(
          http.map((w, i) =>
            w.call<{ ok: number }>('burst', { url: t.url, event: t.event, count: 250, concurrency: Math.ceil(cfg.httpConcurrency / http.length), offset: 90_000_000 + 1_000_000 * j + 1000 * i }, 60_000),
          ),
        );
        if (t.key === 'ours') oursAcked += warm.reduce((s, r) => s + r.ok, 0);
      }
      await sleep(500);
      for (const t of targets) t.memBefore = await probe(t, true);

      const steadyResults: Record<string, { ours: SteadyResult; baseline: SteadyResult }> = {};
      let bursts: Record<string, { ours: BurstResult; baseline: BurstResult }> = {};
      const runBursts = async () => {
        bursts = { socket: {} as never, http: {} as never };
        for (const t of targets) {
          log(`burst: ${cfg.burst} deals over the operator socket → ${t.key} (with ${t.boardCount} boards)`);
          (bursts.socket as Record<string, BurstResult>)[t.key] = await burstSocket(t);
          if (t.key === 'ours') oursAcked += bursts.socket![t.key]!.ok;
          log(`  ${fmt(bursts.socket![t.key]!.perSecond)} deals/s, ack p99 ${fmt(bursts.socket![t.key]!.ack.p99)} ms`);
        }
        for (const [j, t] of targets.entries()) {
          log(`burst: ${cfg.burst} deals over HTTP → ${t.key}`);
          (bursts.http as Record<string, BurstResult>)[t.key] = await burstHttp(t, http, 10_000_000 * (j + 1));
          if (t.key === 'ours') oursAcked += bursts.http![t.key]!.ok;
          log(`  ${fmt(bursts.http![t.key]!.perSecond)} deals/s, p99 ${fmt(bursts.http![t.key]!.ack.p99)} ms`);
        }
      };
      if (ONLY.has('burst') && !ONLY.has('steady')) await runBursts();
      for (const [i, n] of (ONLY.has('steady') ? cfg.steps : []).entries()) {
        log(`steady: ${n} boards on each server, tablets at ${cfg.rate} deals/s, ${cfg.rounds} alternating rounds of ${cfg.segmentMs / 1000} s`);
        const pair = await steadyStep(targets, n);
        oursAcked += pair.ours.ok;
        for (const t of targets) {
          const r = pair[t.key];
          log(`  ${t.key.padEnd(8)} p50/p99 ${fmt(r.latency.p50)}/${fmt(r.latency.p99)} ms, ack p50/p99 ${fmt(r.ack.p50)}/${fmt(r.ack.p99)} ms, eld p99 ${fmt(r.eld.p99)}, receipts ${(r.coverage * 100).toFixed(1)}%, cpu ${(r.cpuShare * 100).toFixed(0)}%, rss ${fmt(r.rssPeakMB)} MB`);
        }
        steadyResults[n] = pair;
        if (i === 0 && ONLY.has('burst')) await runBursts();
      }
      results.steady = steadyResults;
      results.bursts = bursts;

      const idleResults: Partial<Record<'ours' | 'baseline', IdleResult>> = {};
      for (const t of ONLY.has('idle') ? targets : []) {
        log(`idle: ${cfg.idleBoards} board sockets → ${t.key}`);
        idleResults[t.key] = await idle(t);
        log(`  rss ${fmt(idleResults[t.key]!.rssMB)} MB, ${fmt(idleResults[t.key]!.rssPerSocketKB)} KB/socket`);
      }
      results.idle = idleResults;
      for (const t of targets) await Promise.all(boardWorkers(t).map((w) => w.call('close')));
      for (const t of targets) await Promise.all(boardWorkers(t).map((w) => w.stop()));
      await sleep(1500);

      if (cfg.browser) {
        log(`board in Chromium: ${cfg.browserLoads} cold loads, then ${cfg.browserMs / 1000} s at ${cfg.browserRate} deals/s (10 Hz updates)`);
        const browser = startChild('browser', path.join(BENCH, 'board-browser.ts'));
        const boardUrl = `${ours.url}/board/${ours.event.eventId}`;
        const expected = formatRupiah((await totalsOf(ours)).total);
        const loads = await browser.call<{ loads: { firstCorrectMs: number; fcpMs: number | null }[]; scripts: { url: string; bytes: number; gzip: number }[]; jsGzipBytes: number; jsBytes: number; external: string[] }>(
          'firstLoads',
          { url: boardUrl, expected, loads: cfg.browserLoads },
          120_000,
        );
        // The audience's phone view: the same measure, its budget 100 kB of JavaScript.
        const live = await browser.call<{ loads: { firstCorrectMs: number }[]; jsGzipBytes: number }>('firstLoads', { url: `${ours.url}/live/${ours.event.eventId}`, expected, loads: cfg.browserLoads }, 120_000);
        const liveFirst = live.loads.map((l) => l.firstCorrectMs).sort((a, b) => a - b);
        results.live = { firstCorrectMedianMs: liveFirst[Math.floor(liveFirst.length / 2)], jsGzipBytes: live.jsGzipBytes };
        log(`  phone view: first correct total ${liveFirst.map((x) => x.toFixed(0)).join('/')} ms, JS ${(live.jsGzipBytes / 1024).toFixed(1)} kB gzip`);
        const driving = ours.tablets.call<{ acked: number; errors: Record<string, number> }>('steady', { rate: cfg.browserRate, durationMs: cfg.browserMs + 1500, warmupMs: 0 }, cfg.browserMs * 3 + 60_000);
        await sleep(500);
        const watch = await browser.call<Record<string, number>>('watch', { durationMs: cfg.browserMs }, cfg.browserMs + 60_000);
        oursAcked += okOf(await driving);
        await sleep(300);
        const finalTotal = formatRupiah((await totalsOf(ours)).total);
        const settle = await browser.call<{ ok: boolean; ms: number; shown: string }>('settle', { expected: finalTotal, timeoutMs: 10_000 }, 30_000);
        await browser.call('close');
        await browser.stop();
        const first = loads.loads.map((l) => l.firstCorrectMs).sort((a, b) => a - b);
        results.board = { ...loads, firstCorrectMedianMs: first[Math.floor(first.length / 2)], watch, settle, expectedFinal: finalTotal };
        log(`  first correct total ${first.map((x) => x.toFixed(0)).join('/')} ms, JS ${(loads.jsGzipBytes / 1024).toFixed(1)} kB gzip, long tasks ${watch.longTasks}, fps ${fmt(watch.fps)}`);
      }

      if (ONLY.has('clients')) {
        log(`clients: ${cfg.clientBoards} socket.io-client boards on a ${cfg.clientBooths}-booth event, ${cfg.rate} deals/s, then 2 deals/s`);
        const ev = await setupEvent(ours.url, cfg.clientBooths);
        const both = [
          { key: 'ours' as const, url: ours.url, event: ev },
          { key: 'baseline' as const, url: baseline.url, event: { ...ev, tokens: ev.tokens.map((_, i) => `${ev.eventId}.${i}`) } },
        ];
        const r = await clientsScenario(both, { bench: BENCH, boards: cfg.clientBoards, workers: cfg.boardWorkers, rate: cfg.rate, rounds: cfg.rounds, segmentMs: cfg.segmentMs, warmupMs: cfg.segmentWarmupMs, log });
        results.clients = r;
        for (const t of both) log(`  ${t.key.padEnd(8)} p50/p99 ${fmt(r[t.key].latency.p50)}/${fmt(r[t.key].latency.p99)} ms, update ${fmt(r[t.key].updateBytes.p50, 0)}/${fmt(r[t.key].updateBytes.max, 0)} B, ${fmt(r[t.key].bytesPerBoardPerSecond / 1024, 2)} KB/s per board`);
      }

      // Every acknowledged deal counted once: the ledger's count equals the acks.
      const finalTotals = await totalsOf(ours);
      results.exactlyOnce = { ledgerCount: finalTotals.count, acknowledged: oursAcked, ok: finalTotals.count === oursAcked };
      log(`ledger count ${finalTotals.count}, acknowledged ${oursAcked}: ${finalTotals.count === oursAcked ? 'equal' : 'DIFFERENT'}`);

      await ours.tablets.call('close');
      await baseline.tablets.call('close');
      await killAll();
    }

    if (ONLY.has('recovery')) {
      log(`recovery: ${cfg.recoveryBoards} boards that reconnect like the real board → ours alone; kill -9 and restart`);
      try {
        const r = await recovery();
        results.recovery = r;
        log(
          `  all ${r.correct === r.boards ? 'boards' : `${r.correct} of ${r.boards} boards`} right ${fmt(r.allCorrectMs, 0)} ms after the kill (p50/p99 ${fmt(r.perBoard.p50, 0)}/${fmt(r.perBoard.p99, 0)} ms); ledger ${r.afterRestart.count} deals, acknowledged ${r.deals.ok}: ${r.ledger.ok ? 'equal' : 'DIFFERENT'}`,
        );
      } catch (e) {
        // A failed recovery shows as a miss; the other scenarios' results are still written.
        log('recovery failed:', e);
        results.recovery = { error: e instanceof Error ? e.message : String(e) };
        process.exitCode = 1;
      }
    }

    const diskAfter = await diskSync(dataDir);
    results.disk = { before: diskBefore, after: diskAfter };
    fs.rmSync(dataDir, { recursive: true, force: true });

    results.durationS = (Date.now() - started) / 1000;
    results.loadavgAtEnd = os.loadavg();
    const rows = buildRows(results);
    results.rows = rows;
    const outDir = path.join(BENCH, 'results');
    fs.mkdirSync(outDir, { recursive: true });
    const stamp = new Date(started).toISOString().replace(/[:.]/g, '-');
    const json = JSON.stringify(results, (_k, v) => (v instanceof Float64Array ? undefined : v), 2);
    fs.writeFileSync(path.join(outDir, `${cfg.mode}-${stamp}.json`), json);
    fs.writeFileSync(path.join(outDir, `${cfg.mode}-latest.json`), json);
    console.log(`\nDeal board bench (${cfg.mode}) — ${os.cpus().length} cores, node ${process.version}, ${results.durationS} s, load avg ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}\n`);
    console.log(table(rows));
    console.log(`\nJSON: bench/results/${cfg.mode}-${stamp}.json`);
    const missed = rows.filter((r) => r.pass === false);
    if (missed.length) console.log(`\nBudgets missed: ${missed.map((r) => `${r.scenario} ${r.metric}`).join('; ')}`);
  } finally {
    clearTimeout(deadline);
    await killAll();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

function buildRows(results: Record<string, unknown>): Row[] {
  const rows: Row[] = [];
  const steadyR = (results.steady ?? {}) as Record<string, { ours: SteadyResult; baseline: SteadyResult }>;
  for (const [n, { ours, baseline }] of Object.entries(steadyR)) {
    const s = `${Number(n).toLocaleString('en-US')} boards × ${cfg.rate}/s`;
    const budgetP99 = Number(n) >= 5000 ? 300 : Number(n) >= 2000 ? 150 : undefined;
    rows.push({ scenario: s, metric: 'submit→board p50', ours: ours.latency.p50, baseline: baseline.latency.p50, unit: 'ms' });
    rows.push({ scenario: s, metric: 'submit→board p95', ours: ours.latency.p95, baseline: baseline.latency.p95, unit: 'ms' });
    const ratioOk = Number(n) === 2000 ? ours.latency.p99 / baseline.latency.p99 <= 1.5 : true;
    rows.push({
      scenario: s,
      metric: 'submit→board p99',
      ours: ours.latency.p99,
      baseline: baseline.latency.p99,
      unit: 'ms',
      budget: budgetP99 ? `≤ ${budgetP99}${Number(n) === 2000 ? ', ≤ 1.5×' : ''}` : undefined,
      pass: budgetP99 ? ours.latency.p99 <= budgetP99 && ratioOk : undefined,
    });
    rows.push({ scenario: s, metric: 'ack p50', ours: ours.ack.p50, baseline: baseline.ack.p50, unit: 'ms' });
    rows.push({ scenario: s, metric: 'ack p99', ours: ours.ack.p99, baseline: baseline.ack.p99, unit: 'ms', budget: '≤ 25', pass: ours.ack.p99 <= 25 });
    rows.push({ scenario: s, metric: 'event-loop delay p99', ours: ours.eld.p99, baseline: baseline.eld.p99, unit: 'ms' });
    rows.push({ scenario: s, metric: 'server CPU', ours: ours.cpuShare * 100, baseline: baseline.cpuShare * 100, unit: '% of a core' });
    rows.push({
      scenario: s,
      metric: 'RSS peak',
      ours: ours.rssPeakMB,
      baseline: baseline.rssPeakMB,
      unit: 'MB',
      budget: Number(n) >= 5000 ? '≤ 400' : undefined,
      pass: Number(n) >= 5000 ? ours.rssPeakMB <= 400 : undefined,
    });
    rows.push({ scenario: s, metric: 'RSS per socket', ours: ours.rssPerSocketKB, baseline: baseline.rssPerSocketKB, unit: 'KB' });
    rows.push({ scenario: s, metric: 'heap per socket', ours: ours.heapPerSocketKB, baseline: baseline.heapPerSocketKB, unit: 'KB' });
    rows.push({ scenario: s, metric: 'sampled receipts', ours: ours.coverage * 100, baseline: baseline.coverage * 100, unit: '% of expected' });
    rows.push({ scenario: s, metric: 'updates per board', ours: ours.updatesPerSecond, baseline: baseline.updatesPerSecond, unit: '/s' });
    rows.push({ scenario: s, metric: 'board clients\' CPU (load gen.)', ours: ours.loadGenCpuShare * 100, baseline: baseline.loadGenCpuShare * 100, unit: '% of a core' });
  }
  const disk = results.disk as { before: Summary; after: Summary } | undefined;
  if (disk) {
    rows.push({ scenario: 'disk (data folder)', metric: 'fdatasync p50 at start', ours: disk.before.p50, baseline: null, unit: 'ms' });
    rows.push({ scenario: 'disk (data folder)', metric: 'fdatasync p99 at start', ours: disk.before.p99, baseline: null, unit: 'ms' });
    rows.push({ scenario: 'disk (data folder)', metric: 'fdatasync p50 at end', ours: disk.after.p50, baseline: null, unit: 'ms' });
    rows.push({ scenario: 'disk (data folder)', metric: 'fdatasync p99 at end', ours: disk.after.p99, baseline: null, unit: 'ms' });
  }
  const b = (results.bursts ?? {}) as Record<string, { ours: BurstResult; baseline: BurstResult }>;
  if (b.socket) {
    const s = `burst ${cfg.burst.toLocaleString('en-US')} deals, socket`;
    rows.push({ scenario: s, metric: 'throughput, durable acks', ours: b.socket.ours.perSecond, baseline: b.socket.baseline.perSecond, unit: 'deals/s', budget: '≥ 3,000', pass: b.socket.ours.perSecond >= 3000 && b.socket.ours.ok === cfg.burst });
    rows.push({ scenario: s, metric: 'ack p99', ours: b.socket.ours.ack.p99, baseline: b.socket.baseline.ack.p99, unit: 'ms' });
    rows.push({ scenario: s, metric: 'event-loop delay p99', ours: b.socket.ours.eld.p99, baseline: b.socket.baseline.eld.p99, unit: 'ms' });
  }
  if (b.http) {
    const s = `burst ${cfg.burst.toLocaleString('en-US')} deals, HTTP`;
    rows.push({ scenario: s, metric: 'throughput, durable acks', ours: b.http.ours.perSecond, baseline: b.http.baseline.perSecond, unit: 'deals/s', budget: '≥ 2,000', pass: b.http.ours.perSecond >= 2000 && b.http.ours.ok === cfg.burst });
    rows.push({ scenario: s, metric: 'response p99', ours: b.http.ours.ack.p99, baseline: b.http.baseline.ack.p99, unit: 'ms' });
    rows.push({ scenario: s, metric: 'event-loop delay p99', ours: b.http.ours.eld.p99, baseline: b.http.baseline.eld.p99, unit: 'ms' });
  }
  const idleR = (results.idle ?? {}) as Record<string, IdleResult>;
  if (idleR.ours && idleR.baseline) {
    const s = `${cfg.idleBoards.toLocaleString('en-US')} idle boards`;
    rows.push({ scenario: s, metric: 'RSS', ours: idleR.ours.rssMB, baseline: idleR.baseline.rssMB, unit: 'MB' });
    rows.push({ scenario: s, metric: 'RSS per socket', ours: idleR.ours.rssPerSocketKB, baseline: idleR.baseline.rssPerSocketKB, unit: 'KB' });
    rows.push({ scenario: s, metric: 'heap per socket', ours: idleR.ours.heapPerSocketKB, baseline: idleR.baseline.heapPerSocketKB, unit: 'KB' });
    rows.push({ scenario: s, metric: 'event-loop delay p99', ours: idleR.ours.eld.p99, baseline: idleR.baseline.eld.p99, unit: 'ms' });
    rows.push({ scenario: s, metric: 'server CPU', ours: idleR.ours.cpuShare * 100, baseline: idleR.baseline.cpuShare * 100, unit: '% of a core' });
  }
  const board = results.board as
    | { firstCorrectMedianMs: number; jsGzipBytes: number; external: string[]; watch: Record<string, number>; settle: { ok: boolean; ms: number } }
    | undefined;
  if (board) {
    const s = 'board in Chromium, 10 Hz';
    rows.push({ scenario: s, metric: 'first correct total (median)', ours: board.firstCorrectMedianMs, baseline: null, unit: 'ms', budget: '< 1,000', pass: board.firstCorrectMedianMs < 1000 });
    rows.push({ scenario: s, metric: 'board JavaScript, gzip', ours: board.jsGzipBytes / 1024, baseline: null, unit: 'kB', budget: '< 250', pass: board.jsGzipBytes / 1024 < 250 });
    rows.push({ scenario: s, metric: 'requests off the server', ours: board.external.length, baseline: null, unit: '', budget: '0', pass: board.external.length === 0 });
    rows.push({ scenario: s, metric: 'long tasks > 50 ms', ours: board.watch.longTasks!, baseline: null, unit: 'count', budget: '0', pass: board.watch.longTasks === 0 });
    rows.push({ scenario: s, metric: 'longest task', ours: board.watch.longTaskMaxMs!, baseline: null, unit: 'ms' });
    rows.push({ scenario: s, metric: 'frames', ours: board.watch.fps!, baseline: null, unit: 'per s' });
    rows.push({ scenario: s, metric: 'longest frame gap', ours: board.watch.frameGapMaxMs!, baseline: null, unit: 'ms' });
    rows.push({ scenario: s, metric: 'canvas redraws, busiest second', ours: board.watch.canvasDrawsMaxPerSecond!, baseline: null, unit: 'per s', budget: '≤ 1', pass: board.watch.canvasDrawsMaxPerSecond! <= 1 });
    rows.push({ scenario: s, metric: 'final total shown after last update', ours: board.settle.ms, baseline: null, unit: 'ms', pass: board.settle.ok });
  }
  const live = results.live as { firstCorrectMedianMs: number; jsGzipBytes: number } | undefined;
  if (live) {
    rows.push({ scenario: 'phone view (/live)', metric: 'first correct total (median)', ours: live.firstCorrectMedianMs, baseline: null, unit: 'ms', budget: '< 1,000', pass: live.firstCorrectMedianMs < 1000 });
    rows.push({ scenario: 'phone view (/live)', metric: 'JavaScript, gzip', ours: live.jsGzipBytes / 1024, baseline: null, unit: 'kB', budget: '< 100', pass: live.jsGzipBytes / 1024 < 100 });
  }
  rows.push(...clientRows(results.clients as Record<'ours' | 'baseline', ClientsResult> | undefined));
  const once = results.exactlyOnce as { ledgerCount: number; acknowledged: number; ok: boolean } | undefined;
  if (once) {
    rows.push({ scenario: 'whole run', metric: 'ledger count (= deals acknowledged)', ours: once.ledgerCount, baseline: null, unit: 'deals', budget: `= ${once.acknowledged.toLocaleString('en-US')}`, pass: once.ok });
  }
  const rec = results.recovery as RecoveryResult | { error: string } | undefined;
  if (rec && 'error' in rec) {
    rows.push({ scenario: 'recovery after kill -9', metric: `failed: ${rec.error.split('\n')[0]!.slice(0, 80)}`, ours: null, baseline: null, unit: '', pass: false });
  } else if (rec) {
    const s = `recovery after kill -9, ${rec.boards.toLocaleString('en-US')} boards`;
    const budget = cfg.recoveryBudgetMs.toLocaleString('en-US');
    rows.push({ scenario: s, metric: 'kill → restarted server healthy', ours: rec.killToHealthyMs, baseline: null, unit: 'ms' });
    rows.push({
      scenario: s,
      metric: 'kill → all boards show the right total',
      ours: rec.allCorrectMs,
      baseline: null,
      unit: 'ms',
      budget: `≤ ${budget}`,
      pass: rec.allCorrectMs !== null && rec.allCorrectMs <= cfg.recoveryBudgetMs,
    });
    rows.push({ scenario: s, metric: 'kill → right total, p50 across boards', ours: rec.perBoard.p50, baseline: null, unit: 'ms' });
    rows.push({ scenario: s, metric: 'kill → right total, p99 across boards', ours: rec.perBoard.p99, baseline: null, unit: 'ms' });
    rows.push({
      scenario: s,
      metric: 'boards that showed the right total',
      ours: rec.correct,
      baseline: null,
      unit: `of ${rec.boards.toLocaleString('en-US')}`,
      budget: `${rec.boards.toLocaleString('en-US')}`,
      pass: rec.correct === rec.boards && rec.boards === rec.boardsRequested,
    });
    rows.push({
      scenario: s,
      metric: 'ledger count after restart',
      ours: rec.afterRestart.count,
      baseline: null,
      unit: 'deals',
      budget: `= ${rec.deals.ok.toLocaleString('en-US')} acked before kill`,
      pass: rec.ledger.countOk,
    });
    rows.push({
      scenario: s,
      metric: 'ledger total after restart',
      ours: rec.afterRestart.total,
      baseline: null,
      unit: 'IDR',
      budget: '= total of acked deals',
      pass: rec.ledger.totalOk,
    });
  }
  return rows;
}

let shuttingDown = false;
for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.on(sig, () => {
    shuttingDown = true;
    log(`${sig}: stopping every child process`);
    void killAll().finally(() => process.exit(130));
  });
}
// A call left waiting on a child that is being stopped rejects; while shutting down that is expected.
process.on('unhandledRejection', (e) => {
  if (shuttingDown) return;
  shuttingDown = true;
  console.error(e);
  void killAll().finally(() => process.exit(1));
});
process.on('exit', killAllNow);

main().catch(async (e) => {
  if (shuttingDown) return;
  shuttingDown = true;
  console.error(e);
  await killAll();
  process.exit(1);
});

/** Rows of the `clients` scenario: real socket.io-client boards, and what they cost on the wire. */
function clientRows(c: Record<'ours' | 'baseline', ClientsResult> | undefined): Row[] {
  if (!c) return [];
  const s = `real boards, ${c.ours.boards} × ${cfg.rate}/s`;
  const ratio = c.ours.latency.p99 / c.baseline.latency.p99;
  const big = c.ours.boards >= 2000;
  const rows: Row[] = [
    { scenario: s, metric: 'submit→board p50', ours: c.ours.latency.p50, baseline: c.baseline.latency.p50, unit: 'ms' },
    { scenario: s, metric: 'submit→board p99', ours: c.ours.latency.p99, baseline: c.baseline.latency.p99, unit: 'ms', budget: big ? '≤ 150 and ≤ 1.5×' : undefined, pass: big ? c.ours.latency.p99 <= 150 && ratio <= 1.5 : undefined },
    { scenario: s, metric: 'ack p99', ours: c.ours.ack.p99, baseline: c.baseline.ack.p99, unit: 'ms', budget: '≤ 25', pass: c.ours.ack.p99 <= 25 },
    { scenario: s, metric: 'bytes per update, p50', ours: c.ours.updateBytes.p50, baseline: c.baseline.updateBytes.p50, unit: 'B' },
    { scenario: s, metric: 'bytes per update, largest', ours: c.ours.updateBytes.max, baseline: c.baseline.updateBytes.max, unit: 'B', budget: '≤ 1,024', pass: c.ours.updateBytes.max <= 1024 },
    { scenario: s, metric: 'bytes per board per second', ours: c.ours.bytesPerBoardPerSecond / 1024, baseline: c.baseline.bytesPerBoardPerSecond / 1024, unit: 'KB/s', budget: '≤ 10', pass: c.ours.bytesPerBoardPerSecond <= 10 * 1024 },
    { scenario: s, metric: `snapshot, ${cfg.clientBooths} booths`, ours: c.ours.snapshotBytes.max / 1024, baseline: null, unit: 'KB', budget: '≤ 16', pass: c.ours.snapshotBytes.max <= 16 * 1024 },
    { scenario: s, metric: 'boards that got no update', ours: c.ours.silent, baseline: c.baseline.silent, unit: 'boards', budget: '0', pass: c.ours.silent === 0 },
  ];
  if (c.ours.quiet) {
    rows.push({ scenario: 'real boards, 2 deals/s', metric: 'bytes per update, largest', ours: c.ours.quiet.updateBytes.max, baseline: null, unit: 'B', budget: '≤ 400', pass: c.ours.quiet.updateBytes.max <= 400 });
  }
  return rows;
}
