import { Writable } from 'node:stream';
import { openStore } from './src/store/db.js';
import { EventsRepo } from './src/ledger/events-repo.js';
import { BoothsRepo } from './src/ledger/booths-repo.js';
import { Ledger } from './src/ledger/ledger.js';
import { dealPages } from './src/ledger/queries.js';
import { dealRows, COLUMNS } from './src/reports/recap.js';
const store = await openStore(process.argv[2]!);
const events = new EventsRepo(store.db); const booths = new BoothsRepo(store.db, events); const ledger = new Ledger(store.db);
const ev = (await events.listEvents())[0]!; const event = await events.requireEvent(ev.id);
const totals = (await ledger.totals(event.id))!; const bl = await booths.list(event.id);
const { default: ExcelJS } = await import('exceljs');
let bytes = 0;
const out = new Writable({ write(c, _e, cb) { bytes += c.length; setImmediate(cb); } });
let max = 0; let last = performance.now();
const iv = setInterval(() => { const now = performance.now(); if (now - last > 50) console.log('  gap', (now - last).toFixed(0), 'bytes', bytes); max = Math.max(max, now - last); last = now; }, 1);
const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
const ws = wb.addWorksheet('T');
ws.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: 18 }));
for await (const d of dealPages(store.db, event.id, { upToSeq: totals.seq, pageSize: 1000 })) {
  const rows = dealRows(event, bl, d);
  const t = performance.now();
  for (const r of rows) ws.addRow(COLUMNS.map((c) => (c.key === 'amountText' ? 'x' : (r as any)[c.key]))).commit();
  console.log('page', (performance.now() - t).toFixed(1), 'bytes so far', bytes, 'needDrain', out.writableNeedDrain);
  await new Promise((r) => setImmediate(r));
}
let t = performance.now(); ws.commit(); console.log('ws.commit', (performance.now() - t).toFixed(0));
t = performance.now(); await wb.commit(); console.log('wb.commit', (performance.now() - t).toFixed(0), 'bytes', bytes);
clearInterval(iv);
