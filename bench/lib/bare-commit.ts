/**
 * The least a durable cluster node must do before it acks a deal, for the cluster bench's
 * `--bare=commit`: the deals waiting go into one statement that takes their `seq` from one shared
 * row and inserts them, committed with `synchronous_commit = on` (one round trip, one WAL flush),
 * as a group commit. No rules, no totals, no change feed.
 */
import pg from 'pg';

const SCHEMA = `
  create table if not exists bare_seq (id int primary key, seq bigint not null);
  insert into bare_seq values (1, 0) on conflict do nothing;
  create table if not exists bare_deals (id text primary key, amount bigint not null, seq bigint not null);`;

async function withClient<T>(url: string, f: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await f(c);
  } finally {
    await c.end();
  }
}

/** Before the bare servers start: their two tables (made once, not raced by three servers). */
export const createBareSchema = (databaseUrl: string) => withClient(databaseUrl, (c) => c.query(SCHEMA));

/** After the run: how many deals the bare servers stored, and the last `seq` they took. */
export const bareLedger = (databaseUrl: string) =>
  withClient(databaseUrl, async (c) => (await c.query<{ n: string; seq: string }>('select count(*) n, max(seq) seq from bare_deals')).rows[0]!);

const WRITE = `
  with s as (update bare_seq set seq = seq + cardinality($1::text[]) where id = 1 returning seq)
  insert into bare_deals (id, amount, seq)
  select d.id, d.amount, (select seq from s) - cardinality($1::text[]) + d.n
  from unnest($1::text[], $2::bigint[]) with ordinality as d(id, amount, n)`;

export function bareCommit(databaseUrl: string): (id: string, amount: number) => Promise<void> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 1 });
  let waiting: { id: string; amount: number; done: (e?: Error) => void }[] = [];
  let busy = false;
  const flush = async () => {
    if (busy || !waiting.length) return;
    busy = true;
    const batch = waiting;
    waiting = [];
    try {
      await pool.query(WRITE, [batch.map((d) => d.id), batch.map((d) => d.amount)]);
      for (const d of batch) d.done();
    } catch (e) {
      for (const d of batch) d.done(e as Error);
    } finally {
      busy = false;
      void flush();
    }
  };
  return (id, amount) =>
    new Promise<void>((resolve, reject) => {
      // The first deal of a batch schedules its flush; the rest of the tick's deals join it.
      if (!waiting.length) setImmediate(() => void flush());
      waiting.push({ id, amount, done: (e) => (e ? reject(e) : resolve()) });
    });
}
