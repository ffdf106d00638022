import type { ClimbPointDelta, Deal } from '@dealboard/shared';
import type { ChangeRead } from './change-read.js';
import { READ_SPACING_MS, sleep, type ChangeFeed } from './change-feed.js';

/** A group commit on PostgreSQL, as its COMMIT left it: the `seq` numbers it took and its new deals. */
export type Committed = { eventId: string; fromSeq: number; seq: number; deals: Deal[]; climb?: ClimbPointDelta };

/**
 * On PostgreSQL a group commit's totals are read back after its COMMIT (and after its
 * acks), not in the call that wrote them: there they would hold the event's row, and with
 * it every other node's writers. The totals read then may be newer than the commit
 * (another node's commit landed between): they are exact at their own `seq`, which is all
 * a board needs, and the same statement reads the deals since the commit's first `seq`
 * and the climb's latest points. One read at a time, at least READ_SPACING_MS apart;
 * commits that land meanwhile are read together.
 */
export class ReadBack {
  private readonly pending = new Map<string, Committed>();
  /** Per event, the last `seq` committed here: what a tablet was told, and what held totals must reach. */
  private readonly committed = new Map<string, number>();
  private running: Promise<void> | undefined;
  private lastRead = 0;

  constructor(
    /** The event's change as stored after `afterSeq`: totals, deals and climb from one snapshot (`readChange`). */
    private readonly read: (eventId: string, afterSeq: number) => Promise<ChangeRead | undefined>,
    private readonly feed?: ChangeFeed,
  ) {}

  add(changes: Committed[]) {
    if (!changes.length) return;
    for (const c of changes) {
      this.committed.set(c.eventId, Math.max(c.seq, this.committed.get(c.eventId) ?? 0));
      const prev = this.pending.get(c.eventId);
      const later = prev && prev.seq > c.seq ? prev : c;
      this.pending.set(c.eventId, prev ? { ...later, fromSeq: Math.min(prev.fromSeq, c.fromSeq), deals: [...prev.deals, ...c.deals] } : c);
    }
    this.running ??= this.run();
  }

  /** Whether a commit of this node is newer than `seq` (held totals at `seq` are then older than its tablets were told). */
  pendingAfter(eventId: string, seq: number): boolean {
    return (this.committed.get(eventId) ?? 0) > seq;
  }

  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async run() {
    try {
      while (this.pending.size) {
        // Commits that land within READ_SPACING_MS of the last read are read together.
        await sleep(this.lastRead + READ_SPACING_MS - Date.now());
        this.lastRead = Date.now();
        const all = [...this.pending.values()];
        this.pending.clear();
        for (const c of all) await this.publish(c);
      }
    } finally {
      this.running = undefined;
    }
  }

  private async publish(c: Committed) {
    try {
      const read = await this.read(c.eventId, c.fromSeq);
      if (!read) return;
      const { totals } = read;
      // When the totals are exactly those of these commits and nothing else, their own deals (all of
      // them) and climb point; else the read's, from the same snapshot as its totals. A commit an
      // earlier, newer read covered the feed hands to no one twice.
      const exact = totals.seq === c.seq;
      const deals = exact && c.deals.length === c.seq - c.fromSeq ? [...c.deals].sort((a, b) => a.seq - b.seq) : read.deals;
      this.feed?.committed({ eventId: c.eventId, seq: totals.seq, what: 'deals' }, { fromSeq: c.fromSeq, totals, deals, climb: exact && c.climb ? [c.climb] : read.climb });
    } catch (err) {
      this.feed?.failed(err, c.eventId);
    }
  }
}
