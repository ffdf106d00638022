import type SQLite from 'better-sqlite3';
import type pg from 'pg';
import { Migrator, PostgresAdapter, sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';
import { migrationProvider, type Dialect } from './migrations.js';
import { createPool, postgresKysely } from './postgres.js';
import { openStore } from './sqlite.js';

export type Db = Kysely<Database>;
export type { Dialect };
export { openStore };

export interface Store {
  db: Db;
  dialect: Dialect;
  /** The raw SQLite handle, for online backups and pragmas only (SQLite store only). */
  sqlite?: SQLite.Database;
  /** The PostgreSQL pool (PostgreSQL store only): the cluster's messages travel through it too. */
  pool?: pg.Pool;
  /** For the PostgreSQL store: the URL, so a LISTEN connection of its own can be opened. */
  url?: string;
  /** What opening found: deals held, and whether a write-ahead log left by an unclean stop was replayed (its damaged tail dropped). */
  opened: { deals: number; walReplayed: boolean };
  close(): Promise<void>;
}

/** Which store a handle speaks to: the few statements that differ (row locks, NOTIFY) ask this. */
export function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** The store the settings name: PostgreSQL when `DATABASE_URL` is set, else SQLite in `DATA_DIR`. */
export function openConfiguredStore(settings: { DATA_DIR: string; DATABASE_URL?: string }): Promise<Store> {
  return settings.DATABASE_URL ? openPostgresStore(settings.DATABASE_URL) : openStore(settings.DATA_DIR);
}

/**
 * Open the ledger on PostgreSQL and apply migrations. Kysely's migrator holds a
 * PostgreSQL advisory lock while it migrates, so when several nodes start at once
 * the first migrates and the others wait, then find nothing left to do.
 */
export async function openPostgresStore(url: string): Promise<Store> {
  const pool = createPool(url);
  // A client losing its server (a PostgreSQL restart) must not crash the process, idle or checked
  // out (the adapter keeps one for its LISTEN): the query in flight fails and the pool drops it.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  const db = postgresKysely(pool);
  await migrate(db, 'postgres');
  return { db, dialect: 'postgres', pool, url, opened: { deals: await countDeals(db), walReplayed: false }, close: () => db.destroy() };
}

export async function migrate(db: Db, dialect: Dialect) {
  const migrator = new Migrator({ db, provider: migrationProvider(dialect) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Database migration ${failed} failed: ${String(error)}`, { cause: error });
  }
}

export async function countDeals(db: Db): Promise<number> {
  const { n } = await db.selectFrom('deals').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(n);
}

/**
 * True when the store answers a trivial query within `ms`. A PostgreSQL server that
 * is gone makes the pool wait for a connection; /health must say 503 before that.
 */
export async function storeIsHealthy(db: Db, ms = 1_000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([sql`select 1`.execute(db).then(() => true), late]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
