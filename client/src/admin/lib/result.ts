import { toProblem, type Problem } from './problem';

/** What a store action returns: the data, or the problem to show next to the form. */
export type Result<T> = { ok: true; data: T } | { ok: false; problem: Problem };

/** Run `work` and catch whatever it throws as a {@link Problem}. */
export async function attempt<T>(work: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, data: await work() };
  } catch (e) {
    return { ok: false, problem: toProblem(e) };
  }
}
