/** Indonesian names of the country's three zones; other zones fall back to their UTC offset. */
const ZONE_LABELS: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Ujung_Pandang': 'WITA',
  'Asia/Jayapura': 'WIT',
};

/** "WIB", "WITA", "WIT", or e.g. "GMT+9" for a zone outside Indonesia. */
export function zoneLabel(timeZone: string): string {
  const known = ZONE_LABELS[timeZone];
  if (known) return known;
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' })
    .formatToParts(new Date())
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

function parts(date: Date, timeZone: string) {
  const fmt = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  });
  const get = (type: string) => fmt.formatToParts(date).find((p) => p.type === type)?.value ?? '00';
  return { y: get('year'), mo: get('month'), d: get('day'), h: get('hour'), mi: get('minute'), s: get('second') };
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
