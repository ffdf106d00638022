import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { dealInputSchema, type PublicEvent } from '@dealboard/shared';
import type { Store } from '../../server/src/store/db.js';
import type { BoothIdentity } from '../../server/src/ledger/booths-repo.js';
import { Ledger } from '../../server/src/ledger/ledger.js';
import type { EventsRepo } from '../../server/src/ledger/events-repo.js';
import { DomainError } from '../../server/src/core/errors.js';
import { storeWithEvent } from '../support/ledger-store.js';

// PostgreSQL only (the postgres project runs it): several writers, one of them an organiser's
// transaction holding the event row while a batch that read the event before it waits to write.
let store: Store;
let ledger: Ledger;
let events: EventsRepo;
let event: PublicEvent;
let booth: BoothIdentity;
let category: string;

beforeEach(async () => {
  const fixture = await storeWithEvent();
  ({ store, ledger, events, event } = fixture);
  category = fixture.event.categories[0]!.id;
  const created = await fixture.booths.create(fixture.event.id, { name: 'Stan 1', delegation: 'Jatim' });
  booth = (await fixture.booths.findByToken(created.token))!;
});
afterEach(() => store.close());

const input = (over: { category?: string } = {}) => dealInputSchema.parse({ id: randomUUID(), amount: 1_000_000, category, seller: 'UMKM Rotan', buyer: 'CV Maju', ...over });

describe('A node deciding from what it kept of the event', () => {
  // A second ledger on the same store with no change feed: a node that hears of nothing.
  it('takes a deal in a category another node has just added', async () => {
    const deaf = new Ledger(store.db);
    await deaf.submit(booth, input());
    const updated = await events.updateEvent(event.id, { categories: [...event.categories, { name: 'Rempah' }] }, 'admin');
    const added = updated.categories.find((c) => c.name === 'Rempah')!.id;
    await expect(deaf.submit(booth, input({ category: added }))).resolves.toMatchObject({ duplicate: false, deal: { categoryId: added } });
  });

  it('refuses a deal once another node has paused the event, and counts nothing of it', async () => {
    const deaf = new Ledger(store.db);
    await deaf.submit(booth, input());
    await events.setStatus(event.id, 'paused', 'admin');
    await expect(deaf.submit(booth, input())).rejects.toMatchObject({ code: 'event_not_live' });
    expect(await deaf.readTotals(event.id)).toMatchObject({ count: 1 });
  });

  it('answers a resend of a deal another node stored with its first receipt', async () => {
    const deaf = new Ledger(store.db);
    await deaf.submit(booth, input());
    const d = input();
    const first = await ledger.submit(booth, d);
    await expect(deaf.submit(booth, d)).resolves.toMatchObject({ duplicate: true, deal: { id: d.id }, seq: first.seq });
    expect(await deaf.readTotals(event.id)).toMatchObject({ count: 2 });
  });
});
describe('Ledger racing an organiser', () => {
  it('refuses a deal whose event was closed after the deal was checked but before it was written, and counts nothing of it', async () => {
    const before = await ledger.totals(booth.eventId);
    const raced = await store.db.connection().execute(async (organiser) => {
      // The organiser closes the event in a transaction still open while the deal is submitted.
      await sql`begin`.execute(organiser);
      await sql`update events set status = 'closed' where id = ${booth.eventId}`.execute(organiser);
      const deal = ledger.submit(booth, input()).catch((e: unknown) => e);
      // The deal has been checked against the live event and now waits on the event's row.
      let waited = false;
      for (let i = 0; i < 500 && !waited; i++) {
        const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query like '%ledger_write_batch%'`.execute(store.db);
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
    expect(await ledger.readTotals(booth.eventId)).toMatchObject({ seq: before?.seq, count: before?.count, total: before?.total });
  });
});
