import { computed, ref, watch, type Ref } from 'vue';

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
  const baseline = ref<number | null>(null);

  watch(
    highestReached,
    (next) => {
      if (shown.value === null) return;
      if (baseline.value === null) baseline.value = next;
      else if (next > baseline.value) {
        baseline.value = next;
        onReach(next);
      } else if (next < baseline.value) baseline.value = next; // a correction took it back below
    },
    { immediate: true, flush: 'sync' },
  );

  return { highestReached };
}
