import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Database } from './schema.js';
import type { Store } from './db.js';
import { countDeals, migrate } from './migrate.js';

// The embedded default store: one SQLite file in DATA_DIR, WAL with synchronous=FULL.

/**
 * SQLite rolls a transaction back by itself on some faults (SQLITE_FULL, SQLITE_IOERR…); the
 * ROLLBACK Kysely then sends fails with "cannot rollback - no transaction is active", and that
 * error used to replace the real cause. Skip the ROLLBACK when there is nothing to roll back.
 */
class LedgerDialect extends SqliteDialect {
  constructor(
    private readonly raw: SQLite.Database,
    config: ConstructorParameters<typeof SqliteDialect>[0],
  ) {
    super(config);
  }

  override createDriver() {
    const driver = super.createDriver();
    const rollback = driver.rollbackTransaction.bind(driver);
    driver.rollbackTransaction = async (connection) => {
      if (this.raw.inTransaction) await rollback(connection);
    };
    return driver;
  }
}

/**
 * Open (or create) the ledger database in `dataDir` and apply migrations.
 * WAL with synchronous=FULL: a commit is on disk before it returns, so an ack
 * sent after it survives a power cut or `kill -9`.
 */
export async function openStore(dataDir: string, fileName = 'ledger.sqlite'): Promise<Store & { sqlite: SQLite.Database }> {
  const file = dataDir === ':memory:' ? ':memory:' : path.join(dataDir, fileName);
  if (file !== ':memory:') prepareDataFiles(dataDir, file);
  const walReplayed = file !== ':memory:' && (fs.statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? 0) > 0;
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  if (file !== ':memory:') restrictFiles(file);
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new LedgerDialect(sqlite, { database: withStatementCache(sqlite) }) });
  await migrate(db, 'sqlite');
  return {
    db,
    dialect: 'sqlite',
    sqlite,
    opened: { deals: await countDeals(db), walReplayed },
    close: () => db.destroy(),
  };
}

/**
 * The ledger holds every deal and the admin token's hash: only the server's own
 * user may read it. The folder is made 0700 and the file 0600 before SQLite opens
 * it (SQLite gives its -wal and -shm files the database file's mode); files left
 * readable by an earlier version are tightened.
 */
function prepareDataFiles(dataDir: string, file: string) {
  if (!fs.existsSync(dataDir)) fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  // A folder that is ours (empty, or already holding the ledger) is tightened too; any other is left as it is.
  else if (fs.existsSync(file) || fs.readdirSync(dataDir).length === 0) fs.chmodSync(dataDir, 0o700);
  if (!fs.existsSync(file)) fs.closeSync(fs.openSync(file, 'a', 0o600));
  restrictFiles(file);
}

function restrictFiles(file: string) {
  for (const f of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
    try {
      fs.chmodSync(f, 0o600);
    } catch {
      /* not there (yet) */
    }
  }
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

