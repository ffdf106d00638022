import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createPinia, setActivePinia } from 'pinia';
import fc from 'fast-check';
import { BoardStream, comparableTotals, type Ack, type BoardSnapshot, type BoardUpdate, type Totals } from '@dealboard/shared';
import { useBoardStore } from './board';
import type { BoardHandlers, OpenBoardChannel } from '../../socket/board-channel';
import { climbSeries, demoEvent, totals } from '../../test/fixtures';
import { fakeBoardServer } from '../../test/board-server';

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


/** A board store on a fake channel: what it was sent, and the snapshots it asked for. */
function boardOn() {
  let handlers: BoardHandlers | undefined;
  const resyncs: Array<(ack: Ack<BoardSnapshot>) => void> = [];
  const open: OpenBoardChannel = (_id, h) => {
    handlers = h;
    return { resync: () => new Promise((r) => resyncs.push(r)), report: vi.fn(), close: vi.fn() };
  };
  const board = useBoardStore();
  board.start('demo', { open });
  handlers!.status('connected');
  return { board, h: handlers!, resyncs };
}

const snapshotOf = (t: Totals, stream: BoardStream): BoardSnapshot => ({ ...t, event: demoEvent, recent: [], climb: climbSeries(), keys: stream.keys() });

describe('board store: deltas', () => {
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
  });

  it('ends on exactly the server totals after any coalescing, byte cap, follow-up, loss, reordering and resync', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(stepArb, { minLength: 1, maxLength: 30 }),
        fc.array(fc.boolean(), { minLength: 30, maxLength: 30 }),
        fc.array(fc.nat(3), { minLength: 60, maxLength: 60 }),
        fc.array(fc.boolean(), { minLength: 60, maxLength: 60 }),
        fc.integer({ min: 200, max: 600 }),
        fc.boolean(),
        async (steps, sendAt, delayBy, dropped, maxBytes, ledgerAhead) => {
          setActivePinia(createPinia());
          const states: Totals[] = [totals(0, 0)];
          for (const step of steps) states.push(nextState(states.at(-1)!, step));
          const final = states.at(-1)!;
          const { board, h, resyncs } = boardOn();
          // The server's own stream, at a byte cap small enough that rows wait for the next update or a follow-up.
          const stream = new BoardStream(states[0]!, ['trade', 'investment']);
          let now = 0; // index of the newest state the ledger has
          // A resync is answered with what the ledger holds by then, complete.
          const answer = async () => {
            while (resyncs.length) resyncs.shift()!({ ok: true, data: snapshotOf(states[now]!, stream) });
            for (let k = 0; k < 4; k++) await Promise.resolve();
          };
          h.snapshot(snapshotOf(states[0]!, stream));
          const inFlight: { at: number; update: BoardUpdate }[] = [];
          const sent: BoardUpdate[] = [];
          const send = (at: number) => {
            const update = stream.take(maxBytes);
            if (!update) return;
            expect(JSON.stringify(update).length).toBeLessThanOrEqual(maxBytes);
            inFlight.push({ at: at + delayBy[sent.length % 60]!, update });
            sent.push(update);
          };
          const deliver = async (upTo: number) => {
            for (const m of inFlight.filter((x) => x.at <= upTo)) {
              if (!dropped[sent.indexOf(m.update) % 60]) h.update(m.update);
              await answer();
            }
            inFlight.splice(0, inFlight.length, ...inFlight.filter((x) => x.at > upTo));
          };
          for (let i = 1; i < states.length; i++) {
            now = i;
            // The ledger may answer a snapshot before the coalescer has heard of its newest change.
            if (ledgerAhead) await answer();
            stream.push(states[i]!, [], []);
            if (sendAt[i - 1]) send(i);
            await deliver(i);
          }
          // The load stops: follow-ups carry what is left, one interval apart.
          for (let i = states.length; stream.pending; i++) send(i);
          await deliver(Number.POSITIVE_INFINITY);
          // Any update may be lost but the very last (a board that missed that one resyncs after its quiet period).
          if (sent.length) h.update(sent.at(-1)!);
          await answer();
          expect(comparableTotals(board.totals!)).toEqual(comparableTotals(final));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('applies a follow-up at the same seq, and resyncs when the next update shows it missed one', async () => {
    const rows = (n: number, total: number): Totals['byBooth'] => Array.from({ length: n }, (_, i) => ({ boothId: `b-${i}`, total: total + i, count: i + 1 }));
    const before = totals(1, 0);
    const after: Totals = { ...totals(2, 900_000_000), byBooth: rows(40, 1_000_000) };
    const stream = new BoardStream(before, ['trade', 'investment']);
    const { board, h, resyncs } = boardOn();
    h.snapshot(snapshotOf(before, stream));
    stream.push(after, [], []);
    const first = stream.take(300)!;
    const followUp = stream.take(300)!;
    expect(first.booth!.length).toBeLessThan(40);
    expect({ seq: followUp.seq, fromSeq: followUp.fromSeq, part: followUp.part }).toEqual({ seq: 2, fromSeq: 2, part: 1 });
    h.update(first);
    expect({ total: board.totals!.total, booths: board.totals!.byBooth.length }).toEqual({ total: 900_000_000, booths: first.booth!.length });
    // The second follow-up is lost: the update after it does not build on what the board holds.
    stream.take(300);
    stream.push({ ...after, seq: 3, total: 950_000_000 }, [], []);
    const next = stream.take(300)!;
    expect(next.fromPart).toBeGreaterThan(0);
    h.update(followUp);
    expect(board.totals!.byBooth.length).toBe(first.booth!.length + followUp.booth!.length);
    h.update(next);
    expect(board.resyncCount).toBe(1);
    expect(board.totals!.total).toBe(900_000_000);
    resyncs.shift()!({ ok: true, data: snapshotOf({ ...after, seq: 3, total: 950_000_000 }, stream) });
    await vi.waitFor(() => expect(board.lastSeq).toBe(3));
    expect(comparableTotals(board.totals!)).toEqual(comparableTotals({ ...after, seq: 3, total: 950_000_000 }));
  });

  it('stays exact when a snapshot came between an update\'s start and end and a row went back meanwhile', () => {
    const at = (seq: number, b1: number): Totals => ({ ...totals(seq, 10_000_000 + seq), byBooth: [{ boothId: 'b-1', total: b1, count: b1 / 1_000_000 }] });
    const stream = new BoardStream(at(1, 1_000_000), ['trade', 'investment']);
    stream.push(at(2, 2_000_000), [], []);
    // A board connects now: the ledger holds seq 2, the coalescer has not sent it yet.
    const { board, h } = boardOn();
    h.snapshot(snapshotOf(at(2, 2_000_000), stream));
    stream.push(at(3, 1_000_000), [], []); // the deal is voided: booth 1 is back where it was at seq 1
    h.update(stream.take()!);
    expect(comparableTotals(board.totals!)).toEqual(comparableTotals(at(3, 1_000_000)));
  });
});

describe('board store: the snapshot the page came with (the phone view)', () => {
  beforeEach(() => {
    localStorage.clear();
    setActivePinia(createPinia());
  });

  const at = (seq: number, total: number): Totals => ({ ...totals(seq, total), byBooth: [{ boothId: 'b-1', total, count: seq }] });

  it('shows it at once, and the socket snapshot once that comes when it is newer', () => {
    const stream = new BoardStream(at(4, 400_000_000), ['trade', 'investment']);
    const server = fakeBoardServer();
    const board = useBoardStore();
    board.start('demo', { open: server.open, first: { ...snapshotOf(at(4, 400_000_000), stream), keys: [] } });
    expect({ total: board.totals?.total, connection: board.connection }).toEqual({ total: 400_000_000, connection: 'connecting' });
    server.connect(snapshotOf(at(7, 700_000_000), stream));
    expect({ total: board.totals?.total, connection: board.connection }).toEqual({ total: 700_000_000, connection: 'live' });
  });

  it('keeps its figures over an older socket snapshot, takes that one\'s keys, and reads the next updates with them', () => {
    const stream = new BoardStream(at(4, 400_000_000), ['trade', 'investment', 'hasil-hutan', 'b-1']);
    const server = fakeBoardServer();
    const board = useBoardStore();
    board.start('demo', { open: server.open, first: { ...snapshotOf(at(5, 500_000_000), stream), keys: [] } });
    server.connect(snapshotOf(at(4, 400_000_000), stream));
    expect({ total: board.totals?.total, connection: board.connection }).toEqual({ total: 500_000_000, connection: 'live' });
    stream.push(at(5, 500_000_000), [], []);
    const old = stream.take()!;
    stream.push(at(6, 650_000_000), [], []);
    server.h.update(old);
    server.h.update(stream.take()!);
    expect(comparableTotals(board.totals!)).toEqual(comparableTotals(at(6, 650_000_000)));
    expect(board.resyncCount).toBe(0);
  });
});
