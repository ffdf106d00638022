import type { Server } from 'socket.io';
import type { Logger } from 'pino';
import { createAdapter } from '@socket.io/postgres-adapter';
import type { Store } from '../store/db.js';
import { listen } from '../store/listen.js';
import type { ChangeFeed } from '../ledger/feed/change-feed.js';
import type { Ledger } from '../ledger/batch/ledger.js';
import type { MessagesStatus } from '../core/cluster-status.js';
import { redisMessages, type RoomMessages } from './redis-messages.js';

export interface Cluster {
  /** How room-wide messages travel (for `/health`); undefined on a single node. */
  status(): MessagesStatus | undefined;
  /** Stop hearing the other nodes' changes (before the sockets close). */
  stopListening(): Promise<void>;
  /** Close what carries room-wide messages (after the sockets close). */
  close(): Promise<void>;
}

/**
 * On PostgreSQL this node is one of several: room-wide messages (screen commands,
 * the console's screens list) go through
 * `@socket.io/postgres-adapter`, or with `redisUrl` through Redis
 * (`@socket.io/redis-streams-adapter`), and the change feed hears the other nodes'
 * committed changes over LISTEN either way: a change's notice is sent in the
 * transaction that commits it, so no node hears of a change that did not commit.
 * On SQLite there is one node and nothing to join.
 */
export async function joinCluster(io: Server, deps: { store: Store; feed: ChangeFeed; ledger: Ledger; logger: Logger; redisUrl?: string }): Promise<Cluster> {
  const { store, feed, ledger, logger } = deps;
  if (store.dialect !== 'postgres' || !store.pool || !store.url) return { status: () => undefined, stopListening: async () => undefined, close: async () => undefined };
  const messages = deps.redisUrl ? await redisMessages(io, deps.redisUrl, logger) : postgresMessages(io, store.pool, logger);
  const stopListening = listen(store.url, feed.channel, { onPayload: (p) => feed.heard(p), onReconnect: () => feed.resync(ledger.heldEvents()) }, logger);
  return { status: messages.status, stopListening, close: messages.close };
}

function postgresMessages(io: Server, pool: NonNullable<Store['pool']>, logger: Logger): RoomMessages {
  io.adapter(createAdapter(pool, { errorHandler: (err) => logger.warn({ err }, 'socket.io adapter: PostgreSQL error') }));
  // The pool is the store's: closed with it, after the application.
  return { status: () => ({ via: 'postgres' }), close: async () => undefined };
}
