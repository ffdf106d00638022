/**
 * One snapshot at a time per board, at most one a second. A board asks after a
 * gap or a reconnect and waits for the answer before it asks again, so it is never
 * refused more than now and then. A client that fires request after request without
 * waiting is answered once, refused a few times (a small answer each), and then cut
 * off: parsing and refusing thousands of requests would cost the server more than
 * the snapshots it is saving.
 */
export class ResyncGate {
  private busy = false;
  private waiting = false;
  private lastAt = -Infinity;
  private refusals = 0;
  private refusalsSince = 0;

  constructor(
    private readonly minGapMs = 1000,
    /** Refusals within `windowMs` after which the client is treated as abusive. */
    private readonly maxRefusals = 20,
    private readonly windowMs = 10_000,
  ) {}

  /**
   * Run `serve` now, or once the gap since the last answer has passed (one request
   * may wait). `refused` when a request is already being answered or waiting;
   * `abusive` when the client keeps asking regardless.
   */
  request(serve: () => Promise<void>): 'accepted' | 'refused' | 'abusive' {
    if (this.busy || this.waiting) return this.refuse();
    const wait = this.lastAt + this.minGapMs - Date.now();
    const run = async () => {
      this.waiting = false;
      this.busy = true;
      try {
        await serve();
      } finally {
        this.busy = false;
        this.lastAt = Date.now();
      }
    };
    if (wait <= 0) void run();
    else {
      this.waiting = true;
      setTimeout(() => void run(), wait).unref();
    }
    return 'accepted';
  }

  private refuse(): 'refused' | 'abusive' {
    const now = Date.now();
    if (now - this.refusalsSince > this.windowMs) {
      this.refusalsSince = now;
      this.refusals = 0;
    }
    return ++this.refusals > this.maxRefusals ? 'abusive' : 'refused';
  }
}

export const resyncRefusal = { code: 'rate_limited', message: 'A snapshot is already on its way', pesan: 'Snapshot sedang dikirim' } as const;
