import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { dealInputSchema } from '@dealboard/shared';
import { Ledger } from '../../server/src/ledger/batch/ledger.js';
import { DomainError } from '../../server/src/core/errors.js';
import { storeWithBooth } from '../support/ledger-store.js';

// PostgreSQL only (the postgres project runs it): several writers, one of them an organiser's
// transaction holding the event row while a batch that read the event before it waits to write.
let f: Awaited<ReturnType<typeof storeWithBooth>>;
beforeEach(async () => {
  f = await storeWithBooth();
});
afterEach(() => f.store.close());

const input = (over: { category?: string } = {}) => dealInputSchema.parse({ id: randomUUID(), amount: 1_000_000, category: f.category, seller: 'UMKM Rotan', buyer: 'CV Maju', ...over });

describe('A node deciding from what it kept of the event', () => {
  // A second ledger on the same store with no change feed: a node that hears of nothing.
  it('takes a deal in a category another node has just added', async () => {
    const deaf = new Ledger(f.store.db);
    await deaf.submit(f.booth, input());
    const updated = await f.events.updateEvent(f.event.id, { categories: [...f.event.categories, { name: 'Rempah' }] }, 'admin');
    const added = updated.categories.find((c) => c.name === 'Rempah')!.id;
    await expect(deaf.submit(f.booth, input({ category: added }))).resolves.toMatchObject({ duplicate: false, deal: { categoryId: added } });
  });

  it('refuses a deal once another node has paused the event, and counts nothing of it', async () => {
    const deaf = new Ledger(f.store.db);
    await deaf.submit(f.booth, input());
    await f.events.setStatus(f.event.id, 'paused', 'admin');
    await expect(deaf.submit(f.booth, input())).rejects.toMatchObject({ code: 'event_not_live' });
    expect(await deaf.readTotals(f.event.id)).toMatchObject({ count: 1 });
  });

  it('answers a resend of a deal another node stored with its first receipt', async () => {
    const deaf = new Ledger(f.store.db);
    await deaf.submit(f.booth, input());
    const d = input();
    const first = await f.ledger.submit(f.booth, d);
    await expect(deaf.submit(f.booth, d)).resolves.toMatchObject({ duplicate: true, deal: { id: d.id }, seq: first.seq });
    expect(await deaf.readTotals(f.event.id)).toMatchObject({ count: 2 });
  });
});

describe('Ledger racing an organiser', () => {
  it('refuses a deal whose event was closed after the deal was checked but before it was written, and counts nothing of it', async () => {
    const before = await f.ledger.totals(f.booth.eventId);
    const raced = await f.store.db.connection().execute(async (organiser) => {
      // The organiser closes the event in a transaction still open while the deal is submitted.
      await sql`begin`.execute(organiser);
      await sql`update events set status = 'closed' where id = ${f.booth.eventId}`.execute(organiser);
      const deal = f.ledger.submit(f.booth, input()).catch((e: unknown) => e);
      // The deal has been checked against the live event and now waits on the event's row.
      let waited = false;
      for (let i = 0; i < 500 && !waited; i++) {
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query like '%ledger_write_batch%'`.execute(f.store.db);
        waited = rows[0]!.n > 0;
        if (!waited) await new Promise((r) => setTimeout(r, 10));
      }
      await sql`commit`.execute(organiser);
      return { deal: await deal, waited };
    });
    expect(raced.waited).toBe(true);
    const refused = raced.deal;
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: 'event_not_live' });
    expect(await f.ledger.readTotals(f.booth.eventId)).toMatchObject({ seq: before?.seq, count: before?.count, total: before?.total });
  });
});
