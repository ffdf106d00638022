/** Why {@link parseRupiah} refused an input. */
export const PARSE_RUPIAH_ERROR_CODES = ['empty', 'negative', 'fractional', 'ambiguous', 'invalid', 'too_large'] as const;

/** One of {@link PARSE_RUPIAH_ERROR_CODES}. */
export type ParseRupiahErrorCode = (typeof PARSE_RUPIAH_ERROR_CODES)[number];

/** A refusal that can be shown as-is: `message` is English, `pesan` is Indonesian. */
export interface ParseRupiahError {
  code: ParseRupiahErrorCode;
  message: string;
  pesan: string;
}

/** What {@link parseRupiah} returns: whole Rupiah, or why the text was refused. */
export type ParseResult = { ok: true; value: number } | { ok: false; error: ParseRupiahError };

/** The refusing half of {@link ParseResult}. */
export type ParseFailure = Extract<ParseResult, { ok: false }>;

const UNITS_EN = 'ribu/rb/k, juta/jt, miliar/M or triliun/T';
const UNITS_ID = 'ribu/rb/k, juta/jt, miliar/M, atau triliun/T';

/** Echoes the user's text inside a message without letting a huge paste flood the UI. */
function quote(text: string): string {
  return `“${text.length > 40 ? text.slice(0, 39) + '…' : text}”`;
}

function refuse(code: ParseRupiahErrorCode, message: string, pesan: string): ParseFailure {
  return { ok: false, error: { code, message, pesan } };
}

/** Builders for every refusal, so parse code stays free of prose. Internal to the money module. */
export const refusals = {
  empty: () => refuse('empty', 'Enter an amount, e.g. 1.500.000 or 1,5 juta.', 'Isi jumlahnya, mis. 1.500.000 atau 1,5 juta.'),

  zero: () => refuse('invalid', 'The amount must be more than zero, e.g. 1.500.000 or 1,5 juta.', 'Jumlah harus lebih dari nol, mis. 1.500.000 atau 1,5 juta.'),

  negative: () =>
    refuse('negative', 'An amount cannot be negative: leave out the minus sign.', 'Jumlah tidak boleh negatif: hapus tanda minus.'),

  /** `exact` is the true value in Indonesian notation, e.g. `1.234,5`. */
  fractional: (exact: string) =>
    refuse(
      'fractional',
      `Amounts must be whole rupiah, but this is Rp${exact}. Check the decimals or the unit.`,
      `Jumlah harus rupiah bulat, tetapi ini Rp${exact}. Periksa angka desimal atau satuannya.`,
    ),

  tooLarge: () =>
    refuse('too_large', 'The amount is larger than the maximum of Rp1.000 triliun.', 'Jumlah melebihi batas Rp1.000 triliun.'),

  /** English-style decimal point such as `1.5 juta`; `suggestion` is the comma form. */
  decimalDot: (shown: string, suggestion: string) =>
    refuse(
      'ambiguous',
      `${quote(shown)} is ambiguous: in Indonesian a dot groups thousands. Use a comma for decimals, e.g. ${quote(suggestion)}.`,
      `${quote(shown)} membingungkan: titik adalah pemisah ribuan. Pakai koma untuk desimal, mis. ${quote(suggestion)}.`,
    ),

  /**
   * English-style thousands grouping such as `1,300,000`; `suggestion` uses dots, and
   * `withUnit` is the same amount with a unit (`1,3 juta`) when one says it exactly.
   */
  commaGrouping: (shown: string, suggestion: string, withUnit?: string) =>
    refuse(
      'ambiguous',
      `${quote(shown)} uses commas to group thousands. In Indonesian write dots, e.g. ${quote(suggestion)}${withUnit ? `, or with a unit: ${quote(withUnit)}` : ''}.`,
      `${quote(shown)} memakai koma sebagai pemisah ribuan. Tulis dengan titik, mis. ${quote(suggestion)}${withUnit ? `, atau dengan satuan: ${quote(withUnit)}` : ''}.`,
    ),

  /** A comma then exactly three digits (`1,500`): thousands in English, decimals in Indonesian. */
  commaThree: (shown: string, asThousands: string) =>
    refuse(
      'ambiguous',
      `${quote(shown)} is ambiguous: is the comma a thousands separator or a decimal mark? Write ${quote(asThousands)} for thousands, or at most two decimals (e.g. “1,25 juta”).`,
      `${quote(shown)} membingungkan: koma itu pemisah ribuan atau desimal? Tulis ${quote(asThousands)} untuk ribuan, atau paling banyak dua angka desimal (mis. “1,25 juta”).`,
    ),

  misplaced: (shown: string) =>
    refuse(
      'ambiguous',
      `Check the separators in ${quote(shown)}: dots group thousands in threes (1.300.000) and one comma marks decimals (1,5).`,
      `Periksa pemisah pada ${quote(shown)}: titik memisahkan ribuan per tiga angka (1.300.000) dan satu koma untuk desimal (1,5).`,
    ),

  noNumber: (shown: string) =>
    refuse(
      'invalid',
      `No amount found in ${quote(shown)}: start with digits, e.g. 1.500.000 or 1,5 juta.`,
      `Tidak ada angka pada ${quote(shown)}: mulai dengan angka, mis. 1.500.000 atau 1,5 juta.`,
    ),

  leadingSeparator: (shown: string) =>
    refuse(
      'invalid',
      `${quote(shown)} starts with a separator: put a digit first, e.g. “0,5 juta”.`,
      `${quote(shown)} diawali pemisah: tulis angka dulu, mis. “0,5 juta”.`,
    ),

  spaceInNumber: () =>
    refuse(
      'invalid',
      'Do not put spaces inside a number: write 1.300.000, not 1 300 000.',
      'Jangan pakai spasi di dalam angka: tulis 1.300.000, bukan 1 300 000.',
    ),

  unknownUnit: (word: string) =>
    refuse(
      'invalid',
      `Unknown unit ${quote(word)}. Use ${UNITS_EN}.`,
      `Satuan ${quote(word)} tidak dikenal. Pakai ${UNITS_ID}.`,
    ),

  twoUnits: () =>
    refuse(
      'invalid',
      'Use a single unit, e.g. “1,5 juta” rather than “1 juta 500 ribu”.',
      'Pakai satu satuan saja, mis. “1,5 juta”, bukan “1 juta 500 ribu”.',
    ),
};
