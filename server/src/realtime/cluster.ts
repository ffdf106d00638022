import type { Server } from 'socket.io';
import type { Logger } from 'pino';
import { createAdapter } from '@socket.io/postgres-adapter';
import type { Store } from '../store/db.js';
import { listen } from '../store/listen.js';
import type { ChangeFeed } from '../ledger/change-feed.js';
import type { Ledger } from '../ledger/ledger.js';

/**
 * On PostgreSQL this node is one of several: room-wide messages (screen commands,
 * cutting off a revoked booth's tablets) go through `@socket.io/postgres-adapter`,
 * and the change feed hears the other nodes' committed changes over LISTEN.
 * On SQLite there is one node and nothing to join.
 */
export async function joinCluster(io: Server, store: Store, feed: ChangeFeed, ledger: Ledger, logger: Logger): Promise<{ close(): Promise<void> }> {
  if (store.dialect !== 'postgres' || !store.pool || !store.url) return { close: async () => undefined };
  io.adapter(createAdapter(store.pool, { errorHandler: (err) => logger.warn({ err }, 'socket.io adapter: PostgreSQL error') }));
  const stop = listen(store.url, feed.channel, { onPayload: (p) => feed.heard(p), onReconnect: () => feed.resync(ledger.heldEvents()) }, logger);
  return { close: stop };
}
