import type { Server } from 'socket.io';
import type { Logger } from 'pino';
import { createClient } from 'redis';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { withoutPassword, type MessagesStatus } from '../core/cluster-status.js';

/** Commands kept while Redis is away (heartbeats, broadcasts): hours of a quiet cluster's traffic. */
const OFFLINE_QUEUE_MAX = 10_000;
/** How long the start waits for Redis to answer before going on without it (it keeps trying). */
const START_WAIT_MS = 3_000;

export interface RoomMessages {
  status(): MessagesStatus;
  /** After the sockets are closed (the adapter's last message tells the other nodes this one left). */
  close(): Promise<void>;
}

/**
 * Room-wide Socket.IO messages through Redis (`@socket.io/redis-streams-adapter` on a `redis`
 * client) instead of PostgreSQL. Redis away at start or later does not stop the node: it records
 * deals and serves its own boards and tablets as before, the client keeps reconnecting (and keeps
 * the commands meanwhile, up to OFFLINE_QUEUE_MAX), the loss and the return are logged once each,
 * and `status()` (shown by `/health`) says so.
 */
export async function redisMessages(io: Server, url: string, logger: Logger): Promise<RoomMessages> {
  const where = withoutPassword(url);
  const client = createClient({ url, socket: { connectTimeout: 3_000 }, commandsQueueMaxLength: OFFLINE_QUEUE_MAX });
  let down: { code: string; since: number; logged: boolean } | undefined = { code: 'CONNECTING', since: Date.now(), logged: false };

  // Without a listener, an 'error' event would end the process.
  client.on('error', (err: Error & { code?: unknown }) => {
    // A system code (ECONNREFUSED), Redis's own reply (WRONGPASS, NOAUTH), or the client's error name.
    const code = typeof err.code === 'string' ? err.code : (/^[A-Z]{3,}\b/.exec(err.message)?.[0] ?? err.name);
    down = { code, since: down?.since ?? Date.now(), logged: down?.logged ?? false };
    if (down.logged) return;
    down.logged = true;
    logger.error(
      { err, redis: where },
      `Redis ${where} cannot be used now (${code}): screen commands, cut-offs of revoked tablets and the screens list reach this node's own sockets only until it answers; deals and boards go on; retrying`,
    );
  });
  client.on('ready', () => {
    if (down?.logged) logger.warn({ redis: where, downMs: Date.now() - down.since }, `Redis ${where} answers again: room-wide messages reach every node`);
    else logger.info({ redis: where }, `room-wide messages through Redis ${where}`);
    down = undefined;
  });

  const answered = new Promise<void>((resolve) => {
    client.once('ready', () => resolve());
    client.once('error', () => resolve());
    setTimeout(resolve, START_WAIT_MS).unref();
  });
  // It retries until Redis answers (or the client is closed); the 'error' listener above reports each loss.
  client.connect().catch(() => undefined);
  await answered;

  io.adapter(createAdapter(watched(client, (err) => logger.debug({ err }, 'Redis command failed (Redis away)')), { streamName: 'dealboard', channelPrefix: 'dealboard' }));

  return {
    status: () => (down ? { via: 'redis', reachable: false, code: down.code, since: new Date(down.since).toISOString() } : { via: 'redis', reachable: true }),
    async close() {
      if (!client.isOpen) return;
      if (!client.isReady) return void client.destroy();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([client.close().catch(() => undefined), new Promise((r) => (timer = setTimeout(r, 2_000)))]);
      clearTimeout(timer);
    },
  };
}

/** Methods whose promise the adapter drops: PUBLISH (a request to the other nodes, the screens list's) and SUBSCRIBE. */
const DROPPED = new Set<PropertyKey>(['publish', 'sPublish', 'subscribe', 'sSubscribe']);

/**
 * The client as the adapter sees it. The adapter never awaits some of its commands (DROPPED), and
 * a Redis lost while one is in flight rejects it: unhandled, that rejection would end the process.
 * Here each such promise is watched (`onError`), and `duplicate()` (the adapter's listening
 * copies) hands out watched copies too. Every other method is the client's own.
 */
function watched<T extends object>(client: T, onError: (err: unknown) => void): T {
  return new Proxy(client, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      const call = (...args: unknown[]): unknown => value.apply(target, args);
      if (prop === 'duplicate') return (...args: unknown[]) => watched(call(...args) as object, onError);
      if (!DROPPED.has(prop)) return call;
      return (...args: unknown[]) => {
        const result = call(...args);
        if (result instanceof Promise) result.catch(onError);
        return result;
      };
    },
  });
}
