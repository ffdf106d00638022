import type { Db } from '../../store/db.js';
import type { TotalsBucketsTable } from '../../store/schema.js';
import { chunked } from '../../store/chunks.js';

type SellerDelta = { event_id: string; seller_key: string; recorded: number };

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

/**
 * Running-total deltas, summed per bucket (category × kind × booth × seller delegation ×
 * buyer delegation) and per seller before they touch the store: a group commit adds every
 * recorded deal of its batch, a correction adds or removes one deal; either way one
 * multi-row upsert per table, inside the caller's transaction.
 */
export class BucketSums {
  private readonly buckets = new Map<string, TotalsBucketsTable>();
  private readonly sellers = new Map<string, SellerDelta>();

  /** Count a deal in (+1) or out (-1). */
  add(row: CountedRow, sign: 1 | -1): void {
    const to = row.buyer_delegation_id ?? '';
    const bk = JSON.stringify([row.event_id, row.category_id, row.kind, row.booth_id, row.seller_delegation_id, to]);
    const b = this.buckets.get(bk);
    if (b) {
      b.total += sign * row.amount;
      b.count += sign;
    } else {
      this.buckets.set(bk, { event_id: row.event_id, category_id: row.category_id, kind: row.kind, booth_id: row.booth_id, from_delegation: row.seller_delegation_id, to_delegation: to, total: sign * row.amount, count: sign });
    }
    const sk = JSON.stringify([row.event_id, row.seller_key]);
    const s = this.sellers.get(sk);
    if (s) s.recorded += sign;
    else this.sellers.set(sk, { event_id: row.event_id, seller_key: row.seller_key, recorded: sign });
  }

  write(trx: Db): Promise<void> {
    const { buckets, sellers } = this.rows();
    return addSums(trx, buckets, sellers);
  }

  /** The summed deltas, a row per bucket and per seller. */
  rows(): { buckets: TotalsBucketsTable[]; sellers: SellerDelta[] } {
    return { buckets: [...this.buckets.values()], sellers: [...this.sellers.values()] };
  }
}

/** Add (+1) or remove (-1) one deal from the running totals, inside the caller's transaction. */
export async function bump(trx: Db, row: CountedRow, sign: 1 | -1): Promise<void> {
  const sums = new BucketSums();
  sums.add(row, sign);
  await sums.write(trx);
}

async function addSums(trx: Db, buckets: TotalsBucketsTable[], sellers: SellerDelta[]): Promise<void> {
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
