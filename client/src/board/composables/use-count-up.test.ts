import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope, ref } from 'vue';
import { useCountUp } from './use-count-up';

/** A hand-cranked display: the test decides when frames happen and what time it is. */
function fakeDisplay() {
  let time = 0;
  let queue: Array<(t: number) => void> = [];
  return {
    requestFrame: (cb: (t: number) => void) => queue.push(cb),
    cancelFrame: () => {
      queue = [];
    },
    now: () => time,
    /** Advance by `ms` in 16 ms frames, recording what is shown after each one. */
    run(ms: number, shown: () => number | null, seen: number[] = []) {
      for (let elapsed = 0; elapsed < ms; elapsed += 16) {
        time += 16;
        const due = queue;
        queue = [];
        for (const cb of due) cb(time);
        const v = shown();
        if (v !== null) seen.push(v);
      }
      return seen;
    },
    get pending() {
      return queue.length;
    },
  };
}

describe('useCountUp', () => {
  let scope = effectScope();
  beforeEach(() => {
    vi.useFakeTimers();
    scope = effectScope();
  });
  afterEach(() => {
    scope.stop();
    vi.useRealTimers();
  });

  function setup(initial: number | null) {
    const target = ref<number | null>(initial);
    const screen = fakeDisplay();
    const counter = scope.run(() => useCountUp(target, { durationMs: 1000, ...screen }))!;
    return { target, screen, counter };
  }

  it('shows the first total at once instead of climbing from zero', () => {
    const { target, counter } = setup(null);
    expect(counter.display.value).toBeNull();
    target.value = 1_300_000_000;
    expect(counter.display.value).toBe(1_300_000_000);
  });

  it('rolls up to the new total, steadily, and lands exactly on it', () => {
    const { target, screen, counter } = setup(1_000_000);
    target.value = 251_000_000;

    const seen = screen.run(1200, () => counter.display.value);

    expect(seen.at(-1)).toBe(251_000_000);
    expect(seen.some((v) => v > 1_000_000 && v < 251_000_000)).toBe(true); // it visibly rolled
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThanOrEqual(seen[i - 1]!);
    expect(Math.max(...seen)).toBe(251_000_000);
    expect(screen.pending).toBe(0); // stops asking for frames once settled
  });

  it('heads for the latest total when updates come faster than it rolls, never past it', () => {
    const { target, screen, counter } = setup(0);
    const seen: number[] = [];
    const totals = [100_000_000, 250_000_000, 400_000_000, 650_000_000, 1_300_000_000];
    for (const total of totals) {
      target.value = total;
      screen.run(100, () => counter.display.value, seen); // ten updates a second
      expect(Math.max(...seen)).toBeLessThanOrEqual(total);
    }
    screen.run(1100, () => counter.display.value, seen);

    expect(counter.display.value).toBe(1_300_000_000);
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThanOrEqual(seen[i - 1]!);
  });

  it('shows a decrease at once and says how much was corrected, without rolling backward', () => {
    const { target, screen, counter } = setup(500_000_000);
    target.value = 495_000_000;

    expect(counter.display.value).toBe(495_000_000);
    expect(counter.correction.value).toBe(5_000_000);
    expect(screen.pending).toBe(0);

    vi.advanceTimersByTime(11_000);
    expect(counter.correction.value).toBeNull();
  });

  it('keeps rolling up when a correction lands above what is shown mid-roll', () => {
    const { target, screen, counter } = setup(100);
    target.value = 1_000_100;
    screen.run(160, () => counter.display.value);
    const shown = counter.display.value!;
    target.value = 900_100; // a void, but still above what is on screen

    const seen = screen.run(1200, () => counter.display.value);

    expect(seen[0]!).toBeGreaterThanOrEqual(shown);
    expect(seen.at(-1)).toBe(900_100);
    expect(Math.max(...seen)).toBe(900_100);
    expect(counter.correction.value).toBe(100_000);
  });

  it('notes the net change of a spell of corrections, not the sum of its decreases', () => {
    const { target, counter } = setup(1_000_000_000);
    // An amount fixed by voiding it and recording it again (120 → 112 jt), then a 45,5 jt void.
    target.value = 880_000_000;
    target.value = 992_000_000;
    target.value = 946_500_000;
    expect(counter.correction.value).toBe(53_500_000);
    // Recorded again above where it was: nothing was taken off in the end, so no note.
    target.value = 1_010_000_000;
    expect(counter.correction.value).toBeNull();
  });
});
