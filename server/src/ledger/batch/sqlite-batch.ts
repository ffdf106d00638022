import { eventSettingsSchema } from '@dealboard/shared';
import type { Db } from '../../store/db.js';
import type { DealsTable } from '../../store/schema.js';
import { chunked, ID_CHUNKS } from '../../store/chunks.js';
import type { Deal } from '@dealboard/shared';
import { liveSum, readTotals } from '../figures/totals.js';
import { recordClimb } from '../figures/climb.js';
import type { BucketSums } from '../figures/buckets.js';
import type { EventContext, LedgerChange, Pending } from './batch-types.js';

/**
 * A group commit's reads on SQLite, inside its transaction (one writer at a time, so what is read
 * stays true until COMMIT): per event of the batch the event whole, its booths that take deals with
 * their token hashes, its categories, delegations and live sum; and the stored deals among the
 * batch's ids. The rules then decide on these alone (`decideDeal`), and the batch's writes follow
 * (`claimSeqs`, `writeSqliteBatch`), all in the one transaction. PostgreSQL's steps: `pg-batch.ts`.
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

/**
 * The rest of SQLite's write, once the numbers are claimed: the new rows in multi-row inserts, the
 * summed bucket and seller deltas, then each touched event's totals read back and its climb point
 * moved, in the transaction (so every change carries its totals).
 */
export async function writeSqliteBatch(trx: Db, events: Map<string, EventContext>, rows: DealsTable[], sums: BucketSums, touched: Map<string, Deal[]>): Promise<LedgerChange[]> {
  for (const chunk of chunked(rows)) await trx.insertInto('deals').values(chunk).execute();
  await sums.write(trx);
  const changes: LedgerChange[] = [];
  const now = Date.now();
  for (const [eventId, deals] of touched) {
    const totals = await readTotals(trx, eventId);
    if (!totals) continue;
    changes.push({ eventId, fromSeq: totals.seq - deals.length, seq: totals.seq, totals, deals, climb: await recordClimb(trx, totals, now, events.get(eventId)?.row) });
  }
  return changes;
}
