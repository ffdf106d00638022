import type { PublicEvent } from '@dealboard/shared';
import type { Db } from '../../store/db.js';
import { audit, type Actor } from '../audit.js';
import type { ChangeFeed } from '../feed/change-feed.js';
import { DomainError, notFound } from '../../core/errors.js';
import type { EventsRepo } from './events-repo.js';
import type { Ledger } from '../batch/ledger.js';
import { takeOutBoothDeals } from '../booths/booth-removal.js';

/** The tables holding an event's figures, emptied by a rehearsal wipe (deals aside). */
const SUM_TABLES = ['totals_buckets', 'sellers', 'climb_points'] as const;

/**
 * An event's life outside the deals: wiping a rehearsal, removing a booth, archiving, deleting.
 * Every action is audited and, where figures change, goes out on the change feed.
 */
export class EventLifecycle {
  constructor(
    private readonly db: Db,
    private readonly events: EventsRepo,
    private readonly ledger: Ledger,
    private readonly feed?: ChangeFeed,
  ) {}

  /**
   * Remove every rehearsal deal of an event in rehearsal, and its figures: total, climb and
   * seller count start again from nothing. `seq` still rises (by one), and the change goes out
   * as a reset so every board takes a fresh snapshot rather than an update.
   */
  async wipeRehearsal(eventId: string, actor: Actor): Promise<{ wiped: number; seq: number }> {
    const result = await this.db.transaction().execute(async (trx) => {
      const row = await this.events.requireEventIn(trx, eventId);
      if (row.status !== 'rehearsal') {
        throw new DomainError('conflict', 'Only an event in rehearsal can have its rehearsal deals wiped', 'Hanya acara yang sedang gladi yang transaksi gladinya dapat dihapus', 'status');
      }
      const gone = await trx.deleteFrom('deals').where('event_id', '=', eventId).where('rehearsal', '=', 1).executeTakeFirst();
      const wiped = Number(gone.numDeletedRows);
      // An event never goes back to rehearsal once live, so all its sums come from rehearsal deals.
      for (const table of SUM_TABLES) await trx.deleteFrom(table).where('event_id', '=', eventId).execute();
      // Revoked booths (a simulation's, a lost tablet's) have no deals left: they go too.
      await trx.deleteFrom('booths').where('event_id', '=', eventId).where('revoked_at', 'is not', null).execute();
      const seq = row.seq + 1;
      await trx.updateTable('events').set({ seq, voided: 0, updated_at: new Date().toISOString() }).where('id', '=', eventId).execute();
      await audit(trx, { actor, action: 'event.rehearsal_wipe', eventId, subject: eventId, before: { seq: row.seq }, after: { wiped, seq } });
      await this.feed?.announce(trx, { eventId, seq, what: 'reset' });
      return { wiped, seq };
    });
    this.ledger.dropTotals(eventId);
    this.feed?.committed({ eventId, seq: result.seq, what: 'reset' });
    return result;
  }

  /**
   * Remove a booth for good: allowed while none of its deals is outside rehearsal. Its rehearsal
   * deals go with it, and every figure is brought back to what the other deals make (see
   * `takeOutBoothDeals`); then `seq` rises by one and the change goes out as a reset, so every
   * board takes a fresh snapshot. A booth without deals goes as a booth change (no `seq`).
   * Audited as `booth.remove`.
   */
  async removeBooth(eventId: string, boothId: string, actor: Actor): Promise<{ id: string; removedDeals: number; seq: number }> {
    const result = await this.db.transaction().execute(async (trx) => {
      const row = await this.events.requireEventIn(trx, eventId);
      const booth = await trx.selectFrom('booths').select(['name', 'delegation_id', 'revoked_at']).where('id', '=', boothId).where('event_id', '=', eventId).executeTakeFirst();
      if (!booth) throw notFound('Booth', 'Stan');
      const gone = await takeOutBoothDeals(trx, row, boothId);
      await trx.deleteFrom('booths').where('id', '=', boothId).execute();
      const seq = gone.deals ? row.seq + 1 : row.seq;
      if (gone.deals) await trx.updateTable('events').set({ seq, voided: row.voided - gone.voided, updated_at: new Date().toISOString() }).where('id', '=', eventId).execute();
      const before = { name: booth.name, delegationId: booth.delegation_id, revoked: booth.revoked_at !== null, deals: gone.deals, total: gone.total };
      await audit(trx, { actor, action: 'booth.remove', eventId, subject: boothId, before, after: { removed: true, removedDeals: gone.deals, seq } });
      const note = gone.deals ? ({ eventId, seq, what: 'reset' } as const) : ({ eventId, seq: 0, what: 'booths' } as const);
      await this.feed?.announce(trx, note);
      return { note, removedDeals: gone.deals, seq };
    });
    this.ledger.dropTotals(eventId);
    // The feed empties the event's config and token caches (a reset or booth change is stale config).
    if (this.feed) this.feed.committed(result.note);
    else this.events.invalidate(eventId);
    return { id: boothId, removedDeals: result.removedDeals, seq: result.seq };
  }

  /** Hide an event from the console's default list (kept whole), or bring it back. */
  async setArchived(eventId: string, archived: boolean, actor: Actor): Promise<PublicEvent> {
    await this.db.transaction().execute(async (trx) => {
      const row = await this.events.requireEventIn(trx, eventId);
      if (archived && (row.status === 'live' || row.status === 'paused')) {
        throw new DomainError('conflict', 'Close the event before archiving it', 'Tutup acara terlebih dahulu sebelum diarsipkan', 'status');
      }
      await trx.updateTable('events').set({ archived_at: archived ? new Date().toISOString() : null }).where('id', '=', eventId).execute();
      await audit(trx, { actor, action: archived ? 'event.archive' : 'event.unarchive', eventId, subject: eventId });
    });
    this.events.invalidate(eventId);
    return this.events.requireEvent(eventId);
  }

  /**
   * Delete an event and everything of it, only when none of its deals counts (rehearsal and
   * voided deals do not) and `confirm` repeats its id. The audit log keeps the deletion.
   */
  async deleteEvent(eventId: string, confirm: unknown, actor: Actor): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const row = await this.events.requireEventIn(trx, eventId);
      if (confirm !== eventId) {
        throw new DomainError('validation_failed', `Type the event's id (${eventId}) to confirm the deletion`, `Ketik id acara (${eventId}) untuk mengonfirmasi penghapusan`, 'confirm');
      }
      const counted = await trx
        .selectFrom('deals')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('event_id', '=', eventId)
        .where('rehearsal', '=', 0)
        .where('status', '!=', 'voided')
        .executeTakeFirstOrThrow();
      if (Number(counted.n) > 0) {
        throw new DomainError('conflict', `This event has ${counted.n} counted deals and cannot be deleted; archive it instead`, `Acara ini memiliki ${counted.n} transaksi yang dihitung dan tidak dapat dihapus; arsipkan saja`);
      }
      // Its seq is part of a programme's: it leaves the programme first (which raises the programme's seq).
      const member = await trx.selectFrom('programme_events').select('programme_id').where('event_id', '=', eventId).executeTakeFirst();
      if (member) throw new DomainError('conflict', `Remove this event from programme ${member.programme_id} first`, `Keluarkan acara ini dari program ${member.programme_id} dahulu`);
      for (const table of ['deals', ...SUM_TABLES, 'booths', 'categories', 'delegations'] as const) await trx.deleteFrom(table).where('event_id', '=', eventId).execute();
      await trx.deleteFrom('events').where('id', '=', eventId).execute();
      await audit(trx, { actor, action: 'event.delete', eventId, subject: eventId, before: { name: row.name, status: row.status } });
    });
    this.ledger.dropTotals(eventId);
    this.events.invalidate(eventId);
  }
}
