/**
 * The servers under test and what the bench asks them: our production build and the
 * bare baseline, each forked with bench/probe.mjs preloaded (memory, event-loop delay
 * and CPU over IPC); the event they are loaded with; the disk under the ledger.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startChild, type Child } from './rpc.js';
import { summarize, type Summary } from './stats.js';
import type { BenchEvent } from './deals.js';
import { api } from './event-setup.js';
import { ADMIN_TOKEN, BENCH, NO_BUILD, PROFILE, ROOT, cfg, log, sleep } from './options.js';
import { freePort } from '../../tests/support/free-port.js';

export type Probe = {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  eld: { p50: number; p99: number; max: number; mean: number; n: number };
  cpu: { cpuMs: number; wallMs: number; share: number };
};

export type Target = {
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

export type Totals = { count: number; total: number; seq: number; countedKinds?: string[] };

export async function waitHealthy(child: Child, url: string, port: number, pollMs = 100) {
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

export function ensureBuilt() {
  if (NO_BUILD) return;
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

/** Our server's environment for the bench: no rate limits, no demo, every board from 127.0.0.1 let in. */
export function oursEnv(port: number, extra: Record<string, string> = {}): Record<string, string> {
  return {
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    ADMIN_TOKEN,
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'false',
    DEAL_RATE_PER_MINUTE: '1000000',
    DEAL_RATE_BURST: '1000000',
    BOARD_UPDATE_INTERVAL_MS: String(cfg.intervalMs),
    // Every load-generated board comes from 127.0.0.1.
    BOARD_SOCKETS_PER_ADDRESS: '1000000',
    BOARD_SOCKETS_MAX: '1000000',
    ...extra,
  };
}

/** Fork one server on `port` (our production build keeps its ledger in `dataDir`). */
export function spawnServer(key: 'ours' | 'baseline', dataDir: string, port: number, name: string = key): Child {
  return key === 'ours'
    ? startChild(name, path.join(ROOT, 'server/dist/main.js'), { execArgv: serverArgs('ours', false), env: oursEnv(port, { DATA_DIR: dataDir }) })
    : startChild(name, path.join(BENCH, 'baseline-server.ts'), {
        execArgv: serverArgs('baseline', true),
        env: { NODE_ENV: 'production', PORT: String(port), HOST: '127.0.0.1', BOARD_UPDATE_INTERVAL_MS: String(cfg.intervalMs) },
      });
}

export async function startTarget(key: 'ours' | 'baseline', dataDir: string): Promise<Target> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const server = spawnServer(key, dataDir, port);
  await waitHealthy(server, url, port);
  return { key, url, server, boards: [], tablets: undefined as unknown as Child, event: undefined as unknown as BenchEvent, boardCount: 0 };
}

export const probe = (t: Target, gc = false) => t.server.call<Probe>('probe:read', { gc });
export const probeReset = (t: Target) => t.server.call('probe:reset');
export { api, setupEvent } from './event-setup.js';
export const totalsOf = (t: Target) => api<Totals>(t.url, 'GET', `/api/v1/events/${t.event.eventId}/totals`);
/** Acknowledged deals that were accepted (an ack may carry an error). */
export const okOf = (r: { acked: number; errors: Record<string, number> }) => r.acked - Object.values(r.errors).reduce((s, x) => s + x, 0);

function rssOf(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : NaN;
  } catch {
    return NaN;
  }
}

/** Sample the server's RSS from /proc every 250 ms (no work inside the server). */
export function rssWatcher(pid: number) {
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, rssOf(pid) || 0)), 250);
  return () => {
    clearInterval(timer);
    return Math.max(peak, rssOf(pid) || 0);
  };
}

/** The disk under the ledger: fdatasync latency of small appends in the data folder (the floor under every durable ack). */
export async function diskSync(dir: string, count = 200): Promise<Summary> {
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
