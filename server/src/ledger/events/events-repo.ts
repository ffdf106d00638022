import {
  SEED_CATEGORIES,
  STATUS_TRANSITIONS,
  eventSettingsSchema,
  mergeSettings,
  toPublicSettings,
  type EventCreateInput,
  type EventStatus,
  type EventUpdateInput,
  type PublicEvent,
} from '@dealboard/shared';
import type { Db } from '../../store/db.js';
import type { EventsTable } from '../../store/schema.js';
import { audit, type Actor } from '../audit.js';
import { DomainError, notFound } from '../../core/errors.js';
import { randomId, slugify, uniqueSlug } from '../../core/ids.js';
import { decodeLogo, logoUrl, type EventLogo } from './event-logo.js';
import type { ChangeFeed } from '../feed/change-feed.js';
import { lockEvents } from './event-lock.js';
import { hasRehearsalDeals } from '../reads/queries.js';

export const DEFAULT_MILESTONES = [0.25, 0.5, 0.75, 1];

/**
 * Events with their categories, delegations and settings. Public config is
 * cached until changed; every change goes out on the change feed, which empties
 * this cache on every node (see `forgetConfig` in the application's wiring).
 */
export class EventsRepo {
  private readonly cache = new Map<string, PublicEvent>();
  private readonly logos = new Map<string, EventLogo | undefined>();

  constructor(
    private readonly db: Db,
    private readonly feed?: ChangeFeed,
  ) {}

  async createEvent(input: EventCreateInput, id?: string, actor: Actor = 'system'): Promise<PublicEvent> {
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
          settings: JSON.stringify(eventSettingsSchema.parse(input.settings ?? {})),
          seq: 0,
          voided: 0,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await insertRefs(trx, 'categories', eventId, categories);
      await insertRefs(trx, 'delegations', eventId, delegations);
      await audit(trx, { actor, action: 'event.create', eventId, subject: eventId, after: { ...input } });
    });
    return this.requireEvent(eventId);
  }

  /** Public config of one event, or undefined. */
  async getEvent(eventId: string): Promise<PublicEvent | undefined> {
    const cached = this.cache.get(eventId);
    if (cached) return cached;
    const row = await this.db.selectFrom('events').selectAll().where('id', '=', eventId).executeTakeFirst();
    if (!row) return undefined;
    const event = await this.toPublic(this.db, row);
    this.cache.set(eventId, event);
    return event;
  }

  /** The event's logo (served on its own URL, never inside the event), or undefined. */
  async logo(eventId: string): Promise<EventLogo | undefined> {
    if (!(await this.getEvent(eventId))) return undefined;
    return this.logos.get(eventId);
  }

  async requireEvent(eventId: string): Promise<PublicEvent> {
    const event = await this.getEvent(eventId);
    if (!event) throw notFound('Event', 'Acara');
    return event;
  }

  /** Inside a transaction: the event row, locked until the transaction ends (PostgreSQL), or a 404. */
  async requireEventIn(trx: Db, eventId: string): Promise<EventsTable> {
    await lockEvents(trx, [eventId]);
    const row = await trx.selectFrom('events').selectAll().where('id', '=', eventId).executeTakeFirst();
    if (!row) throw notFound('Event', 'Acara');
    return row;
  }

  /** Every event, newest first; archived ones only with `archived`. */
  async listEvents(archived = false): Promise<PublicEvent[]> {
    let q = this.db.selectFrom('events').select('id').orderBy('created_at', 'desc');
    if (!archived) q = q.where('archived_at', 'is', null);
    const rows = await q.execute();
    const events = await Promise.all(rows.map((r) => this.getEvent(r.id)));
    return events.filter((e): e is PublicEvent => Boolean(e));
  }

  /** Change what an organiser may change; categories and delegations are renamed by id or added by name. */
  async updateEvent(eventId: string, patch: EventUpdateInput, actor: Actor): Promise<PublicEvent> {
    const before = await this.requireEvent(eventId);
    const seq = await this.db.transaction().execute(async (trx) => {
      const row = await this.requireEventIn(trx, eventId);
      const startsAt = patch.startsAt ? new Date(patch.startsAt).toISOString() : row.starts_at;
      const endsAt = patch.endsAt ? new Date(patch.endsAt).toISOString() : row.ends_at;
      if (Date.parse(endsAt) <= Date.parse(startsAt)) {
        throw new DomainError('validation_failed', 'endsAt must be after startsAt', 'Waktu selesai harus setelah waktu mulai', 'endsAt');
      }
      // Merged with the stored settings: the public ones carry the logo's URL, not the logo.
      const settings = patch.settings
        ? JSON.stringify(mergeSettings(eventSettingsSchema.parse(JSON.parse(row.settings ?? '{}')), patch.settings))
        : row.settings;
      await trx
        .updateTable('events')
        .set({
          name: patch.name ?? row.name,
          venue: patch.venue === undefined ? row.venue : patch.venue,
          target: patch.target ?? row.target,
          starts_at: startsAt,
          ends_at: endsAt,
          timezone: patch.timezone ?? row.timezone,
          milestones: patch.milestones ? JSON.stringify(patch.milestones) : row.milestones,
          settings,
          // The board shows target and totals by counted kinds: a config change is a change it must see.
          seq: row.seq + 1,
          updated_at: new Date().toISOString(),
        })
        .where('id', '=', eventId)
        .execute();
      if (patch.categories) await editRefs(trx, 'categories', eventId, patch.categories);
      if (patch.delegations) await editRefs(trx, 'delegations', eventId, patch.delegations);
      await audit(trx, { actor, action: 'event.update', eventId, subject: eventId, before: pick(before, patch), after: patch });
      await this.feed?.announce(trx, { eventId, seq: row.seq + 1, what: 'config' });
      return row.seq + 1;
    });
    return this.changed(eventId, seq);
  }

  /** Move the event along draft → live ⇄ paused → closed (reopening allowed); every move is audited. */
  async setStatus(eventId: string, status: EventStatus, actor: Actor): Promise<PublicEvent> {
    const before = await this.requireEvent(eventId);
    if (before.status === status) return before;
    if (!STATUS_TRANSITIONS[before.status].includes(status)) {
      throw new DomainError(
        'conflict',
        `An event cannot go from ${before.status} to ${status}`,
        `Status acara tidak dapat berubah dari ${before.status} ke ${status}`,
        'status',
      );
    }
    if (status === 'live' && (await hasRehearsalDeals(this.db, eventId))) {
      throw new DomainError('conflict', 'Wipe the rehearsal deals before the event goes live', 'Hapus transaksi gladi terlebih dahulu sebelum acara dimulai', 'status');
    }
    const seq = await this.db.transaction().execute(async (trx) => {
      const { seq } = await this.requireEventIn(trx, eventId);
      await trx.updateTable('events').set({ status, seq: seq + 1, updated_at: new Date().toISOString() }).where('id', '=', eventId).execute();
      await audit(trx, { actor, action: before.status === 'closed' ? 'event.reopen' : 'event.status', eventId, subject: eventId, before: { status: before.status }, after: { status } });
      await this.feed?.announce(trx, { eventId, seq: seq + 1, what: 'config' });
      return seq + 1;
    });
    return this.changed(eventId, seq);
  }

  /** Forget the cached config (after a booth added a delegation, say). */
  invalidate(eventId: string) {
    this.cache.delete(eventId);
    this.logos.delete(eventId);
  }

  private async changed(eventId: string, seq: number): Promise<PublicEvent> {
    this.invalidate(eventId);
    this.feed?.committed({ eventId, seq, what: 'config' });
    return this.requireEvent(eventId);
  }

  private async toPublic(db: Db, row: EventsTable): Promise<PublicEvent> {
    const settings = eventSettingsSchema.parse(JSON.parse(row.settings ?? '{}'));
    const logo = decodeLogo(settings.branding.logo);
    this.logos.set(row.id, logo);
    const [categories, delegations, booths] = await Promise.all([
      db.selectFrom('categories').select(['id', 'name']).where('event_id', '=', row.id).orderBy('position').execute(),
      db.selectFrom('delegations').select(['id', 'name']).where('event_id', '=', row.id).orderBy('position').execute(),
      db
        .selectFrom('booths')
        .select(['id', 'name', 'delegation_id as delegationId'])
        .where('event_id', '=', row.id)
        .where('revoked_at', 'is', null)
        .orderBy('created_at')
        .execute(),
    ]);
    return {
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
      booths,
      settings: toPublicSettings(settings, logo && logoUrl(row.id, logo)),
      createdAt: row.created_at,
      ...(row.archived_at ? { archivedAt: row.archived_at } : {}),
    };
  }
}

type RefTable = 'categories' | 'delegations';

async function insertRefs(trx: Db, table: RefTable, eventId: string, names: string[]) {
  if (!names.length) return;
  const ids = new Set<string>();
  await trx
    .insertInto(table)
    .values(names.map((name, position) => ({ event_id: eventId, id: uniqueSlug(slugify(name), ids), name, position })))
    .execute();
}

/** Rename by id, add the ones without id; ids left out are removed only if nothing uses them. */
async function editRefs(trx: Db, table: RefTable, eventId: string, wanted: { id?: string; name: string }[]) {
  const existing = await trx.selectFrom(table).select(['id', 'name']).where('event_id', '=', eventId).execute();
  const ids = new Set(existing.map((e) => e.id));
  const keep = new Set(wanted.filter((w) => w.id).map((w) => w.id!));
  for (const gone of existing.filter((e) => !keep.has(e.id))) {
    const used =
      table === 'categories'
        ? await trx.selectFrom('deals').select('id').where('event_id', '=', eventId).where('category_id', '=', gone.id).limit(1).executeTakeFirst()
        : (await trx.selectFrom('booths').select('id').where('event_id', '=', eventId).where('delegation_id', '=', gone.id).limit(1).executeTakeFirst()) ??
          (await trx.selectFrom('deals').select('id').where('event_id', '=', eventId).where('buyer_delegation_id', '=', gone.id).limit(1).executeTakeFirst());
    if (used) {
      throw new DomainError('conflict', `"${gone.name}" is in use and cannot be removed; rename it instead`, `"${gone.name}" sedang dipakai dan tidak dapat dihapus; ganti namanya saja`, table);
    }
    await trx.deleteFrom(table).where('event_id', '=', eventId).where('id', '=', gone.id).execute();
  }
  for (const [position, w] of wanted.entries()) {
    if (w.id && ids.has(w.id)) {
      await trx.updateTable(table).set({ name: w.name, position }).where('event_id', '=', eventId).where('id', '=', w.id).execute();
    } else if (w.id) {
      throw new DomainError('validation_failed', `Unknown id "${w.id}"`, `Id "${w.id}" tidak dikenal`, table);
    } else {
      await trx.insertInto(table).values({ event_id: eventId, id: uniqueSlug(slugify(w.name), ids), name: w.name, position }).execute();
    }
  }
}

function pick(event: PublicEvent, patch: EventUpdateInput): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(patch)) out[key] = (event as unknown as Record<string, unknown>)[key];
  return out;
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
