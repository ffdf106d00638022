import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import SignInForm from './sign-in-form.vue';
import { useSessionStore } from '../../stores/session';
import { apiError, fakeServer, mountConsole } from '../../test/harness';

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

async function signIn(token: string, locale: 'id' | 'en' = 'id') {
  const w = mountConsole(SignInForm, {}, { locale });
  await w.get('[data-testid="admin-token"]').setValue(token);
  await w.get('form').trigger('submit');
  await flushPromises();
  return w;
}

describe('console sign-in', () => {
  it('sends the token and is signed in on 204', async () => {
    const server = fakeServer({ 'POST /admin/session': { status: 204 } });
    await signIn('  console-admin-token-123 ');
    expect(server.sent('POST', '/admin/session')[0]?.body).toEqual({ token: 'console-admin-token-123' });
    expect(useSessionStore().state).toBe('signed_in');
  });

  it('says the token is wrong, next to the token field', async () => {
    fakeServer({ 'POST /admin/session': apiError(401, 'unauthorized', 'Missing or wrong token', 'Token tidak ada atau salah') });
    const w = await signIn('nope-nope-nope');
    expect(w.get('[data-testid="error-token"]').text()).toBe('Token admin salah.');
    expect(useSessionStore().state).not.toBe('signed_in');
  });

  it('shows how long to wait when sign-in is rate limited, in the chosen language', async () => {
    fakeServer({ 'POST /admin/session': apiError(429, 'rate_limited', 'Too many sign-in attempts; try again in 9 s', 'Terlalu banyak percobaan masuk; coba lagi dalam 9 detik', undefined, 41_200) });
    const w = await signIn('guess-guess-guess', 'en');
    expect(w.get('[data-testid="error-token"]').text()).toBe('Too many sign-in attempts. Try again in 42 s.');
  });

  it('explains when the server cannot be reached', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const w = await signIn('console-admin-token-123');
    expect(w.get('[data-testid="error-note"]').text()).toContain('Server tidak dapat dihubungi');
  });
});
