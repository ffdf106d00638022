/**
 * The cluster bench's floor (`--floor`): what the machine allows, measured beside the load.
 *
 * Three open loops at `rate` a second each, for `durationMs`, in a process of its own at
 * normal priority (like the tablets):
 * - `select`: `select 1` on a connection of its own to the bench's PostgreSQL;
 * - `commit`: a one-row insert committed with `synchronous_commit = on` (a WAL flush, like a batch);
 * - `health`: `GET /api/v1/health` on the nodes in turn (HTTP in, one `select 1`, HTTP out).
 * A deal's ack needs at least a socket message in, one committed call and a message out, so
 * the `health` and `commit` figures under the same load are a floor under the ack's.
 */
import pg from 'pg';
import { serve } from './lib/rpc.js';
import { Samples } from './lib/stats.js';

type Loop = { name: string; once: () => Promise<unknown> };

/** Issue `once` every 1/rate s whether or not the last answered (open loop); time each to its answer. */
function openLoop(loop: Loop, rate: number, durationMs: number): Promise<{ name: string; ms: Float64Array; errors: number }> {
  const ms = new Samples();
  let errors = 0;
  let sent = 0;
  let done = 0;
  const total = Math.round((rate * durationMs) / 1000);
  const start = performance.now();
  return new Promise((resolve) => {
    const finish = () => {
      if (sent === total && done === total) resolve({ name: loop.name, ms: ms.values(), errors });
    };
    const tick = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - start) * rate) / 1000));
      while (sent < due) {
        sent++;
        const t0 = performance.now();
        loop.once().then(
          () => ms.push(performance.now() - t0),
          () => errors++,
        ).finally(() => {
          done++;
          finish();
        });
      }
      if (sent >= total) clearInterval(tick);
    }, 2);
  });
}

async function run(p: { databaseUrl: string; urls: string[]; rate: number; durationMs: number }) {
  const select = new pg.Client({ connectionString: p.databaseUrl });
  const commit = new pg.Client({ connectionString: p.databaseUrl });
  await Promise.all([select.connect(), commit.connect()]);
  try {
    await commit.query('create table if not exists bench_floor (n bigserial primary key, at timestamptz not null default now())');
    let turn = 0;
    const loops: Loop[] = [
      { name: 'select', once: () => select.query('select 1') },
      { name: 'commit', once: () => commit.query('insert into bench_floor default values') },
      {
        name: 'health',
        once: async () => {
          const r = await fetch(`${p.urls[turn++ % p.urls.length]}/api/v1/health`);
          await r.arrayBuffer();
          if (!r.ok) throw new Error(`health ${r.status}`);
        },
      },
    ];
    return await Promise.all(loops.map((l) => openLoop(l, p.rate, p.durationMs)));
  } finally {
    await Promise.all([select.end(), commit.end()]);
  }
}

serve({ run });
