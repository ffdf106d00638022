/**
 * A short one-line rendering of an audit `before`/`after` value: long strings (an
 * uploaded logo is a data: URL) are cut so a row stays readable.
 */
export function compactJson(value: unknown, maxString = 48, maxTotal = 240): string {
  if (value === null || value === undefined) return '—';
  const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' && v.length > maxString ? `${v.slice(0, maxString - 1)}…` : v));
  if (text === undefined) return '—';
  return text.length > maxTotal ? `${text.slice(0, maxTotal - 1)}…` : text;
}
