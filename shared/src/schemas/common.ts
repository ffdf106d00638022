import { z } from 'zod';

/** Largest amount one deal may carry: Rp1.000 triliun (10^15). Totals stay exact below 2^53. */
export const MAX_DEAL_AMOUNT = 1_000_000_000_000_000;

/** Whole Rupiah as a JSON integer; never a float, never negative. */
export const rupiahSchema = z
  .number({ error: 'amount must be a number of whole rupiah' })
  .int({ error: 'amount must be whole rupiah (no fractions)' })
  .min(0, { error: 'amount must not be negative' })
  .max(MAX_DEAL_AMOUNT, { error: 'amount is larger than Rp1.000 triliun' });

/** A positive Rupiah amount (targets, deals). */
export const positiveRupiahSchema = rupiahSchema.refine((n) => n > 0, { error: 'amount must be more than zero' });

/** An ISO-8601 instant with an offset or Z, e.g. 2026-04-13T09:00:00+07:00. */
export const isoDateTimeSchema = z.iso.datetime({ offset: true, error: 'must be an ISO date-time like 2026-04-13T09:00:00+07:00' });

/** IANA time zone name accepted by this runtime's Intl. */
export const timeZoneSchema = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return tz.length > 0 && tz.length < 64;
    } catch {
      return false;
    }
  },
  { error: 'must be an IANA time zone such as Asia/Jakarta or Asia/Makassar' },
);

/** Client-made deal id: a UUID (any version), lower-cased on the way in. */
export const uuidSchema = z
  .string()
  .regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, { error: 'must be a UUID' })
  .transform((s) => s.toLowerCase());

/** An id chosen by a person (an event's slug): lower-case letters, digits and dashes. */
export const slugIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, { error: 'must be an id of lower-case letters, digits and dashes' });
