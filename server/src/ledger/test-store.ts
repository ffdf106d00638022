import type { PublicEvent } from '@dealboard/shared';
import { openStore, type Store } from '../store/db.js';
import { BoothsRepo } from './booths-repo.js';
import { EventsRepo } from './events-repo.js';

/** For the ledger's unit tests: an in-memory store holding one event with the delegations Jatim and Kalsel. */
export async function storeWithEvent(): Promise<{ store: Store; events: EventsRepo; booths: BoothsRepo; event: PublicEvent }> {
  const store = await openStore(':memory:');
  const events = new EventsRepo(store.db);
  const booths = new BoothsRepo(store.db, events);
  const event = await events.createEvent({
    name: 'Uji',
    target: 1_000_000_000,
    startsAt: '2026-04-13T09:00:00+07:00',
    endsAt: '2026-04-13T10:00:00+07:00',
    timezone: 'Asia/Jakarta',
    delegations: ['Jatim', 'Kalsel'],
  });
  return { store, events, booths, event };
}
