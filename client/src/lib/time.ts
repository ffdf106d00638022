// Clocks on the board read in the event's time zone, not the laptop's: a Banjarmasin
// event shows WITA even if the organiser's laptop is set to WIB.

const INDONESIAN_ZONES: Record<string, string> = {
  'Asia/Jakarta': 'WIB',
  'Asia/Pontianak': 'WIB',
  'Asia/Makassar': 'WITA',
  'Asia/Jayapura': 'WIT',
};

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = formatters.get(key);
  if (!f) {
    try {
      f = make();
    } catch {
      // An unknown zone name must not blank the board: fall back to the device's zone.
      f = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    }
    formatters.set(key, f);
  }
  return f;
}

/** WIB / WITA / WIT for Indonesian zones, else the short name Intl knows (e.g. GMT+8). */
export function zoneLabel(timeZone: string, at: Date = new Date()): string {
  const known = INDONESIAN_ZONES[timeZone];
  if (known) return known;
  const f = formatter(`zone|${timeZone}`, () => new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }));
  return f.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
}

/** `16.30.05` (Indonesian) or `16:30:05` (English) in the given zone; 24-hour either way. */
export function formatClock(at: Date | number, timeZone: string, locale: string, withSeconds = true): string {
  const tag = locale === 'en' ? 'en-GB' : 'id-ID';
  const f = formatter(`clock|${tag}|${timeZone}|${withSeconds}`, () =>
    new Intl.DateTimeFormat(tag, { timeZone, hour: '2-digit', minute: '2-digit', ...(withSeconds ? { second: '2-digit' } : {}), hourCycle: 'h23' }),
  );
  return f.format(at);
}

/** A countdown such as `42:07` or `1:02:07`. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** "hasil hutan" → "Hasil hutan": category names are stored as typed. */
export function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase('id-ID') + text.slice(1);
}
