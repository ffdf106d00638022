import { describe, expect, it } from 'vitest';
import { percentOfTarget, shareOf, shares } from './percent.js';

const tenthsSum = (list: string[]) => list.reduce((a, s) => a + Math.round(Number(s.replace('%', '').replace(',', '.')) * 10), 0);

describe('shares, one rule everywhere', () => {
  it('adds up to exactly 100% by largest remainder', () => {
    expect(shares([1, 1, 1], 3)).toEqual(['33,4%', '33,3%', '33,3%']);
    const parts = [123_456_789, 987_654_321, 55_555_555, 1];
    expect(tenthsSum(shares(parts, parts.reduce((a, b) => a + b, 0)))).toBe(1000);
  });

  it('gives a deal the same share in a table that lists every deal and in one that leaves some out', () => {
    // 880 jt of 1.300 jt is 67,69…%: the full table and the partial ones must not say 67,7 and 67,6.
    const whole = 1_300_000_000;
    expect(shares([880_000_000, 420_000_000], whole)[0]).toBe('67,7%');
    expect(shares([880_000_000], whole)[0]).toBe('67,7%');
    expect(shareOf(880_000_000, whole)).toBe('67,7%');
  });

  it('says nothing of a share of nothing, and never rounds progress up to a target not reached', () => {
    expect(shares([5], 0)).toEqual(['—']);
    expect(percentOfTarget(1_299_999_999, 1_300_000_000)).toBe('99,9%');
    expect(percentOfTarget(1_300_000_000, 1_300_000_000)).toBe('100%');
  });
});
