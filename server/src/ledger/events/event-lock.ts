import { isPostgres, type Db } from '../../store/db.js';

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
