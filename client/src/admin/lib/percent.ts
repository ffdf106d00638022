import { formatNumberId } from '@dealboard/shared';

/** `part` of `whole` as an Indonesian percentage with one decimal ("42,3%"), cut not rounded. */
export function percent(part: number, whole: number): string {
  if (whole <= 0) return '—';
  const tenths = Math.floor((part * 1000) / whole) / 10;
  return `${formatNumberId(tenths)}%`;
}

/**
 * Each part's share of `whole` with one decimal, rounded so that parts adding up to the whole
 * show shares adding up to exactly 100% (largest remainder: cut every share to its tenth, then
 * give the tenths left over to the shares cut the most).
 */
export function shares(parts: readonly number[], whole: number): string[] {
  if (whole <= 0) return parts.map(() => '—');
  const exact = parts.map((p) => (p * 1000) / whole);
  const tenths = exact.map(Math.floor);
  const sum = parts.reduce((a, b) => a + b, 0);
  let left = sum === whole ? 1000 - tenths.reduce((a, b) => a + b, 0) : 0;
  const order = exact.map((x, i) => [x - tenths[i]!, i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left <= 0) break;
    tenths[i]! += 1;
    left--;
  }
  return tenths.map((t) => `${formatNumberId(t / 10)}%`);
}
