import { ProgrammeStream, type Programme, type ProgrammeDeal, type ProgrammeMou, type ProgrammeSnapshot, type ProgrammeUpdate, type Totals } from '@dealboard/shared';
import type { Change } from '../ledger/feed/change-feed.js';
import { toBoardDeal } from '../ledger/deals/deal-row.js';
import { latestMous, nationalFigures, venueFigures } from '../programmes/programme-figures.js';
import { PROGRAMME_RECENT, readMembers, recentAcross, type Member, type ProgrammeReadDeps } from '../programmes/programme-reads.js';

/** A national board as the hub writes to it. */
export type ProgrammeTarget = { readonly connected: boolean; emit(event: 'programme:update', update: ProgrammeUpdate): unknown; emit(event: 'programme:snapshot', snap: ProgrammeSnapshot): unknown };

/**
 * One programme's national boards and what they hold: the venues' rows as the feed last handed
 * them (a `ProgrammeStream`), the latest deals and MoUs across venues. Paced like an event's
 * coalescer: the first change of a quiet period goes at once, then at most one update per interval.
 * A snapshot is built from the same state as the updates, so the two never disagree.
 */
export class ProgrammeHub {
  readonly boards = new Set<ProgrammeTarget>();
  private lastSentAt = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  private constructor(
    private readonly programme: Programme,
    private readonly base: number,
    private readonly target: number,
    private readonly stream: ProgrammeStream,
    private readonly totals: Map<string, Totals>,
    private recent: ProgrammeDeal[],
    private mous: ProgrammeMou[],
    private readonly deps: ProgrammeReadDeps,
    private readonly intervalMs: number,
  ) {}

  /** The hub of a programme read from the store now; undefined when there is no such programme. */
  static async open(deps: ProgrammeReadDeps, programmeId: string, intervalMs: number): Promise<ProgrammeHub | undefined> {
    const programme = await deps.programmes.get(programmeId);
    const read = await readMembers(deps, programmeId);
    if (!programme || !read) return undefined;
    const rows = read.members.map((m: Member) => venueFigures(m.event, m.totals, deps.freshness.freshness(m.event.id)));
    const totals = new Map(read.members.map((m) => [m.event.id, m.totals]));
    const recent = await recentAcross(deps, read.members);
    return new ProgrammeHub(programme, read.base, programme.target, new ProgrammeStream(read.base, rows), totals, recent, latestMous(totals), deps, intervalMs);
  }

  /** The membership part of the seq this hub was read at (another node's membership change raises the stored one). */
  get readAtBase(): number {
    return this.base;
  }

  get programmeId(): string {
    return this.programme.id;
  }

  has(eventId: string): boolean {
    return this.stream.has(eventId);
  }

  snapshot(): ProgrammeSnapshot {
    return { ...nationalFigures(this.programmeId, this.base, this.target, this.stream.rows()), programme: this.programme, recent: this.recent, mous: this.mous };
  }

  /** A committed change of a member event, as the feed hands it on. */
  change(change: Change): void {
    const held = this.totals.get(change.eventId);
    // A config change may keep the seq (a rename): the stream tells whether the row moved.
    if (held && (held.seq > change.totals.seq || (held.seq === change.totals.seq && change.what !== 'config'))) return;
    this.totals.set(change.eventId, change.totals);
    const privacy = change.event.settings.sellerPrivacy;
    const deals = change.deals.filter((d) => d.status !== 'pending').map((d) => ({ ...toBoardDeal(d, privacy), eventId: change.eventId }));
    const mous = change.what === 'mou' || change.what === 'reset' ? latestMous(this.totals) : undefined;
    if (mous) this.mous = mous;
    const touched = new Set(deals.map((d) => d.id));
    this.recent = [...[...deals].reverse().filter((d) => d.status === 'recorded'), ...this.recent.filter((d) => !touched.has(d.id))].slice(0, PROGRAMME_RECENT);
    if (this.stream.push(venueFigures(change.event, change.totals, this.deps.freshness.freshness(change.eventId)), deals, mous)) this.plan();
  }

  /** A member's freshness changed (its uplink was heard, fell silent, caught up). */
  async freshnessChanged(eventId: string): Promise<void> {
    const totals = this.totals.get(eventId);
    const event = await this.deps.events.getEvent(eventId);
    if (!totals || !event) return;
    if (this.stream.push(venueFigures(event, totals, this.deps.freshness.freshness(eventId)))) this.plan();
  }

  private plan(): void {
    if (this.timer || this.stopped || !this.stream.pending) return;
    const wait = this.lastSentAt + this.intervalMs - Date.now();
    if (wait <= 0) this.send();
    else this.timer = setTimeout(() => this.send(), wait);
  }

  private send(): void {
    this.timer = undefined;
    const update = this.stream.take();
    if (!update) return;
    this.lastSentAt = Date.now();
    // A handful of national screens per node, each a small update: written in one go.
    for (const b of this.boards) if (b.connected) b.emit('programme:update', update);
    this.plan();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }
}
