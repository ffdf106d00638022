import { afterEach, describe, expect, it } from 'vitest';
import RecapTable from './recap-table.vue';
import { mountConsole } from '../../test/harness';

afterEach(() => {
  document.body.innerHTML = '';
});

const shown = (w: ReturnType<typeof mountConsole>) => w.findAll('tbody tr').map((tr) => tr.findAll('td').at(-1)!.text());
const sum = (list: string[]) => Math.round(list.filter((s) => s !== '—').reduce((a, s) => a + Number(s.replace('%', '').replace(',', '.')), 0) * 10) / 10;

describe('recap table', () => {
  it('shows shares of the grand total that add up to 100%, not 99,9%', () => {
    const rows = [
      { name: 'Pertanian', count: 3, total: 100_000_000 },
      { name: 'Peternakan', count: 2, total: 100_000_000 },
      { name: 'Hasil hutan', count: 1, total: 100_000_000 },
    ];
    const w = mountConsole(RecapTable, { title: 'Per kategori', rows, grandTotal: 300_000_000 });
    expect(shown(w)).toEqual(['33,4%', '33,3%', '33,3%']);
    expect(sum(shown(w))).toBe(100);
  });

  it('leaves rows outside the total (shown apart) without a share', () => {
    const rows = [
      { name: 'Jatim', count: 5, total: 2 },
      { name: 'Kalsel', count: 1, total: 1 },
      { name: 'Investasi', count: 1, total: 50, note: 'tidak dihitung' },
    ];
    const w = mountConsole(RecapTable, { title: 'Per delegasi', rows, grandTotal: 3 });
    expect(shown(w)).toEqual(['66,7%', '33,3%', '—']);
  });

  it('gives a deal the same share in a table that lists every deal as in one that lists only some', () => {
    const full = mountConsole(RecapTable, { title: 'Per jenis', rows: [{ name: 'Dagang', count: 1, total: 880_000_000 }, { name: 'Investasi', count: 1, total: 420_000_000 }], grandTotal: 1_300_000_000 });
    const part = mountConsole(RecapTable, { title: 'Per stan', rows: [{ name: 'Stan A', count: 1, total: 880_000_000 }], grandTotal: 1_300_000_000 });
    expect(shown(full)[0]).toBe('67,7%');
    expect(shown(part)[0]).toBe('67,7%');
  });
});
