/**
 * The least a durable cluster node must do before it acks a deal, for the cluster bench's
 * `--bare=commit`: the deals waiting go into one statement that takes their `seq` from one shared
 * row and inserts them, committed with `synchronous_commit = on` (one round trip, one WAL flush),
 * as a group commit. No rules, no totals, no change feed.
 */
import pg from 'pg';

export const BARE_SCHEMA = `
  create table if not exists bare_seq (id int primary key, seq bigint not null);
  insert into bare_seq values (1, 0) on conflict do nothing;
  create table if not exists bare_deals (id text primary key, amount bigint not null, seq bigint not null);`;

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
      waiting.push({ id, amount, done: (e) => (e ? reject(e) : resolve()) });
      setImmediate(() => void flush());
    });
}
