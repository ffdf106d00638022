import { describe, it, expect } from 'vitest';
import { rupiahTextSchema } from './schema.js';

describe('rupiahTextSchema', () => {
  it('outputs whole rupiah', () => {
    expect(rupiahTextSchema.parse('Rp 1,3 M')).toBe(1_300_000_000);
  });

  it('carries the refusal code and Indonesian text', () => {
    const result = rupiahTextSchema.safeParse('1.5 juta');
    expect(result.success).toBe(false);
    const issue = result.error?.issues[0];
    expect(issue?.message).toContain('“1,5 juta”');
    expect(issue?.code).toBe('custom');
    expect(issue && 'params' in issue ? issue.params : undefined).toMatchObject({ code: 'ambiguous', pesan: expect.stringContaining('koma') });
  });

  it('refuses non-strings', () => {
    expect(rupiahTextSchema.safeParse(1000).success).toBe(false);
  });
});
