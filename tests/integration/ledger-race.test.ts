import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { dealInputSchema } from '@dealboard/shared';
import type { Store } from '../../server/src/store/db.js';
import type { BoothIdentity } from '../../server/src/ledger/booths-repo.js';
import type { Ledger } from '../../server/src/ledger/ledger.js';
import { DomainError } from '../../server/src/core/errors.js';
import { storeWithEvent } from '../support/ledger-store.js';

// PostgreSQL only (the postgres project runs it): several writers, one of them an organiser's
// transaction holding the event row while a batch that read the event before it waits to write.
let store: Store;
let ledger: Ledger;
let booth: BoothIdentity;
let category: string;

beforeEach(async () => {
  const fixture = await storeWithEvent();
  ({ store, ledger } = fixture);
  category = fixture.event.categories[0]!.id;
  const created = await fixture.booths.create(fixture.event.id, { name: 'Stan 1', delegation: 'Jatim' });
  booth = (await fixture.booths.findByToken(created.token))!;
});
afterEach(() => store.close());

const input = () => dealInputSchema.parse({ id: randomUUID(), amount: 1_000_000, category, seller: 'UMKM Rotan', buyer: 'CV Maju' });
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
