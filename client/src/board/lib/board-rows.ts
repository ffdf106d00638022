import type { PublicEvent, Totals } from '@dealboard/shared';
import { capitalise } from '../../lib/time';

/** One line of a ranked list on the board: a name, the server's sum for it, and how many deals. */
export interface RankedRow {
  id: string;
  name: string;
  /** A second, quieter name (the booth's delegation). */
  sub?: string;
  total: number;
  count: number;
}

const byTotal = (a: RankedRow, b: RankedRow) => b.total - a.total || a.name.localeCompare(b.name, 'id');

/** A category's name for a screen in `locale`: its English name in English where the event gives one, capitalised. */
export function categoryLabel(c: { name: string; nameEn?: string | null }, locale: string): string {
  return capitalise(locale === 'en' && c.nameEn ? c.nameEn : c.name);
}

/** Every configured category, sold or not, busiest first: the audience sees what sells (named by `names` where given). */
export function categoryRows(event: PublicEvent | null, totals: Totals | null, names?: ReadonlyMap<string, string>): RankedRow[] {
  const sums = new Map((totals?.byCategory ?? []).map((c) => [c.categoryId, c]));
  return (event?.categories ?? [])
    .map((c) => ({ id: c.id, name: names?.get(c.id) ?? capitalise(c.name), total: sums.get(c.id)?.total ?? 0, count: sums.get(c.id)?.count ?? 0 }))
    .sort(byTotal);
}

/** Booths that sold, best first, named from the event's booth list (a booth removed since is "another booth"). */
export function boothRows(event: PublicEvent | null, totals: Totals | null, unknownName: string): RankedRow[] {
  const booths = new Map((event?.booths ?? []).map((b) => [b.id, b]));
  const delegations = new Map((event?.delegations ?? []).map((d) => [d.id, d.name]));
  return (totals?.byBooth ?? [])
    .filter((b) => b.total > 0)
    .map((b) => {
      const booth = booths.get(b.boothId);
      const sub = booth ? delegations.get(booth.delegationId) : undefined;
      return { id: b.boothId, name: booth?.name ?? unknownName, ...(sub ? { sub } : {}), total: b.total, count: b.count };
    })
    .sort(byTotal);
}

/** Seller delegation → buyer delegation ("Jatim → Kalsel"); a deal without a buyer delegation goes to `otherBuyers` ("Kalsel → pembeli lain"). */
export function flowRows(event: PublicEvent | null, totals: Totals | null, otherBuyers: string): RankedRow[] {
  const names = new Map((event?.delegations ?? []).map((d) => [d.id, d.name]));
  const name = (id: string | null) => (id === null || id === '' ? otherBuyers : (names.get(id) ?? id));
  return (totals?.byFlow ?? [])
    .filter((f) => f.total > 0)
    .map((f) => ({ id: `${f.from}>${f.to ?? ''}`, name: `${name(f.from)} → ${name(f.to)}`, total: f.total, count: f.count }))
    .sort(byTotal);
}
