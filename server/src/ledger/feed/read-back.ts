import type { ChangeFeed } from './change-feed.js';

/** A group commit on PostgreSQL, as its COMMIT left it: the last `seq` it took in an event. */
export type Committed = { eventId: string; seq: number };

/**
 * On PostgreSQL a group commit's totals are read back after its COMMIT (and after its
 * acks), not in the call that wrote them: there they would hold the event's row, and with
 * it every other node's writers. The commit goes onto the change feed as a note, like
 * another node's, and the feed reads it with them: one read of the event's totals, the
 * deals since what its boards were told and the climb's latest points covers this node's
 * commits and the other nodes' that landed meanwhile (read when this node's boards can next
 * be sent an update, see `ChangeFeed.paceBy`). Totals read then may be newer than the commit:
 * they are exact at their own `seq`, which is all a board needs.
 */
export class ReadBack {
  /** Per event, the last `seq` committed here: what a tablet was told, and what held totals must reach. */
  private readonly committed = new Map<string, number>();

  constructor(private readonly feed?: ChangeFeed) {}

  add(changes: Committed[]) {
    for (const c of changes) {
      this.committed.set(c.eventId, Math.max(c.seq, this.committed.get(c.eventId) ?? 0));
      this.feed?.committed({ eventId: c.eventId, seq: c.seq, what: 'deals' });
    }
  }

  /** Whether a commit of this node is newer than `seq` (held totals at `seq` are then older than its tablets were told). */
  pendingAfter(eventId: string, seq: number): boolean {
    return (this.committed.get(eventId) ?? 0) > seq;
  }
}
