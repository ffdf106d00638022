import type SQLite from 'better-sqlite3';
import type pg from 'pg';
import { PostgresAdapter, type Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { Dialect } from './migrations.js';

// What the store is, whichever opened it: the handle and the opened store. The openers (`sqlite.ts`,
// `postgres.ts`) and the chooser between them (`open.ts`) stand above this room, so none imports another's.

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
  /** What opening found: deals held, and whether a write-ahead log left by an unclean stop was replayed (its damaged tail dropped). */
  opened: { deals: number; walReplayed: boolean };
  close(): Promise<void>;
}

/** Which store a handle speaks to: the few statements that differ (row locks, NOTIFY) ask this. */
export function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
