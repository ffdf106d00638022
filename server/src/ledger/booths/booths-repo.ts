import type { AdminBooth, BoothCreateInput, PublicBooth } from '@dealboard/shared';
import type { BoothIdentity } from './booth-identity.js';
import type { Db } from '../../store/db.js';
import { audit, type Actor } from '../audit.js';
import { DomainError, notFound } from '../../core/errors.js';
import { readSum } from '../../core/money-sum.js';
import type { EventsRepo } from '../events/events-repo.js';
import { hashToken, newToken, randomId, slugify, uniqueSlug } from '../../core/ids.js';
import type { ChangeFeed } from '../feed/change-feed.js';
import type { JoinCards } from '../../auth/join-cards.js';

/** Booths and their tokens. Tokens are returned only when made (create, rotate) and stored as hashes. */
export class BoothsRepo {
  /**
   * Token → booth, for tokens seen since the last booth or event change: every
   * deal carries its token, and hashing it and asking the store each time cost
   * more than the rest of the request. Any change to booths or to an event's
   * config (a delegation renamed, say) empties it.
   */
  private readonly byToken = new Map<string, BoothIdentity>();
  /** Bumped on every change, so a lookup that started before one does not fill the cache after it. */
  private generation = 0;
  private readonly listeners = new Set<(eventId: string) => void>();

  constructor(
    private readonly db: Db,
    private readonly events: EventsRepo,
    private readonly feed?: ChangeFeed,
    /** Seals each new token so the join card can be printed again (see `auth/join-cards.ts`). */
    private readonly cards?: JoinCards,
  ) {}

  /**
   * Called once this node's cache is empty after a change to an event's booths or config, made
   * on this node or another (a booth renamed, moved, revoked, removed or given a new token):
   * connected tablets re-read their booth, and those whose token no longer works are cut off.
   */
  onStale(listener: (eventId: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The event's booths or config changed (the change feed calls this on every node): empty the token cache, then tell. */
  stale(eventId: string) {
    this.generation++;
    this.byToken.clear();
    for (const l of this.listeners) l(eventId);
  }

  /** After a booth change committed: the feed empties this node's caches (event config, tokens) and tells the others. */
  private changed(eventId: string) {
    if (this.feed) return this.feed.committed({ eventId, seq: 0, what: 'booths' });
    this.events.invalidate(eventId);
    this.stale(eventId);
  }

  /** Add a booth; `delegation` is an existing id, an existing name (any case) or a new name. */
  async create(eventId: string, input: BoothCreateInput, actor: Actor = 'system'): Promise<{ booth: PublicBooth; token: string }> {
    const token = newToken();
    const boothId = `b-${randomId(8)}`;
    const booth = await this.db.transaction().execute(async (trx) => {
      await this.events.requireEventIn(trx, eventId);
      const delegation = await resolveOrAddDelegation(trx, eventId, input.delegation);
      await trx
        .insertInto('booths')
        .values({ id: boothId, event_id: eventId, name: input.name, delegation_id: delegation.id, token_hash: hashToken(token), token_sealed: this.cards?.seal(token) ?? null, revoked_at: null, created_at: new Date().toISOString() })
        .execute();
      const booth: PublicBooth = { id: boothId, eventId, name: input.name, delegationId: delegation.id, delegationName: delegation.name };
      await audit(trx, { actor, action: 'booth.create', eventId, subject: boothId, after: booth });
      await this.announce(trx, eventId);
      return booth;
    });
    this.changed(eventId);
    return { booth, token };
  }

  /** The booth a token belongs to, or undefined for an unknown token. Revoked booths are returned flagged. */
  async findByToken(token: string): Promise<BoothIdentity | undefined> {
    if (typeof token !== 'string' || token.length < 10 || token.length > 200) return undefined;
    const cached = this.byToken.get(token);
    if (cached) return cached;
    const generation = this.generation;
    const row = await this.baseQuery().select('booths.token_hash').where('booths.token_hash', '=', hashToken(token)).executeTakeFirst();
    if (!row) return undefined;
    const booth = Object.freeze({ ...toIdentity(row), tokenHash: row.token_hash });
    // Only known tokens are kept, so its size is bounded by the booths there are; the bound is for safety.
    if (generation === this.generation) {
      if (this.byToken.size >= 10_000) this.byToken.clear();
      this.byToken.set(token, booth);
    }
    return booth;
  }

  async get(eventId: string, boothId: string): Promise<BoothIdentity> {
    const row = await this.baseQuery().where('booths.event_id', '=', eventId).where('booths.id', '=', boothId).executeTakeFirst();
    if (!row) throw notFound('Booth', 'Stan');
    return toIdentity(row);
  }

  /** Booths of an event with their recorded deal count and total, for the console. */
  async list(eventId: string): Promise<AdminBooth[]> {
    const rows = await this.baseQuery().select('booths.created_at').where('booths.event_id', '=', eventId).orderBy('booths.created_at').execute();
    const sums = await this.db
      .selectFrom('totals_buckets')
      .select(['booth_id', (eb) => eb.fn.sum<number>('total').as('total'), (eb) => eb.fn.sum<number>('count').as('deals')])
      .where('event_id', '=', eventId)
      .groupBy('booth_id')
      .execute();
    const byBooth = new Map(sums.map((s) => [s.booth_id, s]));
    return rows.map((r) => ({
      ...toIdentity(r),
      createdAt: r.created_at,
      deals: Number(byBooth.get(r.id)?.deals ?? 0),
      total: readSum(byBooth.get(r.id)?.total),
    }));
  }

  /** The booth's current join token for reprinting its card, or undefined when it cannot be recovered (made before sealing, or under another key). */
  async joinToken(eventId: string, boothId: string): Promise<string | undefined> {
    const row = await this.db.selectFrom('booths').select(['token_hash', 'token_sealed']).where('event_id', '=', eventId).where('id', '=', boothId).executeTakeFirst();
    const token = row && this.cards?.unseal(row.token_sealed);
    return token && hashToken(token) === row.token_hash ? token : undefined;
  }

  /** Rename a booth or move it to another delegation (its past deals keep the delegation they were made under). */
  async update(eventId: string, boothId: string, patch: { name?: string; delegation?: string }, actor: Actor): Promise<BoothIdentity> {
    await this.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('booths').selectAll().where('id', '=', boothId).where('event_id', '=', eventId).executeTakeFirst();
      if (!before) throw notFound('Booth', 'Stan');
      const delegation = patch.delegation ? await resolveOrAddDelegation(trx, eventId, patch.delegation) : undefined;
      const after = { name: patch.name ?? before.name, delegation_id: delegation?.id ?? before.delegation_id };
      await trx.updateTable('booths').set({ ...after, updated_at: new Date().toISOString() }).where('id', '=', boothId).execute();
      await audit(trx, { actor, action: 'booth.update', eventId, subject: boothId, before: { name: before.name, delegationId: before.delegation_id }, after: { name: after.name, delegationId: after.delegation_id } });
      await this.announce(trx, eventId);
    });
    this.changed(eventId);
    return this.get(eventId, boothId);
  }

  /** Revoke a booth's token: its tablet is refused from then on. */
  async revoke(eventId: string, boothId: string, actor: Actor): Promise<BoothIdentity> {
    await this.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('booths').select(['revoked_at']).where('id', '=', boothId).where('event_id', '=', eventId).executeTakeFirst();
      if (!before) throw notFound('Booth', 'Stan');
      if (before.revoked_at) throw new DomainError('conflict', 'This booth is already revoked', 'Stan ini sudah dicabut');
      const now = new Date().toISOString();
      await trx.updateTable('booths').set({ revoked_at: now, updated_at: now }).where('id', '=', boothId).execute();
      await audit(trx, { actor, action: 'booth.revoke', eventId, subject: boothId, before: { revoked: false }, after: { revoked: true } });
      await this.announce(trx, eventId);
    });
    this.changed(eventId);
    return this.get(eventId, boothId);
  }

  /** Give a booth a fresh token (and un-revoke it); the old token stops working at once. */
  async rotate(eventId: string, boothId: string, actor: Actor): Promise<{ booth: BoothIdentity; token: string }> {
    const token = newToken();
    await this.db.transaction().execute(async (trx) => {
      const before = await trx.selectFrom('booths').select(['revoked_at']).where('id', '=', boothId).where('event_id', '=', eventId).executeTakeFirst();
      if (!before) throw notFound('Booth', 'Stan');
      await trx.updateTable('booths').set({ token_hash: hashToken(token), token_sealed: this.cards?.seal(token) ?? null, revoked_at: null, updated_at: new Date().toISOString() }).where('id', '=', boothId).execute();
      await audit(trx, { actor, action: 'booth.rotate', eventId, subject: boothId, before: { revoked: before.revoked_at !== null }, after: { revoked: false, tokenRotated: true } });
      await this.announce(trx, eventId);
    });
    this.changed(eventId);
    return { booth: await this.get(eventId, boothId), token };
  }

  /** In the transaction: tell the other nodes to drop their cached tokens and config once it commits. */
  private announce(trx: Db, eventId: string) {
    return this.feed?.announce(trx, { eventId, seq: 0, what: 'booths' });
  }

  private baseQuery() {
    return this.db
      .selectFrom('booths')
      .innerJoin('delegations', (j) => j.onRef('delegations.event_id', '=', 'booths.event_id').onRef('delegations.id', '=', 'booths.delegation_id'))
      .select(['booths.id', 'booths.event_id', 'booths.name', 'booths.delegation_id', 'booths.revoked_at', 'delegations.name as delegation_name']);
  }
}

function toIdentity(row: { id: string; event_id: string; name: string; delegation_id: string; revoked_at: string | null; delegation_name: string }): BoothIdentity {
  return { id: row.id, eventId: row.event_id, name: row.name, delegationId: row.delegation_id, delegationName: row.delegation_name, revoked: row.revoked_at !== null };
}

/** Find a delegation of the event by id or name (any case), or add it under a new slug id. */
export async function resolveOrAddDelegation(trx: Db, eventId: string, wanted: string): Promise<{ id: string; name: string }> {
  const dels = await trx.selectFrom('delegations').select(['id', 'name']).where('event_id', '=', eventId).execute();
  const name = wanted.trim();
  const found = dels.find((d) => d.id === name) ?? dels.find((d) => d.name.toLowerCase() === name.toLowerCase());
  if (found) return found;
  const id = uniqueSlug(slugify(name), new Set(dels.map((d) => d.id)));
  await trx.insertInto('delegations').values({ event_id: eventId, id, name, position: dels.length }).execute();
  return { id, name };
}
