import type { BoardDeal } from './schemas/totals.js';
import type { FlowDelta, RowDelta, Scalars, TotalsDelta } from './board-delta.js';

// How a `TotalsDelta` and the deals worth naming travel in `board:update`. An update's
// bytes are mostly keys (booth, category and delegation ids), so each key travels once
// per screen: the snapshot carries the key list the server has used so far, an update
// adds the keys it is the first to use, and rows and deals name keys by their index.

/** A breakdown row on the wire: `[key index, total, count]`; total and count 0: the row is gone. */
export type WireRow = [key: number, total: number, count: number];
/** A flow on the wire: `[from index, to index (null: no buyer delegation), total, count]`. */
export type WireFlow = [from: number, to: number | null, total: number, count: number];

/** `BoardTick` flags. */
export const TICK_INVESTMENT = 1;
export const TICK_VOIDED = 2;

/**
 * A deal as the ticker draws it: its category and booth as key indexes, the recording time
 * in whole seconds, the seller `''` when the event hides sellers, and flags
 * (`TICK_INVESTMENT`, `TICK_VOIDED`) left out when none.
 */
export type BoardTick = [id: string, amount: number, category: number, booth: number, atSec: number, seller: string, flags?: number];

export type WireDelta = Scalars & { seq: number; total: number; count: number; kind?: WireRow[]; cat?: WireRow[]; booth?: WireRow[]; flow?: WireFlow[] };

/** The server's side: the keys it has used for one event's boards, append-only. */
export class KeyTable {
  readonly keys: string[] = [];
  private readonly index = new Map<string, number>();
  private fresh: [number, string][] = [];

  /** The key's index, without adding it. */
  peek(key: string): number | undefined {
    return this.index.get(key);
  }

  id(key: string): number {
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.keys.push(key) - 1;
      this.index.set(key, i);
      this.fresh.push([i, key]);
    }
    return i;
  }

  /** The keys first used since the last call: the next update defines them. */
  takeFresh(): [number, string][] {
    const out = this.fresh;
    this.fresh = [];
    return out;
  }
}

/**
 * Where a board stands on its event's stream: the `seq` of the figures it shows and how many
 * parts of the updates at that `seq` it applied, or `COMPLETE` when it has the whole state at
 * `seq` (a snapshot, read from the ledger).
 */
export type StreamAt = { seq: number; part: number };
export const COMPLETE = Number.POSITIVE_INFINITY;

/** Where an update starts and ends on the stream (see `BoardUpdate`). */
export type StreamLink = { seq: number; fromSeq: number; part?: number; fromPart?: number };

const before = (a: StreamAt, b: StreamAt) => a.seq < b.seq || (a.seq === b.seq && a.part < b.part);

/**
 * What a board does with an update: `old` when it already holds the state the update leads to
 * (or a newer one), `apply` when the update builds on what it holds, `gap` when it missed one
 * (it must resync). After updates the board must hold exactly the update's start (the
 * previous update's `seq` and part); after a snapshot, any start at or before the snapshot's
 * `seq` builds on it, as an update carries every row that changed since its start.
 */
export function nextStep(at: StreamAt, u: StreamLink): 'old' | 'apply' | 'gap' {
  if (!before(at, { seq: u.seq, part: u.part ?? 0 })) return 'old';
  const from = { seq: u.fromSeq, part: u.fromPart ?? 0 };
  const builds = at.part === COMPLETE ? !before(at, from) : from.seq === at.seq && from.part === at.part;
  return builds ? 'apply' : 'gap';
}

/** Where a board stands after `nextStep` said `apply`. */
export const stepTo = (u: StreamLink): StreamAt => ({ seq: u.seq, part: u.part ?? 0 });

/** How many changed deals an update names: the ticker takes in one or two a second. */
export const TICKS_PER_UPDATE = 1;

/** The deals worth naming, newest first: corrections before new deals (they change what a screen already shows). */
export function pickDeals(changed: readonly BoardDeal[], max = TICKS_PER_UPDATE): { named: BoardDeal[]; more: number } {
  const named = [...changed.filter((d) => d.status === 'voided'), ...changed.filter((d) => d.status !== 'voided')].slice(0, max);
  return { named, more: changed.length - named.length };
}

export function encodeDelta(d: TotalsDelta, table: KeyTable): WireDelta {
  const { kind, cat, booth, flow, ...scalars } = d;
  const rows = (r: RowDelta[] | undefined) => r?.map(([k, total, count]): WireRow => [table.id(k), total, count]);
  const out: WireDelta = { ...scalars };
  if (kind) out.kind = rows(kind);
  if (cat) out.cat = rows(cat);
  if (booth) out.booth = rows(booth);
  if (flow) out.flow = flow.map(([from, to, total, count]): WireFlow => [table.id(from), to === null ? null : table.id(to), total, count]);
  return out;
}

export function encodeTick(d: BoardDeal, table: KeyTable): BoardTick {
  const flags = (d.kind === 'investment' ? TICK_INVESTMENT : 0) | (d.status === 'voided' ? TICK_VOIDED : 0);
  const t: BoardTick = [d.id, d.amount, table.id(d.categoryId), table.id(d.boothId), Math.floor((Date.parse(d.recordedAt) || 0) / 1000), d.seller];
  if (flags) t.push(flags);
  return t;
}

/**
 * The board's side: the delta and the named deals with their keys back, after taking in
 * the keys the update defines (into `keys`, the list from the snapshot). `null` when the
 * update names a key this board was never told: it must resync.
 */
export function decodeUpdate(u: WireDelta & { keys?: [number, string][]; changed: BoardTick[] }, keys: string[]): { delta: TotalsDelta; deals: BoardDeal[] } | null {
  for (const [i, k] of u.keys ?? []) keys[i] = k;
  let missing = false;
  const key = (i: number) => {
    const k = keys[i];
    if (k === undefined) missing = true;
    return k ?? '';
  };
  const rows = (r: WireRow[] | undefined) => r?.map(([i, total, count]): RowDelta => [key(i), total, count]);
  const { kind, cat, booth, flow, ...scalars } = u;
  const delta: TotalsDelta = { seq: u.seq, total: u.total, count: u.count };
  for (const f of ['target', 'sellers', 'voided', 'pending', 'countedKinds', 'confirmed', 'disputed', 'mou'] as const) if (scalars[f] !== undefined) Object.assign(delta, { [f]: scalars[f] });
  if (kind) delta.kind = rows(kind);
  if (cat) delta.cat = rows(cat);
  if (booth) delta.booth = rows(booth);
  if (flow) delta.flow = flow.map(([from, to, total, count]): FlowDelta => [key(from), to === null ? null : key(to), total, count]);
  const deals = u.changed.map(([id, amount, c, b, atSec, seller, flags = 0]): BoardDeal => ({
    id,
    amount,
    categoryId: key(c),
    kind: flags & TICK_INVESTMENT ? 'investment' : 'trade',
    seller,
    boothId: key(b),
    recordedAt: new Date(atSec * 1000).toISOString(),
    status: flags & TICK_VOIDED ? 'voided' : 'recorded',
  }));
  return missing ? null : { delta, deals };
}
