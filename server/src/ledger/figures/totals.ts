import { eventSettingsSchema, type Totals } from '@dealboard/shared';
import { sql, type ExpressionBuilder, type RawBuilder } from 'kysely';
import { addSums, readSum, type StoredSum } from '../../core/money-sum.js';
import { isPostgres, type Db } from '../../store/db.js';
import type { Database } from '../../store/schema.js';
import { BESIDE_PG, besideTotals, readBesideTotals, type BesideRows } from './buyer-totals.js';

type Sum = { total: number; count: number };
type Group = { g: 'c' | 'b' | 'f'; kind: string | null; a: string; b: string | null; total: StoredSum; count: number };

/** Parsed settings by their stored JSON: the same few strings are read on every commit. */
const countedKindsCache = new Map<string, ('trade' | 'investment')[]>();
function countedKinds(settings: string): ('trade' | 'investment')[] {
  let kinds = countedKindsCache.get(settings);
  if (!kinds) {
    kinds = eventSettingsSchema.parse(JSON.parse(settings || '{}')).countedKinds;
    if (countedKindsCache.size >= 64) countedKindsCache.clear();
    countedKindsCache.set(settings, kinds);
  }
  return kinds;
}

/** The amounts of the event's pending deals added up (0 when there are none), read beside its row. */
const pendingSum = (eb: ExpressionBuilder<Database, 'events'>, eventId: string) =>
  eb
    .selectFrom('deals')
    .select((q) => q.fn.coalesce(q.fn.sum<number>('deals.amount'), q.lit(0)).as('t'))
    .where('deals.event_id', '=', eventId)
    .where('status', '=', 'pending');

type EventFigures = { seq: number; target: number; voided: number; settings: string; sellers: number | string; pendingCount: number | string; pendingTotal: StoredSum };

/** The buckets summed by (kind, category), by booth and by flow: a few dozen rows instead of every bucket. */
const GROUPS = (eventId: RawBuilder<unknown>) => sql<Group>`
    select 'c' as g, kind, category_id as a, null as b, sum(total) as total, sum(count) as count
      from totals_buckets where event_id = ${eventId} group by kind, category_id
      having sum(count) <> 0 or sum(total) <> 0
    union all
    select 'b', null, booth_id, null, sum(total), sum(count)
      from totals_buckets where event_id = ${eventId} group by booth_id
      having sum(count) <> 0 or sum(total) <> 0
    union all
    select 'f', null, from_delegation, to_delegation, sum(total), sum(count)
      from totals_buckets where event_id = ${eventId} group by from_delegation, to_delegation
      having sum(count) <> 0 or sum(total) <> 0`;

/**
 * Totals of one event from its running buckets. Called inside the same transaction as the
 * change it reports (on PostgreSQL just after it, see `ReadBack`), so `seq` and the figures agree.
 * A bucket whose count and total are both 0 (all its deals voided) adds nothing, and a group
 * of only such buckets is left out.
 *
 * On SQLite, in the process: the event row with its seller and pending counts, the buckets
 * grouped, the answered deals and the MoUs, one query each. On PostgreSQL, where a query is a
 * round trip and every node reads the totals after each change it hears of: one statement.
 */
export async function readTotals(trx: Db, eventId: string): Promise<Totals | undefined> {
  return isPostgres(trx) ? readTotalsInOne(trx, eventId) : readTotalsInParts(trx, eventId);
}

async function readTotalsInParts(trx: Db, eventId: string): Promise<Totals | undefined> {
  const event = await trx
    .selectFrom('events')
    .select((eb) => [
      'seq',
      'target',
      'voided',
      'settings',
      eb.selectFrom('sellers').select((q) => q.fn.countAll<number>().as('n')).where('sellers.event_id', '=', eventId).where('recorded', '>', 0).as('sellers'),
      eb.selectFrom('deals').select((q) => q.fn.countAll<number>().as('n')).where('deals.event_id', '=', eventId).where('status', '=', 'pending').as('pendingCount'),
      pendingSum(eb, eventId).as('pendingTotal'),
    ])
    .where('id', '=', eventId)
    .executeTakeFirst();
  if (!event) return undefined;
  const { rows } = await GROUPS(sql`${eventId}`).execute(trx);
  return assemble(eventId, event as EventFigures, rows, await readBesideTotals(trx, eventId));
}

async function readTotalsInOne(trx: Db, eventId: string): Promise<Totals | undefined> {
  return (await readTotalsWith(trx, eventId, sql``))?.totals;
}

/**
 * PostgreSQL: the totals in one statement, and `extra` columns (starting with a comma) read
 * in the same statement, so from the same snapshot as the totals.
 */
export async function readTotalsWith<T extends object>(trx: Db, eventId: string, extra: RawBuilder<unknown>): Promise<{ totals: Totals; row: T } | undefined> {
  const { rows } = await sql<EventFigures & { groups: Group[] } & BesideRows & T>`
    select e.seq, e.target, e.voided, e.settings,
      (select count(*) from sellers s where s.event_id = e.id and s.recorded > 0) as "sellers",
      (select count(*) from deals p where p.event_id = e.id and p.status = 'pending') as "pendingCount",
      (select coalesce(sum(p.amount), 0) from deals p where p.event_id = e.id and p.status = 'pending') as "pendingTotal",
      (select coalesce(json_agg(grp), '[]') from (${GROUPS(sql`e.id`)}) grp) as groups,
      ${sql.raw(BESIDE_PG)}${extra}
    from events e where e.id = ${eventId}`.execute(trx);
  const row = rows[0];
  if (!row) return undefined;
  return { totals: assemble(eventId, row, row.groups, besideTotals(row)), row };
}

function assemble(eventId: string, event: EventFigures, rows: Group[], beside: Pick<Totals, 'confirmed' | 'disputed' | 'mou'>): Totals {
  const counted = new Set(countedKinds(event.settings));
  const byKind = { trade: { total: 0, count: 0 }, investment: { total: 0, count: 0 } };
  const byCategory = new Map<string, Sum>();
  const byBooth: { boothId: string; total: number; count: number }[] = [];
  const byFlow: (Sum & { from: string; to: string | null })[] = [];
  let total = 0;
  let count = 0;
  for (const r of rows) {
    const sum = { total: readSum(r.total), count: Number(r.count) };
    if (r.g === 'c') {
      const kind = r.kind === 'investment' ? 'investment' : 'trade';
      if (counted.has(kind)) {
        total += sum.total;
        count += sum.count;
      }
      byKind[kind].total += sum.total;
      byKind[kind].count += sum.count;
      const c = byCategory.get(r.a) ?? { total: 0, count: 0 };
      c.total += sum.total;
      c.count += sum.count;
      byCategory.set(r.a, c);
    } else if (r.g === 'b') {
      byBooth.push({ boothId: r.a, ...sum });
    } else {
      byFlow.push({ from: r.a, to: r.b || null, ...sum });
    }
  }
  const desc = (a: Sum, b: Sum) => b.total - a.total;
  return {
    eventId,
    seq: Number(event.seq),
    total,
    count,
    target: Number(event.target),
    sellers: Number(event.sellers),
    voided: Number(event.voided),
    pending: { total: readSum(event.pendingTotal), count: Number(event.pendingCount) },
    countedKinds: [...counted],
    byKind,
    ...beside,
    byCategory: [...byCategory].map(([categoryId, s]) => ({ categoryId, ...s })).sort(desc),
    byBooth: byBooth.sort(desc),
    byFlow: byFlow.sort(desc),
    updatedAt: new Date().toISOString(),
  };
}

/**
 * What every total of the event is bounded by: the amounts of its recorded and pending deals
 * (voided ones count nowhere). The event total, each kind, category, booth, flow and bucket, and
 * the pending sum are parts of it, so keeping it within Number.MAX_SAFE_INTEGER keeps them all
 * exact (and far from SQLite's 64-bit overflow).
 */
export async function liveSum(trx: Db, eventId: string): Promise<number> {
  const row = await trx
    .selectFrom('events')
    .select((eb) => [
      eb.selectFrom('totals_buckets').select((q) => q.fn.coalesce(q.fn.sum<number>('total'), q.lit(0)).as('t')).where('totals_buckets.event_id', '=', eventId).as('recorded'),
      pendingSum(eb, eventId).as('pending'),
    ])
    .where('id', '=', eventId)
    .executeTakeFirst();
  return addSums([row?.recorded, row?.pending]);
}
