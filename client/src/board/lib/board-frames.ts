import type { BoardDeal, BoardSnapshot, BoardUpdate } from '@dealboard/shared';

// Socket frames are checked before they touch the screen: a malformed frame must
// never turn the grand total into NaN. The server is ours, so a structural check of
// the fields the board draws from is enough (no zod in the board's bundle).

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
const isInt = (x: unknown): x is number => Number.isSafeInteger(x);

function hasTotals(x: Record<string, unknown>): boolean {
  return isInt(x.seq) && isInt(x.total) && isInt(x.count) && isInt(x.target) && Array.isArray(x.byCategory);
}

export function isBoardSnapshot(x: unknown): x is BoardSnapshot {
  return isRecord(x) && hasTotals(x) && isRecord(x.event) && Array.isArray(x.event.categories) && Array.isArray(x.recent);
}

const isRows = (x: unknown, width: number) =>
  x === undefined || (Array.isArray(x) && x.every((r) => Array.isArray(r) && r.length === width && isInt(r[width - 2]) && isInt(r[width - 1])));
const isClimb = (x: unknown) => x === undefined || (Array.isArray(x) && x.every((p) => Array.isArray(p) && isInt(p[0]) && (p.length === 1 || (p.length === 2 && isInt(p[1])))));
const isTicks = (x: unknown) => Array.isArray(x) && x.every((t) => Array.isArray(t) && typeof t[0] === 'string' && isInt(t[1]) && isInt(t[2]) && isInt(t[3]) && isInt(t[4]));

/** An update carries `seq`, `total`, `count` and only what changed; every row it carries must be whole. */
export function isBoardUpdate(x: unknown): x is BoardUpdate {
  return (
    isRecord(x) &&
    isInt(x.seq) &&
    isInt(x.total) &&
    isInt(x.count) &&
    isInt(x.fromSeq) &&
    (x.part === undefined || isInt(x.part)) &&
    (x.fromPart === undefined || isInt(x.fromPart)) &&
    isTicks(x.changed) &&
    (x.target === undefined || isInt(x.target)) &&
    isRows(x.cat, 3) &&
    isRows(x.booth, 3) &&
    isRows(x.flow, 4) &&
    (x.keys === undefined || (Array.isArray(x.keys) && x.keys.every((k) => Array.isArray(k) && isInt(k[0]) && k[0] >= 0 && k[0] < 100_000 && typeof k[1] === 'string'))) &&
    isRows(x.kind, 3) &&
    isClimb(x.climb)
  );
}

/**
 * The recent list after an update: changed deals replace their old entry in place
 * (a void shows as a correction where the deal was), new recorded deals go on top.
 */
export function mergeRecent(current: readonly BoardDeal[], changed: readonly BoardDeal[], max: number): BoardDeal[] {
  const byId = new Map(changed.map((d) => [d.id, d]));
  const known = new Set(current.map((d) => d.id));
  const fresh = changed.filter((d) => !known.has(d.id) && d.status === 'recorded');
  return [...fresh, ...current.map((d) => byId.get(d.id) ?? d)].slice(0, max);
}
