import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { terbilang } from './terbilang.js';
import { terbilangEn } from './terbilang-en.js';

const amount = fc.oneof(
  fc.nat(2_000_000),
  fc.bigInt({ min: 0n, max: 10n ** 15n }).map(Number),
  fc.bigInt({ min: 0n, max: BigInt(Number.MAX_SAFE_INTEGER) }).map(Number),
);

// Independent readers of the words, to check the writers against for random amounts.
const ID_DIGITS = ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'];
const ID_SCALES: Record<string, bigint> = { ribu: 10n ** 3n, juta: 10n ** 6n, miliar: 10n ** 9n };

function readIndonesian(words: string): bigint {
  let total = 0n;
  let current = 0n;
  let last = 0n;
  for (const word of words.replace(/ rupiah$/, '').split(' ')) {
    const digit = ID_DIGITS.indexOf(word);
    if (digit >= 0) current += last = BigInt(digit);
    else if (word === 'sepuluh') current += 10n;
    else if (word === 'sebelas') current += 11n;
    else if (word === 'seratus') current += 100n;
    else if (word === 'seribu') total += 1000n;
    else if (word === 'belas') current += 10n;
    else if (word === 'puluh') current += last * 9n;
    else if (word === 'ratus') current += last * 99n;
    else if (word === 'triliun') [total, current] = [(total + current) * 10n ** 12n, 0n];
    else if (ID_SCALES[word]) [total, current] = [total + current * ID_SCALES[word], 0n];
    else throw new Error(`unexpected word ${word}`);
  }
  return total + current;
}

const EN_ONES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const EN_TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const EN_SCALES = ['', 'thousand', 'million', 'billion', 'trillion', 'quadrillion'];

function readEnglish(words: string): bigint {
  let total = 0n;
  let current = 0n;
  for (const word of words.replace(/ rupiah$/, '').split(/[ -]/)) {
    if (EN_ONES.includes(word)) current += BigInt(EN_ONES.indexOf(word));
    else if (EN_TENS.includes(word)) current += BigInt(EN_TENS.indexOf(word) * 10);
    else if (word === 'hundred') current *= 100n;
    else if (EN_SCALES.includes(word)) [total, current] = [total + current * 1000n ** BigInt(EN_SCALES.indexOf(word)), 0n];
    else throw new Error(`unexpected word ${word}`);
  }
  return total + current;
}

/**
 * For random amounts: the words match `pattern` with single spaces, say `zero` only for 0, pass
 * the language's own checks (`more`), and read back to the amount.
 */
function wellFormed(write: (n: number) => string, read: (words: string) => bigint, pattern: RegExp, zero: string, more?: (words: string) => void) {
  fc.assert(
    fc.property(amount, (n) => {
      const words = write(n);
      expect(words).toMatch(pattern);
      expect(words).not.toContain('  ');
      expect(n === 0 || !words.includes(zero)).toBe(true);
      more?.(words);
      expect(read(words)).toBe(BigInt(n));
    }),
    { numRuns: 2000 },
  );
}

describe('terbilang', () => {
  it.each([
    [1_300_000_000, 'satu miliar tiga ratus juta rupiah'],
    [0, 'nol rupiah'],
    [1, 'satu rupiah'],
    [10, 'sepuluh rupiah'],
    [11, 'sebelas rupiah'],
    [12, 'dua belas rupiah'],
    [19, 'sembilan belas rupiah'],
    [20, 'dua puluh rupiah'],
    [21, 'dua puluh satu rupiah'],
    [100, 'seratus rupiah'],
    [101, 'seratus satu rupiah'],
    [111, 'seratus sebelas rupiah'],
    [999, 'sembilan ratus sembilan puluh sembilan rupiah'],
    [1_000, 'seribu rupiah'],
    [1_100, 'seribu seratus rupiah'],
    [2_000, 'dua ribu rupiah'],
    [11_000, 'sebelas ribu rupiah'],
    [12_345, 'dua belas ribu tiga ratus empat puluh lima rupiah'],
    [100_000, 'seratus ribu rupiah'],
    [101_000, 'seratus satu ribu rupiah'],
    [1_000_000, 'satu juta rupiah'],
    [1_001_000, 'satu juta seribu rupiah'],
    [1_500_000, 'satu juta lima ratus ribu rupiah'],
    [1_000_000_000, 'satu miliar rupiah'],
    [1e12, 'satu triliun rupiah'],
    [1e12 + 1_000, 'satu triliun seribu rupiah'],
    [2_500_000_000_000, 'dua triliun lima ratus miliar rupiah'],
    [1e15, 'seribu triliun rupiah'],
    [1e15 + 1, 'seribu triliun satu rupiah'],
    [-5_000, 'minus lima ribu rupiah'],
  ])('%d → %s', (n, words) => {
    expect(terbilang(n)).toBe(words);
  });

  it('is well-formed for any amount', () => {
    wellFormed(terbilang, readIndonesian, /^[a-z]+( [a-z]+)* rupiah$|^nol rupiah$/, 'nol', (words) => {
      expect(words.startsWith('satu ribu')).toBe(false);
      expect(words).not.toMatch(/\bsatu (ratus|puluh|belas)\b/);
    });
  });

  it('refuses non-integers', () => {
    expect(() => terbilang(1.5)).toThrow(RangeError);
    expect(() => terbilang(Number.NaN)).toThrow(RangeError);
  });
});

describe('terbilangEn', () => {
  it.each([
    [1_300_000_000, 'one billion three hundred million rupiah'],
    [0, 'zero rupiah'],
    [11, 'eleven rupiah'],
    [45, 'forty-five rupiah'],
    [100, 'one hundred rupiah'],
    [1_000, 'one thousand rupiah'],
    [1_100, 'one thousand one hundred rupiah'],
    [12_345, 'twelve thousand three hundred forty-five rupiah'],
    [1_000_000, 'one million rupiah'],
    [1e12, 'one trillion rupiah'],
    [1e15, 'one quadrillion rupiah'],
    [Number.MAX_SAFE_INTEGER, 'nine quadrillion seven trillion one hundred ninety-nine billion two hundred fifty-four million seven hundred forty thousand nine hundred ninety-one rupiah'],
    [-5_000, 'minus five thousand rupiah'],
  ])('%d → %s', (n, words) => {
    expect(terbilangEn(n)).toBe(words);
  });

  it('is well-formed for any amount', () => {
    wellFormed(terbilangEn, readEnglish, /^[a-z-]+( [a-z-]+)* rupiah$/, 'zero');
  });

  it('refuses what it cannot say', () => {
    expect(() => terbilangEn(1.5)).toThrow(RangeError);
    expect(() => terbilangEn(1e27)).toThrow(RangeError);
  });
});
