// Clocks read in the event's time zone, not the device's: a Banjarmasin event shows WITA on the
// board, the tablet and the recap even where the laptop is set to WIB. The one zone table and
// clock formatter of the server and every screen.

/** Indonesian names of the country's three zones; other zones fall back to their UTC offset. */
const ZONE_LABELS: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Ujung_Pandang': 'WITA',
  'Asia/Jayapura': 'WIT',
};

const labels = new Map<string, { hour: number; label: string }>();

/** "WIB", "WITA", "WIT", or e.g. "GMT+9" for a zone outside Indonesia. */
export function zoneLabel(timeZone: string): string {
  const known = ZONE_LABELS[timeZone];
  if (known) return known;
  const hour = Math.floor(Date.now() / 3_600_000);
  const cached = labels.get(timeZone);
  if (cached?.hour === hour) return cached.label;
  let label = timeZone;
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' })
      .formatToParts(new Date())
      .find((p) => p.type === 'timeZoneName');
    label = part?.value ?? timeZone;
  } catch {
    // An unknown zone name is shown as it is rather than blanking a screen.
  }
  if (labels.size >= 1_000) labels.clear();
  labels.set(timeZone, { hour, label });
  return label;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Zone offset by zone and quarter hour: offsets change only on quarter hours, and an export stamps 10^5 rows. */
const offsets = new Map<string, number>();
const QUARTER_HOUR = 900_000;

/** How far `timeZone`'s wall clock is ahead of UTC at the instant `ms`, in ms (cached per quarter hour: zones change offset only on one). */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  const bucket = Math.floor(ms / QUARTER_HOUR) * QUARTER_HOUR;
  const key = `${timeZone}|${bucket}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    let fmt = formatters.get(timeZone);
    if (!fmt && !validZone(timeZone)) return -new Date(bucket).getTimezoneOffset() * 60_000;
    if (!fmt) {
      fmt = new Intl.DateTimeFormat('en-GB', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      });
      formatters.set(timeZone, fmt);
    }
    const p = Object.fromEntries(fmt.formatToParts(new Date(bucket)).map((x) => [x.type, Number(x.value)]));
    offset = Date.UTC(p.year!, p.month! - 1, p.day, p.hour, p.minute, p.second) - bucket;
    if (offsets.size >= 10_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}

/** An unknown zone name must not blank a screen: its clock falls back to the device's zone. */
function validZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone });
    return true;
  } catch {
    return false;
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

function parts(at: Date | number, timeZone: string) {
  const date = typeof at === 'number' ? new Date(at) : at;
  const local = new Date(date.getTime() + zoneOffsetMs(date.getTime(), timeZone));
  return {
    y: String(local.getUTCFullYear()),
    mo: pad(local.getUTCMonth() + 1),
    d: pad(local.getUTCDate()),
    h: pad(local.getUTCHours()),
    mi: pad(local.getUTCMinutes()),
    s: pad(local.getUTCSeconds()),
  };
}

export type ClockOptions = {
  /** "16.30.05" rather than "16.30". */
  seconds?: boolean;
  /** `en` writes "16:30"; anything else the Indonesian "16.30". 24-hour either way. */
  locale?: string;
};

/** Clock time in the event's zone: "16.30" (Indonesian, the default) or "16:30" (English). */
export function formatClock(at: Date | number, timeZone: string, options: ClockOptions = {}): string {
  const p = parts(at, timeZone);
  const sep = options.locale === 'en' ? ':' : '.';
  return options.seconds ? `${p.h}${sep}${p.mi}${sep}${p.s}` : `${p.h}${sep}${p.mi}`;
}

/** "2026-04-13 16.30.05 WITA": a timestamp for exports and audit trails. */
export function formatStamp(date: Date, timeZone: string): string {
  const p = parts(date, timeZone);
  return `${p.y}-${p.mo}-${p.d} ${p.h}.${p.mi}.${p.s} ${zoneLabel(timeZone)}`;
}

const MONTHS_ID = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

/** "13 April 2026, per pukul 16.30 WITA": the line an official recap is stamped with. */
export function recapStamp(date: Date, timeZone: string): string {
  const p = parts(date, timeZone);
  return `${Number(p.d)} ${MONTHS_ID[Number(p.mo) - 1]} ${p.y}, per pukul ${p.h}.${p.mi} ${zoneLabel(timeZone)}`;
}
