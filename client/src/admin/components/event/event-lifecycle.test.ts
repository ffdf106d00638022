import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import type { PublicEvent, ReplayProgress } from '@dealboard/shared';
import EventLifecycle from './event-lifecycle.vue';
import { apiError, fakeServer, mountConsole } from '../../test/harness';
import { demoEvent } from '../../../test/fixtures';

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

const tid = (id: string) => `[data-testid="${id}"]`;
const closed: PublicEvent = { ...demoEvent, status: 'closed' };

describe('event lifecycle card', () => {
  it('deletes only after the event id is typed, and says why the server refused', async () => {
    const server = fakeServer({
      'DELETE /events/demo': apiError(409, 'conflict', 'This event has 3 counted deals and cannot be deleted; archive it instead', 'Acara ini memiliki 3 transaksi yang dihitung dan tidak dapat dihapus; arsipkan saja'),
    });
    const w = mountConsole(EventLifecycle, { event: closed });
    await w.get(tid('delete-event')).trigger('click');
    expect(w.get(tid('confirm-dialog')).text()).toContain('Ketik id acara (demo)');
    await w.get(tid('confirm-cancel')).trigger('click');
    expect(server.calls).toHaveLength(0);

    await w.get(tid('delete-event')).trigger('click');
    await w.get(tid('confirm-reason')).setValue('demo');
    await w.get(tid('confirm-ok')).trigger('click');
    await flushPromises();
    expect(server.sent('DELETE', '/events/demo')[0]?.body).toEqual({ confirm: 'demo' });
    expect(w.text()).toContain('arsipkan saja');
  });

  it('starts a replay of a closed event at the chosen speed and shows its progress with the copy’s board', async () => {
    const progress: ReplayProgress = { id: 'r1', fromEventId: 'demo', eventId: 'demo-replay-ab12', speed: 60, total: 12, sent: 12, failed: 0, state: 'done', startedAt: '', endsAt: '' };
    const server = fakeServer({ 'POST /events/demo/replay': { status: 201, body: progress }, 'GET /events': { body: { events: [] } } });
    const w = mountConsole(EventLifecycle, { event: closed });
    expect(w.find(tid('wipe-rehearsal')).exists()).toBe(false);
    await w.get(tid('replay-speed')).setValue('60');
    await w.get(tid('replay-start')).trigger('click');
    await flushPromises();
    expect(server.sent('POST', '/events/demo/replay')[0]?.body).toEqual({ speed: 60 });
    expect(w.get(tid('replay-progress')).text()).toContain('12 dari 12 transaksi diputar ulang');
    expect(w.get(`${tid('replay-progress')} a`).attributes('href')).toBe('/board/demo-replay-ab12');
  });
});
