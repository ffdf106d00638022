import pg from 'pg';
import type { Logger } from 'pino';

/**
 * A connection of its own that LISTENs on `channel` and hands every payload to
 * `onPayload`. When PostgreSQL goes away it retries every second, and once back
 * calls `onReconnect` (notes sent meanwhile were missed). Returns a stopper.
 */
export function listen(url: string, channel: string, handlers: { onPayload(payload: string): void; onReconnect(): void }, logger: Logger): () => Promise<void> {
  let client: pg.Client | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let lost = false;

  const retry = () => {
    if (stopped || timer) return;
    timer = setTimeout(() => {
      timer = undefined;
      void connect();
    }, 1_000);
  };

  const connect = async () => {
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
    c.on('error', (err) => {
      if (!lost) logger.warn({ err }, 'change feed: lost the LISTEN connection; retrying');
      lost = true;
      void c.end().catch(() => undefined);
      retry();
    });
    c.on('notification', (msg) => {
      if (msg.channel === channel && msg.payload) handlers.onPayload(msg.payload);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
    } catch (err) {
      if (!lost) logger.warn({ err }, 'change feed: cannot LISTEN; retrying');
      lost = true;
      void c.end().catch(() => undefined);
      retry();
      return;
    }
    if (stopped) return void (await c.end().catch(() => undefined));
    client = c;
    if (lost) {
      lost = false;
      logger.info('change feed: listening again');
      handlers.onReconnect();
    }
  };

  void connect();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await client?.end().catch(() => undefined);
  };
}
