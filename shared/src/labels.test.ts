import { describe, expect, it } from 'vitest';
import { labelCase } from './labels.js';

describe('a name as a label', () => {
  it('capitalises a name written all in lower case, and leaves any other exactly as written', () => {
    expect(labelCase('hasil hutan')).toBe('Hasil hutan');
    expect(labelCase('produk olahan lainnya')).toBe('Produk olahan lainnya');
    expect(labelCase('UMKM kopi')).toBe('UMKM kopi');
    expect(labelCase('Hasil Hutan')).toBe('Hasil Hutan');
    expect(labelCase('éclair')).toBe('Éclair');
    expect(labelCase('')).toBe('');
  });
});
