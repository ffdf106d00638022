import { ref, shallowRef, type Ref, type ShallowRef } from 'vue';
import { attempt } from './result';
import type { Problem } from './problem';

export type Loaded<T> = {
  value: ShallowRef<T>;
  loading: Ref<boolean>;
  /** What went wrong with the last load; cleared by the next one that works. */
  problem: ShallowRef<Problem | null>;
  /** Fetch the value again; true when it came. */
  load(request: () => Promise<T>): Promise<boolean>;
};

/** Something a console store loads from the server (a list, a recap), with its loading flag and problem. */
export function loaded<T>(initial: T): Loaded<T> {
  const value = shallowRef(initial) as ShallowRef<T>;
  const loading = ref(false);
  const problem = shallowRef<Problem | null>(null);
  async function load(request: () => Promise<T>): Promise<boolean> {
    loading.value = true;
    const r = await attempt(request);
    loading.value = false;
    if (r.ok) value.value = r.data;
    problem.value = r.ok ? null : r.problem;
    return r.ok;
  }
  return { value, loading, problem, load };
}
