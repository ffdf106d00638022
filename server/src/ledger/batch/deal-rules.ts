import { needsApproval, pastEnd, type DealReceipt, type EventSettings } from '@dealboard/shared';
import type { DealsTable } from '../../store/schema.js';
import type { BoothIdentity } from '../booths/booth-identity.js';
import type { EventContext, Pending } from './batch-types.js';
import { DomainError, notFound } from '../../core/errors.js';
import { staysExact, totalTooLarge } from '../../core/money-sum.js';
import { contentHash, sellerKey, toDeal } from '../deals/deal-row.js';

/** Whether the booth still takes deals with the token it was found by: not revoked, removed or given a new token since. */
function stillValid(ctx: EventContext, booth: BoothIdentity): boolean {
  const hash = ctx.booths.get(booth.id);
  return !booth.revoked && hash !== undefined && (booth.tokenHash === undefined || booth.tokenHash === hash);
}

/**
 * The rules for one deal, in the order the API documents its refusals. Pure: it reads only what
 * the batch read (`ctx`: the event as it stands after the batch's deals accepted so far; `known`:
 * the stored rows among the batch's ids, and those accepted so far) and the clock it is given,
 * and changes nothing; a refusal is thrown as a `DomainError`. The caller folds an accepted row
 * into the batch (`accept`) before the next deal is decided.
 */
export function decideDeal(
  { booth, input, status }: Pick<Pending, 'booth' | 'input' | 'status'>,
  ctx: EventContext | undefined,
  known: ReadonlyMap<string, DealsTable>,
  now: number,
): DealsTable | { duplicate: DealReceipt } {
  if (!ctx) throw notFound('Event', 'Acara');
  const event = ctx.row;
  const existing = known.get(input.id);
  const buyerDelegationId = resolveBuyerDelegation(ctx, input.buyerDelegation);
  const hash = contentHash(booth.id, input, buyerDelegationId);
  if (existing) {
    if (existing.event_id === booth.eventId && existing.booth_id === booth.id && existing.content_hash === hash) {
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
  if (pastEnd({ endsAt: event.ends_at, settings: ctx.settings }, now)) throw sessionOver();
  if (!ctx.categories.has(input.category)) {
    throw new DomainError(
      'validation_failed',
      `Unknown category "${input.category}" for this event`,
      `Kategori "${input.category}" tidak ada di acara ini`,
      'category',
    );
  }
  if (!staysExact(ctx.sum, input.amount)) throw totalTooLarge();

  const at = new Date(now).toISOString();
  return {
    id: input.id,
    event_id: booth.eventId,
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
    created_at: input.createdAt ? new Date(input.createdAt).toISOString() : at,
    recorded_at: at,
    seq: event.seq + 1,
    status: status ?? (needsApproval(input.amount, event.target, ctx.settings) || needsBuyer(ctx.settings, input.amount) ? 'pending' : 'recorded'),
    void_reason: null,
    voided_at: null,
    voided_by: null,
    voided_from: null,
    rehearsal: event.status === 'rehearsal' ? 1 : 0,
  };
}

/** Fold an accepted row into its batch: the event's `seq` and live sum move on, its id is taken. */
export function accept(ctx: EventContext, known: Map<string, DealsTable>, row: DealsTable) {
  ctx.row.seq = row.seq;
  ctx.sum += row.amount;
  known.set(row.id, row);
}

/** A deal after the event's end time, when the event stops counting there. */
export const sessionOver = () =>
  new DomainError(
    'event_not_live',
    'The session is over: the end time has passed and deals no longer count. An organiser can extend the end time.',
    'Sesi sudah berakhir: waktu selesai telah lewat dan transaksi tidak dihitung lagi. Panitia dapat memperpanjang waktu selesai.',
  );

function resolveBuyerDelegation(ctx: EventContext, wanted: string | undefined): string | null {
  if (!wanted) return null;
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
