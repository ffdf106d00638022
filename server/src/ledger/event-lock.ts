import { eventSettingsSchema } from '@dealboard/shared';
import { isPostgres, type Db } from '../store/db.js';
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
 * For a batch of deals: lock the events (PostgreSQL) and read what the rules need
 * of them in the same statement, so the lock costs no extra round trip while it is held.
 * On SQLite nothing is read here; the rules read each event when they first meet it.
 */
export async function lockAndReadEvents(trx: Db, eventIds: Iterable<string>): Promise<Map<string, EventContext>> {
  const contexts = new Map<string, EventContext>();
  if (!isPostgres(trx)) return contexts;
  const ids = [...new Set(eventIds)].sort();
  if (!ids.length) return contexts;
  const rows = await trx.selectFrom('events').select(['id', 'status', 'seq', 'target', 'settings', 'starts_at', 'ends_at']).where('id', 'in', ids).orderBy('id').forUpdate().execute();
  for (const row of rows) contexts.set(row.id, { row, startSeq: row.seq, settings: eventSettingsSchema.parse(JSON.parse(row.settings || '{}')) });
  return contexts;
}
