import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import ScreensTab from './screens-tab.vue';
import { fakeServer, openConsole } from '../../test/harness';
import { demoEvent } from '../../../test/fixtures';

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

const screen = (id: string, layout: string, behind = 0) => ({ id, layout, seq: 10 - behind, behind, connectedAt: new Date().toISOString(), lastSeenAt: new Date().toISOString(), address: '192.168.1.20' });

describe('screens', () => {
  it('lists the boards (not other consoles) and polls every 3 seconds while open', async () => {
    vi.useFakeTimers();
    const s = fakeServer({ 'GET /events/demo/screens': { body: { screens: [screen('scr-aaaaaaaa1', 'full', 3), screen('con-1', 'console')], mode: 'live' } } });
    const w = await openConsole(ScreensTab, { event: demoEvent });
    expect(w.findAll('[data-testid="screens-table"] tbody tr')).toHaveLength(1);
    expect(w.get('[data-testid="screens-table"]').text()).toContain('3 perubahan');
    expect(s.sent('GET', '/events/demo/screens')).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(3000);
    expect(s.sent('GET', '/events/demo/screens')).toHaveLength(2);
    w.unmount();
    await vi.advanceTimersByTimeAsync(9000);
    expect(s.sent('GET', '/events/demo/screens')).toHaveLength(2);
  });

  it('blanks every screen only after a confirmation, then offers to go back live', async () => {
    let mode = 'live';
    const s = fakeServer({
      'GET /events/demo/screens': () => ({ body: { screens: [screen('scr-1', 'full')], mode } }),
      'POST /events/demo/screens/command': ({ body }) => {
        mode = (body as { command: string }).command;
        return { body: { told: 1 } };
      },
    });
    const w = await openConsole(ScreensTab, { event: demoEvent });
    await w.get('[data-testid="screens-blackout"]').trigger('click');
    expect(s.sent('POST', '/events/demo/screens/command')).toHaveLength(0);
    await w.get('[data-testid="confirm-ok"]').trigger('click');
    await flushPromises();
    expect(s.sent('POST', '/events/demo/screens/command')[0]?.body).toEqual({ command: 'blackout' });
    expect(w.get('[data-testid="screens-mode"]').text()).toBe('Layar polos');
    expect(w.text()).toContain('Perintah dikirim ke 1 layar.');
    await w.get('[data-testid="screens-live"]').trigger('click');
    await flushPromises();
    expect(s.sent('POST', '/events/demo/screens/command')[1]?.body).toEqual({ command: 'live' });
  });

  it('says so when no screen is connected', async () => {
    fakeServer({ 'GET /events/demo/screens': { body: { screens: [], mode: 'live' } } });
    const w = await openConsole(ScreensTab, { event: demoEvent });
    expect(w.get('[data-testid="empty-state"]').text()).toContain('Tidak ada layar terhubung');
  });
});
