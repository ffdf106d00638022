import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import fc from 'fast-check';
import { diffTotals, encodeDelta, KeyTable, type Ack, type BoardSnapshot, type BoardUpdate, type Totals } from '@dealboard/shared';
import { useBoardStore } from './board';
import type { BoardHandlers, OpenBoardChannel } from '../../socket/board-channel';
import { climbSeries, demoEvent, totals } from '../../test/fixtures';

// The board store applies only what changed (`board:update` deltas). Whatever the server
// coalesced, whatever the network dropped or reordered, and whenever the board resynced,
// it must end on exactly the figures the server holds (`GET /totals`).

type Sum = { total: number; count: number };
const CATS = ['hasil-hutan', 'peternakan', 'pertanian'];
const BOOTHS = ['b-1', 'b-2', 'b-3', 'b-4', 'b-5'];
const FLOWS: [string, string | null][] = [['jatim', 'kalsel'], ['kalsel', 'jatim'], ['jatim', null]];

/** One step of the server: some rows move (to 0 = the row is gone, as `/totals` leaves it out). */
const stepArb = fc.record({
  cat: fc.array(fc.tuple(fc.constantFrom(...CATS), fc.nat(5)), { maxLength: 3 }),
  booth: fc.array(fc.tuple(fc.constantFrom(...BOOTHS), fc.nat(5)), { maxLength: 4 }),
  flow: fc.array(fc.tuple(fc.nat(FLOWS.length - 1), fc.nat(5)), { maxLength: 2 }),
  sellers: fc.nat(40),
  trade: fc.nat(9),
});

type Step = typeof stepArb extends fc.Arbitrary<infer S> ? S : never;

function nextState(prev: Totals, step: Step): Totals {
  const rows = <R extends Sum>(list: R[], changes: [string, number][], key: (r: R) => string, make: (k: string, s: Sum) => R) => {
    const m = new Map(list.map((r) => [key(r), r]));
    for (const [k, n] of changes) {
      if (n === 0) m.delete(k);
      else m.set(k, make(k, { total: n * 1_000_000, count: n }));
    }
    return [...m.values()].sort((a, b) => b.total - a.total);
  };
  const byFlow = rows(
    prev.byFlow,
    step.flow.map(([i, n]): [string, number] => [FLOWS[i]!.join('>'), n]),
    (f) => [f.from, f.to].join('>'),
    (k, s) => {
      const [from, to] = FLOWS.find((f) => f.join('>') === k)!;
      return { from, to, ...s };
    },
  );
  const byCategory = rows(prev.byCategory, step.cat, (r) => r.categoryId, (categoryId, s) => ({ categoryId, ...s }));
  const byBooth = rows(prev.byBooth, step.booth, (r) => r.boothId, (boothId, s) => ({ boothId, ...s }));
  const total = byCategory.reduce((a, c) => a + c.total, 0);
  const count = byCategory.reduce((a, c) => a + c.count, 0);
  const trade = { total: step.trade * 1_000_000, count: step.trade };
  return { ...prev, seq: prev.seq + 1, total, count, sellers: step.sellers, byCategory, byBooth, byFlow, byKind: { ...prev.byKind, trade } };
}

const norm = (t: Totals) => ({
  ...t,
  updatedAt: '',
  byCategory: [...t.byCategory].sort((a, b) => a.categoryId.localeCompare(b.categoryId)),
  byBooth: [...t.byBooth].sort((a, b) => a.boothId.localeCompare(b.boothId)),
  byFlow: [...t.byFlow].sort((a, b) => `${a.from}>${a.to}`.localeCompare(`${b.from}>${b.to}`)),
});

describe('board store: deltas', () => {
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
  });

  it('ends on exactly the server totals after any coalescing, loss, reordering and resync', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(stepArb, { minLength: 1, maxLength: 30 }),
        fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
        fc.array(fc.nat(3), { minLength: 30, maxLength: 30 }),
        fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
        async (steps, sendAt, delayBy, dropped) => {
          setActivePinia(createPinia());
          const states: Totals[] = [totals(0, 0)];
          for (const step of steps) states.push(nextState(states.at(-1)!, step));
          const final = states.at(-1)!;
          let handlers: BoardHandlers | undefined;
          let now = 0; // index of the newest state the server has
          const resyncs: Array<(ack: Ack<BoardSnapshot>) => void> = [];
          const open: OpenBoardChannel = (_id, h) => {
            handlers = h;
            return { resync: () => new Promise((r) => resyncs.push(r)), report: vi.fn(), close: vi.fn() };
          };
          const board = useBoardStore();
          board.start('demo', { open });
          handlers!.status('connected');
          const table = new KeyTable();
          const snap = (i: number): BoardSnapshot => ({ ...states[i]!, event: demoEvent, recent: [], climb: climbSeries(), keys: table.keys.slice() });
          handlers!.snapshot(snap(0));
          // The coalescer sends the difference from what it sent last, at the moments it chose.
          let sent = states[0]!;
          const inFlight: { at: number; update: BoardUpdate }[] = [];
          for (let i = 1; i < states.length; i++) {
            now = i;
            if (sendAt[i - 1] || i === states.length - 1) {
              const u: BoardUpdate = { ...encodeDelta(diffTotals(sent, states[i]!), table), fromSeq: sent.seq, changed: [] };
              const keys = table.takeFresh();
              if (keys.length) u.keys = keys;
              inFlight.push({ at: i + delayBy[i - 1]!, update: u });
              sent = states[i]!;
            }
            for (const m of inFlight.filter((x) => x.at <= i)) {
              if (!dropped[m.update.seq % 30]) handlers!.update(m.update);
            }
            inFlight.splice(0, inFlight.length, ...inFlight.filter((x) => x.at > i));
            // A resync is answered with what the server holds by then.
            while (resyncs.length) resyncs.shift()!({ ok: true, data: snap(now) });
          }
          for (const m of inFlight) handlers!.update(m.update);
          // A board left behind (its last update lost) resyncs after its quiet period.
          await Promise.resolve();
          while (resyncs.length) resyncs.shift()!({ ok: true, data: snap(now) });
          await Promise.resolve();
          if ((board.lastSeq ?? -1) < final.seq) {
            const asked = board.resync();
            resyncs.shift()?.({ ok: true, data: snap(now) });
            await asked;
          }
          expect(norm(board.totals!)).toEqual(norm(final));
        },
      ),
      { numRuns: 300 },
    );
  });
});
