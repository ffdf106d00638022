import path from 'node:path';
import Database from 'better-sqlite3';
import { api } from '../support/server.js';

/** Read the ledger file directly (read-only) and compare it with what the tablets created; problems go to `fail`. */
export function inspectStore(dataDir: string, eventId: string, want: bigint, created: ReadonlyMap<string, number>, fail: (message: string) => void) {
  const file = path.join(dataDir, 'ledger.sqlite');
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  try {
    sqlite.defaultSafeIntegers(true);
    const rows = sqlite.prepare('SELECT id, amount, status, seq FROM deals WHERE event_id = ?').all(eventId) as { id: string; amount: bigint; status: string; seq: bigint }[];
    const ids = new Set(rows.map((r) => r.id));
    const doubled = rows.length - ids.size;
    let lost = 0;
    for (const id of created.keys()) if (!ids.has(id)) lost++;
    let extra = 0;
    let storedTotal = 0n;
    for (const r of rows) {
      const amount = created.get(r.id);
      if (amount === undefined) extra++;
      else if (BigInt(amount) !== r.amount) fail(`deal ${r.id} stored with amount ${r.amount}, created with ${amount}`);
      if (r.status !== 'recorded') fail(`deal ${r.id} has status ${r.status}`);
      storedTotal += r.amount;
    }
    const sqlSum = (sqlite.prepare("SELECT COALESCE(SUM(amount), 0) AS s FROM deals WHERE event_id = ? AND status = 'recorded'").get(eventId) as { s: bigint }).s;
    const buckets = sqlite.prepare('SELECT COALESCE(SUM(total), 0) AS t, COALESCE(SUM(count), 0) AS c FROM totals_buckets WHERE event_id = ?').get(eventId) as { t: bigint; c: bigint };
    const event = sqlite.prepare('SELECT seq FROM events WHERE id = ?').get(eventId) as { seq: bigint } | undefined;
    const seqs = new Set(rows.map((r) => Number(r.seq)));

    if (lost) fail(`${lost} created deals are not in the store`);
    if (doubled) fail(`${doubled} ids stored more than once`);
    if (extra) fail(`${extra} stored deals were never created by a tablet`);
    if (storedTotal !== want || sqlSum !== want) fail(`stored total ${storedTotal} (SQL SUM ${sqlSum}) ≠ expected ${want}`);
    if (buckets.t !== want || Number(buckets.c) !== rows.length) fail(`running totals (totals_buckets) say ${buckets.t} / ${buckets.c} deals, the deals table ${want} / ${rows.length}`);
    if (!event || Number(event.seq) !== rows.length) fail(`events.seq is ${event?.seq} for ${rows.length} stored deals`);
    if (seqs.size !== rows.length || (rows.length && (Math.min(...seqs) !== 1 || Math.max(...seqs) !== rows.length))) {
      fail(`deal seq values are not exactly 1..${rows.length}`);
    }
    return { stored: rows.length, lost, doubled, extra, storedTotal: String(storedTotal), bucketsTotal: String(buckets.t) };
  } finally {
    sqlite.close();
  }
}

/** The public API after a restart: the same total, one count per created deal, `seq` one per stored change. */
export async function checkApi(url: string, eventId: string, want: bigint, created: number, db: { stored: number; doubled: number }, fail: (message: string) => void) {
  const final = await api<{ total: number; count: number; seq: number }>(url, 'GET', `/api/v1/events/${eventId}/totals`);
  let doubled = db.doubled;
  if (final.status !== 200 || typeof final.body.total !== 'number' || BigInt(final.body.total) !== want) fail(`GET /totals total ${final.body.total} ≠ expected ${want}`);
  if (final.body.count !== created) {
    fail(`GET /totals count ${final.body.count} ≠ ${created} deals created`);
    if (typeof final.body.count === 'number') doubled += Math.max(0, final.body.count - created);
  }
  if (final.body.seq !== db.stored) fail(`GET /totals seq ${final.body.seq} ≠ ${db.stored} accepted changes`);
  return { apiTotal: String(final.body.total), doubled };
}
