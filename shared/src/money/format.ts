/**
 * Puts a '.' between every group of three digits, counting from the right:
 * `'1300000'` → `'1.300.000'`. Expects a string of ASCII digits only.
 */
export function groupThousands(digits: string): string {
  // Built by hand rather than with Intl so Node and every browser agree, whatever
  // ICU data they ship.
  const head = digits.length % 3 || 3;
  let out = digits.slice(0, head);
  for (let i = head; i < digits.length; i += 3) out += '.' + digits.slice(i, i + 3);
  return out;
}

/**
 * Splits an integer into its sign and exact decimal digits. Goes through BigInt so
 * integers above 2^53 still print every digit the double actually holds.
 * @throws RangeError when `n` is not a finite integer.
 */
export function integerParts(n: number): { negative: boolean; digits: string } {
  if (!Number.isInteger(n)) {
    throw new RangeError(`expected a whole number of rupiah, got ${String(n)}`);
  }
  // `n < 0` is false for -0, so -0 prints as plain 0.
  return { negative: n < 0, digits: BigInt(Math.abs(n)).toString() };
}

/** Options for {@link formatNumberId}. */
export interface FormatNumberIdOptions {
  /** Round non-integers to at most this many decimals (0–20). Default: as many as needed to be exact. */
  maxFractionDigits?: number;
}

/**
 * Formats a number the Indonesian way, without a currency sign: `'.'` groups
 * thousands and `','` marks decimals. `1300000000` → `'1.300.000.000'`,
 * `1.5` → `'1,5'`, `-5000` → `'-5.000'`.
 * @throws RangeError for NaN or ±Infinity.
 */
export function formatNumberId(n: number, opts: FormatNumberIdOptions = {}): string {
  if (!Number.isFinite(n)) throw new RangeError(`cannot format ${String(n)}`);
  if (Number.isInteger(n)) {
    const { negative, digits } = integerParts(n);
    return (negative ? '-' : '') + groupThousands(digits);
  }
  const max = opts.maxFractionDigits;
  if (max !== undefined && (!Number.isInteger(max) || max < 0 || max > 20)) {
    throw new RangeError(`maxFractionDigits must be an integer 0–20, got ${max}`);
  }
  const [intPart, frac] = fractionalParts(Math.abs(n), max);
  const sign = n < 0 && (intPart !== '0' || frac !== '') ? '-' : '';
  return sign + groupThousands(intPart) + (frac ? ',' + frac : '');
}

/** Integer and fraction digits of a non-negative non-integer, trailing zeros dropped. */
function fractionalParts(x: number, max: number | undefined): [string, string] {
  // Without a limit use JavaScript's own shortest round-trip digits; only tiny values
  // (printed like `1e-7`) need the fixed-point form instead.
  const plain = max === undefined ? x.toString() : x.toFixed(max);
  const text = plain.includes('e') ? x.toFixed(20) : plain;
  const [intPart = '0', fracPart = ''] = text.split('.');
  return [intPart, fracPart.replace(/0+$/, '')];
}

/**
 * Formats whole Rupiah for display: `1300000000` → `'Rp1.300.000.000'`, `0` → `'Rp0'`,
 * and a correction `-5000` → `'-Rp5.000'`. Exact for every integer the number type holds.
 * @throws RangeError when `n` is not a finite integer (money is always whole rupiah).
 */
export function formatRupiah(n: number): string {
  const { negative, digits } = integerParts(n);
  return (negative ? '-Rp' : 'Rp') + groupThousands(digits);
}
