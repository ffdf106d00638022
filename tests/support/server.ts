import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { io as ioClient, type Socket } from 'socket.io-client';
import type {
  BoardClientToServerEvents,
  BoardServerToClientEvents,
  OperatorClientToServerEvents,
  OperatorServerToClientEvents,
} from '@dealboard/shared';
import { loadConfig } from '../../server/src/config.js';
import { createLogger } from '../../server/src/logger.js';
import type { VenueFreshnessSource } from '../../server/src/programmes/freshness.js';
import type { Store } from '../../server/src/store/db.js';
import { openConfiguredStore } from '../../server/src/store/open.js';
import { TEST_STORE, freshDatabaseUrl } from './store.js';
import { liveEventInput } from './event-input.js';
import { createApplication, type Application } from '../../server/src/app.js';
import { createServer } from '../../server/src/listen.js';

export const ADMIN_TOKEN = 'test-admin-token-0123456789';

export interface TestServer {
  url: string;
  dataDir: string;
  app: Application;
  store: Store;
  stop(): Promise<void>;
}

/** A fresh temporary data folder. */
export function tempDataDir(prefix = 'dealboard-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Under TEST_STORE=postgres, the database that stands for each data folder (a restart on the same folder finds it again). */
const databases = new Map<string, Promise<string>>();

/** The database URL a server on `dataDir` uses: none (SQLite in the folder), or its own PostgreSQL database. */
export function databaseFor(dataDir: string): Promise<string | undefined> {
  if (TEST_STORE !== 'postgres') return Promise.resolve(undefined);
  let url = databases.get(dataDir);
  if (!url) databases.set(dataDir, (url = freshDatabaseUrl()));
  return url;
}

/** The real application on 127.0.0.1, port 0 (or `port`), with its own data folder (or database, under TEST_STORE=postgres). */
export async function startServer(opts: { dataDir?: string; port?: number; env?: Record<string, string>; logger?: Logger; freshness?: VenueFreshnessSource } = {}): Promise<TestServer> {
  const dataDir = opts.dataDir ?? tempDataDir();
  const databaseUrl = await databaseFor(dataDir);
  const config = loadConfig({
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
    PORT: String(opts.port ?? 0),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    ADMIN_TOKEN,
    LOG_LEVEL: 'silent',
    // Suites that send bursts from one booth must not trip the per-booth limit; its own test sets it.
    DEAL_RATE_PER_MINUTE: '1000000',
    DEAL_RATE_BURST: '1000000',
    ...opts.env,
  });
  const store = await openConfiguredStore(config);
  const { server } = createServer(config);
  const app = await createApplication(server, { config, store, logger: opts.logger ?? createLogger('silent'), freshness: opts.freshness });
  await new Promise<void>((r) => server.listen(opts.port ?? 0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    dataDir,
    app,
    store,
    async stop() {
      await app.close();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await store.close();
    },
  };
}

/** JSON over fetch, with an optional bearer token. */
export async function api<T = unknown>(
  base: string,
  method: string,
  pathName: string,
  body?: unknown,
  token?: string,
): Promise<{ status: number; body: T }> {
  const res = await fetch(base + pathName, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: await bodyOf<T>(res) };
}

/** A response body as JSON, or its text when it is not JSON (tests assert on the text). */
export async function bodyOf<T>(res: Response): Promise<T> {
  const text = await res.text();
  try {
    return JSON.parse(text) as T;
  } catch {
    return text as T;
  }
}

export type BoardSocket = Socket<BoardServerToClientEvents, BoardClientToServerEvents>;
export type OperatorSocket = Socket<OperatorServerToClientEvents, OperatorClientToServerEvents>;

/** A board socket; WebSocket only unless `transports` says otherwise (a venue proxy may force long-polling). */
export function boardSocket(base: string, eventId: string, transports: ('websocket' | 'polling')[] = ['websocket']): BoardSocket {
  return ioClient(`${base}/board`, { auth: { eventId }, transports, forceNew: true, reconnection: false });
}

export function operatorSocket(base: string, token: string): OperatorSocket {
  return ioClient(`${base}/operator`, { auth: { token }, transports: ['websocket'], forceNew: true, reconnection: false });
}

/** Resolve with the next `event` the socket receives (or reject after `ms`). */
export function nextEvent<T>(socket: Socket, event: string, ms = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${event}`)), ms);
    socket.once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

/** A random v4 UUID, as a tablet makes it. */
export function uuid(): string {
  return crypto.randomUUID();
}

/** Create an event with two delegations and one booth per delegation; returns ids and tokens. */
export async function setupEvent(base: string, overrides: Record<string, unknown> = {}) {
  const created = await api<{ id: string; categories: { id: string; name: string }[]; delegations: { id: string; name: string }[] }>(
    base,
    'POST',
    '/api/v1/events',
    liveEventInput(overrides),
    ADMIN_TOKEN,
  );
  if (created.status !== 201) throw new Error(`event creation failed: ${JSON.stringify(created.body)}`);
  const event = created.body;
  const boothA = await api<{ id: string; token: string; joinUrl: string }>(base, 'POST', `/api/v1/events/${event.id}/booths`, { name: 'Stan A', delegation: 'Jatim' }, ADMIN_TOKEN);
  const boothB = await api<{ id: string; token: string; joinUrl: string }>(base, 'POST', `/api/v1/events/${event.id}/booths`, { name: 'Stan B', delegation: 'kalsel' }, ADMIN_TOKEN);
  return { event, boothA: boothA.body, boothB: boothB.body };
}
