// The public money API. Internal helpers (digit splitting, refusal builders, numeral
// reading) stay unexported so they can change freely.
export { formatNumberId, formatRupiah, groupThousands } from './format.js';
export type { FormatNumberIdOptions } from './format.js';
export { formatRupiahShort } from './format-short.js';
export type { FormatRupiahShortOptions } from './format-short.js';
export { parseDealAmount, parseRupiah } from './parse.js';
export { PARSE_RUPIAH_ERROR_CODES } from './parse-errors.js';
export type { ParseFailure, ParseResult, ParseRupiahError, ParseRupiahErrorCode } from './parse-errors.js';
export { rupiahTextSchema } from './schema.js';
export { terbilang } from './terbilang.js';
export { terbilangEn } from './terbilang-en.js';
export { RUPIAH_UNITS, findRupiahUnit } from './units.js';
export type { RupiahUnit } from './units.js';
