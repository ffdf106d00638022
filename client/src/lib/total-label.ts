import type { DealKind } from '@dealboard/shared';

/** The message key of the big total's label: it says what it counts (the event's counted kinds). */
export function totalLabelKey(kinds: readonly DealKind[] | undefined): string {
  if (kinds?.length === 1) return kinds[0] === 'investment' ? 'mou.totalInvestment' : 'mou.totalTrade';
  return kinds?.length === 2 ? 'mou.totalBoth' : 'board.total';
}
