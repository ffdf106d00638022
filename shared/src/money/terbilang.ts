import { integerParts } from './format.js';

const DIGITS_ID = ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'];
// Scale words for each group of three digits below a trillion, from the right.
const SCALES_ID = ['', 'ribu', 'juta', 'miliar'];
const TRILLION = 10n ** 12n;

/** Words for 1–999, e.g. 345 → "tiga ratus empat puluh lima". */
function hundredsId(n: number): string[] {
  const words: string[] = [];
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds === 1) words.push('seratus');
  else if (hundreds > 1) words.push(DIGITS_ID[hundreds] ?? '', 'ratus');
  if (rest === 10) words.push('sepuluh');
  else if (rest === 11) words.push('sebelas');
  else if (rest > 11 && rest < 20) words.push(DIGITS_ID[rest - 10] ?? '', 'belas');
  else {
    const tens = Math.floor(rest / 10);
    const ones = rest % 10;
    if (tens > 0) words.push(DIGITS_ID[tens] ?? '', 'puluh');
    if (ones > 0) words.push(DIGITS_ID[ones] ?? '');
  }
  return words;
}

/** Words for a positive integer. */
function wordsId(n: bigint): string[] {
  // Indonesian has no common word above triliun, so larger amounts count trillions:
  // 10^15 is "seribu triliun", matching the board's "Rp1.000 triliun".
  if (n >= TRILLION) {
    const rest = n % TRILLION;
    return [...wordsId(n / TRILLION), 'triliun', ...(rest > 0n ? wordsId(rest) : [])];
  }
  const words: string[] = [];
  const groups = n.toString().padStart(12, '0').match(/\d{3}/g) ?? [];
  groups.forEach((group, i) => {
    const value = Number(group);
    const scale = SCALES_ID[groups.length - 1 - i] ?? '';
    if (value === 0) return;
    // 1000 is "seribu", but 1.000.000 is "satu juta" and 1.000.000.000 "satu miliar".
    if (value === 1 && scale === 'ribu') words.push('seribu');
    else words.push(...hundredsId(value), ...(scale ? [scale] : []));
  });
  return words;
}

/**
 * Writes an amount of Rupiah in Indonesian words, lower case, as on a cheque or
 * kuitansi: `1300000000` → `'satu miliar tiga ratus juta rupiah'`, `0` → `'nol rupiah'`,
 * `1000` → `'seribu rupiah'`, `10^15` → `'seribu triliun rupiah'`. A correction
 * `-5000` → `'minus lima ribu rupiah'`.
 * @throws RangeError when `n` is not a finite integer.
 */
export function terbilang(n: number): string {
  const { negative, digits } = integerParts(n);
  const value = BigInt(digits);
  const words = value === 0n ? ['nol'] : wordsId(value);
  return [...(negative ? ['minus'] : []), ...words, 'rupiah'].join(' ');
}
