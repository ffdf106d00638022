import { describe, expect, it } from 'vitest';
import { formatClock, formatStamp, recapStamp, zoneLabel } from './time.js';

describe('time in the event zone', () => {
  const at = new Date('2026-04-13T08:30:05Z');
  it('names Indonesian zones', () => {
    expect(zoneLabel('Asia/Jakarta')).toBe('WIB');
    expect(zoneLabel('Asia/Makassar')).toBe('WITA');
    expect(zoneLabel('Asia/Jayapura')).toBe('WIT');
  });
  it('writes clock times with a dot, in the zone', () => {
    expect(formatClock(at, 'Asia/Jakarta')).toBe('15.30');
    expect(formatClock(at, 'Asia/Makassar')).toBe('16.30');
    expect(formatClock(at, 'Asia/Makassar', true)).toBe('16.30.05');
  });
  it('stamps exports and recaps', () => {
    expect(formatStamp(at, 'Asia/Makassar')).toBe('2026-04-13 16.30.05 WITA');
    expect(recapStamp(at, 'Asia/Makassar')).toBe('13 April 2026, per pukul 16.30 WITA');
  });
  it('follows a zone across a daylight-saving change', () => {
    expect(formatClock(new Date('2026-03-29T00:59:59Z'), 'Europe/Berlin', true)).toBe('01.59.59');
    expect(formatClock(new Date('2026-03-29T01:00:00Z'), 'Europe/Berlin', true)).toBe('03.00.00');
    expect(formatClock(new Date('2026-11-01T04:29:59Z'), 'America/St_Johns', true)).toBe('01.59.59');
    expect(formatClock(new Date('2026-11-01T04:30:00Z'), 'America/St_Johns', true)).toBe('01.00.00');
  });
});
