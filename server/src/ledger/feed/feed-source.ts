import type { Db } from '../../store/db.js';
import type { BoothsRepo } from '../booths/booths-repo.js';
import type { FeedSource } from './change-feed.js';
import type { EventsRepo } from '../events/events-repo.js';
import type { Ledger } from '../batch/ledger.js';
import { readChange } from './change-read.js';

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
    async readChange(eventId, wanted) {
      const read = await readChange(deps.db, eventId, wanted);
      if (!read) return undefined;
      const totals = deps.ledger.keep(read.totals);
      if (!wanted || totals.seq === read.totals.seq) return { ...read, totals };
      // This node holds newer totals (read meanwhile for a request or a snapshot): the deals are read up to them.
      const more = await readChange(deps.db, eventId, { ...wanted, upToSeq: totals.seq });
      return { totals, ...(more ? { deals: more.deals, unlisted: more.unlisted } : { deals: read.deals, unlisted: read.unlisted }), climb: more?.climb ?? read.climb };
    },
    event: (eventId) => deps.events.getEvent(eventId),
  };
}
