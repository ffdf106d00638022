import { eventSettingsSchema, type ClimbPointDelta } from '@dealboard/shared';
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../store/db.js';
import type { DealsTable } from '../store/schema.js';
import type { EventContext, EventRow } from './deal-rules.js';
import type { BucketSums } from './buckets.js';

/**
 * A group commit on PostgreSQL in as few round trips as the rules allow, because a
 * round trip, not the work in it, is what a batch costs there (and, once the event's
 * `seq` is claimed, what the other nodes wait for):
 * 1. the events with everything the rules ask of them (categories, delegations, the
 *    batch's booths and their tokens, the live sum the total ceiling is checked against)
 *    — one statement;
 * 2. the deal ids already stored — one statement, one shape whatever the batch size;
 * 3. `claimSeqs` (the event row is held from here to COMMIT);
 * 4. the new deals, the summed bucket and seller deltas, the climb point and the
 *    NOTIFY to the other nodes — one statement (`writeBatch`);
 * 5. COMMIT.
 * Totals are read after COMMIT (see `Ledger`), outside the event's lock.
 */

type Row = EventRow & { categories: string[]; delegations: { id: string; name: string }[]; booths: Record<string, string>; live_sum: number };

/** Step 1: the batch's events and its booths, the events held from here on with `lock` (a batch run again). */
export async function readEventsForBatch(trx: Db, eventIds: string[], boothIds: string[], lock: boolean): Promise<Map<string, EventContext>> {
  const { rows } = await sql<Row>`
    select e.id, e.status, e.seq, e.target, e.settings, e.starts_at, e.ends_at,
      (select coalesce(json_agg(c.id), '[]') from categories c where c.event_id = e.id) as categories,
      (select coalesce(json_agg(json_build_object('id', d.id, 'name', d.name)), '[]') from delegations d where d.event_id = e.id) as delegations,
      (select coalesce(json_object_agg(b.id, b.token_hash), '{}') from booths b where b.event_id = e.id and b.id = any(${boothIds}::text[]) and b.revoked_at is null) as booths,
      (select coalesce(sum(b.total), 0) from totals_buckets b where b.event_id = e.id)
        + (select coalesce(sum(p.amount), 0) from deals p where p.event_id = e.id and p.status = 'pending') as live_sum
    from events e where e.id = any(${eventIds}::text[]) order by e.id ${lock ? sql`for update of e` : sql``}`.execute(trx);
  const contexts = new Map<string, EventContext>();
  for (const { categories, delegations, booths, live_sum, ...row } of rows) {
    const settings = eventSettingsSchema.parse(JSON.parse(row.settings || '{}'));
    contexts.set(row.id, { row, startSeq: row.seq, settings, categories: new Set(categories), delegations, booths: new Map(Object.entries(booths)), sum: Number(live_sum) });
  }
  return contexts;
}

/** Step 2: the stored deals among `ids`. */
export async function readKnownDeals(trx: Db, ids: string[]): Promise<DealsTable[]> {
  const { rows } = await sql<DealsTable>`select * from deals where id = any(${ids}::text[])`.execute(trx);
  return rows;
}

/** `insert into <table> (<columns>) select <columns> from json_populate_recordset(null::<table>, $rows)`: any number of rows, one parameter. */
function insertRows(table: string, rows: object[]): RawBuilder<unknown> {
  const cols = sql.join(Object.keys(rows[0]!).map((c) => sql.ref(c)));
  return sql`insert into ${sql.table(table)} (${cols}) select ${cols} from json_populate_recordset(null::${sql.table(table)}, ${JSON.stringify(rows)}::json)`;
}

/** Where a batch moves an event's climb: the point of `idx`, at the event's new `seq`, counting `kinds`. */
export type ClimbAt = { eventId: string; idx: number; seq: number; kinds: string[] };

/**
 * Step 4, one statement: insert the new deals (insert-or-nothing: the unique id decides),
 * add the summed deltas to the buckets and sellers, move each event's climb point and
 * NOTIFY each change (sent at COMMIT). The statement's parts share one snapshot, taken
 * after the event rows were claimed: the buckets read for the climb are those before this
 * batch, so the batch's own counted delta is added to them. Returns how many deals were
 * stored (fewer than given: another node took an id) and each event's new climb point.
 */
export async function writeBatch(trx: Db, deals: DealsTable[], sums: BucketSums, climbs: ClimbAt[], notes: { channel: string; payload: string }[]) {
  const { buckets, sellers } = sums.rows();
  const parts: RawBuilder<unknown>[] = [];
  if (deals.length) parts.push(sql`d as (${insertRows('deals', deals)} on conflict (id) do nothing returning 1)`);
  if (buckets.length) {
    parts.push(sql`b as (${insertRows('totals_buckets', buckets)}
      on conflict (event_id, category_id, kind, booth_id, from_delegation, to_delegation)
      do update set total = totals_buckets.total + excluded.total, count = totals_buckets.count + excluded.count returning 1)`);
  }
  if (sellers.length) {
    parts.push(sql`s as (${insertRows('sellers', sellers)}
      on conflict (event_id, seller_key) do update set recorded = sellers.recorded + excluded.recorded returning 1)`);
  }
  climbs.forEach((c, i) => {
    const delta = buckets.filter((b) => b.event_id === c.eventId && c.kinds.includes(b.kind)).reduce((sum, b) => sum + b.total, 0);
    const v = sql.raw(`v${i}`);
    parts.push(sql`${v} as (select coalesce(sum(total), 0) + ${delta}::bigint as total from totals_buckets where event_id = ${c.eventId} and kind = any(${c.kinds}::text[]))`);
    parts.push(sql`${sql.raw(`c${i}`)} as (insert into climb_points (event_id, idx, total, seq) select ${c.eventId}, ${c.idx}::int, total, ${c.seq}::int from ${v}
      on conflict (event_id, idx) do update set total = excluded.total, seq = excluded.seq where climb_points.seq < excluded.seq returning 1)`);
  });
  const stored = deals.length ? sql`(select count(*) from d)` : sql`0`;
  const points = climbs.length ? sql.join(climbs.map((_, i) => sql`(select total from ${sql.raw(`v${i}`)})`)) : sql`null`;
  const notify = notes.map((n) => sql`pg_notify(${n.channel}, ${n.payload})`);
  const { rows } = await sql<{ stored: number; points: (number | string)[] | null }>`${parts.length ? sql`with ${sql.join(parts)}` : sql``}
    select ${stored}::int as stored, json_build_array(${points}) as points${notify.length ? sql`, ${sql.join(notify)}` : sql``}`.execute(trx);
  const row = rows[0];
  const climb = new Map(climbs.map((c, i): [string, ClimbPointDelta] => [c.eventId, [c.idx, Number(row?.points?.[i] ?? 0)]]));
  return { stored: Number(row?.stored ?? 0), climb };
}
