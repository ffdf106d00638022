import { ref, shallowRef } from 'vue';
import type { Problem } from '../lib/problem';
import type { Result } from '../lib/result';

/** One console action at a time: `busy` while it runs, its problem (if any) shown afterwards. */
export function useAction() {
  const busy = ref(false);
  const problem = shallowRef<Problem | null>(null);
  async function run<T>(work: () => Promise<Result<T>>): Promise<Result<T>> {
    busy.value = true;
    const r = await work().finally(() => (busy.value = false));
    problem.value = r.ok ? null : r.problem;
    return r;
  }
  return { busy, problem, run };
}
