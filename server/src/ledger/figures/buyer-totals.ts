import { MOU_LATEST, type MouTotals, type Totals } from '@dealboard/shared';
import { addSums } from '../../core/money-sum.js';
import type { Db } from '../../store/db.js';

type Sum = { total: number; count: number };

/** The answered deals summed by answer and status, and the event's signed MoUs, newest first. */
export type BesideRows = {
  answered: { buyer_state?: string | null; status: string; total: number | string; count: number | string }[];
  signed: { id: string; title: string; parties: string; signed_at: string; announced_at: string | null; value: number | string | null }[];
};

/**
 * The figures read beside the running buckets, in the same transaction: deals their buyer
 * confirmed (recorded ones) or flagged (not voided), along the answered deals' own index
 * (`deals_event_answered`, migration 0011) — only answered deals are read, however many
 * deals the event has — and the event's MoUs (a short register).
 */
export async function readBesideTotals(trx: Db, eventId: string): Promise<Pick<Totals, 'confirmed' | 'disputed' | 'mou'>> {
  const answered = await trx
    .selectFrom('deals')
    .select((eb) => ['buyer_state', 'status', eb.fn.sum<number>('amount').as('total'), eb.fn.countAll<number>().as('count')])
    .where('event_id', '=', eventId)
    .where('buyer_state', 'is not', null)
    .where('status', '<>', 'voided')
    .groupBy(['buyer_state', 'status'])
    .execute();
  const signed = await trx
    .selectFrom('mous')
    .select(['id', 'title', 'parties', 'signed_at', 'announced_at', 'value'])
    .where('event_id', '=', eventId)
    .where('status', '=', 'signed')
    .orderBy('signed_at', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
  return besideTotals({ answered, signed });
}

/** The statement's parts that read `BesideRows` on PostgreSQL, as two JSON columns `answered` and `signed` (see `readTotals`). */
export const BESIDE_PG = `
  (select coalesce(json_agg(a), '[]') from (
    select buyer_state, status, sum(amount) as total, count(*) as count from deals
    where event_id = e.id and buyer_state is not null and status <> 'voided' group by buyer_state, status) a) as answered,
  (select coalesce(json_agg(m order by m.signed_at desc, m.created_at desc), '[]') from (
    select id, title, parties, signed_at, announced_at, value, created_at from mous
    where event_id = e.id and status = 'signed') m) as signed`;

/** Confirmed (recorded) and flagged (not voided) deals, and the signed MoUs' count, value and latest few. */
export function besideTotals({ answered, signed }: BesideRows): Pick<Totals, 'confirmed' | 'disputed' | 'mou'> {
  const confirmed: Sum = { total: 0, count: 0 };
  const disputed: Sum = { total: 0, count: 0 };
  for (const r of answered) {
    const into = r.buyer_state === 'confirmed' ? (r.status === 'recorded' ? confirmed : undefined) : disputed;
    if (!into) continue;
    into.total = addSums([into.total, r.total]);
    into.count += Number(r.count);
  }
  const mou: MouTotals = {
    count: signed.length,
    value: addSums(signed.map((m) => m.value)),
    latest: signed.slice(0, MOU_LATEST).map((m) => ({
      id: m.id,
      title: m.title,
      parties: (JSON.parse(m.parties) as { name: string }[]).map((p) => p.name),
      signedAt: m.signed_at,
      announcedAt: m.announced_at,
    })),
  };
  return { confirmed, disputed, mou };
}
