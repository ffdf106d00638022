import { isPostgres, type Db } from '../../store/db.js';
import type { DealsTable } from '../../store/schema.js';
import type { EventContext } from '../batch/batch-types.js';

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
 * SQLite's group commit: take the `seq` numbers of a batch's new deals, per event, in id
 * order, one `update … set seq = seq + n … returning seq`. The rules numbered the deals
 * from the `seq` they read; the rows are moved up by however many changes were committed
 * since (none on SQLite, one writer at a time, but the rule is the same as PostgreSQL's,
 * where `ledger_write_batch` does this). Only if the event's status, target and settings
 * are still what the rules saw: otherwise nothing is claimed and `false` says the batch
 * must run again.
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
