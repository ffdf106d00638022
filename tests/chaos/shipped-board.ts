import { createPinia } from 'pinia';
import { watch } from 'vue';
import type { Totals } from '@dealboard/shared';
import { useBoardStore } from '../../client/src/board/stores/board.js';
import { openBoardChannel, type OpenBoardChannel } from '../../client/src/socket/board-channel.js';
import { Link } from './timers.js';
import { api } from '../support/server.js';

/**
 * A big screen made of the shipped board store and channel, in a Pinia of its own: it
 * applies snapshots and updates by `seq` and resyncs on a gap exactly as the page does.
 * The harness watches what it shows and counts the frames that reached it.
 */
export class ShippedBoard {
  private readonly store = useBoardStore(createPinia());
  total: bigint | undefined;
  count = -1;
  /** Highest seq this board ever showed, across reconnects and server restarts. */
  maxSeq = -1;
  shownAt = 0;
  lastSnapshotAt = 0;
  snapshots = 0;
  updates = 0;
  /** The screen's link: a drop stops the store (socket closed), and it starts over after the pause. */
  readonly link: Link;
  private readonly open: OpenBoardChannel;
  private readonly stopWatching: () => void;

  constructor(
    private readonly run: { fail(message: string): void; later(ms: number, fn: () => void): void },
    readonly index: number,
    url: string,
    private readonly eventId: string,
  ) {
    this.open = (id, handlers) =>
      openBoardChannel(
        id,
        {
          ...handlers,
          snapshot: (snap) => {
            this.snapshots++;
            this.lastSnapshotAt = Date.now();
            handlers.snapshot(snap);
          },
          update: (update) => {
            this.updates++;
            handlers.update(update);
          },
        },
        url,
      );
    this.stopWatching = watch(() => this.store.totals, (t) => t && this.shown(t), { flush: 'sync' });
    this.link = new Link((ms, fn) => run.later(ms, fn), () => this.store.stop(), () => this.start());
    this.start();
  }

  /** The breakdown it shows (kinds, categories, booths, flows), in a form that compares with `GET /totals`. */
  get breakdown(): string {
    return this.store.totals ? breakdownOf(this.store.totals) : '';
  }

  get resyncs(): number {
    return this.store.resyncCount;
  }

  get connection(): string {
    return this.store.connection;
  }

  private start(): void {
    this.store.start(this.eventId, { open: this.open, reload: () => undefined });
  }

  private shown(t: Totals): void {
    const total = BigInt(t.total);
    if (t.seq < this.maxSeq) {
      // After a restart the server must never report less than it had already broadcast:
      // a broadcast follows a commit, so a lower seq means a committed change went missing.
      this.run.fail(`board ${this.index}: seq ${t.seq} shown below the ${this.maxSeq} it already showed (total ${t.total})`);
    }
    if (this.total !== undefined && t.seq > this.maxSeq && total < this.total) {
      this.run.fail(`board ${this.index}: total fell from ${this.total} to ${total} while seq rose to ${t.seq} (no voids in this run)`);
    }
    this.count = t.count;
    this.maxSeq = Math.max(this.maxSeq, t.seq);
    if (total !== this.total) {
      this.total = total;
      this.shownAt = Date.now();
    }
  }


  close(): void {
    this.stopWatching();
    this.store.stop();
  }
}

/** The breakdown `GET /totals` gives now, as `ShippedBoard.breakdown` writes it. */
export async function ledgerBreakdown(url: string, eventId: string): Promise<string> {
  const res = await api<Totals>(url, 'GET', `/api/v1/events/${eventId}/totals`);
  return res.status === 200 ? breakdownOf(res.body) : '';
}

/** The breakdown of totals, ordered by key, as one string. */
function breakdownOf(t: Totals): string {
  const by = <R>(rows: R[], key: (r: R) => string) => [...rows].sort((a, b) => key(a).localeCompare(key(b)));
  return JSON.stringify([t.byKind, by(t.byCategory, (r) => r.categoryId), by(t.byBooth, (r) => r.boothId), by(t.byFlow, (r) => `${r.from}>${r.to}`)]);
}
