import { describe, expect, it } from 'vitest';
import { percent } from './percent';

describe('percent of target', () => {
  it('writes a decimal comma and never rounds up to a milestone not reached', () => {
    expect(percent(1_300_000_000, 1_300_000_000)).toBe('100%');
    expect(percent(549_999_999, 1_300_000_000)).toBe('42,3%');
    expect(percent(1_299_999_999, 1_300_000_000)).toBe('99,9%');
    expect(percent(0, 10)).toBe('0%');
  });
  it('shows a dash when there is nothing to compare with', () => {
    expect(percent(5, 0)).toBe('—');
  });
});
