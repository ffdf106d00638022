import { describe, expect, it, vi } from 'vitest';
import { effectScope, ref } from 'vue';
import { useMilestones } from './use-milestones';

describe('useMilestones', () => {
  function setup() {
    const shown = ref<number | null>(null);
    const onReach = vi.fn();
    const scope = effectScope();
    const { highestReached } = scope.run(() => useMilestones(shown, ref(1_000_000), ref([0.25, 0.5, 0.75, 1]), onReach))!;
    return { shown, onReach, highestReached, scope };
  }

  it('does not celebrate what was already reached when the board opened', () => {
    const { shown, onReach, highestReached } = setup();
    shown.value = 600_000;
    expect(highestReached.value).toBe(0.5);
    expect(onReach).not.toHaveBeenCalled();
  });

  it('celebrates each milestone once as the shown total passes it, even after a correction', () => {
    const { shown, onReach } = setup();
    shown.value = 100_000;
    shown.value = 249_999;
    expect(onReach).not.toHaveBeenCalled();
    shown.value = 250_000;
    shown.value = 260_000;
    expect(onReach.mock.calls).toEqual([[0.25]]);
    shown.value = 1_200_000;
    expect(onReach.mock.calls.at(-1)).toEqual([1]);
    shown.value = 900_000; // a void takes it back under the target…
    shown.value = 1_000_000; // …and reaching it again is news again
    expect(onReach.mock.calls.at(-1)).toEqual([1]);
    expect(onReach).toHaveBeenCalledTimes(3);
  });
});
