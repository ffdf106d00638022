import type { Db } from '../store/db.js';
import type { UplinksTable } from '../store/schema.js';
import type { Ledger } from '../ledger/batch/ledger.js';
import type { EventsRepo } from '../ledger/events/events-repo.js';
import { audit, type Actor } from '../ledger/audit.js';
import { DomainError } from '../core/errors.js';
import { hashToken, newToken } from '../core/ids.js';
import { applyBatch } from './apply.js';
import type { UplinkAck, UplinkBatch, UplinkConfig } from './wire.js';

/** How a venue's event stands at the central, as the console and the national board show it. */
export type UplinkStatus = { eventId: string; issued: boolean; revoked: boolean; ackedSeq: number; headSeq: number; behind: number; lastHeardAt: string | null };

const refused = () => new DomainError('unauthorized', 'Missing, wrong or revoked uplink token', 'Token uplink tidak ada, salah, atau sudah dicabut');

/** Not applied: the central has already applied every change of this batch (a resend after a lost answer). */
class Replayed extends Error {}

/**
 * The central's side of the uplinks: a token per event (shown once, stored as its hash, revocable;
 * a new one replaces it and the venue resumes where the central stands), and each venue's batches
 * applied exactly once, in the venue's `seq` order: a batch must start at or before what was
 * acknowledged (no gap), one wholly acknowledged already is answered and ignored.
 */
export class UplinkCentral {
  private readonly listeners = new Set<(eventId: string) => void>();

  constructor(
    private readonly db: Db,
    private readonly ledger: Ledger,
    private readonly events: EventsRepo,
  ) {}

  /** Be told whenever a venue's standing changes (a batch applied, a heartbeat, a token issued or revoked). */
  onChange(listener: (eventId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async issue(eventId: string, actor: Actor): Promise<{ token: string; status: UplinkStatus }> {
    await this.events.requireEvent(eventId);
    const token = newToken();
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      // A reissued token keeps what was acknowledged: the venue resumes, nothing is sent twice.
      const had = await trx.selectFrom('uplinks').select('event_id').where('event_id', '=', eventId).executeTakeFirst();
      if (had) await trx.updateTable('uplinks').set({ token_hash: hashToken(token), issued_at: now, revoked_at: null }).where('event_id', '=', eventId).execute();
      else await trx.insertInto('uplinks').values({ event_id: eventId, token_hash: hashToken(token), issued_at: now, revoked_at: null, acked_seq: 0, head_seq: 0, last_heard_at: null }).execute();
      await audit(trx, { actor, action: had ? 'uplink.reissue' : 'uplink.issue', eventId, subject: eventId });
    });
    this.told(eventId);
    return { token, status: await this.status(eventId) };
  }

  async revoke(eventId: string, actor: Actor): Promise<UplinkStatus> {
    await this.events.requireEvent(eventId);
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable('uplinks').set({ token_hash: null, revoked_at: now }).where('event_id', '=', eventId).execute();
      await audit(trx, { actor, action: 'uplink.revoke', eventId, subject: eventId });
    });
    this.told(eventId);
    return this.status(eventId);
  }

  async status(eventId: string): Promise<UplinkStatus> {
    const row = await this.db.selectFrom('uplinks').selectAll().where('event_id', '=', eventId).executeTakeFirst();
    return toStatus(eventId, row);
  }

  /** The event an uplink token stands for (refused: missing, wrong, revoked). */
  async authenticate(token: string | undefined): Promise<UplinkStatus> {
    if (!token) throw refused();
    const row = await this.db.selectFrom('uplinks').selectAll().where('token_hash', '=', hashToken(token)).executeTakeFirst();
    if (!row) throw refused();
    return toStatus(row.event_id, row);
  }

  /** Apply one batch from the venue holding `token`; answers what is acknowledged now. */
  async receive(token: string | undefined, batch: UplinkBatch): Promise<UplinkAck> {
    const link = await this.authenticate(token);
    if (batch.eventId !== link.eventId) {
      throw new DomainError('forbidden', `This uplink token is for event ${link.eventId}, not ${batch.eventId}`, `Token uplink ini untuk acara ${link.eventId}, bukan ${batch.eventId}`, 'eventId');
    }
    const eventId = link.eventId;
    if (batch.toSeq <= link.ackedSeq) return this.heard(eventId, batch, { replayed: batch.toSeq < link.ackedSeq || batch.changes.length > 0 });
    if (batch.fromSeq > link.ackedSeq) throw outOfOrder(batch.fromSeq, link.ackedSeq);
    let applied;
    try {
      applied = await this.ledger.change(eventId, async (trx) => {
        // Checked again with the event's row held: two batches racing apply one after the other.
        const row = await trx.selectFrom('uplinks').selectAll().where('event_id', '=', eventId).executeTakeFirst();
        if (!row?.token_hash || row.token_hash !== hashToken(token!)) throw refused();
        if (batch.toSeq <= row.acked_seq) throw new Replayed();
        if (batch.fromSeq > row.acked_seq) throw outOfOrder(batch.fromSeq, row.acked_seq);
        const result = await applyBatch(trx, eventId, batch);
        await trx.updateTable('uplinks').set({ acked_seq: batch.toSeq, head_seq: batch.headSeq, last_heard_at: new Date().toISOString() }).where('event_id', '=', eventId).execute();
        return result;
      });
    } catch (e) {
      if (e instanceof Replayed) return this.heard(eventId, batch, { replayed: true });
      throw e;
    }
    if (applied.refsChanged) this.events.invalidate(eventId);
    if (batch.config) await this.mirrorSettings(eventId, batch.config);
    this.told(eventId);
    return { eventId, ackedSeq: batch.toSeq, applied: applied.deals.length + applied.mous };
  }

  /** A batch with nothing new (a heartbeat, or a resend): the venue is heard of, nothing changes. */
  private async heard(eventId: string, batch: UplinkBatch, { replayed }: { replayed: boolean }): Promise<UplinkAck> {
    const row = await this.db.selectFrom('uplinks').select('acked_seq').where('event_id', '=', eventId).executeTakeFirstOrThrow();
    await this.db
      .updateTable('uplinks')
      .set({ last_heard_at: new Date().toISOString(), head_seq: Math.max(batch.headSeq, row.acked_seq) })
      .where('event_id', '=', eventId)
      .execute();
    this.told(eventId);
    return { eventId, ackedSeq: row.acked_seq, applied: 0, ...(replayed ? { replayed: true } : {}) };
  }

  /** The venue's name, target, hour and milestones, through the events' own edit (its audit and feed) when they differ. */
  private async mirrorSettings(eventId: string, config: UplinkConfig) {
    const have = await this.events.requireEvent(eventId);
    const patch = {
      ...(have.name !== config.name ? { name: config.name } : {}),
      ...(have.venue !== config.venue && config.venue ? { venue: config.venue } : {}),
      ...(have.target !== config.target ? { target: config.target } : {}),
      ...(have.timezone !== config.timezone ? { timezone: config.timezone } : {}),
      ...(Date.parse(have.startsAt) !== Date.parse(config.startsAt) ? { startsAt: config.startsAt } : {}),
      ...(Date.parse(have.endsAt) !== Date.parse(config.endsAt) ? { endsAt: config.endsAt } : {}),
      ...(JSON.stringify(have.milestones) !== JSON.stringify(config.milestones) ? { milestones: config.milestones } : {}),
    };
    if (Object.keys(patch).length) await this.events.updateEvent(eventId, patch, 'uplink');
  }

  private told(eventId: string) {
    for (const l of this.listeners) l(eventId);
  }
}

function toStatus(eventId: string, row: UplinksTable | undefined): UplinkStatus {
  const acked = row?.acked_seq ?? 0;
  const head = Math.max(row?.head_seq ?? 0, acked);
  return { eventId, issued: Boolean(row), revoked: Boolean(row && !row.token_hash), ackedSeq: acked, headSeq: head, behind: head - acked, lastHeardAt: row?.last_heard_at ?? null };
}

const outOfOrder = (fromSeq: number, acked: number) =>
  new DomainError(
    'conflict',
    `Changes out of order: this batch starts after seq ${fromSeq}, the central has applied up to ${acked}; send from ${acked}`,
    `Perubahan tidak berurutan: kiriman ini mulai setelah seq ${fromSeq}, pusat sudah menerapkan sampai ${acked}; kirim mulai ${acked}`,
    'fromSeq',
  );
