import type { Programme, ProgrammeCreateInput } from '@dealboard/shared';
import { DomainError, notFound } from '../core/errors.js';
import { randomId } from '../core/ids.js';
import { isPostgres, type Db } from '../store/db.js';
import { audit, type Actor } from '../ledger/audit.js';
import { lockEvents } from '../ledger/events/event-lock.js';
import { membershipBump } from './programme-seq.js';

const DEFAULT_MILESTONES = [0.25, 0.5, 0.75, 1];
/** Most events (venues) in one programme: a national day has one per province. */
export const MAX_PROGRAMME_EVENTS = 100;

/** A membership change, for whoever shows the programme (its boards start again from a snapshot). */
export type MembershipListener = (programmeId: string) => void;

/**
 * Programmes and their member events. Each membership change raises the programme's `base`
 * in the same transaction (see `programme-seq.ts`) and is audited on the programme and on the
 * event, so the event's own audit says when it joined or left a programme.
 */
export class ProgrammesRepo {
  private readonly listeners = new Set<MembershipListener>();

  constructor(private readonly db: Db) {}

  onMembership(listener: MembershipListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async create(input: ProgrammeCreateInput, actor: Actor): Promise<Programme> {
    const id = randomId(10);
    const now = new Date().toISOString();
    const eventIds = [...new Set(input.events ?? [])];
    if (eventIds.length > MAX_PROGRAMME_EVENTS) throw tooMany();
    await this.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('programmes')
        .values({ id, name: input.name, target: input.target, milestones: JSON.stringify(input.milestones ?? DEFAULT_MILESTONES), base: 0, created_at: now, updated_at: now })
        .execute();
      await audit(trx, { actor, action: 'programme.create', eventId: null, subject: id, after: { ...input, events: eventIds } });
      for (const eventId of eventIds) await this.addIn(trx, id, eventId, actor);
    });
    return this.require(id);
  }

  async get(id: string): Promise<Programme | undefined> {
    const row = await this.db.selectFrom('programmes').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return undefined;
    const events = await this.db
      .selectFrom('programme_events')
      .innerJoin('events', 'events.id', 'programme_events.event_id')
      .select(['events.id', 'events.name'])
      .where('programme_events.programme_id', '=', id)
      .orderBy('programme_events.position')
      .execute();
    return { id: row.id, name: row.name, target: Number(row.target), milestones: JSON.parse(row.milestones) as number[], events, createdAt: row.created_at };
  }

  async require(id: string): Promise<Programme> {
    const p = await this.get(id);
    if (!p) throw notFound('Programme', 'Program');
    return p;
  }

  async list(): Promise<Programme[]> {
    const rows = await this.db.selectFrom('programmes').select('id').orderBy('created_at', 'desc').execute();
    return (await Promise.all(rows.map((r) => this.get(r.id)))).filter((p): p is Programme => !!p);
  }

  /** The membership part of the programme's seq. */
  async base(id: string): Promise<number | undefined> {
    const row = await this.db.selectFrom('programmes').select('base').where('id', '=', id).executeTakeFirst();
    return row ? Number(row.base) : undefined;
  }

  /** The programmes an event belongs to (its changes move their figures). */
  async programmesOf(eventId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('programme_events').select('programme_id').where('event_id', '=', eventId).execute();
    return rows.map((r) => r.programme_id);
  }

  async addEvent(id: string, eventId: string, actor: Actor): Promise<Programme> {
    await this.db.transaction().execute((trx) => this.addIn(trx, id, eventId, actor));
    this.tell(id);
    return this.require(id);
  }

  async removeEvent(id: string, eventId: string, actor: Actor): Promise<Programme> {
    await this.db.transaction().execute(async (trx) => {
      await this.requireIn(trx, id);
      await lockEvents(trx, [eventId]);
      const member = await trx.selectFrom('programme_events').select('event_id').where('programme_id', '=', id).where('event_id', '=', eventId).executeTakeFirst();
      if (!member) throw new DomainError('not_found', 'This event is not in the programme', 'Acara ini tidak termasuk dalam program');
      const event = await trx.selectFrom('events').select(['seq', 'name']).where('id', '=', eventId).executeTakeFirstOrThrow();
      await trx.deleteFrom('programme_events').where('programme_id', '=', id).where('event_id', '=', eventId).execute();
      await this.raiseBase(trx, id, membershipBump('remove', Number(event.seq)));
      const entry = { actor, action: 'programme.remove_event', subject: id, before: { eventId, name: event.name } };
      await audit(trx, { ...entry, eventId: null });
      await audit(trx, { ...entry, eventId });
    });
    this.tell(id);
    return this.require(id);
  }

  /** Audit entries of a programme: its creation and every membership change, newest first. */
  async audit(id: string) {
    const rows = await this.db.selectFrom('audit_log').selectAll().where('event_id', 'is', null).where('subject', '=', id).where('action', 'like', 'programme.%').orderBy('id', 'desc').limit(200).execute();
    return rows.map((r) => ({ id: r.id, at: r.at, actor: r.actor, action: r.action, subject: r.subject, before: r.before ? JSON.parse(r.before) : null, after: r.after ? JSON.parse(r.after) : null }));
  }

  private async addIn(trx: Db, id: string, eventId: string, actor: Actor): Promise<void> {
    await this.requireIn(trx, id);
    // The event's seq is read with its row held, so no change of it slips between the read and the new base.
    await lockEvents(trx, [eventId]);
    const event = await trx.selectFrom('events').select(['id', 'name']).where('id', '=', eventId).executeTakeFirst();
    if (!event) throw new DomainError('not_found', `Event ${eventId} not found`, `Acara ${eventId} tidak ditemukan`, 'eventId');
    const members = await trx.selectFrom('programme_events').select(['event_id', 'position']).where('programme_id', '=', id).execute();
    if (members.some((m) => m.event_id === eventId)) throw new DomainError('conflict', 'This event is in the programme already', 'Acara ini sudah termasuk dalam program', 'eventId');
    if (members.length >= MAX_PROGRAMME_EVENTS) throw tooMany();
    const position = Math.max(-1, ...members.map((m) => Number(m.position))) + 1;
    await trx.insertInto('programme_events').values({ programme_id: id, event_id: eventId, position, added_at: new Date().toISOString() }).execute();
    await this.raiseBase(trx, id, membershipBump('add', 0));
    const entry = { actor, action: 'programme.add_event', subject: id, after: { eventId, name: event.name } };
    await audit(trx, { ...entry, eventId: null });
    await audit(trx, { ...entry, eventId });
  }

  private async requireIn(trx: Db, id: string): Promise<void> {
    // PostgreSQL: two membership changes of one programme take turns (SQLite has one writer at a time).
    const q = trx.selectFrom('programmes').select('id').where('id', '=', id);
    const row = await (isPostgres(trx) ? q.forUpdate() : q).executeTakeFirst();
    if (!row) throw notFound('Programme', 'Program');
  }

  private async raiseBase(trx: Db, id: string, by: number): Promise<void> {
    await trx
      .updateTable('programmes')
      .set((eb) => ({ base: eb('base', '+', by), updated_at: new Date().toISOString() }))
      .where('id', '=', id)
      .execute();
  }

  private tell(id: string) {
    for (const l of this.listeners) l(id);
  }
}

const tooMany = () => new DomainError('validation_failed', `A programme holds at most ${MAX_PROGRAMME_EVENTS} events`, `Satu program memuat paling banyak ${MAX_PROGRAMME_EVENTS} acara`, 'events');
