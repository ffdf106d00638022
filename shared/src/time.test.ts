import { describe, expect, it } from 'vitest';
import { formatClock, formatStamp, recapStamp, zoneLabel } from './time.js';

describe('time in the event zone', () => {
  const at = new Date('2026-04-13T08:30:05Z');
  it('names Indonesian zones', () => {
    // Asia/Ujung_Pandang is Makassar's old name: the board, the tablet and the recap all say WITA, not GMT+8.
    expect(['Asia/Jakarta', 'Asia/Makassar', 'Asia/Jayapura', 'Asia/Ujung_Pandang'].map(zoneLabel)).toEqual(['WIB', 'WITA', 'WIT', 'WITA']);
  });
  it('writes English clock times with a colon, and takes a timestamp as well as a date', () => {
    expect(formatClock(at.getTime(), 'Asia/Jakarta', { locale: 'en', seconds: true })).toBe('15:30:05');
    expect(formatClock(at.getTime(), 'Asia/Makassar', { locale: 'id' })).toBe('16.30');
  });
  it('does not fail on a zone name it does not know', () => {
    expect(formatClock(at, 'Mars/Olympus')).toMatch(/^\d\d\.\d\d$/);
    expect(zoneLabel('Mars/Olympus')).toBe('Mars/Olympus');
  });
  it('writes clock times with a dot, in the zone', () => {
    expect(formatClock(at, 'Asia/Jakarta')).toBe('15.30');
    expect(formatClock(at, 'Asia/Makassar')).toBe('16.30');
    expect(formatClock(at, 'Asia/Makassar', { seconds: true })).toBe('16.30.05');
  });
  it('stamps exports and recaps', () => {
    expect(formatStamp(at, 'Asia/Makassar')).toBe('2026-04-13 16.30.05 WITA');
    expect(recapStamp(at, 'Asia/Makassar')).toBe('13 April 2026, per pukul 16.30 WITA');
  });
  it('follows a zone across a daylight-saving change', () => {
    expect(formatClock(new Date('2026-03-29T00:59:59Z'), 'Europe/Berlin', { seconds: true })).toBe('01.59.59');
    expect(formatClock(new Date('2026-03-29T01:00:00Z'), 'Europe/Berlin', { seconds: true })).toBe('03.00.00');
    expect(formatClock(new Date('2026-11-01T04:29:59Z'), 'America/St_Johns', { seconds: true })).toBe('01.59.59');
    expect(formatClock(new Date('2026-11-01T04:30:00Z'), 'America/St_Johns', { seconds: true })).toBe('01.00.00');
  });
});
