import { z } from 'zod';
import { mouTotalsSchema } from './mou.js';

const sumSchema = z.object({ total: z.number().int(), count: z.number().int() });

/** Server-computed totals; `seq` rises by one per accepted change (deal or void). */
export const totalsSchema = z.object({
  eventId: z.string(),
  seq: z.number().int(),
  /** Sum of recorded deals of every kind, whole Rupiah. */
  total: z.number().int(),
  /** Number of recorded deals. */
  count: z.number().int(),
  target: z.number().int(),
  /** Distinct UMKM sellers with at least one recorded deal. */
  sellers: z.number().int(),
  voided: z.number().int(),
  /** Deals waiting for approval: not in `total` until approved. */
  pending: sumSchema,
  /** The kinds that add up to `total` (event setting). */
  countedKinds: z.array(z.enum(['trade', 'investment'])),
  byKind: z.object({ trade: sumSchema, investment: sumSchema }),
  /** Recorded deals their buyer confirmed (part of the recorded deals, whatever their kind). */
  confirmed: sumSchema.optional(),
  /** Deals their buyer flagged as not matching (recorded or pending), for the organiser. */
  disputed: sumSchema.optional(),
  /** MoUs signed at the event: never money in `total`. */
  mou: mouTotalsSchema.optional(),
  byCategory: z.array(sumSchema.extend({ categoryId: z.string() })),
  byBooth: z.array(sumSchema.extend({ boothId: z.string() })),
  byFlow: z.array(sumSchema.extend({ from: z.string(), to: z.string().nullable() })),
  updatedAt: z.string(),
});
export type Totals = z.infer<typeof totalsSchema>;

/** A deal as the public board may show it (no note, no void details). */
export type BoardDeal = {
  id: string;
  amount: number;
  categoryId: string;
  kind: 'trade' | 'investment';
  seller: string;
  boothId: string;
  recordedAt: string;
  status: 'recorded' | 'voided';
};
