import { describe, expect, it } from 'vitest';
import { formatClock, formatDuration, zoneLabel } from './time';

describe('board clock', () => {
  const at = Date.parse('2026-04-13T08:30:05Z');

  it('reads the time in the event zone and names Indonesian zones the local way', () => {
    expect(formatClock(at, 'Asia/Makassar', 'id')).toBe('16.30.05');
    expect(formatClock(at, 'Asia/Jakarta', 'en')).toBe('15:30:05');
    expect(zoneLabel('Asia/Makassar')).toBe('WITA');
    expect(zoneLabel('Asia/Jakarta')).toBe('WIB');
    expect(zoneLabel('Asia/Jayapura')).toBe('WIT');
  });

  it('does not fail on a zone name it does not know', () => {
    expect(() => formatClock(at, 'Mars/Olympus', 'id')).not.toThrow();
  });

  it('counts down in minutes and seconds, with hours when needed', () => {
    expect(formatDuration(42 * 60_000 + 7_000)).toBe('42:07');
    expect(formatDuration(3_727_000)).toBe('1:02:07');
    expect(formatDuration(-5)).toBe('00:00');
  });
});
