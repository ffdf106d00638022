import { eventSettingsSchema } from '@dealboard/shared';
import type { Db } from '../../store/db.js';
import type { DealsTable } from '../../store/schema.js';
import { chunked, ID_CHUNKS } from '../../store/chunks.js';
import { liveSum } from '../figures/totals.js';
import type { EventContext, Pending } from './batch-types.js';

/**
 * A group commit's reads on SQLite, inside its transaction (one writer at a time, so what is read
 * stays true until COMMIT): per event of the batch the event whole, its booths that take deals with
 * their token hashes, its categories, delegations and live sum; and the stored deals among the
 * batch's ids. The rules then decide on these alone (`decideDeal`). PostgreSQL's reads: `pg-batch.ts`.
 */
export async function readSqliteBatch(trx: Db, batch: Pending[]): Promise<{ events: Map<string, EventContext>; known: Map<string, DealsTable> }> {
  const events = new Map<string, EventContext>();
  for (const eventId of new Set(batch.map((b) => b.booth.eventId))) {
    const row = await trx.selectFrom('events').select(['id', 'status', 'seq', 'target', 'settings', 'starts_at', 'ends_at']).where('id', '=', eventId).executeTakeFirst();
    if (!row) continue;
    const booths = await trx.selectFrom('booths').select(['id', 'token_hash']).where('event_id', '=', eventId).where('revoked_at', 'is', null).execute();
    const categories = await trx.selectFrom('categories').select('id').where('event_id', '=', eventId).execute();
    const delegations = await trx.selectFrom('delegations').select(['id', 'name']).where('event_id', '=', eventId).execute();
    events.set(eventId, {
      row,
      startSeq: row.seq,
      settings: eventSettingsSchema.parse(JSON.parse(row.settings || '{}')),
      booths: new Map(booths.map((b) => [b.id, b.token_hash])),
      categories: new Set(categories.map((c) => c.id)),
      delegations,
      sum: await liveSum(trx, eventId),
    });
  }
  return { events, known: await knownDeals(trx, batch) };
}

/** The stored deals among the batch's ids, in a few fixed shapes the statement cache keeps. */
async function knownDeals(trx: Db, batch: Pending[]): Promise<Map<string, DealsTable>> {
  const known = new Map<string, DealsTable>();
  for (const chunk of chunked([...new Set(batch.map((b) => b.input.id))], ID_CHUNKS)) {
    for (const row of await trx.selectFrom('deals').selectAll().where('id', 'in', chunk).execute()) known.set(row.id, row);
  }
  return known;
}
