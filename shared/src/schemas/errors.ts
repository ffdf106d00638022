import { z } from 'zod';

/** Every error code the public API and socket acknowledgements may return. */
export const ERROR_CODES = [
  'bad_request',
  'validation_failed',
  'unauthorized',
  'forbidden',
  /** The signed-in organiser's role (or event list) does not allow this call. */
  'role_forbidden',
  'not_found',
  'conflict',
  'event_not_live',
  'payload_too_large',
  'rate_limited',
  /** A deal that would take a total past the largest figure kept exact (Number.MAX_SAFE_INTEGER). */
  'total_too_large',
  /** The ledger cannot write now (disk full, read-only); retry later, nothing was recorded. */
  'store_unavailable',
  /** A buyer's confirmation code that was never issued or was replaced. */
  'code_invalid',
  /** A buyer's confirmation code already answered (single use). */
  'code_used',
  /** A buyer's confirmation code of an event that has closed. */
  'code_expired',
  /** A buyer's confirmation sent with a booth's own credentials: the buyer answers on their own phone. */
  'code_self',
  /** A booth that holds deals outside rehearsal: it cannot be removed (revoke it instead). */
  'booth_has_deals',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** The error body: `{"error": {code, message, field?, pesan?}}`; `message` English, `pesan` Indonesian. */
export const apiErrorSchema = z.object({
  code: z.enum(ERROR_CODES),
  message: z.string(),
  pesan: z.string().optional(),
  field: z.string().optional(),
  /** On `rate_limited`: milliseconds until the same call will be accepted (HTTP also sends `Retry-After` in seconds). */
  retryAfterMs: z.number().int().nonnegative().optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

/** Socket acknowledgement shape shared by every namespace. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: ApiError };
export type AckCallback<T> = (res: Ack<T>) => void;
