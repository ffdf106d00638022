import { formatNumberId } from './money/index.js';

/**
 * Each part's share of `whole` in tenths of a percent, by one rule everywhere (the recap's tables,
 * the console, the exports): largest remainder. Every share is cut to its tenth, then the tenths
 * left over go to the shares cut the most. When the parts do not add up to the whole (a table that
 * leaves some deals out) the rest takes part as one more, unseen share, so a part gets the same
 * tenth whether or not its table lists everything; shares of a table that does add up to exactly
 * 100,0 %.
 */
export function shareTenths(parts: readonly number[], whole: number): (number | null)[] {
  if (!(whole > 0)) return parts.map(() => null);
  const rest = Math.max(0, whole - parts.reduce((a, b) => a + b, 0));
  const all = [...parts, rest];
  const exact = all.map((p) => (p * 1000) / whole);
  const tenths = exact.map(Math.floor);
  let left = 1000 - tenths.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - tenths[i]!, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    tenths[i]! += 1;
    left--;
  }
  return tenths.slice(0, parts.length);
}

/** A share in tenths written the Indonesian way ("67,7%"), a dash when there is no whole to share. */
export const formatTenths = (tenths: number | null): string => (tenths === null ? '—' : `${formatNumberId(tenths / 10)}%`);

/** Each part's share of `whole`, written ("67,7%"); see {@link shareTenths}. */
export function shares(parts: readonly number[], whole: number): string[] {
  return shareTenths(parts, whole).map(formatTenths);
}

/** One part's share of `whole` by the same rule (the part against the rest). */
export const shareOf = (part: number, whole: number): string => shares([part], whole)[0]!;

/**
 * Progress toward a target, which is not a share: cut, never rounded, so a board or recap never says
 * 100% (or any milestone) before it is reached.
 */
export function percentOfTarget(part: number, whole: number): string {
  if (whole <= 0) return '—';
  return `${formatNumberId(Math.floor((part * 1000) / whole) / 10)}%`;
}
