import { formatRupiah, formatStamp } from '@dealboard/shared';

/** One changed field of an audit entry, in words: "Status: Tercatat → Dibatalkan". */
export type ChangeLine = { field: string; before: string | null; after: string | null };

type Translate = { t: (key: string) => string; te: (key: string) => boolean };

/** Fields that hold whole Rupiah. */
const MONEY = new Set(['amount', 'target', 'value', 'total', 'threshold', 'approvalThreshold', 'buyerConfirmThreshold', 'slipGuardThreshold']);
/** Fields an organiser gains nothing from (the row already names its subject). */
const NOISE = new Set(['id', 'eventId']);
/** Fields whose values are a fixed set of words (statuses, kinds), said in the console's language. */
const WORDS = new Set(['status', 'buyerState', 'kind', 'flag']);
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Nested objects (a settings patch's branding) become dotted fields; arrays and plain values stay. */
function flatten(value: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>();
  if (value === null || value === undefined) return out;
  if (typeof value !== 'object' || Array.isArray(value)) {
    out.set(prefix || 'value', value);
    return out;
  }
  for (const [k, v] of Object.entries(value)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object' && !Array.isArray(v)) for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
    else out.set(key, v);
  }
  return out;
}

/**
 * An audit entry's `before` and `after` as an organiser reads them: one line per field that
 * changed (or was set, or cleared), named in the console's language, amounts in Rupiah, times in
 * the event's zone, statuses and yes/no in words. Keys nobody labelled are still shown, spelled out.
 */
export function changeLines(before: unknown, after: unknown, timeZone: string, { t, te }: Translate): ChangeLine[] {
  const was = flatten(before);
  const now = flatten(after);
  const label = (key: string) => {
    const last = key.split('.').pop()!;
    const k = `console.audit.fields.${last}`;
    return te(k) ? t(k) : last.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  };
  const word = (key: string, v: unknown): string => {
    const last = key.split('.').pop()!;
    if (v === null || v === undefined || v === '') return '—';
    if (typeof v === 'boolean') return t(v ? 'console.audit.yes' : 'console.audit.no');
    if (typeof v === 'number') return MONEY.has(last) ? formatRupiah(v) : v.toLocaleString('id-ID');
    if (Array.isArray(v)) return v.length ? v.map((x) => word(key, x)).join(', ') : '—';
    if (typeof v !== 'string') return JSON.stringify(v);
    if (WORDS.has(last)) for (const k of [`console.audit.values.${v}`, `console.status.${v}`]) if (te(k)) return t(k);
    if (ISO.test(v)) return formatStamp(new Date(v), timeZone);
    if (v.startsWith('data:')) return t('console.audit.image');
    return v.length > 80 ? `${v.slice(0, 79)}…` : v;
  };
  const lines: ChangeLine[] = [];
  for (const key of new Set([...was.keys(), ...now.keys()])) {
    if (NOISE.has(key)) continue;
    const a = was.has(key) ? word(key, was.get(key)) : null;
    const b = now.has(key) ? word(key, now.get(key)) : null;
    if (a !== null && b !== null && a === b) continue;
    lines.push({ field: label(key), before: a, after: b });
  }
  return lines;
}
