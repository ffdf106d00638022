import type { ClimbPointDelta, Deal, Totals } from '@dealboard/shared';
import { sql } from 'kysely';
import { isPostgres, type Db } from '../../store/db.js';
import type { DealsTable } from '../../store/schema.js';
import { readTotals, readTotalsWith } from '../figures/totals.js';
import { changedDeals, CHANGED_DEALS_LIMIT, NONE_UNLISTED, type Unlisted } from '../reads/queries.js';
import { latestClimb } from '../figures/climb.js';
import { toDeal } from '../deals/deal-row.js';

/** What the feed hands its consumers for a change it did not come with (`unlisted`: its deals past those listed). */
export type ChangeRead = { totals: Totals; deals: Deal[]; unlisted: Unlisted; climb: ClimbPointDelta[] };

/** For a deals change: the deals after `afterSeq` (after the last one when not given) up to `upToSeq` (the totals' `seq` when not given), and those named by id (corrections). */
export type DealsWanted = { afterSeq?: number; upToSeq?: number; dealIds: string[] };

/**
 * A change's figures as stored: the totals, and for a deals change its deals (see `DealsWanted`;
 * oldest first, the newest `CHANGED_DEALS_LIMIT` of them, then those named by id; the rest
 * counted by booth) and the climb's latest points. On PostgreSQL, where every node reads this
 * for the changes it hears of, one statement (one snapshot, so the deals and climb are those of the totals); on
 * SQLite, in the process, three reads.
 */
export async function readChange(db: Db, eventId: string, wanted?: DealsWanted): Promise<ChangeRead | undefined> {
  if (!wanted || !isPostgres(db)) {
    const totals = await readTotals(db, eventId);
    if (!totals || !wanted) return totals && { totals, deals: [], unlisted: NONE_UNLISTED, climb: [] };
    const changed = await changedDeals(db, eventId, wanted.afterSeq ?? totals.seq - 1, wanted.upToSeq ?? totals.seq, wanted.dealIds);
    return { totals, ...changed, climb: await latestClimb(db, eventId) };
  }
  const inRange = sql`event_id = e.id and seq > coalesce(${wanted.afterSeq ?? null}::int, e.seq - 1) and seq <= coalesce(${wanted.upToSeq ?? null}::int, e.seq)`;
  const read = await readTotalsWith<{ fresh: DealsTable[]; past: [string, number][]; named: DealsTable[]; climb: [number, number][] }>(db, eventId, sql`,
      (select coalesce(json_agg(d order by d.seq), '[]') from (select * from deals where ${inRange} order by seq desc limit ${CHANGED_DEALS_LIMIT}) d) as fresh,
      (select coalesce(json_agg(json_build_array(booth_id, n)), '[]') from (
        select booth_id, count(*) filter (where status <> 'pending') n from (
          select booth_id, status from deals where ${inRange} order by seq desc offset ${CHANGED_DEALS_LIMIT}) o group by booth_id) p) as past,
      (select coalesce(json_agg(d), '[]') from deals d where d.event_id = e.id and d.id = any(${wanted.dealIds.slice(0, CHANGED_DEALS_LIMIT)}::text[])) as named,
      (select coalesce(json_agg(json_build_array(c.idx, c.total) order by c.idx), '[]') from (
        select idx, total from climb_points where event_id = e.id order by idx desc limit 2) c) as climb`);
  if (!read) return undefined;
  const { fresh, past, named, climb } = read.row;
  const corrected = named.filter((n) => !fresh.some((f) => f.id === n.id));
  const unlisted = { deals: past.reduce((n, [, k]) => n + Number(k), 0), boothIds: past.map(([b]) => b) };
  return { totals: read.totals, deals: [...fresh, ...corrected].map(toDeal), unlisted, climb: climb.map(([idx, total]): ClimbPointDelta => [Number(idx), Number(total)]) };
}
