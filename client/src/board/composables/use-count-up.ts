import { onScopeDispose, ref, watch, type Ref } from 'vue';

export interface CountUpOptions {
  /** How long one roll takes; a new target mid-roll starts a new roll from where it is. */
  durationMs?: number;
  /** How long the note about a decrease stays up. */
  correctionMs?: number;
  /** Jump straight to each value (prefers-reduced-motion). */
  instant?: boolean;
  requestFrame?: (cb: (time: number) => void) => number;
  cancelFrame?: (id: number) => void;
  now?: () => number;
}

/**
 * A number that rolls toward the latest server total at display rate.
 *
 * - The first value is shown at once (a reloaded board must not climb from zero).
 * - Increases roll with an ease-out that starts from what is shown, so it can never
 *   pass the target; a new target mid-roll just re-aims.
 * - Decreases (a voided deal) are never rolled backward silently: the value below what
 *   is shown is set at once and `correction` holds how much was taken off, for a note.
 *   It is the net change since the spell of corrections began, not the sum of the decreases:
 *   an amount fixed by voiding it and recording it again (120 → 112 jt) takes off only the
 *   difference, so the note never claims more was removed than the total lost.
 */
export function useCountUp(target: Ref<number | null>, opts: CountUpOptions = {}) {
  const durationMs = opts.durationMs ?? 1600;
  const correctionMs = opts.correctionMs ?? 10_000;
  const requestFrame = opts.requestFrame ?? ((cb) => requestAnimationFrame(cb));
  const cancelFrame = opts.cancelFrame ?? ((id) => cancelAnimationFrame(id));
  const now = opts.now ?? (() => performance.now());

  const display = ref<number | null>(target.value);
  const correction = ref<number | null>(null);
  const rolling = ref(false);

  let from = 0;
  let to = 0;
  let startedAt = 0;
  let frame: number | null = null;
  let correctionTimer: ReturnType<typeof setTimeout> | undefined;

  function step(): void {
    frame = null;
    const t = Math.min(1, (now() - startedAt) / durationMs);
    const eased = 1 - (1 - t) ** 3;
    // floor, so rounding can never show a rupiah more than the server has.
    display.value = t >= 1 ? to : Math.min(to, from + Math.floor((to - from) * eased));
    if (display.value === to) rolling.value = false;
    else frame = requestFrame(step);
  }

  function stopRoll(): void {
    if (frame !== null) cancelFrame(frame);
    frame = null;
    rolling.value = false;
  }

  /** The total just before the current spell of corrections (null when none is on screen). */
  let beforeCorrections: number | null = null;
  function noteChange(prev: number, next: number): void {
    if (next < prev) {
      beforeCorrections ??= prev;
      clearTimeout(correctionTimer);
      correctionTimer = setTimeout(() => {
        correction.value = null;
        beforeCorrections = null;
      }, correctionMs);
    }
    if (beforeCorrections === null) return;
    const net = beforeCorrections - next;
    correction.value = net > 0 ? net : null;
  }

  watch(
    target,
    (next, prev) => {
      if (next === null) return;
      const shown = display.value;
      if (prev !== null) noteChange(prev, next);
      if (shown === null || opts.instant || next <= shown) {
        stopRoll();
        display.value = next;
        return;
      }
      from = shown;
      to = next;
      startedAt = now();
      rolling.value = true;
      if (frame === null) frame = requestFrame(step);
    },
    { flush: 'sync' },
  );

  onScopeDispose(() => {
    stopRoll();
    clearTimeout(correctionTimer);
  });

  return { display, correction, rolling };
}
