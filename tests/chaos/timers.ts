/** Thrown out of a wait once the run was aborted. */
export class Aborted extends Error {}

/** The run's timers, tracked so that every one is cleared at the end whatever happens. */
export class Timers {
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly intervals = new Set<NodeJS.Timeout>();

  /** `aborted`: the reason the run was aborted, once it is. */
  constructor(private readonly aborted: () => string | undefined) {}

  later(ms: number, fn: () => void): void {
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  every(ms: number, fn: () => void): NodeJS.Timeout {
    const t = setInterval(fn, ms);
    this.intervals.add(t);
    return t;
  }

  stopInterval(t: NodeJS.Timeout): void {
    clearInterval(t);
    this.intervals.delete(t);
  }

  stopIntervals(): void {
    for (const i of [...this.intervals]) this.stopInterval(i);
  }

  clear(): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.stopIntervals();
  }

  async sleep(ms: number): Promise<void> {
    this.check();
    await new Promise<void>((r) => this.later(ms, r));
    this.check();
  }

  /** Poll `cond` every `stepMs` until it holds or `ms` pass; returns whether it held. */
  async until(cond: () => boolean, ms: number, stepMs = 5): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (!cond()) {
      if (Date.now() > deadline) return false;
      await this.sleep(stepMs);
    }
    return true;
  }

  private check(): void {
    const reason = this.aborted();
    if (reason) throw new Aborted(reason);
  }
}

/** A tablet's or board's link, which the harness cuts and restores: `close` on a drop, `open` after the pause. */
export class Link {
  down = false;

  constructor(
    private readonly later: (ms: number, fn: () => void) => void,
    private readonly close: () => void,
    private readonly open: () => void,
  ) {}

  drop(pauseMs: number): void {
    if (this.down) return;
    this.down = true;
    this.close();
    this.later(pauseMs, () => this.restore());
  }

  restore(): void {
    if (!this.down) return;
    this.down = false;
    this.open();
  }
}
