import { computed, watch, type Ref } from 'vue';

/**
 * Which milestones (fractions of the target) the shown total has passed, and a call
 * when it passes a new one. Milestones already passed when the board opens are not
 * celebrated again: a reload must not throw confetti.
 */
export function useMilestones(
  shown: Ref<number | null>,
  target: Ref<number>,
  milestones: Ref<readonly number[]>,
  onReach: (fraction: number) => void,
) {
  const highestReached = computed(() => {
    const value = shown.value;
    if (value === null || target.value <= 0) return 0;
    let best = 0;
    for (const m of milestones.value) if (value >= Math.ceil(m * target.value) && m > best) best = m;
    return best;
  });
  // What had been reached when the board first showed a figure; null until then.
  let baseline: number | null = null;

  watch(
    shown,
    (value) => {
      if (value === null) return;
      const next = highestReached.value;
      if (baseline === null) baseline = next;
      else if (next > baseline) {
        baseline = next;
        onReach(next);
      } else if (next < baseline) baseline = next; // a correction took it back below
    },
    { immediate: true, flush: 'sync' },
  );

  return { highestReached };
}
