import { expect } from 'vitest';
import pg from 'pg';
import type { ClusterBoard } from './cluster-load.js';
import { spawnServer, type ServerProcess } from './process.js';
import { startPostgres, type PostgresCluster } from './postgres.js';
import { startRedis, type RedisServer } from './redis.js';
import { ADMIN_TOKEN, api, boardSocket, nextEvent, operatorSocket, type BoardSocket } from './server.js';

/** How the nodes pass room-wide messages: PostgreSQL alone, or Redis beside it (REDIS_URL). */
export type MessagesVia = 'postgres' | 'redis';

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Real server processes on one throwaway PostgreSQL (and, for `redis`, one throwaway Redis). */
export class ClusterNodes {
  readonly nodes: ServerProcess[] = [];
  readonly boards: ClusterBoard[] = [];
  postgres!: PostgresCluster;
  redis: RedisServer | undefined;
  databaseUrl = '';

  constructor(readonly via: MessagesVia) {}

  /** Started together: one migrates under the advisory lock, the others wait for it. */
  async start(count: number): Promise<void> {
    this.postgres = await startPostgres();
    this.databaseUrl = await this.postgres.createDatabase('cluster');
    if (this.via === 'redis') this.redis = await startRedis();
    this.nodes.push(...(await Promise.all(Array.from({ length: count }, () => this.spawn()))));
  }

  /** One more node with the cluster's settings (on `port`, to stand in for a node that was stopped). */
  spawn(port?: number): Promise<ServerProcess> {
    return spawnServer({ port, env: { DATABASE_URL: this.databaseUrl, LOG_LEVEL: 'warn', ...(this.redis ? { REDIS_URL: this.redis.url } : {}) } });
  }

  get urls(): string[] {
    return this.nodes.map((n) => n.url);
  }

  async destroy(): Promise<void> {
    for (const b of this.boards) b.socket.disconnect();
    await Promise.all(this.nodes.map((n) => n.stop('SIGKILL')));
    await this.postgres?.destroy();
    await this.redis?.destroy();
  }

  /**
   * Cut every node's LISTEN connections (the change feed's, and the adapter's): until they are
   * back (a second or so) the nodes hear of no change. Returns how many were cut.
   */
  async deafen(): Promise<number> {
    return this.query(`select pg_terminate_backend(pid) from pg_stat_activity where query ilike 'listen %' and pid <> pg_backend_pid()`);
  }

  /** How many LISTEN connections the nodes hold. */
  async listening(): Promise<number> {
    return this.query(`select pid from pg_stat_activity where query ilike 'listen %'`);
  }

  private async query(text: string): Promise<number> {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    await client.connect();
    try {
      return (await client.query(text)).rowCount ?? 0;
    } finally {
      await client.end();
    }
  }

  /** What the ledger holds, read from PostgreSQL itself. */
  async ledgerState(eventId: string) {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    await client.connect();
    try {
      const deals = await client.query<{ id: string; amount: string; seq: number }>('select id, amount, seq from deals where event_id = $1 order by seq', [eventId]);
      const event = await client.query<{ seq: number }>('select seq from events where id = $1', [eventId]);
      return { deals: deals.rows.map((r) => ({ id: r.id, amount: Number(r.amount), seq: r.seq })), seq: event.rows[0]!.seq };
    } finally {
      await client.end();
    }
  }

  /** Every board on every node shows `total` within `ms`; returns how long it took. */
  async boardsShow(total: number, ms: number): Promise<number> {
    const started = Date.now();
    while (Date.now() - started < ms) {
      if (this.boards.every((b) => b.total === total)) return Date.now() - started;
      await sleep(25);
    }
    throw new Error(`boards show ${this.boards.map((b) => b.total).join(', ')}, the ledger ${total}`);
  }

  /** Every acked deal stored once, none stored that was not acked, `seq` without a gap; returns the total. */
  async expectExactLedger(eventId: string, acked: Map<string, number>): Promise<{ total: number; seq: number }> {
    const state = await this.ledgerState(eventId);
    const ids = state.deals.map((d) => d.id);
    expect(new Set(ids).size).toBe(ids.length); // 0 doubled
    for (const id of acked.keys()) expect(ids).toContain(id); // 0 lost
    expect(state.deals).toHaveLength(acked.size);
    // seq: one per accepted change, no gap, no repeat (the event's config changes take none here).
    expect(state.deals.map((d) => d.seq)).toEqual(Array.from({ length: state.deals.length }, (_, i) => i + 1));
    expect(state.seq).toBe(state.deals.length);
    const total = [...acked.values()].reduce((s, a) => s + a, 0);
    expect(state.deals.reduce((s, d) => s + d.amount, 0)).toBe(total);
    return { total, seq: state.seq };
  }
}

/** What `/health` says on `url` (status code and body). */
export async function health(url: string): Promise<{ status: number; body: { status: string; messages?: { via: string; reachable?: boolean } } }> {
  return api(url, 'GET', '/api/v1/health');
}

/** The ids of the event's screens the console lists when it asks the node at `url`. */
export async function listedScreens(url: string, eventId: string): Promise<string[]> {
  const listed = await api<{ screens: { id: string }[] }>(url, 'GET', `/api/v1/events/${eventId}/screens`, undefined, ADMIN_TOKEN);
  return listed.body.screens.map((s) => s.id).sort();
}

/** One board per node URL, each past its first snapshot. */
export async function screensOn(urls: string[], eventId: string): Promise<BoardSocket[]> {
  const screens = urls.map((u) => boardSocket(u, eventId));
  await Promise.all(screens.map((s) => nextEvent(s, 'board:snapshot', 15_000)));
  return screens;
}

/** The console on `from` tells `screen` to reload; the screen hears it. */
export async function commandReaches(from: string, eventId: string, screen: BoardSocket): Promise<void> {
  const command = nextEvent<{ command: string }>(screen, 'board:command', 10_000);
  const told = await api<{ told: number }>(from, 'POST', `/api/v1/events/${eventId}/screens/command`, { command: 'reload', screenId: screen.id }, ADMIN_TOKEN);
  expect(told.body.told).toBe(1);
  expect((await command).command).toBe('reload');
}

/** A booth's tablet on `at` is cut off when the console on `from` revokes the booth, and cannot come back. */
export async function revokeCutsOff(from: string, at: string, eventId: string, booth: { id: string; token: string }): Promise<void> {
  const tablet = operatorSocket(at, booth.token);
  try {
    await nextEvent(tablet, 'operator:session', 10_000);
    const cut = nextEvent<string>(tablet, 'disconnect', 10_000);
    expect((await api(from, 'POST', `/api/v1/events/${eventId}/booths/${booth.id}/revoke`, {}, ADMIN_TOKEN)).status).toBe(200);
    expect(await cut).toBe('io server disconnect');
  } finally {
    tablet.disconnect();
  }
  // The node cuts its tablets off only once it has emptied its token cache: trying again at once is refused.
  const again = operatorSocket(at, booth.token);
  try {
    expect((await nextEvent<Error>(again, 'connect_error', 5_000)).message).toBe('unauthorized');
  } finally {
    again.disconnect();
  }
}

/** A new booth of the event, made through the node at `url`. */
export async function addBooth(url: string, eventId: string, name: string): Promise<{ id: string; token: string }> {
  return (await api<{ id: string; token: string }>(url, 'POST', `/api/v1/events/${eventId}/booths`, { name, delegation: 'Jatim' }, ADMIN_TOKEN)).body;
}

/** Retry `check` until it passes or `ms` runs out (then its last failure is thrown). */
export async function eventually(check: () => Promise<void>, ms: number): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await sleep(250);
    }
  }
}
