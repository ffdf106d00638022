import { eventSettingsSchema } from '@dealboard/shared';
import { isPostgres, type Db } from '../store/db.js';
import type { DealsTable } from '../store/schema.js';
import type { EventContext } from './deal-rules.js';

/**
 * Inside a transaction: hold the rows of these events until it ends, so that
 * writers on several nodes take turns per event and `seq` rises by exactly one
 * per change with no gap and no repeat. Taken in id order, so two batches that
 * touch the same events cannot deadlock. SQLite needs none: one writer at a time
 * is how it works.
 */
export async function lockEvents(trx: Db, eventIds: Iterable<string>): Promise<void> {
  if (!isPostgres(trx)) return;
  const ids = [...new Set(eventIds)].sort();
  if (!ids.length) return;
  await trx.selectFrom('events').select('id').where('id', 'in', ids).orderBy('id').forUpdate().execute();
}

/**
 * For a batch of deals on PostgreSQL: read what the rules need of its events in one
 * statement. Without `lock` nothing is held: the batch takes its `seq` numbers last
 * (`claimSeqs`), so nodes writing to the same event wait on each other only for the
 * end of their transactions, not for the whole of them. With `lock` (a batch run
 * again after a change it did not expect), the rows are held from here on.
 * On SQLite nothing is read here; the rules read each event when they first meet it.
 */
export async function readBatchEvents(trx: Db, eventIds: Iterable<string>, lock: boolean): Promise<Map<string, EventContext>> {
  const contexts = new Map<string, EventContext>();
  if (!isPostgres(trx)) return contexts;
  const ids = [...new Set(eventIds)].sort();
  if (!ids.length) return contexts;
  const q = trx.selectFrom('events').select(['id', 'status', 'seq', 'target', 'settings', 'starts_at', 'ends_at']).where('id', 'in', ids).orderBy('id');
  const rows = await (lock ? q.forUpdate() : q).execute();
  for (const row of rows) contexts.set(row.id, { row, startSeq: row.seq, settings: eventSettingsSchema.parse(JSON.parse(row.settings || '{}')) });
  return contexts;
}

/**
 * Take the `seq` numbers of a batch's new deals: per event, in id order, one
 * `update … set seq = seq + n … returning seq`, which on PostgreSQL holds the event
 * row until COMMIT. The rules numbered the deals from the `seq` they read; the rows
 * are moved up by however many changes other nodes committed since. Only if the
 * event's status, target and settings are still what the rules saw: otherwise
 * nothing is claimed and `false` says the batch must run again (with the lock first).
 */
export async function claimSeqs(trx: Db, events: Map<string, EventContext>, rows: DealsTable[]): Promise<boolean> {
  const shifts = new Map<string, number>();
  for (const ctx of [...events.values()].sort((a, b) => (a.row.id < b.row.id ? -1 : 1))) {
    const n = ctx.row.seq - ctx.startSeq;
    if (n <= 0) continue;
    const { row } = ctx;
    const claimed = await trx
      .updateTable('events')
      .set((eb) => ({ seq: eb('seq', '+', n) }))
      .where('id', '=', row.id)
      .where('status', '=', row.status)
      .where('target', '=', row.target)
      .where('settings', '=', row.settings)
      .returning('seq')
      .executeTakeFirst();
    if (!claimed) return false;
    shifts.set(row.id, Number(claimed.seq) - row.seq);
    ctx.startSeq = Number(claimed.seq) - n;
    row.seq = Number(claimed.seq);
  }
  for (const r of rows) r.seq += shifts.get(r.event_id) ?? 0;
  return true;
}
