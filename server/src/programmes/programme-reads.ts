import type { ProgrammeDeal, ProgrammeSnapshot, ProgrammeTotals, PublicEvent, Totals } from '@dealboard/shared';
import type { Db } from '../store/db.js';
import type { EventsRepo } from '../ledger/events/events-repo.js';
import type { Ledger } from '../ledger/batch/ledger.js';
import { recentDeals } from '../ledger/reads/queries.js';
import { toBoardDeal } from '../ledger/deals/deal-row.js';
import { notFound } from '../core/errors.js';
import type { VenueFreshnessSource } from './freshness.js';
import type { ProgrammesRepo } from './programmes-repo.js';
import { latestMous, nationalFigures, venueFigures } from './programme-figures.js';

/** How many recent deals across venues a national snapshot carries. */
export const PROGRAMME_RECENT = 20;

export interface ProgrammeReadDeps {
  db: Db;
  events: EventsRepo;
  ledger: Ledger;
  programmes: ProgrammesRepo;
  freshness: VenueFreshnessSource;
}

/** A member event as held now: its config and totals (the same as its own `/totals`). */
export type Member = { event: PublicEvent; totals: Totals };

/**
 * The national figures read now: each venue's totals as this server holds them (the same as
 * that event's own `/totals`), and their exact sum. Undefined when there is no such programme.
 */
export async function readMembers(deps: ProgrammeReadDeps, programmeId: string): Promise<{ base: number; members: Member[] } | undefined> {
  const programme = await deps.programmes.get(programmeId);
  const base = await deps.programmes.base(programmeId);
  if (!programme || base === undefined) return undefined;
  const members = await Promise.all(
    programme.events.map(async ({ id }) => {
      const [event, totals] = await Promise.all([deps.events.getEvent(id), deps.ledger.totals(id)]);
      return event && totals ? { event, totals } : undefined;
    }),
  );
  return { base, members: members.filter((m): m is Member => !!m) };
}

export function toTotals(deps: Pick<ProgrammeReadDeps, 'freshness'>, programmeId: string, target: number, base: number, members: Member[]): ProgrammeTotals {
  const venues = members.map((m) => venueFigures(m.event, m.totals, deps.freshness.freshness(m.event.id)));
  return nationalFigures(programmeId, base, target, venues);
}

export async function readProgrammeTotals(deps: ProgrammeReadDeps, programmeId: string): Promise<ProgrammeTotals> {
  const programme = await deps.programmes.get(programmeId);
  const read = await readMembers(deps, programmeId);
  if (!programme || !read) throw notFound('Programme', 'Program');
  return toTotals(deps, programmeId, programme.target, read.base, read.members);
}

/** The latest deals across venues, newest first, as the public boards may show them (voided and pending left out). */
export async function recentAcross(deps: Pick<ProgrammeReadDeps, 'db'>, members: Member[]): Promise<ProgrammeDeal[]> {
  const lists = await Promise.all(
    members.map(async ({ event }) =>
      (await recentDeals(deps.db, event.id, PROGRAMME_RECENT)).filter((d) => d.status === 'recorded').map((d) => ({ ...toBoardDeal(d, event.settings.sellerPrivacy), eventId: event.id })),
    ),
  );
  return lists
    .flat()
    .sort((a, b) => (a.recordedAt < b.recordedAt ? 1 : a.recordedAt > b.recordedAt ? -1 : 0))
    .slice(0, PROGRAMME_RECENT);
}

/** Everything a national board draws from nothing, read now. */
export async function readProgrammeSnapshot(deps: ProgrammeReadDeps, programmeId: string): Promise<ProgrammeSnapshot | undefined> {
  const programme = await deps.programmes.get(programmeId);
  const read = await readMembers(deps, programmeId);
  if (!programme || !read) return undefined;
  const recent = await recentAcross(deps, read.members);
  const mous = latestMous(new Map(read.members.map((m) => [m.event.id, m.totals])));
  return { ...toTotals(deps, programmeId, programme.target, read.base, read.members), programme, recent, mous };
}
