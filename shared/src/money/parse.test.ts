import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { MAX_DEAL_AMOUNT } from '../schemas/common.js';
import { parseRupiah } from './parse.js';
import type { ParseRupiahErrorCode } from './parse-errors.js';

describe('parseRupiah accepts what Indonesians type', () => {
  const accepted: [string, number][] = [
    ['1300000000', 1_300_000_000],
    ['1.300.000.000', 1_300_000_000],
    ['Rp 1.300.000.000', 1_300_000_000],
    ['Rp1.300.000.000', 1_300_000_000],
    ['rp. 1.300.000', 1_300_000],
    ['RP.1.300.000', 1_300_000],
    ['IDR 1.300.000', 1_300_000],
    ['1,3 miliar', 1_300_000_000],
    ['1,3 milyar', 1_300_000_000],
    ['1,3 M', 1_300_000_000],
    ['1,3M', 1_300_000_000],
    ['1,3 m', 1_300_000_000],
    ['1,3 MILIAR', 1_300_000_000],
    ['Rp1,3 miliar', 1_300_000_000],
    ['Rp 1,3 M', 1_300_000_000],
    ['0,1 M', 100_000_000],
    ['750 jt', 750_000_000],
    ['750jt', 750_000_000],
    ['750 jt.', 750_000_000],
    ['750 juta', 750_000_000],
    ['750rb', 750_000],
    ['750 ribu', 750_000],
    ['750 rb.', 750_000],
    ['750k', 750_000],
    ['750 K', 750_000],
    ['2 T', 2_000_000_000_000],
    ['2 triliun', 2_000_000_000_000],
    ['2 trilyun', 2_000_000_000_000],
    ['1,25 juta', 1_250_000],
    ['1.300 juta', 1_300_000_000],
    ['1.300,5 juta', 1_300_500_000],
    ['1.234,567 juta', 1_234_567_000],
    ['1,2345 juta', 1_234_500],
    ['1,5000 rb', 1_500],
    ['  Rp 1.500.000  ', 1_500_000],
    ['\u00a0Rp\u00a01.500.000\t', 1_500_000],
    ['Rp 1.500.000,-', 1_500_000],
    ['Rp 50.000.-', 50_000],
    ['1.500.000,00', 1_500_000],
    ['1500000,00', 1_500_000],
    ['1,00', 1],
    ['5 juta rupiah', 5_000_000],
    ['1.000 rp', 1_000],
    ['0', 0],
    ['Rp0', 0],
    ['0 juta', 0],
    ['007', 7],
    ['1.300', 1_300],
    ['1000 T', MAX_DEAL_AMOUNT],
    ['1.000 triliun', MAX_DEAL_AMOUNT],
    ['1.000.000 M', MAX_DEAL_AMOUNT],
    ['1000000000000000', MAX_DEAL_AMOUNT],
    ['Rp1.000.000.000.000.000', MAX_DEAL_AMOUNT],
    ['999.999.999.999.999', 999_999_999_999_999],
    ['0,000000000001 T', 1],
  ];
  it.each(accepted)('%j → %d', (input, value) => {
    expect(parseRupiah(input)).toEqual({ ok: true, value });
  });
});

describe('parseRupiah refuses, saying why in English and Indonesian', () => {
  const refused: [string, ParseRupiahErrorCode][] = [
    ['', 'empty'],
    ['   ', 'empty'],
    ['\t\n', 'empty'],
    ['Rp', 'empty'],
    ['Rp. ', 'empty'],
    ['-5000', 'negative'],
    ['-Rp5.000', 'negative'],
    ['Rp -5.000', 'negative'],
    ['Rp-5.000', 'negative'],
    ['− 1,5 juta', 'negative'],
    ['-0', 'negative'],
    ['1,5', 'fractional'],
    ['1,2345 rb', 'fractional'],
    ['0,5', 'fractional'],
    ['1.500.000,50', 'fractional'],
    ['0,0000000000001 T', 'fractional'],
    ['1.3 M', 'ambiguous'],
    ['1.5 juta', 'ambiguous'],
    ['1.5', 'ambiguous'],
    ['12.50', 'ambiguous'],
    ['0.500 juta', 'ambiguous'],
    ['1,300,000', 'ambiguous'],
    ['1,300,000.50', 'ambiguous'],
    ['1,300.50', 'ambiguous'],
    ['1,500', 'ambiguous'],
    ['1,000', 'ambiguous'],
    ['1,250 juta', 'ambiguous'],
    ['1.30.000', 'ambiguous'],
    ['1300.000', 'ambiguous'],
    ['1.3000', 'ambiguous'],
    ['01.300', 'ambiguous'],
    ['1..000', 'ambiguous'],
    ['1.300.000.', 'ambiguous'],
    ['1,5,5', 'ambiguous'],
    ['1,5.000', 'ambiguous'],
    ['1,', 'ambiguous'],
    ['abc', 'invalid'],
    ['juta', 'invalid'],
    ['-', 'invalid'],
    ['-abc', 'invalid'],
    ['1 2 3', 'invalid'],
    ['1 300 000', 'invalid'],
    ['12 apel', 'invalid'],
    ['1 juta ribu', 'invalid'],
    ['1 M jt', 'invalid'],
    ['1 juta 500 ribu', 'invalid'],
    ['5 juta apel', 'invalid'],
    [',5 juta', 'invalid'],
    ['.5 juta', 'invalid'],
    ['$100', 'invalid'],
    ['USD 100', 'invalid'],
    ['1e6', 'invalid'],
    ['5 mio', 'invalid'],
    ['+5000', 'invalid'],
    ['1000000000000001', 'too_large'],
    ['1.000.000.000.000.001', 'too_large'],
    ['1001 T', 'too_large'],
    ['1000,5 T', 'too_large'],
    ['1000,000000000001 T', 'too_large'],
    ['1.000.001 M', 'too_large'],
    ['9'.repeat(400), 'too_large'],
    ['99999999999999999,5', 'too_large'],
  ];
  it.each(refused)('%j → %s', (input, code) => {
    const result = parseRupiah(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.message.trim()).not.toBe('');
    expect(result.error.pesan.trim()).not.toBe('');
    expect(result.error.pesan).not.toBe(result.error.message);
  });

  it('tells the user to use a comma for decimals', () => {
    const result = parseRupiah('1.5 juta');
    expect(result.ok || result.error.message).toContain('“1,5 juta”');
    expect(result.ok || result.error.pesan).toContain('“1,5 juta”');
    expect(result.ok || result.error.pesan).toMatch(/koma/);
    const m = parseRupiah('1.3 M');
    expect(m.ok || m.error.message).toContain('“1,3 M”');
  });

  it('suggests dot grouping for comma grouping, and the same amount with its unit', () => {
    const result = parseRupiah('1,300,000');
    expect(result.ok || result.error.message).toContain('“1.300.000”');
    const billion = parseRupiah('1,300,000,000');
    expect(billion.ok || billion.error.pesan).toContain('“1,3 miliar”');
    expect(billion.ok || billion.error.pesan).not.toContain('juta');
    const odd = parseRupiah('1,234,567');
    expect(odd.ok || odd.error.message).not.toContain('with a unit');
    const three = parseRupiah('1,250 juta');
    expect(three.ok || three.error.pesan).toContain('“1.250 juta”');
  });

  it('shows the exact non-whole value', () => {
    const result = parseRupiah('1,2345 rb');
    expect(result.ok || result.error.message).toContain('Rp1.234,5');
    expect(result.ok || result.error.pesan).toContain('Rp1.234,5');
  });

  it('keeps messages short when the input is huge', () => {
    const result = parseRupiah('x'.repeat(100_000));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message.length).toBeLessThan(200);
  });
});

describe('parseRupiah on arbitrary text', () => {
  const alphabet = [...'0123456789.,-−  RrPpjutaJTMmkKbiliyIDR\u00a0'];
  const messy = fc.oneof(fc.string(), fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 24 }));

  it('never throws, and answers with a whole amount in range or a bilingual refusal', () => {
    fc.assert(
      fc.property(messy, (input) => {
        const result = parseRupiah(input);
        if (result.ok) {
          expect(Number.isSafeInteger(result.value)).toBe(true);
          expect(result.value).toBeGreaterThanOrEqual(0);
          expect(result.value).toBeLessThanOrEqual(MAX_DEAL_AMOUNT);
        } else {
          expect(result.error.message).not.toBe('');
          expect(result.error.pesan).not.toBe('');
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('ignores case and surrounding whitespace', () => {
    const outcome = (input: string) => {
      const result = parseRupiah(input);
      return result.ok ? result.value : result.error.code;
    };
    const typed = fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 24 });
    fc.assert(
      fc.property(typed, fc.constantFrom('', ' ', '\t', '\u00a0'), (input, pad) => {
        expect(outcome(pad + input.toUpperCase() + pad)).toEqual(outcome(input.toLowerCase().trim()));
      }),
      { numRuns: 1000 },
    );
  });
});
