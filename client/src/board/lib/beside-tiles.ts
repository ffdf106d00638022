import { formatNumberId, formatRupiahShort, type Totals } from '@dealboard/shared';
import { fitFontEm } from './fit-text';

type Tile = { key: string; label: string; sub: string; value: string; size: number };

/**
 * The board's tiles beside the money: the amount buyers confirmed (against what booths
 * reported) and the MoUs signed (never part of the total).
 */
export function besideTiles(x: Totals | null, t: (key: string, named?: Record<string, unknown>) => string, inner: number): Tile[] {
  const reported = x ? x.byKind.trade.total + x.byKind.investment.total : 0;
  const confirmed = x?.confirmed?.total ?? 0;
  const share = reported > 0 ? `${formatNumberId(Math.round((confirmed / reported) * 1000) / 10)}%` : '—';
  const money = x ? formatRupiahShort(confirmed) : '—';
  const mous = x?.mou ? formatNumberId(x.mou.count) : '—';
  return [
    { key: 'confirmed', label: t('mou.confirmedShare'), sub: t('mou.ofReported', { percent: share }), value: money, size: fitFontEm(money, inner, 2.8) },
    { key: 'mou', label: t('mou.counter'), sub: x?.mou?.value ? formatRupiahShort(x.mou.value) : '', value: mous, size: fitFontEm(mous, inner, 2.8) },
  ];
}
