// The event form takes wall-clock times in the event's zone, whatever zone the laptop
// is set to: an organiser in Surabaya sets up a Banjarmasin event in WITA.
import { zoneOffsetMs } from '@dealboard/shared';

/** Indonesia's zones have no daylight saving: their offsets are fixed. */
const FIXED_OFFSETS: Record<string, number> = {
  'Asia/Jakarta': 7 * 60,
  'Asia/Pontianak': 7 * 60,
  'Asia/Makassar': 8 * 60,
  'Asia/Ujung_Pandang': 8 * 60,
  'Asia/Jayapura': 9 * 60,
};

/** The zones offered first in the form. */
export const INDONESIAN_ZONES = [
  { zone: 'Asia/Jakarta', label: 'WIB' },
  { zone: 'Asia/Makassar', label: 'WITA' },
  { zone: 'Asia/Jayapura', label: 'WIT' },
] as const;

const LOCAL_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** Whether the runtime knows this IANA zone. */
export function isValidZone(timeZone: string): boolean {
  if (!timeZone) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

/** Minutes east of UTC of `timeZone` at the instant `ms`. */
export function offsetMinutes(timeZone: string, ms: number): number {
  const fixed = FIXED_OFFSETS[timeZone];
  if (fixed !== undefined) return fixed;
  return Math.round(zoneOffsetMs(ms, timeZone) / 60_000);
}

/** `+07:00` for 420 minutes. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * `2026-04-13T09:00` (a `datetime-local` value) read in `timeZone` →
 * `2026-04-13T09:00:00+08:00`. Null for an empty or malformed value or unknown zone.
 */
export function localToIso(local: string, timeZone: string): string | null {
  const m = LOCAL_RE.exec(local.trim());
  if (!m || !isValidZone(timeZone)) return null;
  const [, y, mo, d, h, mi, s = '00'] = m;
  const wall = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(wall)) return null;
  // Two passes settle the offset around a daylight-saving change in zones that have one.
  let offset = offsetMinutes(timeZone, wall);
  offset = offsetMinutes(timeZone, wall - offset * 60_000);
  return `${y}-${mo}-${d}T${h}:${mi}:${s}${formatOffset(offset)}`;
}

/** An instant → the `datetime-local` value showing it in `timeZone` (minutes precision). */
export function isoToLocal(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms) || !isValidZone(timeZone)) return '';
  const shifted = new Date(ms + offsetMinutes(timeZone, ms) * 60_000);
  return shifted.toISOString().slice(0, 16);
}
