import { describe, expect, it } from 'vitest';
import { addSums, readSum } from './money-sum.js';

// How each store hands back a sum: SQLite a number (bigint in safe-integer mode), PostgreSQL a string.
describe('readSum', () => {
  it('reads every store shape up to 2^53 − 1 exactly', () => {
    expect(readSum('9007199254740991')).toBe(Number.MAX_SAFE_INTEGER);
    expect(readSum(9007199254740991n)).toBe(Number.MAX_SAFE_INTEGER);
    expect(readSum(8_999_999_999_999_991)).toBe(8_999_999_999_999_991);
    expect(readSum(null)).toBe(0);
    expect(readSum(undefined)).toBe(0);
  });

  it('refuses a sum past the bound in both languages instead of rounding it', () => {
    // Number('10999999999999989') is 10999999999999988: the rounding the recap showed.
    for (const v of ['10999999999999989', 10999999999999989n, 2 ** 53, '9223372036854775808', '1.5', 'abc']) {
      expect(() => readSum(v)).toThrow(expect.objectContaining({ code: 'total_too_large', pesan: expect.stringContaining('tepat') }));
    }
  });

  it('adds exactly, or refuses once the sum passes the bound', () => {
    expect(addSums(['4503599627370496', 4503599627370495, null])).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => addSums(Array(11).fill(999_999_999_999_999))).toThrow(expect.objectContaining({ code: 'total_too_large' }));
  });
});
