// Zone names and clock times come from @dealboard/shared (`zoneLabel`, `formatClock`), like the server's.

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
