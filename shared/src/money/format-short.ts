import { groupThousands, integerParts } from './format.js';
import { RUPIAH_UNITS } from './units.js';

/** Options for {@link formatRupiahShort}. */
export interface FormatRupiahShortOptions {
  /**
   * Most digits shown after the decimal comma (integer 0–12, default 2). Digits are cut
   * off, never rounded. Keep it at 2 or less if the text may be typed back in:
   * {@link parseRupiah} refuses exactly three digits after a comma (`1,234 M`) as
   * ambiguous.
   */
  maxFractionDigits?: number;
}

/**
 * Formats whole Rupiah compactly for the big screen: `1300000000` → `'Rp1,3 miliar'`,
 * `250000000` → `'Rp250 juta'`, `750000` → `'Rp750 ribu'`, `500` → `'Rp500'`,
 * `10^15` → `'Rp1.000 triliun'`, a correction `-5000` → `'-Rp5 ribu'`.
 *
 * The amount is truncated toward zero, never rounded: `1234567890` →
 * `'Rp1,23 miliar'`, so the board never shows more than was actually pledged.
 * Uses the largest unit (ribu, juta, miliar, triliun) not above the amount; the
 * space before the unit is a plain U+0020 (use CSS `white-space: nowrap` if it must
 * not wrap).
 * @throws RangeError when `n` is not a finite integer or the option is out of range.
 */
export function formatRupiahShort(n: number, opts: FormatRupiahShortOptions = {}): string {
  const maxFractionDigits = opts.maxFractionDigits ?? 2;
  if (!Number.isInteger(maxFractionDigits) || maxFractionDigits < 0 || maxFractionDigits > 12) {
    throw new RangeError(`maxFractionDigits must be an integer 0–12, got ${maxFractionDigits}`);
  }
  const { negative, digits } = integerParts(n);
  const sign = negative ? '-Rp' : 'Rp';

  let unit = undefined;
  for (const u of RUPIAH_UNITS) if (digits.length > u.exponent) unit = u;
  if (!unit) return sign + digits;

  // Split the digit string instead of dividing doubles: exact for every integer and
  // truncation is simply dropping the digits we do not show.
  const wholeDigits = digits.slice(0, digits.length - unit.exponent);
  const fraction = digits
    .slice(digits.length - unit.exponent)
    .slice(0, maxFractionDigits)
    .replace(/0+$/, '');
  return `${sign}${groupThousands(wholeDigits)}${fraction ? ',' + fraction : ''} ${unit.name}`;
}
