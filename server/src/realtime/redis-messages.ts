import type { Server } from 'socket.io';
import type { Logger } from 'pino';
import { createClient } from 'redis';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { withoutPassword, type MessagesStatus } from '../core/cluster-status.js';

/** The stream the adapter passes broadcasts on, and the prefix of its pub/sub channels. */
const STREAM = 'dealboard';
const STREAM_MAX_LEN = 10_000;
/** How long the start waits for Redis to answer before going on without it (it keeps trying). */
const START_WAIT_MS = 3_000;
/** How often this node writes a mark on the stream (see `markEvery`), and how long without an answer to them means Redis is away. */
const MARK_MS = 1_000;
const NO_ANSWER_MS = 5_000;
/** The longest a broadcast waits for Redis before this node's own sockets get it (see `watched`). */
const PUBLISH_WAIT_MS = 500;

type Client = ReturnType<typeof createClient>;

export interface RoomMessages {
  status(): MessagesStatus;
  /** After the sockets are closed (the adapter has then ended its subscription and its reads). */
  close(): Promise<void>;
}

/**
 * Room-wide Socket.IO messages through Redis (`@socket.io/redis-streams-adapter` on a `redis`
 * client) instead of PostgreSQL. Redis away at start or later does not stop the node: it records
 * deals and serves its own boards and tablets as before, the client keeps reconnecting, the loss
 * and the return are logged once each, and `status()` (shown by `/health`) says so. Meanwhile a
 * message for the other nodes fails at once instead of waiting (the client keeps no offline
 * queue): this node's own sockets get it without delay, the other nodes never.
 */
export async function redisMessages(io: Server, url: string, logger: Logger): Promise<RoomMessages> {
  const where = withoutPassword(url);
  const client = createClient({ url, socket: { connectTimeout: 3_000 }, disableOfflineQueue: true });
  let down: { code: string; since: number; logged: boolean } | undefined = { code: 'CONNECTING', since: Date.now(), logged: false };
  // The adapter's own connections (the stream's reader, the subscriber): Redis is back when they are too.
  const copies: Client[] = [];

  const lost = (err: Error & { code?: unknown }) => {
    // A system code (ECONNREFUSED), Redis's own reply (WRONGPASS, NOAUTH), or the client's error name.
    const code = typeof err.code === 'string' ? err.code : (/^[A-Z]{3,}\b/.exec(err.message)?.[0] ?? err.name);
    down = { code, since: down?.since ?? Date.now(), logged: down?.logged ?? false };
    if (down.logged) return;
    down.logged = true;
    logger.error(
      { err, redis: where },
      `Redis ${where} cannot be used now (${code}): screen commands and the screens list reach this node's own sockets only until it answers; deals and boards go on; retrying`,
    );
  };
  const back = () => {
    if (!down || !client.isReady || copies.some((c) => !c.isReady)) return;
    if (down.logged) logger.warn({ redis: where, downMs: Date.now() - down.since }, `Redis ${where} answers again: room-wide messages reach every node`);
    else logger.info({ redis: where }, `room-wide messages through Redis ${where}`);
    down = undefined;
  };
  // Without a listener, an 'error' event would end the process.
  client.on('error', lost).on('ready', back);
  const onCopy = (copy: Client) => copies.push(copy.on('error', lost).on('ready', back));

  const answered = new Promise<void>((resolve) => {
    client.once('ready', () => resolve());
    client.once('error', () => resolve());
    setTimeout(resolve, START_WAIT_MS).unref();
  });
  // It retries until Redis answers (or the client is closed); the 'error' listener above reports each loss.
  client.connect().catch(() => undefined);
  const quiet = (err: unknown) => logger.debug({ err }, 'Redis command failed (Redis away)');
  io.adapter(createAdapter(watched(client, quiet, onCopy), { streamName: STREAM, channelPrefix: STREAM, maxLen: STREAM_MAX_LEN }));
  // The marks are also how a Redis that stopped answering without closing the connection is noticed.
  let answeredAt = Date.now();
  client.on('ready', () => (answeredAt = Date.now()));
  const marking = markEvery(client, MARK_MS, () => {
    answeredAt = Date.now();
    back();
  });
  const silence = setInterval(() => {
    if (!down && client.isReady && Date.now() - answeredAt > NO_ANSWER_MS) lost(Object.assign(new Error(`Redis has not answered for ${NO_ANSWER_MS / 1000} s`), { code: 'NO_ANSWER' }));
  }, MARK_MS).unref();
  await answered;

  return {
    status: () => (down ? { via: 'redis', reachable: false, code: down.code, since: new Date(down.since).toISOString() } : { via: 'redis', reachable: true }),
    async close() {
      clearInterval(marking);
      clearInterval(silence);
      if (!client.isOpen) return;
      if (!client.isReady) return void client.destroy();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([client.close().catch(() => undefined), new Promise((r) => (timer = setTimeout(r, 2_000)))]);
      clearTimeout(timer);
    },
  };
}

/**
 * The adapter's reader starts at the stream's end (`$`) and stays there until it reads an entry:
 * until then, an entry written between two of its reads (as when Redis comes back and the other
 * nodes write before this reader asks again) passes it by. A mark on the stream every `ms` (an
 * entry without a namespace, which the adapter reads past and otherwise ignores) gives every
 * reader a real position within `ms` of reaching Redis. `answered` is called on each mark Redis took.
 */
function markEvery(client: Client, ms: number, answered: () => void): NodeJS.Timeout {
  const trim = { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: STREAM_MAX_LEN } } as const;
  return setInterval(() => {
    if (client.isReady) client.xAdd(STREAM, '*', { mark: '1' }, trim).then(answered, () => undefined);
  }, ms).unref();
}

/** Methods whose promise the adapter drops: PUBLISH (a request to the other nodes, the screens list's) and SUBSCRIBE. */
const DROPPED = new Set<PropertyKey>(['publish', 'sPublish', 'subscribe', 'sSubscribe']);

/**
 * The client as the adapter sees it:
 * - it never awaits some of its commands (DROPPED), and a Redis lost while one is in flight rejects
 *   it: unhandled, that rejection would end the process, so each such promise is watched (`onError`);
 * - it sends a broadcast (XADD) before it hands it to this node's own sockets, and waits for it:
 *   a Redis that stopped answering without closing the connection (its host gone) would hold them
 *   until the connection times out, so it waits PUBLISH_WAIT_MS at most (the XADD goes on);
 * - its listening copies (`duplicate()`: the stream's reader, the subscriber) keep an offline queue,
 *   so a read sent while Redis is away waits for it instead of failing in a tight loop, are
 *   watched the same way, and are handed to `onCopy` (Redis is back when they are too).
 * Every other method is the client's own.
 */
function watched<T extends object>(client: T, onError: (err: unknown) => void, onCopy: (copy: Client) => void): T {
  return new Proxy(client, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      const call = (...args: unknown[]): unknown => value.apply(target, args);
      const quiet = (...args: unknown[]): unknown => {
        const result = call(...args);
        if (result instanceof Promise) result.catch(onError);
        return result;
      };
      if (prop === 'duplicate') {
        return (overrides?: object) => {
          const copy = call({ ...overrides, disableOfflineQueue: false }) as Client;
          onCopy(copy);
          return watched(copy, onError, onCopy);
        };
      }
      if (prop === 'xAdd') return (...args: unknown[]) => Promise.race([quiet(...args), new Promise((r) => setTimeout(r, PUBLISH_WAIT_MS).unref())]);
      return DROPPED.has(prop) ? quiet : call;
    },
  });
}
