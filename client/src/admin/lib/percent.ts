import { formatNumberId } from '@dealboard/shared';

/** `part` of `whole` as an Indonesian percentage with one decimal ("42,3%"), cut not rounded. */
export function percent(part: number, whole: number): string {
  if (whole <= 0) return '—';
  const tenths = Math.floor((part * 1000) / whole) / 10;
  return `${formatNumberId(tenths)}%`;
}
