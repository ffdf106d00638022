import { z } from 'zod';
import { positiveRupiahSchema } from './common.js';
import { nameSchema } from './text.js';
import { milestonesSchema } from './event.js';
import type { BoardDeal } from './totals.js';
import type { MouBrief } from './mou.js';

/** The zone a programme's national figures are stated in ("per pukul 16.30 WIB"); each venue's own zone is shown beside it. */
export const NATIONAL_ZONE = 'Asia/Jakarta';

/** Body of `POST /api/v1/programmes`: a name, a national target, milestones, and the events (venues) it starts with. */
export const programmeCreateSchema = z
  .object({
    name: nameSchema(160),
    target: positiveRupiahSchema,
    milestones: milestonesSchema.optional(),
    events: z.array(z.string().min(1).max(64)).max(100).optional(),
  })
  .strict();
export type ProgrammeCreateInput = z.infer<typeof programmeCreateSchema>;

/** Body of `POST /api/v1/programmes/:programmeId/events`. */
export const programmeEventAddSchema = z.object({ eventId: z.string().min(1).max(64) }).strict();

/** A programme as anyone may read it. */
export type Programme = { id: string; name: string; target: number; milestones: number[]; events: { id: string; name: string }[]; createdAt: string };

/** How fresh the central's figures of a venue are (see server/src/programmes/freshness.ts). */
export type VenueFreshnessInfo = { source: 'local' | 'uplink'; lastHeardAt: string | null; behind: number | null; stale: boolean };

/** One venue (a member event) of a programme, with its own `seq` and figures as the central holds them. */
export type VenueFigures = {
  eventId: string;
  name: string;
  venue: string | null;
  timezone: string;
  status: string;
  target: number;
  /** The event's own `seq`: its figures are those of `GET /events/:eventId/totals` at that seq. */
  seq: number;
  total: number;
  count: number;
  mouCount: number;
  freshness: VenueFreshnessInfo;
};

/**
 * `GET /api/v1/programmes/:id/totals`. `total` is the exact sum of the venues' totals as a
 * decimal string (it may pass what a JSON number holds exactly); `seq` is `base` plus the sum of
 * the venues' own `seq` (see docs/API.md), so it rises by at least one on every change of a member.
 */
export type ProgrammeTotals = {
  programmeId: string;
  seq: number;
  base: number;
  total: string;
  count: number;
  target: number;
  mouCount: number;
  venues: VenueFigures[];
  updatedAt: string;
};

/** A deal on the national board: a board deal and the venue it was made at. */
export type ProgrammeDeal = BoardDeal & { eventId: string };
/** An MoU on the national board, with its venue. */
export type ProgrammeMou = MouBrief & { eventId: string };

/** Everything the national board draws from nothing. */
export type ProgrammeSnapshot = ProgrammeTotals & { programme: Programme; recent: ProgrammeDeal[]; mous: ProgrammeMou[] };

/**
 * What changed since `fromSeq` (part `fromPart`): the national figures always, the venues whose
 * figures or freshness changed (whole rows), at most a few new or corrected deals (`more`
 * counts the rest) and the latest MoUs when they changed. A change of freshness alone is a
 * follow-up at the same `seq` (`part` 1, 2…), so the chain is the event board's (`nextStep`).
 */
export type ProgrammeUpdate = {
  seq: number;
  fromSeq: number;
  part?: number;
  fromPart?: number;
  total: string;
  count: number;
  mouCount: number;
  venues: VenueFigures[];
  changed: ProgrammeDeal[];
  more?: number;
  mous?: ProgrammeMou[];
};

/** One venue's line in the national recap: its own figures at its own `seq`, stamped in its own zone. */
export type ProgrammeRecapVenue = {
  eventId: string;
  name: string;
  venue: string | null;
  timezone: string;
  zone: string;
  /** "7 Desember 2026, per pukul 17.30 WITA": the recap's moment in the venue's zone. */
  localAsOfLabel: string;
  seq: number;
  total: number;
  count: number;
  target: number;
  /** Fraction of the venue's own target. */
  progress: number;
  mouCount: number;
  source: 'local' | 'uplink';
  /** When the central last heard from the venue's uplink, in the venue's zone ('' when local or never). */
  lastHeardLabel: string;
  behind: number | null;
  stale: boolean;
};

/** `GET /api/v1/programmes/:id/recap`: the official national figures "per pukul 16.30 WIB", a line per venue. */
export type ProgrammeRecap = {
  programme: Programme;
  asOf: string;
  asOfLabel: string;
  zone: string;
  seq: number;
  /** Exact, as decimal digits (see `ProgrammeTotals.total`). */
  total: string;
  count: number;
  target: number;
  progress: number;
  mouCount: number;
  venues: ProgrammeRecapVenue[];
};
