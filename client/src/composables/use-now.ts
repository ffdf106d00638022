import { onScopeDispose, ref } from 'vue';

/** The current time, refreshed just after each whole second so a clock ticks evenly. */
export function useNow(intervalMs = 1000) {
  const now = ref(Date.now());
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = () => {
    now.value = Date.now();
    timer = setTimeout(tick, intervalMs - (now.value % intervalMs) + 5);
  };
  tick();
  onScopeDispose(() => clearTimeout(timer));
  return now;
}
