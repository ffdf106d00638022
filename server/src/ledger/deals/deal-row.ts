import { createHash } from 'node:crypto';
import { normalizeText, type BoardDeal, type Deal, type DealInputParsed, type SellerPrivacy } from '@dealboard/shared';
import type { DealsTable } from '../../store/schema.js';

/** The columns a Deal is made of (the fingerprint, seller key and pre-void status stay in the store). */
export const DEAL_COLUMNS = [
  'id', 'event_id', 'booth_id', 'amount', 'category_id', 'kind', 'seller', 'buyer', 'seller_delegation_id', 'buyer_delegation_id',
  'quantity', 'unit', 'note', 'created_at', 'recorded_at', 'seq', 'status', 'void_reason', 'voided_at', 'voided_by', 'rehearsal', 'buyer_state', 'buyer_reason',
] as const satisfies readonly (keyof DealsTable)[];

/** Stored row → the contract's Deal. */
export function toDeal(row: Pick<DealsTable, (typeof DEAL_COLUMNS)[number]>): Deal {
  return {
    id: row.id,
    eventId: row.event_id,
    boothId: row.booth_id,
    amount: row.amount,
    categoryId: row.category_id,
    kind: row.kind === 'investment' ? 'investment' : 'trade',
    seller: row.seller,
    buyer: row.buyer,
    sellerDelegationId: row.seller_delegation_id,
    buyerDelegationId: row.buyer_delegation_id,
    quantity: row.quantity,
    unit: row.unit,
    note: row.note,
    createdAt: row.created_at,
    recordedAt: row.recorded_at,
    seq: row.seq,
    status: row.status === 'voided' ? 'voided' : row.status === 'pending' ? 'pending' : 'recorded',
    voidReason: row.void_reason,
    voidedAt: row.voided_at,
    voidedBy: row.voided_by,
    ...(row.rehearsal ? { rehearsal: true as const } : {}),
    buyerState: row.buyer_state === 'confirmed' || row.buyer_state === 'disputed' ? row.buyer_state : null,
    buyerReason: row.buyer_reason ?? null,
  };
}

/**
 * What the public board may show of a deal. The event's seller privacy is
 * applied here, on the server, so a hidden name never reaches a screen.
 */
export function toBoardDeal(d: Deal, privacy: SellerPrivacy = 'full'): BoardDeal {
  return {
    id: d.id,
    amount: d.amount,
    categoryId: d.categoryId,
    kind: d.kind,
    seller: privacy === 'full' ? d.seller : '',
    boothId: d.boothId,
    recordedAt: d.recordedAt,
    status: d.status === 'voided' ? 'voided' : 'recorded',
  };
}

/** Sellers are counted once however they are capitalised, spaced or padded with invisible characters. */
export function sellerKey(seller: string): string {
  return normalizeText(normalizeText(seller).normalize('NFKC').toLowerCase());
}

/**
 * Fingerprint of what a deal says (not when it was sent), so a resend of the
 * same deal matches and a different deal under a reused id does not.
 */
export function contentHash(boothId: string, input: DealInputParsed, buyerDelegationId: string | null): string {
  const canonical = [
    boothId,
    input.amount,
    input.category,
    input.kind,
    input.seller,
    input.buyer,
    buyerDelegationId,
    input.quantity ?? null,
    input.unit ?? null,
    input.note ?? null,
  ];
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex');
}
