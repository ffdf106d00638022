import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, SqliteDialect, sql } from 'kysely';
import type { Database } from './schema.js';
import { migrationProvider } from './migrations.js';

export type Db = Kysely<Database>;

export interface Store {
  db: Db;
  /** The raw handle, for online backups and pragmas only. */
  sqlite: SQLite.Database;
  close(): Promise<void>;
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
  const durable = file === ':memory:' ? undefined : durableCommit(db, sqlite, `${file}-wal`);
  if (durable) durability.set(db, durable);
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    await db.destroy();
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Database migration ${failed} failed: ${String(error)}`);
  }
  return {
    db,
    sqlite,
    close: async () => {
      await durable?.close();
      await db.destroy();
    },
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
 * How the ledger's group commit becomes durable without blocking the event loop.
 *
 * The connection runs with `synchronous = FULL`: every commit fsyncs the WAL before
 * it returns — on the event loop's thread, a few milliseconds each on ordinary disks,
 * during which no socket is served. The ledger's group commit instead runs in
 * `transaction()`, which commits under `synchronous = NORMAL` (the WAL frames are
 * written, not yet synced) and puts the connection back to FULL before anyone else
 * may use it; then the ledger calls `sync()`, which fdatasyncs the WAL file on
 * libuv's thread pool, and only after that acknowledges and publishes the deals.
 * That is the same on-disk guarantee as FULL for every acknowledged deal (in WAL
 * mode, FULL differs from NORMAL only by that sync of the WAL after each commit),
 * while the event loop keeps serving sockets, and one sync covers every commit
 * made before it started.
 */
export interface DurableCommit {
  /** Run `work` in a transaction that commits without the in-line fsync; call `sync()` before acknowledging. */
  transaction<T>(work: (trx: Db) => Promise<T>): Promise<T>;
  /** Resolves once every commit made before the call is on disk. */
  sync(): Promise<void>;
}

const durability = new WeakMap<Db, DurableCommit>();

/** The store's off-thread durability for `db`, or undefined (in-memory store): then commit with FULL. */
export function durableCommitOf(db: Db): DurableCommit | undefined {
  if (process.env.ZZ_INLINE) return undefined; // ZZ-EXPERIMENT
  return durability.get(db);
}

function durableCommit(db: Db, sqlite: SQLite.Database, walPath: string): DurableCommit & { close(): Promise<void> } {
  const wal = walSync(walPath);
  return {
    transaction: (work) =>
      // The connection is ours alone in here; the pragmas are set on it directly, synchronously.
      db.connection().execute(async (conn) => {
        sqlite.pragma('synchronous = NORMAL');
        try {
          return await conn.transaction().execute(work);
        } finally {
          sqlite.pragma('synchronous = FULL');
        }
      }),
    sync: wal.sync,
    close: wal.close,
  };
}

/** Serialised fdatasync of the WAL: a call made while a sync runs waits for the next one, which serves all such calls. */
function walSync(walPath: string) {
  let running: Promise<void> | null = null;
  let queued: Promise<void> | null = null;
  let handle: { fh: fs.promises.FileHandle; ino: number } | undefined;
  const run = async () => {
    // One descriptor kept open; reopened if the WAL file was ever replaced (a stale one would sync nothing).
    let ino: number | undefined;
    try {
      ino = fs.statSync(walPath).ino;
    } catch {
      return; // no WAL file: nothing written since it was checkpointed away
    }
    if (!handle || handle.ino !== ino) {
      const old = handle;
      handle = undefined;
      await old?.fh.close().catch(() => undefined);
      const fh = await fs.promises.open(walPath, 'r');
      handle = { fh, ino: (await fh.stat()).ino };
    }
    await handle.fh.datasync();
  };
  const start = (): Promise<void> => {
    const p: Promise<void> = run().finally(() => {
      if (running === p) running = null;
    });
    running = p;
    return p;
  };
  return {
    sync(): Promise<void> {
      if (!running) return start();
      queued ??= running
        .catch(() => undefined)
        .then(() => {
          queued = null;
          return start();
        });
      return queued;
    },
    async close() {
      await running?.catch(() => undefined);
      await queued?.catch(() => undefined);
      await handle?.fh.close().catch(() => undefined);
      handle = undefined;
    },
  };
}

/** True when the store answers a trivial query. */
export async function storeIsHealthy(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
