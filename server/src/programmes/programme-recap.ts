import { formatStamp, NATIONAL_ZONE, progressOf, recapStamp, zoneLabel, type Programme, type ProgrammeRecap, type ProgrammeTotals } from '@dealboard/shared';

/** The national recap from the figures read once: the national line is exactly the sum of the venue lines. */
export function buildProgrammeRecap(programme: Programme, totals: ProgrammeTotals, now = new Date()): ProgrammeRecap {
  return {
    programme,
    asOf: now.toISOString(),
    asOfLabel: recapStamp(now, NATIONAL_ZONE),
    zone: zoneLabel(NATIONAL_ZONE),
    seq: totals.seq,
    total: totals.total,
    count: totals.count,
    target: totals.target,
    progress: progressOf(totals.total, totals.target),
    mouCount: totals.mouCount,
    venues: totals.venues.map((v) => ({
      eventId: v.eventId,
      name: v.name,
      venue: v.venue,
      timezone: v.timezone,
      zone: zoneLabel(v.timezone),
      localAsOfLabel: recapStamp(now, v.timezone),
      seq: v.seq,
      total: v.total,
      count: v.count,
      target: v.target,
      progress: progressOf(String(v.total), v.target),
      mouCount: v.mouCount,
      source: v.freshness.source,
      lastHeardLabel: v.freshness.lastHeardAt ? formatStamp(new Date(v.freshness.lastHeardAt), v.timezone) : '',
      behind: v.freshness.behind,
      stale: v.freshness.stale,
    })),
  };
}
