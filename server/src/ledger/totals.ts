import { eventSettingsSchema, type Totals } from '@dealboard/shared';
import type { Db } from '../store/db.js';

type Sum = { total: number; count: number };

/**
 * Totals of one event from its running buckets. Called inside the same
 * transaction as the change it reports, so `seq` and the figures agree.
 */
export async function readTotals(trx: Db, eventId: string): Promise<Totals | undefined> {
  const event = await trx.selectFrom('events').select(['seq', 'target', 'voided', 'settings']).where('id', '=', eventId).executeTakeFirst();
  if (!event) return undefined;
  const buckets = await trx.selectFrom('totals_buckets').selectAll().where('event_id', '=', eventId).execute();
  const sellers = await trx
    .selectFrom('sellers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('event_id', '=', eventId)
    .where('recorded', '>', 0)
    .executeTakeFirstOrThrow();

  const pending = await trx
    .selectFrom('deals')
    .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.coalesce(eb.fn.sum<number>('amount'), eb.lit(0)).as('total')])
    .where('event_id', '=', eventId)
    .where('status', '=', 'pending')
    .executeTakeFirstOrThrow();
  const counted = new Set(eventSettingsSchema.parse(JSON.parse(event.settings || '{}')).countedKinds);

  const byKind = { trade: { total: 0, count: 0 }, investment: { total: 0, count: 0 } };
  const byCategory = new Map<string, Sum>();
  const byBooth = new Map<string, Sum>();
  const byFlow = new Map<string, Sum & { from: string; to: string | null }>();
  let total = 0;
  let count = 0;
  for (const b of buckets) {
    if (b.count === 0 && b.total === 0) continue;
    if (counted.has(b.kind === 'investment' ? 'investment' : 'trade')) {
      total += b.total;
      count += b.count;
    }
    const kind = b.kind === 'investment' ? byKind.investment : byKind.trade;
    kind.total += b.total;
    kind.count += b.count;
    add(byCategory, b.category_id, b);
    add(byBooth, b.booth_id, b);
    const flowKey = `${b.from_delegation}\u0000${b.to_delegation}`;
    const flow = byFlow.get(flowKey) ?? { from: b.from_delegation, to: b.to_delegation || null, total: 0, count: 0 };
    flow.total += b.total;
    flow.count += b.count;
    byFlow.set(flowKey, flow);
  }
  const desc = (a: Sum, b: Sum) => b.total - a.total;
  return {
    eventId,
    seq: event.seq,
    total,
    count,
    target: event.target,
    sellers: Number(sellers.n),
    voided: event.voided,
    pending: { total: Number(pending.total), count: Number(pending.count) },
    countedKinds: [...counted],
    byKind,
    byCategory: [...byCategory].map(([categoryId, s]) => ({ categoryId, ...s })).sort(desc),
    byBooth: [...byBooth].map(([boothId, s]) => ({ boothId, ...s })).sort(desc),
    byFlow: [...byFlow.values()].sort(desc),
    updatedAt: new Date().toISOString(),
  };
}

function add(map: Map<string, Sum>, key: string, b: Sum) {
  const s = map.get(key) ?? { total: 0, count: 0 };
  s.total += b.total;
  s.count += b.count;
  map.set(key, s);
}
