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
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' })
    .formatToParts(new Date())
    .find((p) => p.type === 'timeZoneName');
  const label = part?.value ?? timeZone;
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

const pad = (n: number) => String(n).padStart(2, '0');

function parts(date: Date, timeZone: string) {
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

/** Clock time the Indonesian way, "16.30", in the event's zone. */
export function formatClock(date: Date, timeZone: string, withSeconds = false): string {
  const p = parts(date, timeZone);
  return withSeconds ? `${p.h}.${p.mi}.${p.s}` : `${p.h}.${p.mi}`;
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
