import { defineComponent, h, type Component } from 'vue';
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { expect, vi } from 'vitest';
import { createAppI18n } from '../../i18n';
import { installConsoleMessages } from '../i18n';
import ConfirmHost from '../components/common/confirm-host.vue';

type Reply = { status?: number; body?: unknown; headers?: Record<string, string> };
type Handler = Reply | ((req: { method: string; path: string; query: URLSearchParams; body: unknown }) => Reply);

/** Calls the fake server received: `METHOD /path` (without the /api/v1 prefix) and the parsed body. */
export type Call = { method: string; path: string; query: URLSearchParams; body: unknown };

/**
 * Fake the server at the fetch boundary: `routes` maps `METHOD /path` (query ignored)
 * to a reply; anything else answers 404 so a stray call shows up in the test.
 */
export function fakeServer(routes: Record<string, Handler>) {
  const calls: Call[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://console.test');
    const method = init?.method ?? 'GET';
    const path = url.pathname.replace(/^\/api\/v1/, '');
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined;
    const call = { method, path, query: url.searchParams, body };
    calls.push(call);
    const handler = routes[`${method} ${path}`];
    const reply: Reply = typeof handler === 'function' ? handler(call) : (handler ?? { status: 404, body: { error: { code: 'not_found', message: 'No such call', pesan: 'Tidak ada' } } });
    const status = reply.status ?? 200;
    return new Response(status === 204 ? null : JSON.stringify(reply.body ?? {}), { status, headers: { 'content-type': 'application/json', ...reply.headers } });
  });
  vi.stubGlobal('fetch', fetchMock);
  return { calls, fetch: fetchMock, sent: (method: string, path: string) => calls.filter((c) => c.method === method && c.path === path) };
}

/** An i18n with the console's messages, as the admin page sets it up. */
export function consoleI18n(locale: 'id' | 'en' = 'id') {
  const i18n = createAppI18n(locale);
  installConsoleMessages(i18n.global);
  return i18n;
}

/** Mount a console component with a fresh store, the console messages and the confirm dialog. */
export function mountConsole(component: Component, props: Record<string, unknown> = {}, opts: { locale?: 'id' | 'en'; plugins?: unknown[] } = {}) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const Host = defineComponent({ render: () => [h(component, props), h(ConfirmHost)] });
  return mount(Host, {
    global: { plugins: [pinia, consoleI18n(opts.locale), ...((opts.plugins ?? []) as never[])] },
    attachTo: document.body,
  });
}

/** `mountConsole`, once what the component asked the server for on mounting has come back. */
export async function openConsole(...args: Parameters<typeof mountConsole>) {
  const w = mountConsole(...args);
  await flushPromises();
  return w;
}

/**
 * A destructive action is asked first: `act` opens the dialog (which asks `question`);
 * cancelling it sends nothing, confirming sends the request `sent` lists, once.
 */
export async function expectAskedFirst(w: VueWrapper, act: () => Promise<unknown>, question: string, sent: () => unknown[]) {
  await act();
  expect(w.get('[data-testid="confirm-dialog"]').text()).toContain(question);
  await w.get('[data-testid="confirm-cancel"]').trigger('click');
  await flushPromises();
  expect(sent()).toHaveLength(0);

  await act();
  await w.get('[data-testid="confirm-ok"]').trigger('click');
  await flushPromises();
  expect(sent()).toHaveLength(1);
}

export const apiError = (status: number, code: string, message: string, pesan: string, field?: string, retryAfterMs?: number): Reply => ({
  status,
  body: { error: { code, message, pesan, ...(field ? { field } : {}), ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) } },
});
