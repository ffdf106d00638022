import { Writable } from 'node:stream';
import { openStore } from './src/store/db.js';
import { EventsRepo } from './src/ledger/events-repo.js';
import { BoothsRepo } from './src/ledger/booths-repo.js';
import { Ledger } from './src/ledger/ledger.js';
import { dealPages } from './src/ledger/queries.js';
import { dealRows, buildRecap } from './src/reports/recap.js';
import { writeCsv, writeXlsx } from './src/reports/exports.js';
const dir = process.argv[2]!;
const store = await openStore(dir);
const events = new EventsRepo(store.db); const booths = new BoothsRepo(store.db, events); const ledger = new Ledger(store.db);
const ev = (await events.listEvents())[0]!; const event = await events.requireEvent(ev.id);
const totals = (await ledger.totals(event.id))!; const bl = await booths.list(event.id);
async function* pages() { for await (const d of dealPages(store.db, event.id, { upToSeq: totals.seq })) { const t=performance.now(); const r = dealRows(event, bl, d); rowsMs += performance.now()-t; yield r; } }
let rowsMs = 0;
let max = 0; let last = performance.now();
let phase = "csv"; const iv = setInterval(() => { const now = performance.now(); if (now - last > 40) console.log("  gap", phase, (now - last).toFixed(0), "at", (now - t).toFixed(0)); max = Math.max(max, now - last); last = now; }, 1);
const sink = () => new Writable({ write(_c, _e, cb) { setImmediate(cb); } });
let t = performance.now();
await writeCsv(sink(), pages());
console.log('csv', (performance.now() - t).toFixed(0), 'ms; max loop gap', max.toFixed(0), 'rows ms', rowsMs.toFixed(0));
max = 0; rowsMs = 0; t = performance.now(); last = t;
await import('exceljs'); console.log('import exceljs', (performance.now()-t).toFixed(0), 'gap', max.toFixed(0));
max = 0; t = performance.now(); last = t;
await writeXlsx(sink(), pages(), buildRecap(event, totals, bl));
console.log('xlsx', (performance.now() - t).toFixed(0), 'ms; max loop gap', max.toFixed(0), 'rows ms', rowsMs.toFixed(0));
clearInterval(iv);
// per-page timing
const timeIt = async (label: string, pageSize: number) => {
  let q = 0, b = 0, n = 0; let qmax = 0;
  const it = dealPages(store.db, event.id, { upToSeq: totals.seq, pageSize });
  for (;;) { let t0 = performance.now(); const r = await it.next(); const dt = performance.now() - t0; q += dt; qmax = Math.max(qmax, dt); if (r.done) break; n++; t0 = performance.now(); dealRows(event, bl, r.value); b += performance.now() - t0; }
  console.log(label, 'pages', n, 'query ms', q.toFixed(0), 'max', qmax.toFixed(0), 'rows ms', b.toFixed(0));
};
await timeIt('p2000', 2000); await timeIt('p500', 500);
