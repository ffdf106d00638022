import { afterEach, describe, expect, it, vi } from 'vitest';
import AuditTab from './audit-tab.vue';
import { apiError, fakeServer, openConsole } from '../../test/harness';
import { demoEvent } from '../../../test/fixtures';

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

describe('audit tab', () => {
  it('lists who changed what, under the column headings', async () => {
    fakeServer({
      'GET /events/demo/audit': {
        body: { entries: [{ id: 1, at: '2026-04-13T02:05:00.000Z', actor: 'Rina', action: 'deal.void', eventId: 'demo', subject: 'd1', before: { status: 'recorded' }, after: { status: 'voided' } }] },
      },
    });
    const w = await openConsole(AuditTab, { event: demoEvent });
    const table = w.get('[data-testid="audit-table"]');
    expect(table.findAll('th').map((th) => th.text())).toEqual(['Waktu', 'Oleh', 'Tindakan', 'Objek', 'Perubahan']);
    expect(table.findAll('tbody tr')).toHaveLength(1);
    expect(table.text()).toContain('Rina');
    expect(table.get('[data-testid="audit-change"]').text()).toBe('Status: tercatat → dibatalkan');
  });

  it('says why the trail could not be read instead of calling it empty', async () => {
    fakeServer({ 'GET /events/demo/audit': apiError(403, 'forbidden', 'Not allowed for your role', 'Tidak diizinkan untuk peran Anda') });
    const w = await openConsole(AuditTab, { event: demoEvent });
    expect(w.get('[data-testid="error-note"]').text()).toContain('Tidak diizinkan');
    expect(w.find('[data-testid="empty-state"]').exists()).toBe(false);
    expect(w.find('[data-testid="audit-table"]').exists()).toBe(false);
  });

  it('says the trail is empty when it is', async () => {
    fakeServer({ 'GET /events/demo/audit': { body: { entries: [] } } });
    const w = await openConsole(AuditTab, { event: demoEvent });
    expect(w.get('[data-testid="empty-state"]').text()).toBe('Belum ada catatan.');
    expect(w.find('[data-testid="error-note"]').exists()).toBe(false);
  });
});
