import { describe, expect, it } from 'vitest';
import { formatDuration } from './time';

describe('board countdown', () => {
  it('counts down in minutes and seconds, with hours when needed', () => {
    expect(formatDuration(42 * 60_000 + 7_000)).toBe('42:07');
    expect(formatDuration(3_727_000)).toBe('1:02:07');
    expect(formatDuration(-5)).toBe('00:00');
  });
});
