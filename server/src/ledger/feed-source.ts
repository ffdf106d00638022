import type { Db } from '../store/db.js';
import type { BoothsRepo } from './booths-repo.js';
import type { FeedSource } from './change-feed.js';
import type { EventsRepo } from './events-repo.js';
import type { Ledger } from './ledger.js';
import { changedDeals } from './queries.js';
import { latestClimb } from './climb.js';

/** The change feed's reads and caches, over this node's repositories. */
export function feedSource(deps: { db: Db; events: EventsRepo; booths: BoothsRepo; ledger: Ledger; watched?: (eventId: string) => boolean }): FeedSource {
  return {
    forgetConfig(eventId) {
      deps.events.invalidate(eventId);
      deps.booths.stale(eventId);
    },
    heldSeq: (eventId) => deps.ledger.cachedSeq(eventId),
    watched: (eventId) => deps.watched?.(eventId) ?? true,
    dropTotals: (eventId) => deps.ledger.dropTotals(eventId),
    readTotals: (eventId) => deps.ledger.readTotals(eventId),
    event: (eventId) => deps.events.getEvent(eventId),
    latestClimb: (eventId) => latestClimb(deps.db, eventId),
    changedDeals: (eventId, afterSeq, upToSeq, dealIds) => changedDeals(deps.db, eventId, afterSeq, upToSeq, dealIds),
  };
}
