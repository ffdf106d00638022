import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import EventForm from './event-form.vue';
import { apiError, fakeServer, mountConsole } from '../../test/harness';
import { demoEvent } from '../../../test/fixtures';

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

/** Type into the event form's fields, each named by its test id after `event-`. */
async function fill(w: ReturnType<typeof mountConsole>, fields: Record<string, string>) {
  for (const [field, value] of Object.entries(fields)) await w.get(`[data-testid="event-${field}"]`).setValue(value);
}

describe('event form', () => {
  it('creates an event with times in the event zone (WITA → +08:00)', async () => {
    const server = fakeServer({ 'POST /events': ({ body }) => ({ status: 201, body: { ...demoEvent, ...(body as object), id: 'expo' } }) });
    const w = mountConsole(EventForm, { event: null });
    await fill(w, { name: 'Expo UMKM Banjarmasin', 'target-input': '2,5 M', timezone: 'Asia/Makassar', starts: '2026-04-13T09:00', ends: '2026-04-13T10:00' });
    await w.get('[data-testid="delegations-new"]').setValue('Kalsel');
    await w.get('[data-testid="delegations-add"]').trigger('click');
    await w.get('form').trigger('submit');
    await flushPromises();

    expect(server.sent('POST', '/events')[0]?.body).toMatchObject({
      name: 'Expo UMKM Banjarmasin',
      target: 2_500_000_000,
      timezone: 'Asia/Makassar',
      startsAt: '2026-04-13T09:00:00+08:00',
      endsAt: '2026-04-13T10:00:00+08:00',
      delegations: ['Kalsel'],
      categories: ['hasil hutan', 'peternakan', 'pertanian', 'makanan olahan', 'produk olahan lainnya'],
      milestones: [0.25, 0.5, 0.75, 1],
      status: 'draft',
    });
  });

  it('refuses an end before the start, next to the end field, without calling the server', async () => {
    const server = fakeServer({});
    const w = mountConsole(EventForm, { event: null });
    await fill(w, { name: 'Expo', 'target-input': '1 M', starts: '2026-04-13T09:00', ends: '2026-04-13T08:00' });
    await w.get('form').trigger('submit');
    await flushPromises();
    expect(w.get('[data-testid="error-endsAt"]').text()).toBe('Waktu selesai harus sesudah waktu mulai.');
    expect(server.calls).toHaveLength(0);
  });

  it('sends only what changed, confirms a removal, and shows the server refusing it next to the list', async () => {
    const server = fakeServer({
      'PATCH /events/demo': apiError(409, 'conflict', '"pertanian" is in use and cannot be removed; rename it instead', '"pertanian" sedang dipakai dan tidak dapat dihapus; ganti namanya saja', 'categories'),
    });
    const w = mountConsole(EventForm, { event: demoEvent });
    const remove = w.findAll('[data-testid="categories-editor"] li button');
    await remove[2]!.trigger('click');
    await w.get('form').trigger('submit');
    await flushPromises();
    expect(document.body.querySelector('[data-testid="confirm-dialog"]')?.textContent).toContain('pertanian');
    expect(server.calls).toHaveLength(0);

    await w.get('[data-testid="confirm-ok"]').trigger('click');
    await flushPromises();
    expect(server.sent('PATCH', '/events/demo')[0]?.body).toEqual({
      categories: [
        { id: 'hasil-hutan', name: 'hasil hutan' },
        { id: 'peternakan', name: 'peternakan' },
      ],
    });
    expect(w.get('[data-testid="categories-editor"] [role="alert"]').text()).toContain('sedang dipakai');
  });
});
