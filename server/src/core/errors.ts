import type { ApiError, ErrorCode } from '@dealboard/shared';

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  role_forbidden: 403,
  not_found: 404,
  conflict: 409,
  event_not_live: 409,
  payload_too_large: 413,
  rate_limited: 429,
  total_too_large: 422,
  store_unavailable: 503,
  code_invalid: 404,
  code_used: 409,
  code_expired: 410,
  code_self: 403,
  booth_has_deals: 409,
  internal: 500,
};

/** An expected refusal: carries the HTTP status and a message in English and Indonesian. */
export class DomainError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly pesan: string,
    readonly field?: string,
    /** How long until the same call is accepted (rate limits): the client waits this, not a figure read from the text. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.status = STATUS[code];
  }

  toJSON(): ApiError {
    return {
      code: this.code,
      message: this.message,
      pesan: this.pesan,
      ...(this.field ? { field: this.field } : {}),
      ...(this.retryAfterMs !== undefined ? { retryAfterMs: this.retryAfterMs } : {}),
    };
  }
}

export const notFound = (what: string, apa: string) => new DomainError('not_found', `${what} not found`, `${apa} tidak ditemukan`);

export const rateLimited = (retryMs: number, what: 'deals' | 'signin' | 'admin' = 'deals') => {
  const ms = Math.max(1, Math.ceil(retryMs));
  const s = Math.ceil(ms / 1000);
  if (what === 'deals') return new DomainError('rate_limited', `Too many deals from this booth; try again in ${s} s`, `Terlalu banyak transaksi dari stan ini; coba lagi dalam ${s} detik`, undefined, ms);
  if (what === 'signin') return new DomainError('rate_limited', `Too many sign-in attempts; try again in ${s} s`, `Terlalu banyak percobaan masuk; coba lagi dalam ${s} detik`, undefined, ms);
  return new DomainError('rate_limited', `Too many failed admin sign-ins from this address; try again in ${s} s`, `Terlalu banyak percobaan admin yang gagal dari alamat ini; coba lagi dalam ${s} detik`, undefined, ms);
};

/** The store cannot write now; nothing was recorded and the tablet keeps the deal for a resend. */
export const storeUnavailable = () =>
  new DomainError(
    'store_unavailable',
    'The ledger cannot save right now (disk full or read-only); the deal was not recorded, try again shortly',
    'Buku besar belum dapat menyimpan (disk penuh atau hanya-baca); transaksi belum tercatat, coba lagi sebentar lagi',
  );
