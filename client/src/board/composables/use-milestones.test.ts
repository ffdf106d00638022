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

  it('celebrates each milestone once as the shown total passes it', () => {
    const { shown, onReach } = setup();
    shown.value = 100_000;
    shown.value = 249_999;
    expect(onReach).not.toHaveBeenCalled();
    shown.value = 250_000;
    shown.value = 260_000;
    expect(onReach.mock.calls).toEqual([[0.25]]);
    // One deal across 50 %, 75 % and 100 %: each is announced once, in order.
    shown.value = 1_200_000;
    expect(onReach.mock.calls).toEqual([[0.25], [0.5], [0.75], [1]]);
  });

  it('does not celebrate again when a correction dips below a milestone and the total climbs back', () => {
    const { shown, onReach } = setup();
    shown.value = 900_000;
    shown.value = 1_000_000;
    expect(onReach.mock.calls).toEqual([[1]]);
    shown.value = 700_000; // a void takes it back under the target, and under 75%…
    shown.value = 800_000; // …75% again…
    shown.value = 1_050_000; // …and the target again: already celebrated
    expect(onReach).toHaveBeenCalledTimes(1);
  });

  it('remembers what was celebrated in the state it is given (the store keeps it across reloads)', () => {
    const celebrated = ref<{ target: number; fraction: number } | null>({ target: 1_000_000, fraction: 0.75 });
    const onReach = vi.fn();
    const shown = ref<number | null>(null);
    effectScope().run(() => useMilestones(shown, ref(1_000_000), ref([0.25, 0.5, 0.75, 1]), onReach, celebrated));
    shown.value = 600_000; // reloaded during a correction
    shown.value = 800_000;
    expect(onReach).not.toHaveBeenCalled();
    shown.value = 1_000_000;
    expect(onReach.mock.calls).toEqual([[1]]);
    expect(celebrated.value).toEqual({ target: 1_000_000, fraction: 1 });
  });

  it('starts over, without confetti, when the organiser changes the target', () => {
    const target = ref(1_000_000);
    const onReach = vi.fn();
    const shown = ref<number | null>(900_000);
    effectScope().run(() => useMilestones(shown, target, ref([0.5, 1]), onReach));
    target.value = 2_000_000; // 900k is 45% of the new target
    shown.value = 950_000;
    shown.value = 1_000_000;
    expect(onReach.mock.calls).toEqual([[0.5]]);
  });
});
