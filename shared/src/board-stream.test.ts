import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyTotalsDelta, comparableTotals } from './board-delta.js';
import { BoardStream, MAX_UPDATE_BYTES, UPDATE_JSON_BYTES, utf8Length } from './board-stream.js';
import { COMPLETE, decodeUpdate, nextStep, stepTo, type StreamAt } from './board-wire.js';
import type { BoardUpdate } from './events.js';
import type { BoardDeal, Totals } from './schemas/totals.js';

// An update on the wire stays within MAX_UPDATE_BYTES whatever was coalesced into it, and
// what it leaves out comes after, so a board that applies them in order ends exact.

/** The bytes a board receives for an update: the Engine.IO type and the Socket.IO packet around the JSON. */
const frameBytes = (u: BoardUpdate) => Buffer.byteLength(`42/board,${JSON.stringify(['board:update', u])}`);

const ids = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(2, '0')}-kgx7m`);
const BOOTHS = ids('stan-umkm', 50);
const CATS = ids('kategori', 50);
const DELS = ids('delegasi', 50);
const KEYS = ['trade', 'investment', ...CATS, ...BOOTHS, ...DELS];

/** An event whose every figure has as many digits as a Rupiah total can (close to 2^53). */
function state(seq: number, salt: number, flows: number): Totals {
  const big = (i: number) => 9_007_199_254_000_000 - ((i * 7919 + salt * 104_729) % 1_000_000_000);
  const sum = (i: number) => ({ total: big(i), count: 100_000 + ((i + salt) % 899_999) });
  return {
    eventId: 'e',
    seq,
    total: big(salt),
    count: 999_999 - salt,
    target: 9_000_000_000_000_000 + salt,
    sellers: 99_999 - salt,
    voided: 99_999 - salt,
    pending: sum(1),
    countedKinds: salt % 2 ? ['trade'] : ['trade', 'investment'],
    byKind: { trade: sum(2), investment: sum(3) },
    confirmed: sum(4),
    disputed: sum(5),
    byCategory: CATS.map((categoryId, i) => ({ categoryId, ...sum(i) })),
    byBooth: BOOTHS.map((boothId, i) => ({ boothId, ...sum(i + 50) })),
    byFlow: Array.from({ length: flows }, (_, i) => ({ from: DELS[i % 50]!, to: i % 97 === 96 ? null : DELS[Math.floor(i / 50) % 50]!, ...sum(i + 100) })).filter(
      (f, i, all) => all.findIndex((g) => g.from === f.from && g.to === f.to) === i,
    ),
    updatedAt: '',
  };
}

/** The longest seller name a deal may carry (120 characters), in a script of three bytes each. */
const deal = (n: number): BoardDeal => ({
  id: `0f8fad5b-d9cb-469f-a165-70867728${String(n).padStart(4, '0')}`,
  amount: 9_007_199_254_740_991,
  categoryId: CATS[n % 50]!,
  kind: 'investment',
  seller: '木'.repeat(120),
  boothId: BOOTHS[n % 50]!,
  recordedAt: '2026-04-13T01:30:00Z',
  status: 'voided',
});

/** A board that applies updates by the stream's rule from a snapshot of `from`. */
function board(from: Totals, keys: string[]) {
  let at: StreamAt = { seq: from.seq, part: COMPLETE };
  let totals = from;
  const known = [...keys];
  return {
    take(u: BoardUpdate) {
      const step = nextStep(at, u);
      if (step === 'gap') throw new Error(`gap: update from ${u.fromSeq}/${u.fromPart ?? 0}, board at ${at.seq}/${at.part}`);
      if (step === 'old') return;
      totals = applyTotalsDelta(totals, decodeUpdate(u, known)!.delta);
      at = stepTo(u);
    },
    get totals() {
      return totals;
    },
  };
}

describe('board stream', () => {
  it('counts UTF-8 bytes as the wire does', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (s) => utf8Length(JSON.stringify(s)) === Buffer.byteLength(JSON.stringify(s))));
    expect(utf8Length(JSON.stringify('\ud800 lone'))).toBe(Buffer.byteLength(JSON.stringify('\ud800 lone')));
  });

  it('keeps every update within 1 KB when one change moves every row of a 50-booth, 50-category, 50-delegation event, and drains the rest in follow-ups', () => {
    const before = state(10, 0, 0);
    const stream = new BoardStream(before, KEYS);
    const screen = board(before, stream.keys());
    const after = state(11, 1, 600);
    stream.push(after, Array.from({ length: 30 }, (_, i) => deal(i)), [
      [40, 9_007_199_254_740_991],
      [41, 9_007_199_254_740_990],
    ]);
    const updates: BoardUpdate[] = [];
    for (let u = stream.take(UPDATE_JSON_BYTES); u; u = stream.take(UPDATE_JSON_BYTES)) updates.push(u);
    for (const u of updates) {
      expect(frameBytes(u)).toBeLessThanOrEqual(MAX_UPDATE_BYTES);
      expect({ seq: u.seq, total: u.total, count: u.count }).toEqual({ seq: 11, total: after.total, count: after.count });
      screen.take(u);
    }
    // About 30 rows fit in each: 750 rows take a few dozen updates, each a follow-up of the one before.
    expect(updates.length).toBeGreaterThan(20);
    expect(updates.slice(1).map((u) => u.part)).toEqual(updates.slice(1).map((_, i) => i + 1));
    expect(updates[0]!.changed).toHaveLength(1);
    expect(updates[0]!.more).toBe(29);
    expect(comparableTotals(screen.totals)).toEqual(comparableTotals(after));
  });

  it('stays within 1 KB and exact for any coalescing of changes to a big event, on a board that watched and on one that joined midway', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ salt: fc.nat(1000), flows: fc.nat(300), send: fc.nat(3), deals: fc.nat(3) }), { minLength: 1, maxLength: 12 }),
        fc.nat(12),
        (changes, joinAt) => {
          const first = state(1, 0, 20);
          const stream = new BoardStream(first, KEYS);
          const watcher = board(first, stream.keys());
          let late: ReturnType<typeof board> | undefined;
          let latest = first;
          const send = (times: number) => {
            for (let n = 0; n < times; n++) {
              const u = stream.take(UPDATE_JSON_BYTES);
              if (!u) return;
              expect(frameBytes(u)).toBeLessThanOrEqual(MAX_UPDATE_BYTES);
              watcher.take(u);
              late?.take(u);
            }
          };
          changes.forEach((c, i) => {
            // A board joins: its snapshot is the ledger's, newer than the last update.
            if (i === joinAt) late = board(latest, stream.keys());
            latest = state(latest.seq + 1 + c.deals, c.salt, c.flows);
            stream.push(latest, Array.from({ length: c.deals }, (_, d) => deal(i * 4 + d)), [[i, latest.total]]);
            send(c.send);
          });
          while (stream.pending) send(1);
          expect(comparableTotals(watcher.totals)).toEqual(comparableTotals(latest));
          if (late) expect(comparableTotals(late.totals)).toEqual(comparableTotals(latest));
        },
      ),
      { numRuns: 60 },
    );
  });
});
