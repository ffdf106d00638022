/** A named power of ten used when writing Rupiah amounts. */
export interface RupiahUnit {
  /** The amount is multiplied by 10^exponent. */
  readonly exponent: 3 | 6 | 9 | 12;
  /** The Indonesian word shown on the board, e.g. `miliar`. */
  readonly name: 'ribu' | 'juta' | 'miliar' | 'triliun';
  /** The English short-scale word, e.g. `billion`. */
  readonly nameEn: 'thousand' | 'million' | 'billion' | 'trillion';
  /** Lower-case spellings {@link parseRupiah} accepts for this unit. */
  readonly aliases: readonly string[];
}

/**
 * The units Indonesians write after a number, smallest first.
 *
 * `m` is miliar (10^9) and `t` is triliun, as on Indonesian price tags and news
 * graphics; `k` is the colloquial thousand. English `mio`, `bn`, `b` are left out on
 * purpose: `m` already means miliar, so accepting English abbreviations beside it
 * would invite a thousand-fold misreading.
 */
export const RUPIAH_UNITS: readonly RupiahUnit[] = [
  { exponent: 3, name: 'ribu', nameEn: 'thousand', aliases: ['ribu', 'rb', 'k'] },
  { exponent: 6, name: 'juta', nameEn: 'million', aliases: ['juta', 'jt'] },
  { exponent: 9, name: 'miliar', nameEn: 'billion', aliases: ['miliar', 'milyar', 'm'] },
  { exponent: 12, name: 'triliun', nameEn: 'trillion', aliases: ['triliun', 'trilyun', 't'] },
];

/**
 * Finds the unit for a word such as `jt`, `M` or `milyar` (case-insensitive, one
 * trailing dot allowed as in `jt.`); `undefined` when the word is not a unit.
 */
export function findRupiahUnit(word: string): RupiahUnit | undefined {
  const w = word.toLowerCase().replace(/\.$/, '');
  return RUPIAH_UNITS.find((u) => u.aliases.includes(w));
}
