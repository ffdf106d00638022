import { z } from 'zod';
import { isoDateTimeSchema, positiveRupiahSchema, uuidSchema } from './common.js';
import { nameSchema, optionalOf, optionalTextSchema } from './text.js';

export const DEAL_KINDS = ['trade', 'investment'] as const;
export const dealKindSchema = z.enum(DEAL_KINDS);
export type DealKind = z.infer<typeof dealKindSchema>;

/** `pending`: waiting for an organiser's approval (large deals, when the event asks); not counted yet. */
export const DEAL_STATUSES = ['recorded', 'pending', 'voided'] as const;
export type DealStatus = (typeof DEAL_STATUSES)[number];

/**
 * What a booth sends for one deal (HTTP body or `deal:submit`). Texts are normalised and a blank
 * optional (`""`, spaces, `null`) is the same as none, so the content fingerprint of a resend matches.
 */
export const dealInputSchema = z
  .object({
    id: uuidSchema,
    amount: positiveRupiahSchema,
    category: z.string().min(1).max(64),
    seller: nameSchema(120),
    buyer: nameSchema(120),
    kind: optionalOf(dealKindSchema, 'must be trade or investment').transform((k) => k ?? 'trade'),
    buyerDelegation: optionalTextSchema(64),
    quantity: optionalOf(z.number().positive().max(1e12), 'must be a positive number up to 10^12'),
    unit: optionalTextSchema(24),
    note: optionalTextSchema(500),
    createdAt: optionalOf(isoDateTimeSchema, 'must be an ISO date-time like 2026-04-13T09:00:00+07:00'),
  })
  .strict();
export type DealInput = z.input<typeof dealInputSchema>;
export type DealInputParsed = z.output<typeof dealInputSchema>;

/** Most deals one list answers (`GET …/deals`); older ones are paged with `beforeSeq`. */
export const MAX_DEALS_PAGE = 1_000;

/** A stored deal as the ledger keeps it. */
export const dealSchema = z.object({
  id: z.string(),
  eventId: z.string(),
  boothId: z.string(),
  amount: z.number().int(),
  categoryId: z.string(),
  kind: dealKindSchema,
  seller: z.string(),
  buyer: z.string(),
  sellerDelegationId: z.string(),
  buyerDelegationId: z.string().nullable(),
  quantity: z.number().nullable(),
  unit: z.string().nullable(),
  note: z.string().nullable(),
  createdAt: z.string(),
  recordedAt: z.string(),
  seq: z.number().int(),
  status: z.enum(DEAL_STATUSES),
  voidReason: z.string().nullable(),
  voidedAt: z.string().nullable(),
  voidedBy: z.string().nullable(),
  /** Recorded while the event was in rehearsal: a practice deal, wiped before the event goes live. */
  rehearsal: z.literal(true).optional(),
  /** The buyer's answer on the confirm page (absent: none yet). */
  buyerState: z.enum(['confirmed', 'disputed']).nullable().optional(),
  buyerReason: z.string().nullable().optional(),
});
export type Deal = z.infer<typeof dealSchema>;

/** What a booth gets back: the stored deal and whether it was already there. */
export type DealReceipt = { deal: Deal; duplicate: boolean; seq: number };

/** Body of `POST /api/v1/events/:eventId/deals/:dealId/void`. */
export const voidInputSchema = z.object({ reason: nameSchema(300) }).strict();
export type VoidInput = z.infer<typeof voidInputSchema>;
