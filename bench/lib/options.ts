/**
 * The options of `npm run bench` (read with `node:util` parseArgs) and the settings they give.
 *
 * Flags: --quick (small numbers, ~1.5 min), --no-build, --skip-browser,
 *        --only=steady,burst,idle,browser,clients,recovery (the default: all of them),
 *        --profile=ours|baseline (writes a V8 CPU profile to bench/results/prof/),
 *        --steps=1000,2000,5000  --segment-ms=5500  --bulk-nice=10
 *        --client-boards=2000  --recovery-boards=2000
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BENCH = path.join(ROOT, 'bench');

const { values: o } = parseArgs({
  args: process.argv.slice(2),
  strict: true,
  options: {
    quick: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    'skip-browser': { type: 'boolean', default: false },
    only: { type: 'string', default: 'steady,burst,idle,browser,clients,recovery' },
    profile: { type: 'string' },
    steps: { type: 'string' },
    'segment-ms': { type: 'string' },
    'bulk-nice': { type: 'string' },
    'client-boards': { type: 'string' },
    'recovery-boards': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (o.help) {
  console.log(`npm run bench -- [flags]
  --quick                 small numbers (~1.5 min)
  --no-build              use the client and server builds as they are
  --skip-browser          leave out the Chromium scenario
  --only=LIST             steady,burst,idle,browser,clients,recovery (default: all)
  --profile=ours|baseline write a V8 CPU profile to bench/results/prof/
  --steps=1000,2000,5000  --segment-ms=5500  --bulk-nice=10
  --client-boards=2000    --recovery-boards=2000
  --store=postgres        the cluster benchmark instead (--store=postgres --help lists its flags)`);
  process.exit(0);
}

const QUICK = o.quick === true;
export const NO_BUILD = o['no-build'] === true;
export const PROFILE = o.profile;
export const ONLY = new Set(o.only!.split(','));
/** The scenarios that share one pair of servers (ours and the baseline); recovery starts its own. */
export const PAIRED = ['steady', 'burst', 'idle', 'browser', 'clients'].some((s) => ONLY.has(s));

export const cfg = {
  mode: QUICK ? 'quick' : 'full',
  steps: (o.steps ?? (QUICK ? '200,500' : '1000,2000,5000')).split(',').map(Number),
  idleBoards: QUICK ? 1000 : 10_000,
  rate: 200,
  tablets: 20,
  /** Each steady step alternates the two servers in `rounds` segments of `segmentMs`; the first `segmentWarmupMs` of each is not measured. */
  rounds: QUICK ? 2 : 4,
  segmentMs: Number(o['segment-ms'] ?? (QUICK ? 4000 : 5500)),
  segmentWarmupMs: 500,
  samplers: 50,
  boardWorkers: 2,
  /**
   * Niceness of the bulk board processes (not the samplers'): on the day those
   * screens are other machines, so here they get the CPU that the servers, the
   * tablets and the samplers leave. `--bulk-nice=0` puts them on a par.
   */
  bulkNice: Number(o['bulk-nice'] ?? 10),
  burst: QUICK ? 2000 : 10_000,
  burstWindowPerTablet: 50,
  httpConcurrency: 64,
  httpWorkers: 2,
  idleMs: QUICK ? 4000 : 10_000,
  browser: o['skip-browser'] !== true && ONLY.has('browser'),
  browserLoads: 3,
  /** Cold loads of the phone view, each followed by one of the bare baseline page. */
  phoneLoads: QUICK ? 5 : 9,
  browserMs: QUICK ? 8000 : 30_000,
  browserRate: 40,
  intervalMs: 100,
  /** Real socket.io-client boards (scenario `clients`), on an event of this many booths. */
  clientBoards: Number(o['client-boards'] ?? (QUICK ? 300 : 2000)),
  clientBooths: 50,
  /** Recovery: boards that must come back after `kill -9` and a restart, and the brief's budget for it. */
  recoveryBoards: Number(o['recovery-boards'] ?? (QUICK ? 500 : 2000)),
  recoveryBudgetMs: 6000,
  /** Deals sent before the kill; how long after the kill the boards are watched; the whole scenario's deadline. */
  recoverySendMs: 3000,
  recoveryWaitMs: 30_000,
  recoveryDeadlineMs: 60_000,
  deadlineMs: QUICK ? 5 * 60_000 : 14 * 60_000,
};

export { ADMIN_TOKEN } from './event-setup.js';
export const log = (...a: unknown[]) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}]`, ...a);
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
