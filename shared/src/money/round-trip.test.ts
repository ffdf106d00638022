import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { MAX_DEAL_AMOUNT } from '../schemas/common.js';
import { formatNumberId, formatRupiah } from './format.js';
import { formatRupiahShort } from './format-short.js';
import { parseRupiah } from './parse.js';
import { RUPIAH_UNITS } from './units.js';

// Mix small amounts, the whole range, and the edges where units and groups change.
const edges = [0, 1, 9, 10, 99, 100, 999, 1_000, 1_001, 9_999, 999_999, 1_000_000, 999_999_999, 1e9, 1e12, MAX_DEAL_AMOUNT - 1, MAX_DEAL_AMOUNT];
const amount = fc.oneof(
  fc.constantFrom(...edges),
  fc.nat(10_000_000),
  fc.bigInt({ min: 0n, max: BigInt(MAX_DEAL_AMOUNT) }).map(Number),
  fc.integer({ min: 0, max: 15 }).chain((e) => fc.bigInt({ min: 0n, max: 10n ** BigInt(e) }).map(Number)),
);

function parsed(text: string): number {
  const result = parseRupiah(text);
  if (!result.ok) throw new Error(`${text}: ${result.error.message}`);
  return result.value;
}

describe('formatting then parsing gives the amount back', () => {
  it('formatRupiah', () => {
    fc.assert(
      fc.property(amount, (n) => {
        expect(parsed(formatRupiah(n))).toBe(n);
      }),
      { numRuns: 5000 },
    );
  });

  it('formatNumberId', () => {
    fc.assert(
      fc.property(amount, (n) => {
        expect(parsed(formatNumberId(n))).toBe(n);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('formatRupiahShort never overstates', () => {
  it.each([0, 1, 2])('re-parses to at most n and within one last shown digit (maxFractionDigits %d)', (maxFractionDigits) => {
    fc.assert(
      fc.property(amount, (n) => {
        const short = formatRupiahShort(n, { maxFractionDigits });
        const back = parsed(short);
        const unit = [...RUPIAH_UNITS].reverse().find((u) => n >= 10 ** u.exponent);
        const step = unit ? 10 ** Math.max(0, unit.exponent - maxFractionDigits) : 1;
        expect(back).toBeLessThanOrEqual(n);
        expect(n - back).toBeLessThan(step);
      }),
      { numRuns: 3000 },
    );
  });

  it('default is two decimals', () => {
    fc.assert(
      fc.property(amount, (n) => {
        expect(formatRupiahShort(n)).toBe(formatRupiahShort(n, { maxFractionDigits: 2 }));
      }),
    );
  });
});
