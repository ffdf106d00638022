import type { BoardSnapshot } from '@dealboard/shared';
import type { Db } from '../../store/db.js';
import type { EventsRepo } from '../events/events-repo.js';
import type { Ledger } from '../batch/ledger.js';
import { readClimb } from '../figures/climb.js';
import { toBoardDeal } from '../deals/deal-row.js';
import { recentDeals } from './queries.js';

/** How many recent deals a snapshot carries (the ticker's list). */
const RECENT = 20;

/**
 * Everything a board draws from nothing, read from the ledger now: the public event, its
 * totals, the latest deals as the board may show them, and the climb. `keys` is left to the
 * caller: the board channel names its coalescer's key table, a plain HTTP read names none.
 * Undefined when there is no such event; a store that cannot be reached now throws.
 */
export async function readBoardSnapshot(deps: { db: Db; events: EventsRepo; ledger: Ledger }, eventId: string): Promise<Omit<BoardSnapshot, 'keys'> | undefined> {
  const [event, totals, recent, climb] = await Promise.all([deps.events.getEvent(eventId), deps.ledger.totals(eventId), recentDeals(deps.db, eventId, RECENT), readClimb(deps.db, eventId)]);
  if (!event || !totals || !climb) return undefined;
  const privacy = event.settings.sellerPrivacy;
  return { ...totals, event, climb, recent: recent.filter((d) => d.status !== 'pending').map((d) => toBoardDeal(d, privacy)) };
}
