import { afterEach, describe, expect, it, vi } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import ReportsTab from './reports-tab.vue';
import { fakeServer, openConsole } from '../../test/harness';
import { demoEvent, totals } from '../../../test/fixtures';

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.innerHTML = '';
});

const recap = {
  event: demoEvent,
  asOf: '2026-04-13T08:30:00Z',
  asOfLabel: '13 April 2026, per pukul 16.30 WITA',
  zone: 'WITA',
  totals: { ...totals(20, 1_300_000_000, 17), sellers: 12, voided: 3, byKind: { trade: { total: 1_300_000_000, count: 16 }, investment: { total: 500_000_000, count: 1 } }, countedKinds: ['trade'] },
  byCategory: [
    { name: 'peternakan', total: 300_000_000, count: 5 },
    { name: 'hasil hutan', total: 1_000_000_000, count: 12 },
  ],
  byBooth: [{ name: 'Stan Kalsel 1', total: 1_300_000_000, count: 17 }],
  byFlow: [{ name: 'Kalsel → Jatim', total: 1_300_000_000, count: 17 }],
  byKind: [
    { name: 'Transaksi dagang (trade)', total: 1_300_000_000, count: 16 },
    { name: 'Komitmen investasi (investment)', total: 500_000_000, count: 1 },
  ],
};

describe('reports', () => {
  it('renders the official recap: stamp, total in figures and words, target share, corrections', async () => {
    fakeServer({ 'GET /events/demo/recap': { body: recap } });
    const w = await openConsole(ReportsTab, { event: demoEvent });
    expect(w.get('[data-testid="recap-stamp"]').text()).toBe('13 April 2026, per pukul 16.30 WITA');
    expect(w.get('[data-testid="recap-total"]').text()).toBe('Rp1.300.000.000');
    expect(w.get('[data-testid="recap-words"]').text()).toBe('satu miliar tiga ratus juta rupiah');
    expect(w.text()).toContain('100% dari target');
    expect(w.text()).toContain('3 transaksi dibatalkan sebagai koreksi');
    // Largest category first, with its share.
    const rows = w.findAll('[data-testid="recap-by-category"] tbody tr');
    expect(rows[0]?.text()).toContain('hasil hutan');
    expect(rows[0]?.text()).toContain('76,9%');
    expect(w.text()).toContain('tidak dihitung dalam total');
  });

  it('offers both exports as links to the server files and prints the recap', async () => {
    fakeServer({ 'GET /events/demo/recap': { body: recap } });
    const print = vi.fn();
    Object.defineProperty(window, 'print', { value: print, configurable: true });
    const w = await openConsole(ReportsTab, { event: demoEvent });
    expect(w.get('[data-testid="export-csv"]').attributes('href')).toBe('/api/v1/events/demo/export.csv');
    expect(w.get('[data-testid="export-xlsx"]').attributes('href')).toBe('/api/v1/events/demo/export.xlsx');
    await w.get('[data-testid="recap-print"]').trigger('click');
    expect(print).toHaveBeenCalled();
  });

  it('shows a readable error when an export fails', async () => {
    fakeServer({
      'GET /events/demo/recap': { body: recap },
      'GET /events/demo/export.xlsx': { status: 500, body: { error: { code: 'internal', message: 'Something went wrong on the server', pesan: 'Terjadi kesalahan di server' } } },
    });
    const w = await openConsole(ReportsTab, { event: demoEvent });
    await w.get('[data-testid="export-xlsx"]').trigger('click');
    await flushPromises();
    expect(w.get('[data-testid="error-note"]').text()).toBe('Terjadi kesalahan di server');
  });
});
