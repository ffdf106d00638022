import { eventSettingsSchema, type PublicEvent } from '@dealboard/shared';
import type { Store } from '../../server/src/store/db.js';
import { openPostgresStore } from '../../server/src/store/postgres.js';
import { openStore } from '../../server/src/store/sqlite.js';
import { ChangeFeed } from '../../server/src/ledger/feed/change-feed.js';
import { BoothsRepo } from '../../server/src/ledger/booths/booths-repo.js';
import { EventsRepo } from '../../server/src/ledger/events/events-repo.js';
import { Ledger } from '../../server/src/ledger/batch/ledger.js';
import { feedSource } from '../../server/src/ledger/feed/feed-source.js';
import { TEST_STORE, freshDatabaseUrl } from './store.js';

/** The store the ledger's unit tests run on: SQLite in memory, or (TEST_STORE=postgres) a fresh PostgreSQL database. */
export async function testStore(): Promise<Store> {
  if (TEST_STORE !== 'postgres') return openStore(':memory:');
  return openPostgresStore(await freshDatabaseUrl());
}

/** For the ledger's unit tests: a store holding one event with the delegations Jatim and Kalsel, and its change feed. */
export async function storeWithEvent(): Promise<{ store: Store; feed: ChangeFeed; events: EventsRepo; booths: BoothsRepo; ledger: Ledger; event: PublicEvent }> {
  const store = await testStore();
  const feed = new ChangeFeed();
  const events = new EventsRepo(store.db, feed);
  const booths = new BoothsRepo(store.db, events, feed);
  const ledger = new Ledger(store.db, feed);
  feed.attach(feedSource({ db: store.db, events, booths, ledger }));
  const event = await events.createEvent({
    name: 'Uji',
    target: 1_000_000_000,
    startsAt: '2026-04-13T09:00:00+07:00',
    endsAt: '2026-04-13T10:00:00+07:00',
    timezone: 'Asia/Jakarta',
    delegations: ['Jatim', 'Kalsel'],
    // Its hour lies in the past: these rules are about deals, not the end of the hour.
    settings: eventSettingsSchema.parse({ stopAtEnd: false }),
  });
  return { store, feed, events, booths, ledger, event };
}

/** `storeWithEvent` with one booth ("Stan 1", Jatim) as a tablet's token finds it, and the event's first category. */
export async function storeWithBooth() {
  const fixture = await storeWithEvent();
  const { token } = await fixture.booths.create(fixture.event.id, { name: 'Stan 1', delegation: 'Jatim' });
  return { ...fixture, booth: (await fixture.booths.findByToken(token))!, category: fixture.event.categories[0]!.id };
}
