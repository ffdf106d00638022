import { randomBytes } from 'node:crypto';

/** Wall-clock time in microseconds, comparable across processes on one machine. */
export function nowUs(): number {
  return Math.round((performance.timeOrigin + performance.now()) * 1000);
}

/**
 * A UUID-shaped deal id that carries its send time: the first 15 hex digits
 * (minus the version nibble) are the send time in µs, the rest is random.
 * Board clients in another process read the send time back from the ids in
 * `board:update.changed`, so submit → receipt needs no join across processes.
 */
export function timedUuid(sentAtUs: number = nowUs()): string {
  const t = sentAtUs.toString(16).padStart(15, '0');
  const r = randomBytes(8).toString('hex');
  const variant = (8 + (r.charCodeAt(0) % 4)).toString(16);
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-4${t.slice(12, 15)}-${variant}${r.slice(1, 4)}-${r.slice(4, 16)}`;
}

/** The send time (µs) carried by a `timedUuid`, or NaN. */
export function sentAtUs(id: string): number {
  if (id.length !== 36) return NaN;
  return parseInt(id.slice(0, 8) + id.slice(9, 13) + id.slice(15, 18), 16);
}
