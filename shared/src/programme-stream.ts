import type { ProgrammeDeal, ProgrammeMou, ProgrammeUpdate, VenueFigures } from './schemas/programme.js';

// A national board's updates, decided without I/O (the server's programme hub says when, and
// writes them). Like an event's `BoardStream`: every venue row a change touched is due until an
// update carries it at its latest value, so an update from `fromSeq` applies on the chain state
// at `fromSeq` and on any snapshot taken between its `fromSeq` and its `seq` (`nextStep`). A
// change of a venue's freshness alone moves no figure and no `seq`: it goes as a follow-up at the
// same `seq` (`part` 1, 2…), which a board that missed one tells by its `fromPart`.

/** The programme's `seq`: `base` (raised by membership changes) plus each venue's own `seq`. */
export function programmeSeq(base: number, eventSeqs: Iterable<number>): number {
  let seq = base;
  for (const s of eventSeqs) seq += s;
  return seq;
}

/**
 * The venues whose figures make the national ones: all but those in rehearsal, whose rows still
 * show their own practice figures but whose deals are wiped before they go live.
 */
export function countingVenues<V extends { status: string }>(venues: V[]): V[] {
  return venues.filter((v) => v.status !== 'rehearsal');
}

/** The exact sum of the venues' totals as decimal digits: each is an exact integer, their sum may pass 2^53. */
export function exactSum(totals: Iterable<number>): string {
  let sum = 0n;
  for (const t of totals) sum += BigInt(t);
  return sum.toString();
}

/** Progress toward a target as a fraction (to 1/10,000), from an exact total. */
export function progressOf(total: string, target: number): number {
  if (target <= 0) return 0;
  return Number((BigInt(total) * 10_000n) / BigInt(target)) / 10_000;
}

/** How many changed deals an update names (the national ticker takes one or two a second). */
const NAMED_DEALS = 3;

const sameFreshness = (a: VenueFigures['freshness'], b: VenueFigures['freshness']) => a.source === b.source && a.lastHeardAt === b.lastHeardAt && a.behind === b.behind && a.stale === b.stale;

export class ProgrammeStream {
  private readonly venues = new Map<string, VenueFigures>();
  private readonly due = new Set<string>();
  private sentSeq: number;
  private part = 0;
  private deals: ProgrammeDeal[] = [];
  private dealCount = 0;
  private mous: ProgrammeMou[] | undefined;

  /** `venues`: the rows boards hold (from their snapshot), in the programme's order. */
  constructor(
    private readonly base: number,
    venues: readonly VenueFigures[],
  ) {
    for (const v of venues) this.venues.set(v.eventId, v);
    this.sentSeq = this.seq;
  }

  get seq(): number {
    return programmeSeq(this.base, [...this.venues.values()].map((v) => v.seq));
  }

  /** The rows as they stand now (sent or due), in the programme's order. */
  rows(): VenueFigures[] {
    return [...this.venues.values()];
  }

  has(eventId: string): boolean {
    return this.venues.has(eventId);
  }

  get pending(): boolean {
    return this.due.size > 0 || this.deals.length > 0 || this.mous !== undefined;
  }

  /**
   * A venue's row as it now stands (after a change of its event, or of its freshness), with the
   * deals the change touched. False when it moves nothing: an older `seq`, or the same seq and freshness.
   */
  push(row: VenueFigures, deals: readonly ProgrammeDeal[] = [], mous?: ProgrammeMou[]): boolean {
    const held = this.venues.get(row.eventId);
    if (!held || row.seq < held.seq) return false;
    const newer = row.seq > held.seq;
    if (!newer && sameFreshness(held.freshness, row.freshness) && held.name === row.name && held.target === row.target && held.status === row.status) return false;
    this.venues.set(row.eventId, row);
    this.due.add(row.eventId);
    if (newer) {
      const ids = new Set(deals.map((d) => d.id));
      this.deals = [...[...deals].reverse(), ...this.deals.filter((d) => !ids.has(d.id))];
      this.dealCount += deals.length;
      if (mous) this.mous = mous;
    }
    return true;
  }

  /** The next update, or undefined when nothing waits. */
  take(): ProgrammeUpdate | undefined {
    if (!this.pending) return undefined;
    const seq = this.seq;
    const rows = this.rows();
    const counting = countingVenues(rows);
    const followUp = seq === this.sentSeq;
    const corrections = this.deals.filter((d) => d.status === 'voided');
    const named = [...corrections, ...this.deals.filter((d) => d.status !== 'voided')].slice(0, NAMED_DEALS);
    const u: ProgrammeUpdate = {
      seq,
      fromSeq: this.sentSeq,
      total: exactSum(counting.map((v) => v.total)),
      count: counting.reduce((n, v) => n + v.count, 0),
      mouCount: counting.reduce((n, v) => n + v.mouCount, 0),
      venues: rows.filter((v) => this.due.has(v.eventId)),
      changed: named,
    };
    if (this.part) u.fromPart = this.part;
    if (followUp) u.part = this.part + 1;
    if (this.dealCount > named.length) u.more = this.dealCount - named.length;
    if (this.mous) u.mous = this.mous;
    this.sentSeq = seq;
    this.part = followUp ? this.part + 1 : 0;
    this.due.clear();
    this.deals = [];
    this.dealCount = 0;
    this.mous = undefined;
    return u;
  }
}
