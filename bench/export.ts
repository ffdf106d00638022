/**
 * `npm run bench:export` — how long exports of a big ledger take, and whether the server stays
 * responsive meanwhile. Seeds a fresh data folder with N deals (default 100,000) through the real
 * ledger, starts the real server in its own process, then downloads the CSV and the XLSX while
 * probing `/health` every 10 ms. Prints one line per export: seconds, size, and the percentiles of
 * `/health` answers during it. Flags: --deals=N.
 */
import fs from 'node:fs';
import { seedLedger } from '../tests/support/seed-deals.js';
import { spawnServer } from '../tests/support/process.js';
import { ADMIN_TOKEN, tempDataDir } from '../tests/support/server.js';

const deals = Number(process.argv.find((a) => a.startsWith('--deals='))?.split('=')[1] ?? 100_000);

async function probeWhile<T>(url: string, work: Promise<T>): Promise<{ result: T; health: number[] }> {
  let done = false;
  const health: number[] = [];
  const loop = (async () => {
    while (!done) {
      const t0 = performance.now();
      await fetch(`${url}/api/v1/health`).then((r) => r.arrayBuffer());
      health.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  const result = await work;
  done = true;
  await loop;
  return { result, health };
}

async function download(url: string): Promise<{ seconds: number; bytes: number }> {
  const t0 = performance.now();
  const res = await fetch(url, { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  if (!res.ok) throw new Error(`${url}: ${res.status}`);
  let bytes = 0;
  for await (const chunk of res.body!) bytes += (chunk as Uint8Array).byteLength;
  return { seconds: (performance.now() - t0) / 1000, bytes };
}

/**
 * CPU seconds the server process has used (Linux /proc, user + system; 100 ticks a second): on a
 * machine shared with other work, wall times swing with the load, CPU time much less.
 */
function cpuSeconds(pid: number | undefined): number {
  if (!pid || !fs.existsSync(`/proc/${pid}/stat`)) return NaN;
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const dataDir = tempDataDir('dealboard-export-');
const t0 = performance.now();
const { eventId } = await seedLedger(dataDir, { deals });
console.log(`seeded ${deals.toLocaleString('en')} deals in ${((performance.now() - t0) / 1000).toFixed(1)} s (${dataDir})`);
const srv = await spawnServer({ dataDir, env: { LOG_LEVEL: 'warn' } });
// As an organiser meets it: the server has been up a while and has loaded exceljs (8 s after start).
await new Promise((r) => setTimeout(r, 9_000));
try {
  for (const ext of ['csv', 'xlsx']) {
    const cpu0 = cpuSeconds(srv.child.pid);
    const { result, health } = await probeWhile(srv.url, download(`${srv.url}/api/v1/events/${eventId}/export.${ext}`));
    const sorted = health.sort((a, b) => a - b);
    const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!.toFixed(0);
    console.log(
      `${ext.padEnd(4)} ${deals.toLocaleString('en')} deals: ${result.seconds.toFixed(2)} s (server CPU ${(cpuSeconds(srv.child.pid) - cpu0).toFixed(2)} s), ${(result.bytes / 1e6).toFixed(1)} MB; ` +
        `/health during it (${sorted.length} probes): p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms`,
    );
  }
} finally {
  await srv.stop();
}
