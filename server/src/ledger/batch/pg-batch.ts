import { climbIndex, eventSettingsSchema } from '@dealboard/shared';
import { sql } from 'kysely';
import { readSum, type StoredSum } from '../../core/money-sum.js';
import type { Db } from '../../store/db.js';
import type { DealsTable } from '../../store/schema.js';
import { RUN_AGAIN_SQLSTATE } from '../../store/pg-write-batch.js';
import type { EventContext, EventRow, Pending } from './batch-types.js';
import type { BucketSums } from '../figures/buckets.js';
import type { ChangeFeed } from '../feed/change-feed.js';

/**
 * A group commit on PostgreSQL in as few round trips as the rules allow, because a
 * round trip, not the work in it, is what a batch costs there (and, while the event's
 * row is held, what the other nodes wait for). No transaction is opened:
 * 1. the events with everything the rules ask of them (categories, delegations, the
 *    batch's booths and their tokens, the live sum the total ceiling is checked against),
 *    and beside it, on another connection at the same time,
 * 2. the deal ids already stored — one statement, one shape whatever the batch size;
 * 3. the rules decide in the node; then one call writes it all and commits (`writeBatch`):
 *    the event row is held only while PostgreSQL runs it, never across a network wait.
 * If another writer got in between (the event changed, a deal id taken), nothing was
 * written and the batch runs again in a transaction, its events locked by step 1.
 * Totals are read after COMMIT (see `Ledger`), outside the event's lock.
 */

type Row = EventRow & { categories: string[]; delegations: { id: string; name: string }[]; booths: Record<string, string>; live_sum: StoredSum };

/** Step 1: the batch's events and its booths, the events held from here on with `lock` (a batch run again). */
async function readEventsForBatch(trx: Db, eventIds: string[], boothIds: string[], lock: boolean): Promise<Map<string, EventContext>> {
  const { rows } = await sql<Row>`
    select e.id, e.status, e.seq, e.target, e.settings, e.starts_at, e.ends_at, e.updated_at,
      (select coalesce(json_agg(c.id), '[]') from categories c where c.event_id = e.id) as categories,
      (select coalesce(json_agg(json_build_object('id', d.id, 'name', d.name)), '[]') from delegations d where d.event_id = e.id) as delegations,
      (select coalesce(json_object_agg(b.id, b.token_hash), '{}') from booths b where b.event_id = e.id and b.id = any(${boothIds}::text[]) and b.revoked_at is null) as booths,
      (select coalesce(sum(b.total), 0) from totals_buckets b where b.event_id = e.id)
        + (select coalesce(sum(p.amount), 0) from deals p where p.event_id = e.id and p.status = 'pending') as live_sum
    from events e where e.id = any(${eventIds}::text[]) order by e.id ${lock ? sql`for update of e` : sql``}`.execute(trx);
  const contexts = new Map<string, EventContext>();
  for (const { categories, delegations, booths, live_sum, ...row } of rows) {
    const settings = eventSettingsSchema.parse(JSON.parse(row.settings || '{}'));
    contexts.set(row.id, { row, startSeq: row.seq, settings, categories: new Set(categories), delegations, booths: new Map(Object.entries(booths)), sum: readSum(live_sum) });
  }
  return contexts;
}

/** Step 2: the stored deals among `ids`. */
async function readKnownDeals(trx: Db, ids: string[]): Promise<DealsTable[]> {
  const { rows } = await sql<DealsTable>`select * from deals where id = any(${ids}::text[])`.execute(trx);
  return rows;
}

type Kept = Pick<EventContext, 'row' | 'settings' | 'categories' | 'delegations'>;

/**
 * Steps 1 and 2, and what a node keeps of them: the events as an organiser left them (status,
 * target, settings, times, categories, delegations, `updated_at`). A batch whose events are all
 * kept skips both reads: it is decided from what was kept, its booths as the tablets' tokens were
 * found, no deal taken yet; `ledger_write_batch` then checks all of that with the events held and
 * writes nothing if any of it no longer holds, and the batch runs again with fresh reads. What is
 * kept may only accept: a batch it would refuse a deal of runs again with fresh reads too (`kept`).
 */
export class PgBatchReads {
  private readonly kept = new Map<string, Kept>();

  async read(db: Db, batch: Pending[], lock: boolean): Promise<{ events: Map<string, EventContext>; known: Map<string, DealsTable>; kept?: true }> {
    const fromKept = lock ? undefined : this.fromKept(batch);
    if (fromKept) return { events: fromKept, known: new Map(), kept: true };
    const eventIds = [...new Set(batch.map((b) => b.booth.eventId))].sort();
    const boothIds = [...new Set(batch.map((b) => b.booth.id))];
    const ids = [...new Set(batch.map((b) => b.input.id))];
    // Both at once (two connections), unless the events are locked first in a transaction.
    const [events, stored] = lock
      ? [await readEventsForBatch(db, eventIds, boothIds, true), await readKnownDeals(db, ids)]
      : await Promise.all([readEventsForBatch(db, eventIds, boothIds, false), readKnownDeals(db, ids)]);
    if (this.kept.size > 64) this.kept.clear();
    for (const { row, settings, categories, delegations } of events.values()) this.kept.set(row.id, { row: { ...row }, settings, categories, delegations });
    return { events, known: new Map(stored.map((r) => [r.id, r])) };
  }

  private fromKept(batch: Pending[]): Map<string, EventContext> | undefined {
    const events = new Map<string, EventContext>();
    for (const { booth } of batch) {
      let ctx = events.get(booth.eventId);
      if (!ctx) {
        const kept = this.kept.get(booth.eventId);
        if (!kept) return undefined;
        ctx = { ...kept, row: { ...kept.row }, startSeq: kept.row.seq, booths: new Map(), sum: 0 };
        events.set(booth.eventId, ctx);
      }
      ctx.booths.set(booth.id, booth.tokenHash ?? '');
    }
    return events;
  }
}

/**
 * Step 3, one round trip: the batch's writes through `ledger_write_batch` (see
 * `store/pg-write-batch.ts`): each event's `seq` claimed if its status, target and settings
 * are what the rules saw, the new deals inserted (the unique id decides), the summed bucket
 * and seller deltas added, each event's climb point moved and the other nodes told. The rows
 * and `events` are moved up by the `seq` other nodes took since the read. Returns false when
 * another writer got in between and nothing was written. (The function also returns each event's
 * climb total; the node does not need it: the change feed reads the climb with the totals.)
 */
export async function writeBatch(db: Db, batch: Pending[], events: Map<string, EventContext>, deals: DealsTable[], sums: BucketSums, feed?: ChangeFeed): Promise<boolean> {
  if (!deals.length) return true;
  const now = Date.now();
  const touched = [...events.values()].filter((c) => c.row.seq > c.startSeq);
  const amount = (eventId: string) => deals.reduce((sum, d) => (d.event_id === eventId ? sum + d.amount : sum), 0);
  const claims = touched.map(({ row, startSeq }) => ({ ...row, n: row.seq - startSeq, amount: amount(row.id), updated_at: row.updated_at ?? '' }));
  const booths = [...new Map(batch.map((b): [string, string | null] => [b.booth.id, b.booth.tokenHash ?? null]))].map(([id, token_hash]) => ({ id, token_hash }));
  const climbs = touched.map(({ row, settings }) => ({ event_id: row.id, seq: row.seq, idx: climbIndex(Date.parse(row.starts_at), Date.parse(row.ends_at), now), kinds: settings.countedKinds }));
  const notes = feed ? touched.map(({ row }) => ({ event_id: row.id, ...feed.notice({ eventId: row.id, seq: row.seq, what: 'deals' }) })) : [];
  let result: { shifts: Record<string, number> };
  try {
    const p = JSON.stringify({ claims, booths, deals, ...sums.rows(), climbs, notes });
    const { rows } = await sql<{ r: typeof result }>`select ledger_write_batch(${p}::jsonb) as r`.execute(db);
    result = rows[0]!.r;
  } catch (e) {
    if ((e as { code?: unknown }).code === RUN_AGAIN_SQLSTATE) return false;
    throw e;
  }
  for (const ctx of touched) {
    const shift = result.shifts[ctx.row.id] ?? 0;
    ctx.row.seq += shift;
    ctx.startSeq += shift;
  }
  for (const d of deals) d.seq += result.shifts[d.event_id] ?? 0;
  return true;
}
