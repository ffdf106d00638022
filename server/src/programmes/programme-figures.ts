import type { PublicEvent, Totals, VenueFigures, ProgrammeTotals, ProgrammeMou } from '@dealboard/shared';
import { countingVenues, exactSum, MOU_LATEST, programmeSeq } from '@dealboard/shared';
import type { VenueFreshness } from './freshness.js';


/** One venue's row from its event and totals as held: what the race of venues shows. */
export function venueFigures(event: PublicEvent, totals: Totals, freshness: VenueFreshness): VenueFigures {
  return {
    eventId: event.id,
    name: event.name,
    venue: event.venue ?? null,
    timezone: event.timezone,
    status: event.status,
    target: event.target,
    seq: totals.seq,
    total: totals.total,
    count: totals.count,
    mouCount: totals.mou?.count ?? 0,
    freshness: { ...freshness },
  };
}

/** The national figures from the venues' rows: nothing but the exact sum of those that count (not in rehearsal), and the seq that names it. */
export function nationalFigures(programmeId: string, base: number, target: number, venues: VenueFigures[]): ProgrammeTotals {
  const counting = countingVenues(venues);
  return {
    programmeId,
    seq: programmeSeq(base, venues.map((v) => v.seq)),
    base,
    total: exactSum(counting.map((v) => v.total)),
    count: counting.reduce((n, v) => n + v.count, 0),
    target,
    mouCount: counting.reduce((n, v) => n + v.mouCount, 0),
    venues,
    updatedAt: new Date().toISOString(),
  };
}

/** The latest MoUs across venues, newest first. */
export function latestMous(byEvent: Map<string, Totals>): ProgrammeMou[] {
  const all: ProgrammeMou[] = [];
  for (const [eventId, t] of byEvent) for (const m of t.mou?.latest ?? []) all.push({ ...m, eventId });
  return all.sort((a, b) => (a.signedAt < b.signedAt ? 1 : a.signedAt > b.signedAt ? -1 : 0)).slice(0, MOU_LATEST);
}
