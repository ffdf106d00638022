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
  await w.get('[data-testid="sign-in-with-token"]').trigger('click');
  await w.get('[data-testid="admin-token"]').setValue(token);
  await w.get('form').trigger('submit');
  await flushPromises();
  return w;
}

describe('console sign-in', () => {
  it('sends the token and is signed in on 204', async () => {
    const server = fakeServer({ 'POST /admin/session': { status: 204 }, 'GET /admin/me': { body: { name: 'admin (console)', role: 'owner', events: null, via: 'token' } } });
    await signIn('  console-admin-token-123 ');
    expect(server.sent('POST', '/admin/session')[0]?.body).toEqual({ token: 'console-admin-token-123' });
    expect(useSessionStore().state).toBe('signed_in');
  });

  it('signs in with a name and password, and learns the role', async () => {
    const server = fakeServer({ 'POST /admin/session': { status: 204 }, 'GET /admin/me': { body: { name: 'Rina', role: 'desk', events: null, via: 'account' } } });
    const w = mountConsole(SignInForm);
    await w.get('[data-testid="admin-name"]').setValue(' Rina ');
    await w.get('[data-testid="admin-password"]').setValue('rahasia-panjang-1');
    await w.get('form').trigger('submit');
    await flushPromises();
    expect(server.sent('POST', '/admin/session')[0]?.body).toEqual({ name: 'Rina', password: 'rahasia-panjang-1' });
    const session = useSessionStore();
    expect([session.can('desk'), session.can('verify'), session.can('owner')]).toEqual([true, false, false]);
  });

  it('says a wrong name or password plainly, next to the password field', async () => {
    fakeServer({ 'POST /admin/session': apiError(401, 'unauthorized', 'Missing or wrong token', 'Token tidak ada atau salah') });
    const w = mountConsole(SignInForm);
    await w.get('[data-testid="admin-name"]').setValue('Rina');
    await w.get('[data-testid="admin-password"]').setValue('salah-salah-salah');
    await w.get('form').trigger('submit');
    await flushPromises();
    expect(w.get('[data-testid="error-password"]').text()).toBe('Nama dan kata sandi tidak cocok dengan akun yang aktif.');
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
