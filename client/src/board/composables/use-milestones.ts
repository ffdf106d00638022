import { computed, ref, watch, type Ref } from 'vue';
import type { Celebrated } from '../lib/board-cache';

/**
 * Which milestones (fractions of the target) the shown total has passed, and a call
 * when it passes a new one. Each milestone is celebrated once: what had been passed when
 * the board first showed a figure is not celebrated (a reload must not throw confetti),
 * and a correction that dips below a milestone and climbs back is not news again.
 * `celebrated` may live in the board store, which keeps it across reloads; a new target
 * starts over from what is reached under it.
 */
export function useMilestones(
  shown: Ref<number | null>,
  target: Ref<number>,
  milestones: Ref<readonly number[]>,
  onReach: (fraction: number) => void,
  celebrated: Ref<Celebrated | null> = ref(null),
) {
  const highestReached = computed(() => {
    const value = shown.value;
    if (value === null || target.value <= 0) return 0;
    let best = 0;
    for (const m of milestones.value) if (value >= Math.ceil(m * target.value) && m > best) best = m;
    return best;
  });

  watch(
    shown,
    (value) => {
      if (value === null) return;
      const next = highestReached.value;
      const seen = celebrated.value;
      if (seen === null || seen.target !== target.value) celebrated.value = { target: target.value, fraction: next };
      else if (next > seen.fraction) {
        celebrated.value = { target: seen.target, fraction: next };
        // One jump over several (a large deal, a board that rolls at once): each is announced, in order.
        const passed = milestones.value.filter((m) => m > seen.fraction && m <= next).sort((a, b) => a - b);
        for (const m of new Set(passed)) onReach(m);
      }
    },
    { immediate: true, flush: 'sync' },
  );

  return { highestReached };
}
