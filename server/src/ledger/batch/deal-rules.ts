import { eventSettingsSchema, needsApproval, pastEnd, type DealReceipt, type EventSettings } from '@dealboard/shared';
import type { Db } from '../../store/db.js';
import type { DealsTable } from '../../store/schema.js';
import type { BoothIdentity } from '../booths/booth-identity.js';
import type { EventContext, Pending } from './batch-types.js';
import { DomainError, notFound } from '../../core/errors.js';
import { staysExact, totalTooLarge } from '../../core/money-sum.js';
import { liveSum } from '../figures/totals.js';
import { contentHash, sellerKey, toDeal } from '../deals/deal-row.js';

/** Whether the booth still takes deals with the token it was found by: not revoked, removed or given a new token since. */
function stillValid(ctx: EventContext, booth: BoothIdentity): boolean {
  const hash = ctx.booths.get(booth.id);
  return !booth.revoked && hash !== undefined && (booth.tokenHash === undefined || booth.tokenHash === hash);
}

/** The event's booths that take deals, and their token hashes (see `EventContext.booths`). */
export async function readLiveBooths(trx: Db, eventId: string): Promise<Map<string, string>> {
  const rows = await trx.selectFrom('booths').select(['id', 'token_hash']).where('event_id', '=', eventId).where('revoked_at', 'is', null).execute();
  return new Map(rows.map((r) => [r.id, r.token_hash]));
}

/** The rules for one deal, in the order the API documents its refusals; no writes. */
export async function decideDeal(
  trx: Db,
  { booth, input }: Pending,
  events: Map<string, EventContext>,
  known: Map<string, DealsTable>,
): Promise<DealsTable | { duplicate: DealReceipt }> {
  const eventId = booth.eventId;
  let ctx = events.get(eventId);
  if (!ctx) {
    const row = await trx.selectFrom('events').select(['id', 'status', 'seq', 'target', 'settings', 'starts_at', 'ends_at']).where('id', '=', eventId).executeTakeFirst();
    if (!row) throw notFound('Event', 'Acara');
    ctx = { row, startSeq: row.seq, settings: eventSettingsSchema.parse(JSON.parse(row.settings || '{}')), booths: await readLiveBooths(trx, eventId) };
    events.set(eventId, ctx);
  }
  const event = ctx.row;

  const existing = known.get(input.id);
  const buyerDelegationId = await resolveBuyerDelegation(trx, ctx, input.buyerDelegation);
  const hash = contentHash(booth.id, input, buyerDelegationId);
  if (existing) {
    if (existing.event_id === eventId && existing.booth_id === booth.id && existing.content_hash === hash) {
      return { duplicate: { deal: toDeal(existing), duplicate: true, seq: event.seq } };
    }
    throw new DomainError(
      'conflict',
      'A different deal with this id is already recorded',
      'Transaksi lain dengan id ini sudah tercatat',
      'id',
    );
  }

  if (!stillValid(ctx, booth)) throw new DomainError('unauthorized', 'This booth token was revoked or replaced', 'Token stan ini sudah dicabut atau diganti');
  if (event.status !== 'live' && event.status !== 'rehearsal') {
    throw new DomainError(
      'event_not_live',
      event.status === 'closed' ? 'The event is closed; no more deals are taken' : `The event is ${event.status}; deals are not taken now`,
      event.status === 'closed' ? 'Acara sudah ditutup; transaksi tidak diterima lagi' : 'Acara sedang tidak aktif; transaksi belum diterima',
    );
  }
  // The server's clock at commit decides, whatever the tablet's clock says.
  if (pastEnd({ endsAt: event.ends_at, settings: ctx.settings }, Date.now())) throw sessionOver();
  ctx.categories ??= new Set((await trx.selectFrom('categories').select('id').where('event_id', '=', eventId).execute()).map((c) => c.id));
  if (!ctx.categories.has(input.category)) {
    throw new DomainError(
      'validation_failed',
      `Unknown category "${input.category}" for this event`,
      `Kategori "${input.category}" tidak ada di acara ini`,
      'category',
    );
  }

  ctx.sum ??= await liveSum(trx, eventId);
  if (!staysExact(ctx.sum, input.amount)) throw totalTooLarge();
  ctx.sum += input.amount;

  event.seq += 1;
  const now = new Date().toISOString();
  return {
    id: input.id,
    event_id: eventId,
    booth_id: booth.id,
    amount: input.amount,
    category_id: input.category,
    kind: input.kind,
    seller: input.seller,
    seller_key: sellerKey(input.seller),
    buyer: input.buyer,
    seller_delegation_id: booth.delegationId,
    buyer_delegation_id: buyerDelegationId,
    quantity: input.quantity ?? null,
    unit: input.unit ?? null,
    note: input.note || null,
    content_hash: hash,
    created_at: input.createdAt ? new Date(input.createdAt).toISOString() : now,
    recorded_at: now,
    seq: event.seq,
    status: needsApproval(input.amount, event.target, ctx.settings) || needsBuyer(ctx.settings, input.amount) ? 'pending' : 'recorded',
    void_reason: null,
    voided_at: null,
    voided_by: null,
    voided_from: null,
    rehearsal: event.status === 'rehearsal' ? 1 : 0,
  };
}

/** A deal after the event's end time, when the event stops counting there. */
export const sessionOver = () =>
  new DomainError(
    'event_not_live',
    'The session is over: the end time has passed and deals no longer count. An organiser can extend the end time.',
    'Sesi sudah berakhir: waktu selesai telah lewat dan transaksi tidak dihitung lagi. Panitia dapat memperpanjang waktu selesai.',
  );

async function resolveBuyerDelegation(trx: Db, ctx: EventContext, wanted: string | undefined): Promise<string | null> {
  if (!wanted) return null;
  ctx.delegations ??= await trx.selectFrom('delegations').select(['id', 'name']).where('event_id', '=', ctx.row.id).execute();
  const dels = ctx.delegations;
  const found = dels.find((d) => d.id === wanted) ?? dels.find((d) => d.name.toLowerCase() === wanted.toLowerCase());
  if (!found) {
    throw new DomainError(
      'validation_failed',
      `Unknown buyer delegation "${wanted}"`,
      `Delegasi pembeli "${wanted}" tidak dikenal`,
      'buyerDelegation',
    );
  }
  return found.id;
}

/** Whether an amount must wait for its buyer's confirmation (or an organiser) before it counts (event setting). */
export function needsBuyer(settings: EventSettings, amount: number): boolean {
  return settings.buyerConfirmRequired && amount >= (settings.buyerConfirmThreshold ?? 0);
}
