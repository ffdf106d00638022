import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { adminRequest, ApiRequestError, whenSignedOut } from '../lib/request';
import { toProblem, type Problem } from '../lib/problem';

export type SessionState = 'checking' | 'signed_out' | 'signed_in';

/** The console's sign-in: an httpOnly cookie the server sets in exchange for the admin token. */
export const useSessionStore = defineStore('admin-session', () => {
  const state = ref<SessionState>('checking');
  const busy = ref(false);
  const problem = shallowRef<Problem | null>(null);

  whenSignedOut(() => {
    if (state.value !== 'signed_in') return;
    state.value = 'signed_out';
    problem.value = { code: 'unauthorized', status: 401, message: 'Your session ended. Sign in again.', pesan: 'Sesi Anda berakhir. Silakan masuk lagi.' };
  });

  async function check(): Promise<void> {
    try {
      await adminRequest('GET', '/admin/session');
      state.value = 'signed_in';
    } catch (e) {
      state.value = 'signed_out';
      if (!(e instanceof ApiRequestError && e.status === 401)) problem.value = toProblem(e);
    }
  }

  async function signIn(token: string): Promise<boolean> {
    busy.value = true;
    problem.value = null;
    try {
      await adminRequest('POST', '/admin/session', { token: token.trim() });
      state.value = 'signed_in';
      return true;
    } catch (e) {
      problem.value = signInProblem(e);
      return false;
    } finally {
      busy.value = false;
    }
  }

  async function signOut(): Promise<void> {
    try {
      await adminRequest('DELETE', '/admin/session');
    } finally {
      state.value = 'signed_out';
      problem.value = null;
    }
  }

  /** End every console session (this one too): a lost laptop, a token shown to the wrong person. */
  async function signOutEverywhere(): Promise<void> {
    try {
      await adminRequest('DELETE', '/admin/sessions');
      state.value = 'signed_out';
      problem.value = null;
    } catch (e) {
      problem.value = toProblem(e);
    }
  }

  return { state, busy, problem, check, signIn, signOut, signOutEverywhere };
});

/** The server words its 429 for booths; sign-in says it in its own words, with the wait. */
function signInProblem(e: unknown): Problem {
  if (e instanceof ApiRequestError && e.status === 401) {
    return { code: 'unauthorized', status: 401, message: 'That admin token is not right.', pesan: 'Token admin salah.', field: 'token' };
  }
  if (e instanceof ApiRequestError && e.status === 429) {
    const ms = e.error.retryAfterMs;
    const seconds = typeof ms === 'number' && ms > 0 ? Math.ceil(ms / 1000) : undefined;
    const wait = seconds ? { en: ` in ${seconds} s`, id: ` dalam ${seconds} detik` } : { en: ' in a minute', id: ' sebentar lagi' };
    return { code: 'rate_limited', status: 429, message: `Too many sign-in attempts. Try again${wait.en}.`, pesan: `Terlalu banyak percobaan masuk. Coba lagi${wait.id}.`, field: 'token' };
  }
  return toProblem(e);
}
