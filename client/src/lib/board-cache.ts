import type { BoardSnapshot } from '@dealboard/shared';
import { isBoardSnapshot } from './board-frames';
import { readStoredJson, STORAGE_KEYS, writeStored } from './storage';

/** The last good snapshot of an event, so a board reloaded while the server is down is not blank. */
export type CachedBoard = { snapshot: BoardSnapshot; savedAt: number };

const isCachedBoard = (x: unknown): x is CachedBoard =>
  typeof x === 'object' && x !== null && isBoardSnapshot((x as CachedBoard).snapshot) && Number.isFinite((x as CachedBoard).savedAt);

export function loadBoardCache(eventId: string): CachedBoard | null {
  return readStoredJson(STORAGE_KEYS.boardCache(eventId), isCachedBoard);
}

export function saveBoardCache(eventId: string, snapshot: BoardSnapshot, savedAt: number): void {
  writeStored(STORAGE_KEYS.boardCache(eventId), JSON.stringify({ snapshot, savedAt } satisfies CachedBoard));
}
