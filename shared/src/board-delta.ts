import type { Totals } from './schemas/totals.js';

// `board:update` carries what changed since the previous update, not the whole state:
// at 200 deals/s a venue's Wi-Fi carries dozens of screens and hundreds of phones.
// Every figure in it is absolute (the value at the update's `seq`), never an increment,
// so applying an update on top of any state at or after its `fromSeq` is exact.

type Sum = { total: number; count: number };
type Kind = 'trade' | 'investment';

/** A breakdown row as `[key, total, count]`; `[key, 0, 0]` means the row is gone. */
export type RowDelta = [key: string, total: number, count: number];
/** A flow row as `[from, to, total, count]` (`to` null: no buyer delegation). */
export type FlowDelta = [from: string, to: string | null, total: number, count: number];
/** One point of the climb: `[bucket index, total at the end of it]`. */
export type ClimbPointDelta = [index: number, total: number];

/** A climb point in an update: `[index]` alone when its total is the update's `total`. */
export type PackedClimbPoint = [index: number] | ClimbPointDelta;

export const packClimb = (points: readonly ClimbPointDelta[], total: number): PackedClimbPoint[] => points.map(([i, t]) => (t === total ? [i] : [i, t]));
export const unpackClimb = (points: readonly PackedClimbPoint[], total: number): ClimbPointDelta[] => points.map(([i, t]) => [i, t ?? total]);

/** The scalar figures of `Totals` an update repeats only when they changed. */
export type Scalars = Partial<Pick<Totals, 'target' | 'sellers' | 'voided' | 'pending' | 'countedKinds' | 'confirmed' | 'disputed' | 'mou'>>;

export type TotalsDelta = Scalars & {
  seq: number;
  total: number;
  count: number;
  /** `byKind` rows that changed, as `[kind, total, count]`. */
  kind?: RowDelta[];
  cat?: RowDelta[];
  booth?: RowDelta[];
  flow?: FlowDelta[];
};

const sameSum = (a: Sum | undefined, b: Sum | undefined) => a?.total === b?.total && a?.count === b?.count;
const flowKey = (from: string, to: string | null) => `${from}\u0000${to ?? ''}`;

function rowDeltas<R extends Sum>(prev: readonly R[], next: readonly R[], key: (r: R) => string): [R | null, string][] {
  const before = new Map(prev.map((r) => [key(r), r]));
  const out: [R | null, string][] = [];
  for (const r of next) {
    const k = key(r);
    if (!sameSum(before.get(k), r)) out.push([r, k]);
    before.delete(k);
  }
  for (const k of before.keys()) out.push([null, k]);
  return out;
}

/** What an update must carry to take a board from `prev` to `next`. */
export function diffTotals(prev: Totals, next: Totals): TotalsDelta {
  const d: TotalsDelta = { seq: next.seq, total: next.total, count: next.count };
  if (prev.target !== next.target) d.target = next.target;
  if (prev.sellers !== next.sellers) d.sellers = next.sellers;
  if (prev.voided !== next.voided) d.voided = next.voided;
  if (!sameSum(prev.pending, next.pending)) d.pending = next.pending;
  if (prev.countedKinds.join() !== next.countedKinds.join()) d.countedKinds = next.countedKinds;
  if (next.confirmed && !sameSum(prev.confirmed, next.confirmed)) d.confirmed = next.confirmed;
  if (next.disputed && !sameSum(prev.disputed, next.disputed)) d.disputed = next.disputed;
  // MoUs change rarely and their list is short: sent whole when anything in it moved.
  if (next.mou && JSON.stringify(prev.mou) !== JSON.stringify(next.mou)) d.mou = next.mou;
  for (const k of ['trade', 'investment'] as const) {
    if (!sameSum(prev.byKind[k], next.byKind[k])) (d.kind ??= []).push([k, next.byKind[k].total, next.byKind[k].count]);
  }
  const cat = rowDeltas(prev.byCategory, next.byCategory, (r) => r.categoryId).map(([r, k]): RowDelta => [k, r?.total ?? 0, r?.count ?? 0]);
  if (cat.length) d.cat = cat;
  const booth = rowDeltas(prev.byBooth, next.byBooth, (r) => r.boothId).map(([r, k]): RowDelta => [k, r?.total ?? 0, r?.count ?? 0]);
  if (booth.length) d.booth = booth;
  const flowsBefore = new Map(prev.byFlow.map((f) => [flowKey(f.from, f.to), f]));
  const flow = rowDeltas(prev.byFlow, next.byFlow, (f) => flowKey(f.from, f.to)).map(([r, k]): FlowDelta => {
    const f = r ?? flowsBefore.get(k)!;
    return [f.from, f.to, r?.total ?? 0, r?.count ?? 0];
  });
  if (flow.length) d.flow = flow;
  return d;
}

const desc = (a: Sum, b: Sum) => b.total - a.total;
const gone = (total: number, count: number) => total === 0 && count === 0;

function applyRows<R extends Sum>(rows: readonly R[], deltas: readonly RowDelta[] | undefined, key: (r: R) => string, make: (k: string, s: Sum) => R): R[] {
  if (!deltas?.length) return rows as R[];
  const byKey = new Map(rows.map((r) => [key(r), r]));
  for (const [k, total, count] of deltas) {
    if (gone(total, count)) byKey.delete(k);
    else byKey.set(k, make(k, { total, count }));
  }
  return [...byKey.values()].sort(desc);
}

function applyKinds(byKind: Totals['byKind'], deltas: readonly RowDelta[] | undefined): Totals['byKind'] {
  const out = { ...byKind };
  for (const [k, total, count] of deltas ?? []) if (k === 'trade' || k === 'investment') out[k as Kind] = { total, count };
  return out;
}

/** The totals after `delta`, applied on totals at or after its `fromSeq`. */
export function applyTotalsDelta(base: Totals, delta: TotalsDelta): Totals {
  const byFlowKey = new Map(base.byFlow.map((f) => [flowKey(f.from, f.to), f]));
  for (const [from, to, total, count] of delta.flow ?? []) {
    const k = flowKey(from, to);
    if (gone(total, count)) byFlowKey.delete(k);
    else byFlowKey.set(k, { from, to, total, count });
  }
  return {
    ...base,
    seq: delta.seq,
    total: delta.total,
    count: delta.count,
    target: delta.target ?? base.target,
    sellers: delta.sellers ?? base.sellers,
    voided: delta.voided ?? base.voided,
    pending: delta.pending ?? base.pending,
    countedKinds: delta.countedKinds ?? base.countedKinds,
    confirmed: delta.confirmed ?? base.confirmed,
    disputed: delta.disputed ?? base.disputed,
    mou: delta.mou ?? base.mou,
    byKind: applyKinds(base.byKind, delta.kind),
    byCategory: applyRows(base.byCategory, delta.cat, (r) => r.categoryId, (categoryId, s) => ({ categoryId, ...s })),
    byBooth: applyRows(base.byBooth, delta.booth, (r) => r.boothId, (boothId, s) => ({ boothId, ...s })),
    byFlow: delta.flow?.length ? [...byFlowKey.values()].sort(desc) : base.byFlow,
  };
}

/**
 * The same figures whatever order their rows came in and whenever they were read: rows by key,
 * no `updatedAt`. A board's figures after any run of deltas equal `/totals` read this way.
 */
export function comparableTotals(t: Totals): Totals {
  return {
    ...t,
    updatedAt: '',
    byCategory: [...t.byCategory].sort((a, b) => a.categoryId.localeCompare(b.categoryId)),
    byBooth: [...t.byBooth].sort((a, b) => a.boothId.localeCompare(b.boothId)),
    byFlow: [...t.byFlow].sort((a, b) => `${a.from}>${a.to}`.localeCompare(`${b.from}>${b.to}`)),
  };
}
