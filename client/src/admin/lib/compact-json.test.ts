import { describe, expect, it } from 'vitest';
import { compactJson } from './compact-json';

describe('audit values on one line', () => {
  it('keeps short values as JSON', () => {
    expect(compactJson({ target: 1_300_000_000 })).toBe('{"target":1300000000}');
    expect(compactJson(null)).toBe('—');
  });
  it('cuts a logo data URL and an overlong change', () => {
    const logo = `data:image/png;base64,${'A'.repeat(5000)}`;
    const shown = compactJson({ settings: { branding: { logo } } });
    expect(shown.length).toBeLessThan(100);
    expect(shown).toContain('data:image/png;base64,AAAA');
    expect(compactJson({ names: Array.from({ length: 100 }, (_, i) => `kategori ${i}`) }).length).toBe(240);
  });
});
