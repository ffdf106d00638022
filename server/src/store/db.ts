import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type pg from 'pg';
import { Kysely, Migrator, PostgresAdapter, SqliteDialect, sql } from 'kysely';
import type { Database } from './schema.js';
import { migrationProvider, type Dialect } from './migrations.js';
import { createPool, postgresKysely } from './postgres.js';

export type Db = Kysely<Database>;
export type { Dialect };

export interface Store {
  db: Db;
  dialect: Dialect;
  /** The raw SQLite handle, for online backups and pragmas only (SQLite store only). */
  sqlite?: SQLite.Database;
  /** The PostgreSQL pool (PostgreSQL store only): the cluster's messages travel through it too. */
  pool?: pg.Pool;
  /** For the PostgreSQL store: the URL, so a LISTEN connection of its own can be opened. */
  url?: string;
  close(): Promise<void>;
}

/** Which store a handle speaks to: the few statements that differ (row locks, NOTIFY) ask this. */
export function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** The store the settings name: PostgreSQL when `databaseUrl` is set, else SQLite in `dataDir`. */
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
  return { db, dialect: 'postgres', pool, url, close: () => db.destroy() };
}

async function migrate(db: Db, dialect: Dialect) {
  const migrator = new Migrator({ db, provider: migrationProvider(dialect) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Database migration ${failed} failed: ${String(error)}`);
  }
}

/**
 * Open (or create) the ledger database in `dataDir` and apply migrations.
 * WAL with synchronous=FULL: a commit is on disk before it returns, so an ack
 * sent after it survives a power cut or `kill -9`.
 */
export async function openStore(dataDir: string, fileName = 'ledger.sqlite'): Promise<Store> {
  const file = dataDir === ':memory:' ? ':memory:' : path.join(dataDir, fileName);
  if (file !== ':memory:') fs.mkdirSync(dataDir, { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  await migrate(db, 'sqlite');
  return {
    db,
    dialect: 'sqlite',
    sqlite,
    close: () => db.destroy(),
  };
}

/**
 * Kysely's SQLite driver prepares every query afresh; preparing costs more than
 * running most of ours. Hand it a database whose `prepare` reuses statements by
 * their SQL (bounded LRU; a statement busy in an `iterate` gets a fresh one).
 */
function withStatementCache(sqlite: SQLite.Database, max = 500) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    prepare(sql: string): SQLite.Statement {
      const hit = cache.get(sql);
      if (hit) {
        if (hit.busy) return sqlite.prepare(sql);
        cache.delete(sql);
        cache.set(sql, hit);
        return hit;
      }
      const stmt = sqlite.prepare(sql);
      cache.set(sql, stmt);
      if (cache.size > max) cache.delete(cache.keys().next().value!);
      return stmt;
    },
    close() {
      cache.clear();
      sqlite.close();
    },
  };
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
