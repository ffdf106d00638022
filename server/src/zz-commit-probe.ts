import { randomUUID } from 'node:crypto';
import os from 'node:os'; import fs from 'node:fs'; import path from 'node:path';
import { dealInputSchema } from '@dealboard/shared';
import { openStore, durableCommitOf } from './store/db.js';
import { EventsRepo } from './ledger/events-repo.js';
import { BoothsRepo } from './ledger/booths-repo.js';
import { Ledger } from './ledger/ledger.js';
import { monitorEventLoopDelay } from 'node:perf_hooks';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'probe-'));
const store = await openStore(dir);
const events = new EventsRepo(store.db);
const ev = await events.createEvent({ name: 'x', target: 1e9, startsAt: '2026-04-13T09:00:00+07:00', endsAt: '2026-04-13T10:00:00+07:00', timezone: 'Asia/Jakarta', delegations: ['Jatim', 'Kalsel'] } as any);
const booths = new BoothsRepo(store.db, events);
const bs = [];
for (let i = 0; i < 20; i++) { const b = await booths.create(ev.id, { name: `S${i}`, delegation: i % 2 ? 'Jatim' : 'Kalsel' }); bs.push((await booths.findByToken(b.token))!); }
if (process.argv[3] === 'nockpt') store.sqlite.pragma('wal_autocheckpoint = 0');
const ledger = new Ledger(store.db);
const durable = (durableCommitOf(store.db) ?? { transaction: () => 0, sync: () => 0 }) as any;
// wrap to time the main-thread part and the sync
const txTimes: number[] = []; const syncTimes: number[] = [];
const origTx = durable.transaction.bind(durable); const origSync = durable.sync.bind(durable);
if (!process.env.ZZ_INLINE) (durable as any).transaction = async (w: any) => { const t0 = performance.now(); try { return await origTx(w); } finally { txTimes.push(performance.now() - t0); } };
if (!process.env.ZZ_INLINE) (durable as any).sync = async () => { const t0 = performance.now(); try { return await origSync(); } finally { syncTimes.push(performance.now() - t0); } };
const mode = process.argv[2] ?? 'steady';
const eld = monitorEventLoopDelay({ resolution: 5 }); eld.enable();
const acks: number[] = [];
let n = 0;
const one = () => { const t0 = performance.now(); const i = n++; return ledger.submit(bs[i % 20]!, dealInputSchema.parse({ id: randomUUID(), amount: 1000 * (1 + (i * 37) % 500), category: ev.categories[i % 5]!.id, seller: `UMKM ${i % 300}`, buyer: 'B', ...(i % 2 ? { buyerDelegation: 'jatim' } : {}) })).then(() => acks.push(performance.now() - t0)); };
const t0 = performance.now();
if (mode === 'steady') {
  const ps: Promise<unknown>[] = [];
  await new Promise<void>((res) => { const iv = setInterval(() => { const due = Math.floor((performance.now() - t0) / 5); while (n < due && n < 2000) ps.push(one()); if (n >= 2000) { clearInterval(iv); res(); } }, 2); });
  await Promise.all(ps);
} else {
  const ps = []; for (let i = 0; i < 10000; i++) ps.push(one()); await Promise.all(ps);
  console.log('burst rate', (10000 / ((performance.now() - t0) / 1000)).toFixed(0), '/s, commits', ledger.stats.commits);
}
const q = (a: number[], p: number) => { if (!a.length) return '-'; const s = [...a].sort((x, y) => x - y); return s[Math.min(s.length - 1, Math.ceil(p * s.length) - 1)]!.toFixed(2); };
console.log(mode, 'commits', ledger.stats.commits, 'tx main-thread ms p50', q(txTimes, .5), 'p99', q(txTimes, .99), 'max', q(txTimes, 1));
console.log('sync ms p50', q(syncTimes, .5), 'p99', q(syncTimes, .99), 'max', q(syncTimes, 1), '| ack p50', q(acks, .5), 'p99', q(acks, .99), '| eld p99', (eld.percentile(99) / 1e6).toFixed(1), 'max', (eld.max / 1e6).toFixed(1));
const c = process.cpuUsage(); console.log('cpu ms', ((c.user + c.system) / 1000).toFixed(0), 'wall', (performance.now() - t0).toFixed(0));
await ledger.drain(); await store.close();
