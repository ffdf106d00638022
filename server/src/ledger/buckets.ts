import type { Db } from '../store/db.js';
import type { TotalsBucketsTable } from '../store/schema.js';
import { chunked } from './chunks.js';

type CountedRow = {
  event_id: string;
  category_id: string;
  kind: string;
  booth_id: string;
  seller_delegation_id: string;
  buyer_delegation_id: string | null;
  amount: number;
  seller_key: string;
};

/** Add (+1) or remove (-1) a deal from the running totals, inside the caller's transaction. */
export async function bump(trx: Db, row: CountedRow, sign: 1 | -1): Promise<void> {
  await trx
    .insertInto('totals_buckets')
    .values({
      event_id: row.event_id,
      category_id: row.category_id,
      kind: row.kind,
      booth_id: row.booth_id,
      from_delegation: row.seller_delegation_id,
      to_delegation: row.buyer_delegation_id ?? '',
      total: sign * row.amount,
      count: sign,
    })
    .onConflict((oc) =>
      oc
        .columns(['event_id', 'category_id', 'kind', 'booth_id', 'from_delegation', 'to_delegation'])
        .doUpdateSet((eb) => ({
          total: eb('totals_buckets.total', '+', sign * row.amount),
          count: eb('totals_buckets.count', '+', sign),
        })),
    )
    .execute();
  await trx
    .insertInto('sellers')
    .values({ event_id: row.event_id, seller_key: row.seller_key, recorded: Math.max(sign, 0) })
    .onConflict((oc) => oc.columns(['event_id', 'seller_key']).doUpdateSet((eb) => ({ recorded: eb('sellers.recorded', '+', sign) })))
    .execute();
}

/** A batch's running-total deltas, summed per bucket and per seller first: one multi-row upsert each (the same sums as `bump`). */
export async function addSums(trx: Db, buckets: TotalsBucketsTable[], sellers: { event_id: string; seller_key: string; recorded: number }[]): Promise<void> {
  for (const rows of chunked(buckets)) {
    await trx
      .insertInto('totals_buckets')
      .values(rows)
      .onConflict((oc) =>
        oc.columns(['event_id', 'category_id', 'kind', 'booth_id', 'from_delegation', 'to_delegation']).doUpdateSet((eb) => ({
          total: eb('totals_buckets.total', '+', eb.ref('excluded.total')),
          count: eb('totals_buckets.count', '+', eb.ref('excluded.count')),
        })),
      )
      .execute();
  }
  for (const rows of chunked(sellers)) {
    await trx
      .insertInto('sellers')
      .values(rows)
      .onConflict((oc) => oc.columns(['event_id', 'seller_key']).doUpdateSet((eb) => ({ recorded: eb('sellers.recorded', '+', eb.ref('excluded.recorded')) })))
      .execute();
  }
}

/** The running-total deltas of one batch, summed per bucket and per seller before they touch the store. */
export class BatchSums {
  private readonly byBucket = new Map<string, TotalsBucketsTable>();
  private readonly bySeller = new Map<string, { event_id: string; seller_key: string; recorded: number }>();

  /** Count a recorded deal. */
  add(row: CountedRow): void {
    const to = row.buyer_delegation_id ?? '';
    const bk = JSON.stringify([row.event_id, row.category_id, row.kind, row.booth_id, row.seller_delegation_id, to]);
    const b = this.byBucket.get(bk);
    if (b) {
      b.total += row.amount;
      b.count += 1;
    } else {
      const { event_id, category_id, kind, booth_id, seller_delegation_id: from_delegation, amount: total } = row;
      this.byBucket.set(bk, { event_id, category_id, kind, booth_id, from_delegation, to_delegation: to, total, count: 1 });
    }
    const sk = JSON.stringify([row.event_id, row.seller_key]);
    const s = this.bySeller.get(sk);
    if (s) s.recorded += 1;
    else this.bySeller.set(sk, { event_id: row.event_id, seller_key: row.seller_key, recorded: 1 });
  }

  /** Write the sums in the caller's transaction. */
  write(trx: Db): Promise<void> {
    return addSums(trx, [...this.byBucket.values()], [...this.bySeller.values()]);
  }
}
