import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { allows, type Me, type Need } from '@dealboard/shared';
import { adminRequest, ApiRequestError, whenSignedOut } from '../lib/request';
import { toProblem, type Problem } from '../lib/problem';

export type SessionState = 'checking' | 'signed_out' | 'signed_in';

/** How the console signs in: an account's name and password, or the admin token. */
export type Credentials = { token: string } | { name: string; password: string };

/** The console's sign-in: an httpOnly cookie the server sets in exchange for the admin token or an account's password. */
export const useSessionStore = defineStore('admin-session', () => {
  const state = ref<SessionState>('checking');
  const busy = ref(false);
  const problem = shallowRef<Problem | null>(null);
  /** Who is signed in, with the role the console hides actions by (the server refuses them anyway). */
  const me = shallowRef<Me | null>(null);

  /**
   * Whether the signed-in person may do what `need` asks; `anyEvent`: a call that names no
   * event (new event, accounts). Before the person is known nothing is hidden: the server
   * refuses what a role may not do in any case.
   */
  function can(need: Need, anyEvent = false): boolean {
    const who = me.value;
    if (!who) return true;
    return allows(who.role, need) && (!anyEvent || need === 'read' || who.events === null);
  }

  whenSignedOut(() => {
    if (state.value !== 'signed_in') return;
    state.value = 'signed_out';
    problem.value = { code: 'unauthorized', status: 401, message: 'Your session ended. Sign in again.', pesan: 'Sesi Anda berakhir. Silakan masuk lagi.' };
  });

  async function check(): Promise<void> {
    try {
      me.value = await adminRequest<Me>('GET', '/admin/me');
      state.value = 'signed_in';
    } catch (e) {
      state.value = 'signed_out';
      if (!(e instanceof ApiRequestError && e.status === 401)) problem.value = toProblem(e);
    }
  }

  async function signIn(credentials: Credentials): Promise<boolean> {
    busy.value = true;
    problem.value = null;
    try {
      const body = 'token' in credentials ? { token: credentials.token.trim() } : { name: credentials.name.trim(), password: credentials.password };
      await adminRequest('POST', '/admin/session', body);
      me.value = await adminRequest<Me>('GET', '/admin/me');
      state.value = 'signed_in';
      return true;
    } catch (e) {
      problem.value = signInProblem(e, 'token' in credentials ? 'token' : 'password');
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
      me.value = null;
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

  return { state, busy, problem, me, can, check, signIn, signOut, signOutEverywhere };
});

/** The server words its 429 for booths; sign-in says it in its own words, with the wait. */
function signInProblem(e: unknown, field: 'token' | 'password'): Problem {
  if (e instanceof ApiRequestError && e.status === 401) {
    if (field === 'password') return { code: 'unauthorized', status: 401, message: 'That name and password do not match an active account.', pesan: 'Nama dan kata sandi tidak cocok dengan akun yang aktif.', field };
    return { code: 'unauthorized', status: 401, message: 'That admin token is not right.', pesan: 'Token admin salah.', field: 'token' };
  }
  if (e instanceof ApiRequestError && e.status === 429) {
    const ms = e.error.retryAfterMs;
    const seconds = typeof ms === 'number' && ms > 0 ? Math.ceil(ms / 1000) : undefined;
    const wait = seconds ? { en: ` in ${seconds} s`, id: ` dalam ${seconds} detik` } : { en: ' in a minute', id: ' sebentar lagi' };
    return { code: 'rate_limited', status: 429, message: `Too many sign-in attempts. Try again${wait.en}.`, pesan: `Terlalu banyak percobaan masuk. Coba lagi${wait.id}.`, field };
  }
  return toProblem(e);
}
