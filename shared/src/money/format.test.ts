import { describe, it, expect } from 'vitest';
import { formatNumberId, formatRupiah, groupThousands } from './format.js';

describe('groupThousands', () => {
  it.each([
    ['0', '0'],
    ['999', '999'],
    ['1000', '1.000'],
    ['123456', '123.456'],
    ['1234567', '1.234.567'],
    ['1000000000000000', '1.000.000.000.000.000'],
  ])('%s → %s', (digits, grouped) => {
    expect(groupThousands(digits)).toBe(grouped);
  });
});

describe('formatRupiah', () => {
  it.each([
    [1_300_000_000, 'Rp1.300.000.000'],
    [0, 'Rp0'],
    [-0, 'Rp0'],
    [5, 'Rp5'],
    [1_000, 'Rp1.000'],
    [-5_000, '-Rp5.000'],
    [999_999_999_999_999, 'Rp999.999.999.999.999'],
    [1e15, 'Rp1.000.000.000.000.000'],
    [Number.MAX_SAFE_INTEGER, 'Rp9.007.199.254.740.991'],
  ])('%d → %s', (n, text) => {
    expect(formatRupiah(n)).toBe(text);
  });

  it('refuses non-integers rather than showing a wrong amount', () => {
    expect(() => formatRupiah(1.5)).toThrow(RangeError);
    expect(() => formatRupiah(Number.NaN)).toThrow(RangeError);
    expect(() => formatRupiah(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('formatNumberId', () => {
  it.each([
    [1_300_000_000, '1.300.000.000'],
    [0, '0'],
    [-0, '0'],
    [-5_000, '-5.000'],
    [1.5, '1,5'],
    [-1.5, '-1,5'],
    [1234.25, '1.234,25'],
    [0.1 + 0.2, '0,30000000000000004'],
    [1e-7, '0,0000001'],
    [1e15, '1.000.000.000.000.000'],
  ])('%d → %s', (n, text) => {
    expect(formatNumberId(n)).toBe(text);
  });

  it.each([
    [63.456, 1, '63,5'],
    [1234.5, 0, '1.235'],
    [2.5001, 2, '2,5'],
    [-0.001, 1, '0'],
    [1_000_000, 2, '1.000.000'],
  ])('rounds to maxFractionDigits when asked: %d to %d digits → %s', (n, maxFractionDigits, text) => {
    expect(formatNumberId(n, { maxFractionDigits })).toBe(text);
  });

  it('refuses what it cannot show', () => {
    expect(() => formatNumberId(Number.NaN)).toThrow(RangeError);
    expect(() => formatNumberId(Number.NEGATIVE_INFINITY)).toThrow(RangeError);
    expect(() => formatNumberId(1.5, { maxFractionDigits: -1 })).toThrow(RangeError);
  });
});
