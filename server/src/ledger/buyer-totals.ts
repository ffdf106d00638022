import { MOU_LATEST, type MouTotals, type Totals } from '@dealboard/shared';
import type { Db } from '../store/db.js';

type Sum = { total: number; count: number };

/**
 * The figures read beside the running buckets, in the same transaction: deals their buyer
 * confirmed (recorded ones) or flagged (not voided), along the `(event_id, buyer_state)`
 * index — only answered deals are read — and the event's MoUs (a short register).
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
  const confirmed: Sum = { total: 0, count: 0 };
  const disputed: Sum = { total: 0, count: 0 };
  for (const r of answered) {
    const into = r.buyer_state === 'confirmed' ? (r.status === 'recorded' ? confirmed : undefined) : disputed;
    if (!into) continue;
    into.total += Number(r.total);
    into.count += Number(r.count);
  }
  return { confirmed, disputed, mou: await readMouTotals(trx, eventId) };
}

/** One read of the signed MoUs (a short register): their count, summed value and the latest few. */
async function readMouTotals(trx: Db, eventId: string): Promise<MouTotals> {
  const signed = await trx
    .selectFrom('mous')
    .select(['id', 'title', 'parties', 'signed_at', 'announced_at', 'value'])
    .where('event_id', '=', eventId)
    .where('status', '=', 'signed')
    .orderBy('signed_at', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
  return {
    count: signed.length,
    value: signed.reduce((sum, m) => sum + Number(m.value ?? 0), 0),
    latest: signed.slice(0, MOU_LATEST).map((m) => ({
      id: m.id,
      title: m.title,
      parties: (JSON.parse(m.parties) as { name: string }[]).map((p) => p.name),
      signedAt: m.signed_at,
      announcedAt: m.announced_at,
    })),
  };
}
