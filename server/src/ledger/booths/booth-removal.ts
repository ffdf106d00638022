import { eventSettingsSchema } from '@dealboard/shared';
import type { Db } from '../../store/db.js';
import type { EventsTable } from '../../store/schema.js';
import { DomainError } from '../../core/errors.js';
import { addSums } from '../../core/money-sum.js';
import { BucketSums } from '../figures/buckets.js';
import { unwindClimbOf } from './climb-unwind.js';

/** A booth whose deals are not all rehearsal deals stays: the ledger deletes only rehearsal deals. */
export const boothHasDeals = (n: number) =>
  new DomainError(
    'booth_has_deals',
    `This booth has ${n} deal${n === 1 ? '' : 's'} outside rehearsal and cannot be removed; revoke it instead`,
    `Stan ini memiliki ${n} transaksi di luar gladi dan tidak dapat dihapus; cabut saja aksesnya`,
  );

/** What a booth's removal took out of the ledger. */
export type TakenOut = { deals: number; voided: number; total: number };

/**
 * In the caller's transaction (the event row held): delete a booth's deals, all of them
 * rehearsal deals, and every figure they made, so the event's figures are exactly what the
 * other deals make: running sums by category, kind, booth and flow, the seller count and the
 * climb. Refused (`booth_has_deals`) when the booth holds any deal outside rehearsal, voided
 * or not. The caller moves `seq` and the event's voided count.
 */
export async function takeOutBoothDeals(trx: Db, event: EventsTable, boothId: string): Promise<TakenOut> {
  const kept = await trx
    .selectFrom('deals')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('event_id', '=', event.id)
    .where('booth_id', '=', boothId)
    .where('rehearsal', '=', 0)
    .executeTakeFirstOrThrow();
  if (Number(kept.n) > 0) throw boothHasDeals(Number(kept.n));
  const rows = await trx
    .selectFrom('deals')
    .select(['id', 'event_id', 'booth_id', 'amount', 'seq', 'status', 'kind', 'category_id', 'seller_key', 'seller_delegation_id', 'buyer_delegation_id'])
    .where('event_id', '=', event.id)
    .where('booth_id', '=', boothId)
    .execute();
  if (!rows.length) return { deals: 0, voided: 0, total: 0 };
  const { countedKinds } = eventSettingsSchema.parse(JSON.parse(event.settings || '{}'));
  await unwindClimbOf(trx, event, rows, countedKinds);
  // The seller count loses these deals; the booth's own running sums go whole (no other deal is in them).
  const sums = new BucketSums();
  const recorded = rows.filter((r) => r.status === 'recorded');
  for (const r of recorded) sums.add(r, -1);
  await sums.write(trx);
  await trx.deleteFrom('totals_buckets').where('event_id', '=', event.id).where('booth_id', '=', boothId).execute();
  await trx.deleteFrom('deals').where('event_id', '=', event.id).where('booth_id', '=', boothId).execute();
  return { deals: rows.length, voided: rows.filter((r) => r.status === 'voided').length, total: addSums(recorded.map((r) => r.amount)) };
}
