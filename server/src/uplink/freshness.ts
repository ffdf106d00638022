import type { Db } from '../store/db.js';
import type { UplinksTable } from '../store/schema.js';
import { FreshnessBoard, type VenueFreshness, type VenueFreshnessSource } from '../programmes/freshness.js';
import type { UplinkCentral } from './central.js';

/** A venue heard of less recently than this is stale (its forwarder calls in at least every 2 s). */
export const UPLINK_STALE_MS = 10_000;
/** How often the uplinks are read again: on a cluster a venue calls one node, every node's boards show it. */
const REREAD_MS = 1000;

/**
 * How fresh each venue's figures are at the central, from its uplink's record: `uplink` for an
 * event a token was ever issued for (when last heard, how many changes behind, stale after
 * `UPLINK_STALE_MS` of silence), `local` for the rest. Read again on every batch this node
 * applies and once a second, so silence shows even when nobody calls, and on every node alike.
 */
export class UplinkFreshness implements VenueFreshnessSource {
  private readonly board = new FreshnessBoard();
  private readonly timer: NodeJS.Timeout;
  private reading = false;

  constructor(
    private readonly db: Db,
    central: UplinkCentral,
    private readonly staleMs = UPLINK_STALE_MS,
  ) {
    central.onChange(() => void this.reread());
    this.timer = setInterval(() => void this.reread(), REREAD_MS);
    this.timer.unref();
    void this.reread();
  }

  freshness(eventId: string): VenueFreshness {
    return this.board.freshness(eventId);
  }

  onChange(listener: (eventId: string) => void): () => void {
    return this.board.onChange(listener);
  }

  close() {
    clearInterval(this.timer);
  }

  private async reread() {
    if (this.reading) return;
    this.reading = true;
    try {
      const now = Date.now();
      for (const row of await this.db.selectFrom('uplinks').selectAll().execute()) this.board.set(row.event_id, toFreshness(row, now, this.staleMs));
    } catch {
      // The store is away: what was read last stands, and the next read tries again.
    } finally {
      this.reading = false;
    }
  }
}

function toFreshness(row: UplinksTable, now: number, staleMs: number): VenueFreshness {
  const heard = row.last_heard_at ? Date.parse(row.last_heard_at) : undefined;
  return {
    source: 'uplink',
    lastHeardAt: row.last_heard_at,
    behind: Math.max(0, row.head_seq - row.acked_seq),
    stale: heard === undefined || now - heard > staleMs,
  };
}
