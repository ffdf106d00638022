import { DomainError } from './errors.js';

/** What a store hands back for a sum of money: SQLite a number (or a bigint), PostgreSQL a string for bigint and numeric sums. */
export type StoredSum = number | bigint | string | null | undefined;

/** The largest figure every total keeps exact (2^53 − 1); past it a JavaScript number rounds. */
export const EXACT_BOUND = Number.MAX_SAFE_INTEGER;

/** Whether adding `amount` to a sum `sum` keeps it exact. */
export const staysExact = (sum: number, amount: number) => sum + amount <= EXACT_BOUND;

/**
 * The one way a sum of money read from the store becomes a number: exact, or refused. A string
 * (PostgreSQL) is checked as the integer it says before it is turned into a number, so a sum
 * past the bound is never rounded silently into a figure someone reads out on stage. Writes
 * keep every sum within the bound (deals by the live sum, MoUs by their register's sum); this
 * is the guard behind them.
 */
export function readSum(v: StoredSum): number {
  if (v === null || v === undefined) return 0;
  const exact = typeof v === 'string' ? (/^-?\d+$/.test(v.trim()) ? BigInt(v.trim()) : NaN) : v;
  if (typeof exact === 'bigint') {
    if (exact > BigInt(EXACT_BOUND) || exact < -BigInt(EXACT_BOUND)) throw sumTooLarge();
    return Number(exact);
  }
  if (!Number.isSafeInteger(exact)) throw sumTooLarge();
  return exact;
}

/** Figures added exactly (through BigInt), or refused when the sum passes the bound. */
export function addSums(values: Iterable<StoredSum>): number {
  let sum = 0n;
  for (const v of values) sum += BigInt(readSum(v));
  return readSum(sum);
}

const BOUND_TEXT = 'Rp9.007.199.254.740.991';

/** A sum already stored past the bound (only data written before the bound was kept can be). */
const sumTooLarge = () =>
  new DomainError(
    'total_too_large',
    `A total of this event is past ${BOUND_TEXT}, the largest figure the ledger keeps exact; void the entry that took it there`,
    `Salah satu total acara ini melewati ${BOUND_TEXT}, angka terbesar yang dapat dihitung tepat; batalkan entri yang membuatnya melewati batas`,
  );

/** Refusal of a change that would take a total past the bound: a deal's amount, or an MoU's value. */
export const totalTooLarge = (what: 'deal' | 'mou' = 'deal') =>
  what === 'deal'
    ? new DomainError(
        'total_too_large',
        `This deal would take the event total past ${BOUND_TEXT}, the largest figure the ledger keeps exact; check the amount`,
        `Transaksi ini akan membuat total acara melewati ${BOUND_TEXT}, angka terbesar yang dapat dihitung tepat; periksa nilainya`,
        'amount',
      )
    : new DomainError(
        'total_too_large',
        `This MoU's value would take the event's MoU total past ${BOUND_TEXT}, the largest figure the ledger keeps exact; check the value`,
        `Nilai MoU ini akan membuat total MoU acara melewati ${BOUND_TEXT}, angka terbesar yang dapat dihitung tepat; periksa nilainya`,
        'value',
      );
