import { describe, expect, it } from 'vitest';
import { dealInputSchema } from './deal.js';
import { normalizeText } from './text.js';

describe('normalizeText', () => {
  it('drops what a name never needs and keeps what it does', () => {
    expect(normalizeText('  Kopi\u0000 \u200bDayak\u202e ')).toBe('Kopi Dayak');
    expect(normalizeText('a\ud800b\udc00c')).toBe('a\ufffdb\ufffdc');
    expect(normalizeText('Kope\u0301\u00a0\t\nDayak 😀👍🏽')).toBe('Kop\u00e9 Dayak 😀👍🏽');
    expect(normalizeText('\u200b\u200c\u200d\u2060\ufeff\u3164\u2066\u2069')).toBe('');
  });

  it('makes a blank optional the same as none, so a resend fingerprints alike', () => {
    const base = { id: '3f1c2b9e-8a7d-4c6b-9e5f-1a2b3c4d5e6f', amount: 5, category: 'c', seller: 'A', buyer: 'B' };
    const plain = dealInputSchema.parse(base);
    for (const blank of [{ note: '' }, { note: ' \u200b ' }, { unit: null }, { quantity: '' }, { kind: '' }, { buyerDelegation: '  ' }, { createdAt: '' }]) {
      expect(dealInputSchema.parse({ ...base, ...blank }), JSON.stringify(blank)).toEqual(plain);
    }
  });
});
