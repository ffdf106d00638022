import { z } from 'zod';
import { DEAL_KINDS, DEAL_STATUSES } from './deal.js';
import { BUYER_FILTERS } from './buyer-confirm.js';

/** An empty query value (`?booth=`) means "not given". */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());
/** A whole number written in a query string: digits only, so `1.5`, `1e3` and `0x10` are refused. */
const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,16}$/, { error: 'must be a whole number' })
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

/** Query of `GET /api/v1/events/:eventId/deals` (the console's deal table). Unknown parameters are refused. */
export const dealListQuerySchema = z
  .object({
    booth: optional(z.string().trim().max(64)),
    category: optional(z.string().trim().max(64)),
    kind: optional(z.enum(DEAL_KINDS)),
    status: optional(z.enum(DEAL_STATUSES)),
    buyer: optional(z.enum(BUYER_FILTERS)),
    q: optional(z.string().trim().max(200)),
    limit: optional(wholeNumber(1, 10_000)),
    beforeSeq: optional(wholeNumber(1, Number.MAX_SAFE_INTEGER)),
  })
  .strict();
export type DealListQuery = z.output<typeof dealListQuerySchema>;
