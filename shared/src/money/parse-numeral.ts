import type { ParseFailure } from './parse-errors.js';
import { groupThousands } from './format.js';
import { refusals } from './parse-errors.js';

const UNIT_WORDS: [number, string][] = [
  [1e12, 'triliun'],
  [1e9, 'miliar'],
  [1e6, 'juta'],
  [1e3, 'ribu'],
];

/** `1300000000` → `1,3 miliar`: the largest unit, only when at most two decimals say the amount exactly. */
function withUnit(value: number): string | undefined {
  const found = UNIT_WORDS.find(([size]) => value >= size);
  if (!found) return undefined;
  const hundredths = (value * 100) / found[0];
  if (!Number.isInteger(hundredths)) return undefined;
  return `${String(hundredths / 100).replace('.', ',')} ${found[1]}`;
}

/** The digits of a numeral once its separators are understood; the value is `int,frac`. */
export type Numeral = { ok: true; intDigits: string; fracDigits: string };

/**
 * Reads a run of digits, dots and commas the Indonesian way ('.' groups thousands,
 * ',' marks decimals), refusing anything a reader of English could take differently.
 *
 * @param numeral - only `[0-9.,]` characters, as cut from the input.
 * @param unitText - the unit as typed (with its leading space), used only to echo the
 *   input and make suggestions in messages.
 */
export function readNumeral(numeral: string, unitText: string): Numeral | ParseFailure {
  const shown = numeral + unitText;
  if (!/^\d/.test(numeral)) return refusals.leadingSeparator(shown);
  if (/^\d+$/.test(numeral)) return { ok: true, intDigits: numeral, fracDigits: '' };

  // 1,300,000 or 1,300,000.50: English grouping. Offer the same digits with dots.
  // A lone `1,300` is left for the three-decimals rule below.
  if (/^\d{1,3}(,\d{3})+(\.\d+)?$/.test(numeral) && !/^\d+,\d{3}$/.test(numeral)) {
    const [whole = ''] = numeral.split('.');
    return refusals.commaGrouping(shown, whole.replaceAll(',', '.') + unitText, unitText ? undefined : withUnit(Number(whole.replaceAll(',', ''))));
  }

  const parts = numeral.split(',');
  if (parts.length > 2) return refusals.misplaced(shown);
  const [intPart = '', fracPart] = parts;
  if (fracPart !== undefined && !/^\d+$/.test(fracPart)) return refusals.misplaced(shown);

  if (intPart.includes('.')) {
    // Grouped: a first group of 1–3 digits not starting with 0, then groups of exactly three.
    if (/^[1-9]\d{0,2}(\.\d{3})+$/.test(intPart)) {
      return { ok: true, intDigits: intPart.replaceAll('.', ''), fracDigits: fracPart ?? '' };
    }
    // One dot read as a decimal point: 1.5, 12.50, 0.500. Suggest the comma form.
    const [, whole = '', decimals = ''] = /^(\d+)\.(\d+)$/.exec(intPart) ?? [];
    if (fracPart === undefined && whole && (decimals.length <= 2 || /^0+$/.test(whole))) {
      const fraction = decimals.replace(/0+$/, '');
      return refusals.decimalDot(shown, whole + (fraction ? ',' + fraction : '') + unitText);
    }
    return refusals.misplaced(shown);
  }

  // Without dots, `1,500` is 1.500 to an English reader but 1,5 to an Indonesian one.
  if (fracPart?.length === 3) {
    const asThousands = groupThousands((intPart + fracPart).replace(/^0+(?=\d)/, ''));
    return refusals.commaThree(shown, asThousands + unitText);
  }
  return { ok: true, intDigits: intPart, fracDigits: fracPart ?? '' };
}
