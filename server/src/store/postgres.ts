import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from './schema.js';
import type { Store } from './db.js';
import { countDeals, migrate } from './migrate.js';

/**
 * int8 (counts, bigint money columns) and numeric (their sums) arrive from `pg`
 * as strings, so that nothing above 2^53 is silently rounded. Whole Rupiah stay
 * far below that (the ledger refuses amounts that could reach it), so they are
 * read as numbers, like SQLite gives them.
 */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

/**
 * A connection pool on `url`. `synchronous_commit = on` for every session, whatever
 * the server's default: a COMMIT returns only once the WAL is flushed (and, with
 * synchronous replicas configured, confirmed), and an ack is sent only after it.
 */
function createPool(url: string, max = 10): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    types,
    options: '-c synchronous_commit=on',
    connectionTimeoutMillis: 3_000,
    // A dropped server must not leave a query hanging for ever: the deal's caller gets an error.
    query_timeout: 15_000,
  });
  return pool;
}

function postgresKysely(pool: pg.Pool): Kysely<Database> {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
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
