import { MAX_DEAL_AMOUNT } from '../schemas/common.js';
import { groupThousands } from './format.js';
import type { ParseFailure, ParseResult } from './parse-errors.js';
import { refusals } from './parse-errors.js';
import { readNumeral } from './parse-numeral.js';
import { findRupiahUnit } from './units.js';

const MAX = BigInt(MAX_DEAL_AMOUNT);
// ASCII hyphen, Unicode minus and en dash: phones and word processors swap them.
const MINUS = /^[-−–]\s*/;
const CURRENCY_PREFIX = /^(?:rp\.?|idr)(?![a-z])\s*/i;
const CURRENCY_SUFFIX = /^(?:rupiah|rp\.?|idr)$/i;
// `Rp 1.500.000,-` (and the `.-` some receipts use) just means "exactly".
const EXACT_SUFFIX = /[.,]-$/;

/**
 * Reads an amount the way Indonesians type it and returns whole Rupiah.
 *
 * Accepts plain digits (`1300000000`), dot-grouped thousands (`1.300.000.000`), an
 * optional `Rp`/`Rp.`/`IDR` prefix (any case, with or without a space), a decimal comma
 * with a unit (`1,3 miliar`, `1,3 M`, `750 jt`, `750rb`, `750k`, `2 T`, `1.300 juta`),
 * an optional trailing `rupiah`, and a trailing `,-`, `.-` or `,00` (`Rp 1.500.000,-`).
 * `M` is miliar (10^9), not million.
 *
 * Refuses, with an English `message` and Indonesian `pesan`:
 * - `empty`: blank, or only `Rp`;
 * - `negative`: any leading minus sign;
 * - `fractional`: not whole rupiah (`1,5`, `1,2345 rb`);
 * - `ambiguous`: separators an English reader would take differently — a single dot
 *   followed by 1–2 digits (`1.5 juta`, `1.3 M`), comma grouping (`1,300,000`), a comma
 *   followed by exactly three digits with no dots before it (`1,500`, `1,250 juta`), or
 *   misplaced separators (`1.30.000`, `1300.000`);
 * - `invalid`: no digits, unknown words (`12 apel`), spaces inside the number (`1 2 3`),
 *   more than one unit (`1 juta 500 ribu`);
 * - `too_large`: above {@link MAX_DEAL_AMOUNT} (Rp1.000 triliun).
 *
 * The arithmetic is exact (digit strings and BigInt, never floating point), so
 * `0,1 M` is exactly 100000000.
 */
export function parseRupiah(input: string): ParseResult {
  let text = input.trim();
  if (text === '') return refusals.empty();

  // The minus may come before or after the prefix: `-Rp5.000`, `Rp -5.000`.
  let negative = MINUS.test(text);
  text = text.replace(MINUS, '').replace(CURRENCY_PREFIX, '');
  if (!negative && MINUS.test(text)) {
    negative = true;
    text = text.replace(MINUS, '');
  }
  if (text === '') return negative ? refusals.noNumber(input.trim()) : refusals.empty();
  if (negative) return /\d/.test(text) ? refusals.negative() : refusals.noNumber(input.trim());

  text = text.replace(EXACT_SUFFIX, '');
  const [, numeral = '', rest = ''] = /^([\d.,]*)([\s\S]*)$/.exec(text) ?? [];
  if (!/\d/.test(numeral)) return refusals.noNumber(input.trim());

  const unit = readUnit(rest.trim());
  if (!unit.ok) return unit;
  const read = readNumeral(numeral, unit.text && ' ' + unit.text);
  if (!read.ok) return read;
  return toWholeRupiah(read.intDigits, read.fracDigits, unit.exponent);
}

type Unit = { ok: true; exponent: number; text: string };

/** Reads what follows the numeral: nothing, or one unit, optionally then `rupiah`. */
function readUnit(rest: string): Unit | ParseFailure {
  const words = rest === '' ? [] : rest.split(/\s+/);
  if (words.length > 0 && CURRENCY_SUFFIX.test(words[words.length - 1] ?? '')) words.pop();
  const [first, ...others] = words;
  if (first === undefined) return { ok: true, exponent: 0, text: '' };
  if (/^[\d.,]/.test(first)) return refusals.spaceInNumber();

  const unit = findRupiahUnit(first);
  if (!unit) return refusals.unknownUnit(first);
  if (others.length > 0) {
    const [next = ''] = others;
    return findRupiahUnit(next) || /^\d/.test(next) ? refusals.twoUnits() : refusals.unknownUnit(next);
  }
  return { ok: true, exponent: unit.exponent, text: first };
}

/** Exact value of `int,frac × 10^exponent`, refused unless it is whole and in range. */
function toWholeRupiah(intDigits: string, fracDigits: string, exponent: number): ParseResult {
  const int = intDigits.replace(/^0+/, '');
  const frac = fracDigits.replace(/0+$/, '');
  // Decide on length first so a pasted wall of digits never becomes a huge BigInt.
  if (int.length + exponent > 16) return refusals.tooLarge();
  const wholePart = BigInt(int || '0') * 10n ** BigInt(exponent);
  if (wholePart > MAX || (wholePart === MAX && frac !== '')) return refusals.tooLarge();

  if (frac.length > exponent) {
    // Show the true value, e.g. 1,2345 rb → 1.234,5 (decimals cut short if very long).
    const digits = (int || '0') + frac;
    const point = digits.length - frac.length + exponent;
    const whole = digits.slice(0, point).replace(/^0+(?=\d)/, '');
    const decimals = digits.slice(point);
    const shown = decimals.length > 6 ? decimals.slice(0, 6) + '…' : decimals;
    return refusals.fractional(`${groupThousands(whole)},${shown}`);
  }

  const value = wholePart + BigInt(frac.padEnd(exponent, '0') || '0');
  if (value > MAX) return refusals.tooLarge();
  return { ok: true, value: Number(value) };
}

/** An amount a deal can carry: as {@link parseRupiah}, and refusing zero with a message. */
export function parseDealAmount(input: string): ParseResult {
  const r = parseRupiah(input);
  return r.ok && r.value === 0 ? refusals.zero() : r;
}
