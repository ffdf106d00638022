import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { whenQuiet } from './when-quiet.js';

describe('whenQuiet', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('waits while deals keep coming, and runs the work once they pause', () => {
    let deals = 0;
    const work = vi.fn();
    whenQuiet(() => deals, work, 5_000, 500);
    // A rush: a deal every 200 ms for 20 s. The work never runs inside it.
    for (let t = 0; t < 20_000; t += 200) {
      deals++;
      vi.advanceTimersByTime(200);
    }
    expect(work).not.toHaveBeenCalled();
    vi.advanceTimersByTime(4_000);
    expect(work).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1_500);
    expect(work).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60_000);
    expect(work).toHaveBeenCalledTimes(1);
  });

  it('can be called off', () => {
    const work = vi.fn();
    const stop = whenQuiet(() => 0, work, 5_000, 500);
    stop();
    vi.advanceTimersByTime(10_000);
    expect(work).not.toHaveBeenCalled();
  });
});
