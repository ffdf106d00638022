import pg from 'pg';
import { Kysely, PostgresDialect } from 'kysely';
import type { Database } from './schema.js';

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
export function createPool(url: string, max = 10): pg.Pool {
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

export function postgresKysely(pool: pg.Pool): Kysely<Database> {
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
