import { DEFAULT_EVENT_SETTINGS, diffTotals, encodeDelta, encodeTick, KeyTable, type BoardDeal, type BoardSnapshot, type BoardUpdate, type ClimbSeries, type PublicEvent, type Totals } from '@dealboard/shared';

export const demoEvent: PublicEvent = {
  id: 'demo',
  name: 'Misi Dagang Jatim–Kalsel',
  venue: 'Banjarmasin',
  currency: 'IDR',
  target: 1_300_000_000,
  startsAt: '2026-04-13T09:00:00+08:00',
  endsAt: '2026-04-13T10:00:00+08:00',
  timezone: 'Asia/Makassar',
  status: 'live',
  milestones: [0.25, 0.5, 0.75, 1],
  categories: [
    { id: 'hasil-hutan', name: 'hasil hutan' },
    { id: 'peternakan', name: 'peternakan' },
    { id: 'pertanian', name: 'pertanian' },
  ],
  delegations: [
    { id: 'jatim', name: 'Jatim' },
    { id: 'kalsel', name: 'Kalsel' },
  ],
  booths: [
    { id: 'b-1', name: 'Stan Jatim 1', delegationId: 'jatim' },
    { id: 'b-2', name: 'Stan Kalsel 1', delegationId: 'kalsel' },
  ],
  // Its hour lies in the past: entry stays open past the end so the form can be tried (the end of the hour has its own tests).
  settings: { ...DEFAULT_EVENT_SETTINGS, stopAtEnd: false },
  createdAt: '2026-04-01T00:00:00Z',
};

export function totals(seq: number, total: number, count = seq): Totals {
  return {
    eventId: 'demo',
    seq,
    total,
    count,
    target: demoEvent.target,
    sellers: Math.min(count, 3),
    voided: 0,
    pending: { total: 0, count: 0 },
    countedKinds: ['trade', 'investment'],
    byKind: { trade: { total, count }, investment: { total: 0, count: 0 } },
    byCategory: [{ categoryId: 'hasil-hutan', total, count }],
    byBooth: [],
    byFlow: [],
    updatedAt: '2026-04-13T09:30:00Z',
  };
}

export function deal(id: string, amount: number, seller = 'UD Sumber Rejeki'): BoardDeal {
  return { id, amount, categoryId: 'hasil-hutan', kind: 'trade', seller, boothId: 'b1', recordedAt: '2026-04-13T01:30:00Z', status: 'recorded' };
}

const START = Date.parse(demoEvent.startsAt);

/** The server's climb: `points` as `[minute, total]`. */
export function climbSeries(points: [number, number][] = []): ClimbSeries {
  return { from: START, stepMs: 60_000, points };
}

export function snapshot(seq: number, total: number, recent: BoardDeal[] = [], climb = climbSeries()): BoardSnapshot {
  return { ...totals(seq, total), event: demoEvent, recent, climb, keys: [] };
}

/**
 * An update as the server sends it: only what changed between the totals at `fromSeq` and at `seq`,
 * keys by index with every key it uses defined in it (as for a board whose snapshot had none).
 */
export function update(fromSeq: number, seq: number, total: number, changed: BoardDeal[] = []): BoardUpdate {
  const table = new KeyTable();
  const u: BoardUpdate = { ...encodeDelta(diffTotals(totals(fromSeq, 0), totals(seq, total)), table), fromSeq, changed: changed.map((d) => encodeTick(d, table)) };
  const keys = table.takeFresh();
  if (keys.length) u.keys = keys;
  return u;
}
