import type { ClimbPointDelta, Deal, DealInputParsed, DealReceipt, EventSettings, Totals } from '@dealboard/shared';
import type { BoothIdentity } from '../booths/booth-identity.js';

// What a group commit's steps hand each other (the reads, the rules, the writes), below all of them.

/** A deal waiting in the group-commit queue. */
export type Pending = {
  booth: BoothIdentity;
  input: DealInputParsed;
  /**
   * A replayed deal's status as it was in its original, which stands whatever the copy's rules
   * (approval, buyer confirmation) would decide: a replay reproduces outcomes, it does not re-judge them.
   */
  status?: 'recorded' | 'pending';
  resolve: (r: DealReceipt) => void;
  reject: (e: unknown) => void;
};

/** `updated_at` (PostgreSQL's batch reads it): moved by every change an organiser makes to the event, so a batch's write can tell its read is still current. */
export type EventRow = { id: string; status: string; seq: number; target: number; settings: string; starts_at: string; ends_at: string; updated_at?: string };

/** What one batch needs to know about an event, read once per batch. */
export type EventContext = {
  row: EventRow;
  startSeq: number;
  settings: EventSettings;
  categories: Set<string>;
  delegations: { id: string; name: string }[];
  /** Recorded and pending amounts, incl. the deals of this batch accepted so far (see `liveSum`). */
  sum: number;
  /**
   * The event's booths that are not revoked, with their token hashes, as stored now: a token is
   * cached until the node hears of a change, so the batch, not the cache, has the last word.
   */
  booths: Map<string, string>;
};

/** One accepted change set of an event, as read in the transaction that made it (`climb`: the climb point it moved). */
export type LedgerChange = { eventId: string; fromSeq: number; seq: number; totals: Totals; deals: Deal[]; climb?: ClimbPointDelta };
