/**
 * Long form of the chaos suite: `npm run test:chaos` (K=100 restarts by default).
 *
 *   npm run test:chaos -- --restarts=100 --tablets=8 --rate=10 --seed=123 --json=chaos.json
 *
 * Every option also reads from the environment: CHAOS_RESTARTS, CHAOS_TABLETS, CHAOS_HTTP_TABLETS (--http), CHAOS_BOARDS,
 * CHAOS_RATE, CHAOS_DROP, CHAOS_SEED. Prints the report as a table and as JSON; exits 1 on failure.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { abortAllChaos, formatReport, runChaos } from './harness.js';

const { values } = parseArgs({
  options: {
    restarts: { type: 'string' },
    tablets: { type: 'string' },
    http: { type: 'string' },
    boards: { type: 'string' },
    rate: { type: 'string' },
    drop: { type: 'string' },
    seed: { type: 'string' },
    json: { type: 'string' },
    quiet: { type: 'boolean' },
  },
});

function num(flag: string | undefined, env: string, fallback: number): number {
  const raw = flag ?? process.env[env];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) {
    console.error(`bad value for ${env}: ${raw}`);
    process.exit(2);
  }
  return n;
}

for (const sig of ['SIGINT', 'SIGTERM'] as const) {
  process.once(sig, () => {
    console.error(`\n${sig}: stopping the chaos run and its server`);
    void abortAllChaos().finally(() => process.exit(130));
  });
}

const seedRaw = values.seed ?? process.env.CHAOS_SEED;
const report = await runChaos({
  restarts: num(values.restarts, 'CHAOS_RESTARTS', 100),
  tablets: num(values.tablets, 'CHAOS_TABLETS', 8),
  httpTablets: num(values.http, 'CHAOS_HTTP_TABLETS', 2),
  boards: num(values.boards, 'CHAOS_BOARDS', 3),
  ratePerTablet: num(values.rate, 'CHAOS_RATE', 10),
  dropProbability: num(values.drop, 'CHAOS_DROP', 0.04),
  seed: seedRaw ? Number(seedRaw) : undefined,
  uptimeMs: [500, 3000],
  downtimeMs: [0, 500],
  verbose: !values.quiet,
});

console.log('\n' + formatReport(report) + '\n');
console.log(JSON.stringify(report, null, 2));
if (values.json) fs.writeFileSync(values.json, JSON.stringify(report, null, 2) + '\n');
process.exit(report.ok ? 0 : 1);
