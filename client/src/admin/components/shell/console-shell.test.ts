import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { createMemoryHistory } from 'vue-router';
import ConsoleShell from './console-shell.vue';
import { fakeServer, openConsole } from '../../test/harness';
import { createAppRouter } from '../../../router';
import { demoEvent, totals } from '../../../test/fixtures';

vi.mock('../../lib/live-channel', () => ({ CONSOLE_LAYOUT: 'console', openLiveChannel: () => ({ close: () => undefined }) }));

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
  localStorage.clear();
});

async function open(path: string, events = [demoEvent, { ...demoEvent, id: 'older', name: 'Expo Lama', createdAt: '2025-01-01T00:00:00Z' }]) {
  fakeServer({
    'GET /events': { body: { events } },
    'GET /events/demo/booths': { body: { booths: [] } },
    'GET /events/demo/deals': { body: { deals: [], matched: 0 } },
    'GET /events/demo/totals': { body: totals(0, 0, 0) },
  });
  const router = createAppRouter(createMemoryHistory());
  await router.push(path);
  const w = await openConsole(ConsoleShell, {}, { plugins: [router] });
  return { w, router };
}

describe('console shell', () => {
  it('opens the live event (the newest of those running) when the address names none', async () => {
    const { w, router } = await open('/admin');
    expect(router.currentRoute.value.query).toEqual({ event: 'demo' });
    expect(w.get('[data-testid="tab-event"]').attributes('aria-current')).toBe('page');
    expect(w.get('[data-testid="event-status-panel"]').text()).toContain('Berlangsung');
  });

  it('opens the live event, not a draft made after it', async () => {
    const draft = { ...demoEvent, id: 'draft', name: 'Misi Berikutnya', status: 'draft' as const, createdAt: '2031-01-01T00:00:00Z' };
    const { router } = await open('/admin', [draft, demoEvent]);
    expect(router.currentRoute.value.query).toEqual({ event: 'demo' });
  });

  it('opens the event this person last worked on at the next sign-in, and shows which it is', async () => {
    const first = await open('/admin?event=older');
    expect(first.w.get<HTMLSelectElement>('[data-testid="event-picker"]').element.value).toBe('older');
    first.w.unmount();
    const { w, router } = await open('/admin');
    expect(router.currentRoute.value.query).toEqual({ event: 'older' });
    const picker = w.get<HTMLSelectElement>('[data-testid="event-picker"]').element;
    expect(picker.selectedOptions[0]?.textContent).toContain('Expo Lama');
  });

  it('keeps the open tab in the address', async () => {
    const { w, router } = await open('/admin?event=demo&tab=booths');
    expect(w.find('[data-testid="booth-create"]').exists()).toBe(true);
    await w.get('[data-testid="tab-deals"]').trigger('click');
    await flushPromises();
    expect(router.currentRoute.value.query).toEqual({ event: 'demo', tab: 'deals' });
    expect(w.text()).toContain('Belum ada transaksi');
  });

  it('starts with the create form when there is no event yet', async () => {
    const { w } = await open('/admin', []);
    expect(w.get('[data-testid="empty-state"]').text()).toContain('Belum ada acara');
    expect(w.find('[data-testid="event-form"]').exists()).toBe(true);
  });
});

describe('sign out everywhere', () => {
  it('asks first, then ends every console session and shows the sign-in', async () => {
    const { w } = await open('/admin');
    const s = fakeServer({ 'DELETE /admin/sessions': { body: { ended: 3 } } });
    await w.get('[data-testid="sign-out-everywhere"]').trigger('click');
    await flushPromises();
    expect(s.sent('DELETE', '/admin/sessions')).toHaveLength(0);
    expect(document.body.textContent).toContain('Keluarkan semua konsol?');
    const confirm = [...document.body.querySelectorAll('button')].filter((b) => b.textContent?.trim() === 'Keluar di semua perangkat').pop()!;
    confirm.click();
    await flushPromises();
    expect(s.sent('DELETE', '/admin/sessions')).toHaveLength(1);
  });
});

describe('creating the first event', () => {
  it('opens the new event on its booths tab', async () => {
    const created = { ...demoEvent, id: 'expo', name: 'Expo Baru' };
    const s = fakeServer({
      'GET /events': { body: { events: [] } },
      'POST /events': { status: 201, body: created },
      'GET /events/expo/booths': { body: { booths: [] } },
    });
    const router = createAppRouter(createMemoryHistory());
    await router.push('/admin');
    const w = await openConsole(ConsoleShell, {}, { plugins: [router] });
    await w.get('[data-testid="event-name"]').setValue('Expo Baru');
    await w.get('[data-testid="event-target-input"]').setValue('1 M');
    await w.get('[data-testid="event-form"]').trigger('submit');
    await flushPromises();
    expect(s.sent('POST', '/events')).toHaveLength(1);
    expect(router.currentRoute.value.query).toEqual({ event: 'expo', tab: 'booths' });
    expect(w.find('[data-testid="booth-create"]').exists()).toBe(true);
  });
});
