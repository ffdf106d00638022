import type { BuyerFlag, BuyerRecord } from '@dealboard/shared';
import type { Db } from '../store/db.js';

/** A deal's confirmation as the recap lists it: what the buyer gave, with the deal it is about. */
export type BuyerRecordRow = BuyerRecord & { seq: number; boothId: string; seller: string; amount: number };

/**
 * Every deal of the event someone answered on the confirm page (or whose answer was set aside as
 * the booth's own), oldest first: what the organiser needs to call a buyer back. Along the answered
 * deals' index, so the read grows with the answers, not the deals.
 */
export async function readBuyerRecords(db: Db, eventId: string): Promise<BuyerRecordRow[]> {
  const rows = await db
    .selectFrom('deals')
    .select(['id', 'seq', 'booth_id', 'seller', 'amount', 'buyer_state', 'buyer_name', 'buyer_phone', 'buyer_at', 'buyer_flag', 'buyer_flag_at'])
    .where('event_id', '=', eventId)
    .where((eb) => eb.or([eb('buyer_state', 'is not', null), eb('buyer_flag', 'is not', null)]))
    .orderBy('seq')
    .execute();
  return rows.map((r) => ({
    dealId: r.id,
    seq: r.seq,
    boothId: r.booth_id,
    seller: r.seller,
    amount: Number(r.amount),
    state: r.buyer_state === 'confirmed' || r.buyer_state === 'disputed' ? r.buyer_state : null,
    name: r.buyer_name ?? null,
    phone: r.buyer_phone ?? null,
    at: r.buyer_at ?? null,
    flag: r.buyer_flag === 'booth_device' ? (r.buyer_flag as BuyerFlag) : null,
    flagAt: r.buyer_flag_at ?? null,
  }));
}
