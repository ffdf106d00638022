import { z } from 'zod';
import { isoDateTimeSchema, rupiahSchema } from './common.js';
import { nameSchema, optionalOf, optionalTextSchema } from './text.js';

/** One party to an MoU: an agency or organisation, with the delegation it came with. */
export const mouPartySchema = z
  .object({
    name: nameSchema(160),
    delegation: optionalTextSchema(120),
  })
  .strict();
export type MouParty = z.output<typeof mouPartySchema>;

/** What the console sends to record an MoU (`POST …/mous`) or to change one (`PATCH`, every key). */
export const mouInputSchema = z
  .object({
    title: nameSchema(200),
    parties: z.array(mouPartySchema).min(2, { error: 'an MoU needs at least two parties' }).max(12),
    sector: optionalTextSchema(80),
    signedAt: isoDateTimeSchema,
    value: optionalOf(rupiahSchema, 'must be whole rupiah'),
    documentRef: optionalTextSchema(120),
    /** Show the signing on the board now (a moment, then the counter). */
    announce: z.boolean().optional(),
  })
  .strict();
export type MouInput = z.input<typeof mouInputSchema>;
export type MouInputParsed = z.output<typeof mouInputSchema>;

export const MOU_STATUSES = ['signed', 'voided'] as const;

/** An MoU as the ledger keeps it. `value` is never added to the transaction total. */
export type Mou = {
  id: string;
  eventId: string;
  title: string;
  parties: MouParty[];
  sector: string | null;
  signedAt: string;
  value: number | null;
  documentRef: string | null;
  status: (typeof MOU_STATUSES)[number];
  voidReason: string | null;
  announcedAt: string | null;
  createdAt: string;
  updatedAt: string;
};

/** What the board shows of a signing (latest first in `Totals.mou.latest`). */
export const mouBriefSchema = z.object({
  id: z.string(),
  title: z.string(),
  parties: z.array(z.string()),
  signedAt: z.string(),
  /** Set when the console announced it: boards that see it arrive show the moment. */
  announcedAt: z.string().nullable(),
});
export type MouBrief = z.infer<typeof mouBriefSchema>;

/** The MoU figures of an event: signed (not voided) count, the sum of the values given, the latest few. */
export const mouTotalsSchema = z.object({ count: z.number().int(), value: z.number().int(), latest: z.array(mouBriefSchema) });
export type MouTotals = z.infer<typeof mouTotalsSchema>;

/** Most signings the board's list carries. */
export const MOU_LATEST = 5;
