import { integerParts } from './format.js';

const ONES_EN = [
  'zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine',
  'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen',
];
const TENS_EN = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
// Short scale, one word per group of three digits from the right.
const SCALES_EN = ['', 'thousand', 'million', 'billion', 'trillion', 'quadrillion', 'quintillion', 'sextillion'];

/** Words for 1–999, e.g. 345 → "three hundred forty-five". */
function hundredsEn(n: number): string[] {
  const words: string[] = [];
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  if (hundreds > 0) words.push(ONES_EN[hundreds] ?? '', 'hundred');
  if (rest > 0 && rest < 20) words.push(ONES_EN[rest] ?? '');
  else if (rest >= 20) {
    const ones = rest % 10;
    words.push((TENS_EN[Math.floor(rest / 10)] ?? '') + (ones > 0 ? '-' + (ONES_EN[ones] ?? '') : ''));
  }
  return words;
}

/**
 * Writes an amount of Rupiah in English words for the English UI, US style (no
 * "and"): `1300000000` → `'one billion three hundred million rupiah'`,
 * `0` → `'zero rupiah'`, `12345` → `'twelve thousand three hundred forty-five rupiah'`,
 * `10^15` → `'one quadrillion rupiah'`, `-5000` → `'minus five thousand rupiah'`.
 * @throws RangeError when `n` is not a finite integer or is 10^24 or more.
 */
export function terbilangEn(n: number): string {
  const { negative, digits } = integerParts(n);
  if (digits === '0') return 'zero rupiah';
  const padded = digits.padStart(Math.ceil(digits.length / 3) * 3, '0');
  const groups = padded.match(/\d{3}/g) ?? [];
  if (groups.length > SCALES_EN.length) throw new RangeError(`too large to write in words: ${n}`);
  const words: string[] = negative ? ['minus'] : [];
  groups.forEach((group, i) => {
    const value = Number(group);
    const scale = SCALES_EN[groups.length - 1 - i] ?? '';
    if (value > 0) words.push(...hundredsEn(value), ...(scale ? [scale] : []));
  });
  return [...words, 'rupiah'].join(' ');
}
