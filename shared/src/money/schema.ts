import { z } from 'zod';
import { parseRupiah } from './parse.js';

/**
 * A zod schema for amounts typed as text (forms, CSV imports): parses with
 * {@link parseRupiah} and outputs whole Rupiah as a number. On refusal the issue's
 * `message` is the English text and `params` carries `{ code, pesan }`.
 *
 * Zero is accepted, as by `rupiahSchema`; chain `.pipe(positiveRupiahSchema)` when an
 * amount must be above zero.
 */
export const rupiahTextSchema = z.string().transform((text, ctx) => {
  const parsed = parseRupiah(text);
  if (parsed.ok) return parsed.value;
  ctx.addIssue({
    code: 'custom',
    message: parsed.error.message,
    params: { code: parsed.error.code, pesan: parsed.error.pesan },
  });
  return z.NEVER;
});
