import type { BoardSnapshot } from '@dealboard/shared';
import { isBoardSnapshot } from './board-frames';
import { MAX_POINTS, type Climb } from './pace';
import { readStoredJson, STORAGE_KEYS, writeStored } from '../../lib/storage';

/**
 * The last good snapshot of an event, so a board reloaded while the server is down is not
 * blank, and the climb it had drawn (server totals it received), so a reload keeps the chart.
 */
export type CachedBoard = { snapshot: BoardSnapshot; savedAt: number; climb?: Climb; celebrated?: Celebrated | null };

/** The highest milestone (a fraction of `target`) already celebrated, so a reload never celebrates it again. */
export type Celebrated = { target: number; fraction: number };

const isCelebrated = (x: unknown) =>
  x === undefined || x === null || (typeof x === 'object' && Number.isFinite((x as Celebrated).target) && Number.isFinite((x as Celebrated).fraction));

const isPoint = (p: unknown) =>
  typeof p === 'object' && p !== null && Number.isFinite((p as { t: unknown }).t) && Number.isSafeInteger((p as { total: unknown }).total);

function isClimb(x: unknown): x is Climb {
  if (typeof x !== 'object' || x === null) return false;
  const { points, reached } = x as Climb;
  const reachedOk = reached === null || (typeof reached === 'object' && Number.isFinite(reached.at) && Number.isSafeInteger(reached.target));
  return Array.isArray(points) && points.length <= MAX_POINTS && points.every(isPoint) && reachedOk;
}

const isCachedBoard = (x: unknown): x is CachedBoard =>
  typeof x === 'object' &&
  x !== null &&
  isBoardSnapshot((x as CachedBoard).snapshot) &&
  Number.isFinite((x as CachedBoard).savedAt) &&
  ((x as CachedBoard).climb === undefined || isClimb((x as CachedBoard).climb)) &&
  isCelebrated((x as CachedBoard).celebrated);

export function loadBoardCache(eventId: string): CachedBoard | null {
  return readStoredJson(STORAGE_KEYS.boardCache(eventId), isCachedBoard);
}

export function saveBoardCache(eventId: string, snapshot: BoardSnapshot, savedAt: number, climb?: Climb, celebrated?: Celebrated | null): void {
  writeStored(STORAGE_KEYS.boardCache(eventId), JSON.stringify({ snapshot, savedAt, climb, celebrated } satisfies CachedBoard));
}
