import type { Deal } from '@dealboard/shared';
import type { Db } from '../../store/db.js';
import type { DealsTable } from '../../store/schema.js';
import { audit, type Actor } from '../audit.js';
import { bump } from '../figures/buckets.js';
import { toDeal } from './deal-row.js';
import { DomainError, notFound } from '../../core/errors.js';
import { staysExact, totalTooLarge } from '../../core/money-sum.js';
import { liveSum } from '../figures/totals.js';
import type { Ledger } from '../batch/ledger.js';

type Correction = 'void' | 'restore' | 'approve';

const REFUSALS: Record<Correction, (status: string) => DomainError | undefined> = {
  void: (s) => (s === 'voided' ? new DomainError('conflict', 'This deal is already voided', 'Transaksi ini sudah dibatalkan') : undefined),
  restore: (s) => (s !== 'voided' ? new DomainError('conflict', 'Only a voided deal can be restored', 'Hanya transaksi yang dibatalkan yang dapat dipulihkan') : undefined),
  approve: (s) => (s !== 'pending' ? new DomainError('conflict', 'Only a deal waiting for approval can be approved', 'Hanya transaksi yang menunggu persetujuan yang dapat disetujui') : undefined),
};

/**
 * Apply one correction to a deal in one transaction: flag it, move the running
 * totals, bump `seq`, write the audit entry; then the board hears about it.
 * Nothing is deleted: a voided deal keeps who, when and why.
 */
export async function correctDeal(
  ledger: Ledger,
  kind: Correction,
  args: { eventId: string; dealId: string; actor: Actor; reason?: string; boothId?: string },
): Promise<{ deal: Deal; seq: number }> {
  return ledger.change(args.eventId, async (trx: Db) => {
    const row = await trx.selectFrom('deals').selectAll().where('id', '=', args.dealId).where('event_id', '=', args.eventId).executeTakeFirst();
    if (!row || (args.boothId && row.booth_id !== args.boothId)) throw notFound('Deal', 'Transaksi');
    const refusal = REFUSALS[kind](row.status);
    if (refusal) throw refusal;
    // A restore brings the amount back into the sums; an approval only moves it from pending to recorded.
    if (kind === 'restore' && !staysExact(await liveSum(trx, args.eventId), row.amount)) throw totalTooLarge();
    const now = new Date().toISOString();
    let next: DealsTable;
    if (kind === 'void') {
      next = { ...row, status: 'voided', void_reason: args.reason ?? null, voided_at: now, voided_by: args.actor, voided_from: row.status };
    } else {
      // A restored deal goes back to what it was: a rejected large deal waits for approval again.
      const status = kind === 'restore' && row.voided_from === 'pending' ? 'pending' : 'recorded';
      next = { ...row, status, void_reason: null, voided_at: null, voided_by: null, voided_from: null };
    }
    const seq = await writeDealState(trx, row, next);
    await audit(trx, {
      actor: args.actor,
      action: `deal.${kind}`,
      eventId: args.eventId,
      subject: row.id,
      before: { status: row.status, voidReason: row.void_reason },
      after: { status: next.status, ...(args.reason ? { reason: args.reason } : {}) },
    });
    return { deal: toDeal(next), seq };
  });
}

/**
 * In the caller's transaction: a deal moves from `row` to `next`. Its amount leaves or joins the
 * running sums as it leaves or becomes recorded, the event's `seq` (and count of voided deals)
 * moves on, and the row keeps its new status, void and buyer fields. Returns the new `seq`.
 */
export async function writeDealState(trx: Db, row: DealsTable, next: DealsTable): Promise<number> {
  const event = await trx.selectFrom('events').select(['seq', 'voided']).where('id', '=', row.event_id).executeTakeFirstOrThrow();
  const seq = event.seq + 1;
  const counted = (d: DealsTable) => (d.status === 'recorded' ? 1 : 0);
  const voided = (d: DealsTable) => (d.status === 'voided' ? 1 : 0);
  if (counted(next) !== counted(row)) await bump(trx, row, counted(next) ? +1 : -1);
  await trx.updateTable('events').set({ seq, voided: event.voided + voided(next) - voided(row) }).where('id', '=', row.event_id).execute();
  await trx
    .updateTable('deals')
    .set({
      status: next.status, void_reason: next.void_reason, voided_at: next.voided_at, voided_by: next.voided_by, voided_from: next.voided_from,
      buyer_state: next.buyer_state, buyer_reason: next.buyer_reason, buyer_at: next.buyer_at, buyer_name: next.buyer_name, buyer_phone: next.buyer_phone,
      changed_seq: seq,
    })
    .where('id', '=', row.id)
    .execute();
  return seq;
}
