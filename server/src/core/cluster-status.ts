/**
 * How room-wide Socket.IO messages (screen commands, the console's screens list) travel between
 * a cluster's nodes, as `/health` shows it: through PostgreSQL, or through Redis and whether
 * Redis answers now (with the cause and since when if not).
 */
export type MessagesStatus =
  | { via: 'postgres' }
  | { via: 'redis'; reachable: true }
  | { via: 'redis'; reachable: false; code: string; since: string };

/** A connection URL without its password, for the log and the start-up lines. */
export function withoutPassword(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}
