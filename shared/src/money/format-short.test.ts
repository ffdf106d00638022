import { describe, it, expect } from 'vitest';
import { formatRupiahShort } from './format-short.js';

describe('formatRupiahShort', () => {
  it.each([
    [1_300_000_000, 'Rp1,3 miliar'],
    [250_000_000, 'Rp250 juta'],
    [2_000_000_000_000, 'Rp2 triliun'],
    [1_234_567_890, 'Rp1,23 miliar'],
    [1_239_999_999, 'Rp1,23 miliar'],
    [999_999, 'Rp999,99 ribu'],
    [999_999_999_999_999, 'Rp999,99 triliun'],
    [750_000, 'Rp750 ribu'],
    [1_000, 'Rp1 ribu'],
    [1_500, 'Rp1,5 ribu'],
    [1_005_000, 'Rp1 juta'],
    [12_345_678, 'Rp12,34 juta'],
    [500, 'Rp500'],
    [999, 'Rp999'],
    [0, 'Rp0'],
    [1e15, 'Rp1.000 triliun'],
    [Number.MAX_SAFE_INTEGER, 'Rp9.007,19 triliun'],
    [-5_000, '-Rp5 ribu'],
    [-1_299_999_999, '-Rp1,29 miliar'],
  ])('%d → %s', (n, text) => {
    expect(formatRupiahShort(n)).toBe(text);
  });

  it.each([
    [1_234_567_890, 0, 'Rp1 miliar'],
    [1_999_999_999, 1, 'Rp1,9 miliar'],
    [1_234_567_890, 4, 'Rp1,2345 miliar'],
    [1_234_567, 12, 'Rp1,234567 juta'],
  ])('respects maxFractionDigits, still truncating: %d to %d digits → %s', (n, maxFractionDigits, text) => {
    expect(formatRupiahShort(n, { maxFractionDigits })).toBe(text);
  });

  it('refuses bad input', () => {
    expect(() => formatRupiahShort(1.5)).toThrow(RangeError);
    expect(() => formatRupiahShort(Number.NaN)).toThrow(RangeError);
    expect(() => formatRupiahShort(1, { maxFractionDigits: 1.5 })).toThrow(RangeError);
    expect(() => formatRupiahShort(1, { maxFractionDigits: 13 })).toThrow(RangeError);
  });
});
