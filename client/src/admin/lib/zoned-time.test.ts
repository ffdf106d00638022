import { describe, expect, it } from 'vitest';
import { formatOffset, isoToLocal, localToIso, offsetMinutes } from './zoned-time';

describe('event times in the event zone', () => {
  it('writes the offset of WIB, WITA and WIT', () => {
    expect(localToIso('2026-04-13T09:00', 'Asia/Jakarta')).toBe('2026-04-13T09:00:00+07:00');
    expect(localToIso('2026-04-13T09:00', 'Asia/Makassar')).toBe('2026-04-13T09:00:00+08:00');
    expect(localToIso('2026-04-13T09:00', 'Asia/Jayapura')).toBe('2026-04-13T09:00:00+09:00');
  });

  it('computes other zones with Intl, daylight saving included', () => {
    expect(localToIso('2026-01-15T10:30', 'Europe/Amsterdam')).toBe('2026-01-15T10:30:00+01:00');
    expect(localToIso('2026-07-15T10:30', 'Europe/Amsterdam')).toBe('2026-07-15T10:30:00+02:00');
    expect(localToIso('2026-04-13T09:00', 'Asia/Kolkata')).toBe('2026-04-13T09:00:00+05:30');
    expect(offsetMinutes('America/New_York', Date.parse('2026-01-15T12:00:00Z'))).toBe(-300);
    expect(formatOffset(-300)).toBe('-05:00');
  });

  it('refuses an empty value or an unknown zone', () => {
    expect(localToIso('', 'Asia/Jakarta')).toBeNull();
    expect(localToIso('2026-04-13T09:00', 'Mars/Olympus')).toBeNull();
  });

  it('shows a stored instant as wall time in the zone, round trip', () => {
    expect(isoToLocal('2026-04-13T01:00:00Z', 'Asia/Makassar')).toBe('2026-04-13T09:00');
    expect(isoToLocal('2026-04-13T09:00:00+07:00', 'Asia/Makassar')).toBe('2026-04-13T10:00');
    const iso = localToIso('2026-10-25T02:30', 'Europe/London')!;
    expect(isoToLocal(iso, 'Europe/London')).toBe('2026-10-25T02:30');
  });
});
