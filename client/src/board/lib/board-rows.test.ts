import { describe, expect, it } from 'vitest';
import { boothRows, categoryRows, flowRows } from './board-rows';
import { demoEvent, totals } from '../../test/fixtures';

describe('board rows', () => {
  it('ranks booths by their server totals, named from the event, with their delegation', () => {
    const x = {
      ...totals(5, 300_000_000),
      byBooth: [
        { boothId: 'b-1', total: 100_000_000, count: 2 },
        { boothId: 'b-2', total: 150_000_000, count: 1 },
        { boothId: 'b-gone', total: 50_000_000, count: 1 },
        { boothId: 'b-zero', total: 0, count: 0 },
      ],
    };
    expect(boothRows(demoEvent, x, 'Stan lain')).toEqual([
      { id: 'b-2', name: 'Stan Kalsel 1', sub: 'Kalsel', total: 150_000_000, count: 1 },
      { id: 'b-1', name: 'Stan Jatim 1', sub: 'Jatim', total: 100_000_000, count: 2 },
      { id: 'b-gone', name: 'Stan lain', total: 50_000_000, count: 1 },
    ]);
  });

  it('names flows both ways between delegations, and "—" when the buyer delegation is unknown', () => {
    const x = {
      ...totals(5, 600_000_000),
      byFlow: [
        { from: 'jatim', to: 'kalsel', total: 200_000_000, count: 2 },
        { from: 'kalsel', to: 'jatim', total: 350_000_000, count: 3 },
        { from: 'kalsel', to: null, total: 50_000_000, count: 1 },
      ],
    };
    expect(flowRows(demoEvent, x, 'pembeli lain').map((r) => [r.name, r.total])).toEqual([
      ['Kalsel → Jatim', 350_000_000],
      ['Jatim → Kalsel', 200_000_000],
      ['Kalsel → pembeli lain', 50_000_000],
    ]);
  });

  it('lists every configured category, unsold ones last, names capitalised', () => {
    expect(categoryRows(demoEvent, totals(1, 100_000_000)).map((r) => [r.name, r.total])).toEqual([
      ['Hasil hutan', 100_000_000],
      ['Pertanian', 0],
      ['Peternakan', 0],
    ]);
  });
});
