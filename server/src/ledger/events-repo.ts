import {
  SEED_CATEGORIES,
  type BoothCreateInput,
  type EventCreateInput,
  type EventStatus,
  type PublicBooth,
  type PublicEvent,
} from '@dealboard/shared';
import type { Db } from '../store/db.js';
import { DomainError, notFound } from './errors.js';
import { hashToken, newToken, randomId, slugify, uniqueSlug } from './ids.js';

export const DEFAULT_MILESTONES = [0.25, 0.5, 0.75, 1];

/** A booth as the server knows it after checking a token. */
export type BoothIdentity = PublicBooth & { revoked: boolean };

/** Events, delegations, categories and booths: the set-up around the ledger. */
export class EventsRepo {
  private readonly cache = new Map<string, PublicEvent>();

  constructor(private readonly db: Db) {}

  async createEvent(input: EventCreateInput, id?: string): Promise<PublicEvent> {
    const now = new Date().toISOString();
    const eventId = id ?? randomId(10);
    const categories = dedupeNames(input.categories ?? [...SEED_CATEGORIES]);
    const delegations = dedupeNames(input.delegations ?? []);
    await this.db.transaction().execute(async (trx) => {
      const exists = await trx.selectFrom('events').select('id').where('id', '=', eventId).executeTakeFirst();
      if (exists) throw new DomainError('conflict', `Event ${eventId} already exists`, `Acara ${eventId} sudah ada`);
      await trx
        .insertInto('events')
        .values({
          id: eventId,
          name: input.name,
          venue: input.venue ?? null,
          target: input.target,
          starts_at: new Date(input.startsAt).toISOString(),
          ends_at: new Date(input.endsAt).toISOString(),
          timezone: input.timezone,
          status: input.status ?? 'live',
          milestones: JSON.stringify(input.milestones ?? DEFAULT_MILESTONES),
          seq: 0,
          voided: 0,
          created_at: now,
          updated_at: now,
        })
        .execute();
      const catIds = new Set<string>();
      if (categories.length) {
        await trx
          .insertInto('categories')
          .values(categories.map((name, position) => ({ event_id: eventId, id: uniqueSlug(slugify(name), catIds), name, position })))
          .execute();
      }
      const delIds = new Set<string>();
      if (delegations.length) {
        await trx
          .insertInto('delegations')
          .values(delegations.map((name, position) => ({ event_id: eventId, id: uniqueSlug(slugify(name), delIds), name, position })))
          .execute();
      }
    });
    const created = await this.getEvent(eventId);
    if (!created) throw new Error('event vanished after insert');
    return created;
  }

  /** Public config of one event, or undefined. */
  async getEvent(eventId: string): Promise<PublicEvent | undefined> {
    const cached = this.cache.get(eventId);
    if (cached) return cached;
    const row = await this.db.selectFrom('events').selectAll().where('id', '=', eventId).executeTakeFirst();
    if (!row) return undefined;
    const [categories, delegations] = await Promise.all([
      this.db.selectFrom('categories').select(['id', 'name']).where('event_id', '=', eventId).orderBy('position').execute(),
      this.db.selectFrom('delegations').select(['id', 'name']).where('event_id', '=', eventId).orderBy('position').execute(),
    ]);
    const event: PublicEvent = {
      id: row.id,
      name: row.name,
      venue: row.venue,
      currency: 'IDR',
      target: row.target,
      startsAt: row.starts_at,
      endsAt: row.ends_at,
      timezone: row.timezone,
      status: row.status as EventStatus,
      milestones: JSON.parse(row.milestones) as number[],
      categories,
      delegations,
      createdAt: row.created_at,
    };
    this.cache.set(eventId, event);
    return event;
  }

  async requireEvent(eventId: string): Promise<PublicEvent> {
    const event = await this.getEvent(eventId);
    if (!event) throw notFound('Event', 'Acara');
    return event;
  }

  async listEvents(): Promise<PublicEvent[]> {
    const rows = await this.db.selectFrom('events').select('id').orderBy('created_at', 'desc').execute();
    const events = await Promise.all(rows.map((r) => this.getEvent(r.id)));
    return events.filter((e): e is PublicEvent => Boolean(e));
  }

  /** Add a booth; `delegation` is an existing id, an existing name (any case) or a new name. */
  async createBooth(eventId: string, input: BoothCreateInput): Promise<{ booth: PublicBooth; token: string }> {
    const token = newToken();
    const boothId = `b-${randomId(8)}`;
    let delegationId = '';
    let delegationName = '';
    await this.db.transaction().execute(async (trx) => {
      const event = await trx.selectFrom('events').select('id').where('id', '=', eventId).executeTakeFirst();
      if (!event) throw notFound('Event', 'Acara');
      const dels = await trx.selectFrom('delegations').selectAll().where('event_id', '=', eventId).orderBy('position').execute();
      const wanted = input.delegation.trim();
      const found = dels.find((d) => d.id === wanted) ?? dels.find((d) => d.name.toLowerCase() === wanted.toLowerCase());
      if (found) {
        delegationId = found.id;
        delegationName = found.name;
      } else {
        delegationId = uniqueSlug(slugify(wanted), new Set(dels.map((d) => d.id)));
        delegationName = wanted;
        await trx
          .insertInto('delegations')
          .values({ event_id: eventId, id: delegationId, name: wanted, position: dels.length })
          .execute();
      }
      await trx
        .insertInto('booths')
        .values({
          id: boothId,
          event_id: eventId,
          name: input.name,
          delegation_id: delegationId,
          token_hash: hashToken(token),
          revoked_at: null,
          created_at: new Date().toISOString(),
        })
        .execute();
    });
    this.cache.delete(eventId);
    return { booth: { id: boothId, eventId, name: input.name, delegationId, delegationName }, token };
  }

  /** The booth a token belongs to, or undefined for an unknown token. Revoked booths are returned flagged. */
  async findBoothByToken(token: string): Promise<BoothIdentity | undefined> {
    if (typeof token !== 'string' || token.length < 10 || token.length > 200) return undefined;
    const row = await this.db
      .selectFrom('booths')
      .innerJoin('delegations', (j) =>
        j.onRef('delegations.event_id', '=', 'booths.event_id').onRef('delegations.id', '=', 'booths.delegation_id'),
      )
      .select([
        'booths.id',
        'booths.event_id',
        'booths.name',
        'booths.delegation_id',
        'booths.revoked_at',
        'delegations.name as delegation_name',
      ])
      .where('booths.token_hash', '=', hashToken(token))
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      id: row.id,
      eventId: row.event_id,
      name: row.name,
      delegationId: row.delegation_id,
      delegationName: row.delegation_name,
      revoked: row.revoked_at !== null,
    };
  }

  async listBooths(eventId: string): Promise<PublicBooth[]> {
    const rows = await this.db
      .selectFrom('booths')
      .innerJoin('delegations', (j) =>
        j.onRef('delegations.event_id', '=', 'booths.event_id').onRef('delegations.id', '=', 'booths.delegation_id'),
      )
      .select(['booths.id', 'booths.event_id', 'booths.name', 'booths.delegation_id', 'delegations.name as delegation_name'])
      .where('booths.event_id', '=', eventId)
      .where('booths.revoked_at', 'is', null)
      .orderBy('booths.created_at')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      eventId: r.event_id,
      name: r.name,
      delegationId: r.delegation_id,
      delegationName: r.delegation_name,
    }));
  }
}

function dedupeNames(names: string[]): string[] {
  const seen = new Set<string>();
  return names.filter((n) => {
    const key = n.trim().toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
