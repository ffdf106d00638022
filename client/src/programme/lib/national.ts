import { formatClock, formatRupiahShort, groupThousands, zoneLabel } from '@dealboard/shared';

/** An exact total given as decimal digits (it may pass 2^53), in Indonesian writing: `Rp1.300.000.000`. */
export function formatExactRupiah(digits: string | null): string {
  return digits === null || !/^\d+$/.test(digits) ? '—' : `Rp${groupThousands(digits)}`;
}

/** The short form (`Rp1,3 miliar`) of an exact total; short forms are rounded anyway. */
export function formatShortRupiah(digits: string | null): string {
  return digits === null ? '—' : formatRupiahShort(Number(digits));
}

/** "16.30 WITA": the time at `at` in a zone, with the zone's name. */
export function clockIn(at: number | string, timeZone: string, locale: string): string {
  const when = typeof at === 'string' ? Date.parse(at) : at;
  return `${formatClock(when, timeZone, { locale })} ${zoneLabel(timeZone)}`;
}
