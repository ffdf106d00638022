import { describe, expect, it } from 'vitest';
import { formatMilestones, parseMilestones } from './use-event-draft';

describe('milestones as percentages', () => {
  it('reads "25, 50, 75, 100" (with or without %) as fractions of the target, sorted', () => {
    expect(parseMilestones('25, 50, 75, 100')).toEqual([0.25, 0.5, 0.75, 1]);
    expect(parseMilestones('100% 50%; 25')).toEqual([0.25, 0.5, 1]);
    expect(parseMilestones('')).toEqual([]);
  });
  it('refuses what is not a positive number', () => {
    expect(parseMilestones('25, lima puluh')).toBeNull();
    expect(parseMilestones('0, 50')).toBeNull();
  });
  it('writes them back as the organiser typed them', () => {
    expect(formatMilestones([0.25, 0.5, 1, 1.5])).toBe('25, 50, 100, 150');
  });
});
