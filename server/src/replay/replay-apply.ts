import { randomUUID } from 'node:crypto';
import { mouInputSchema, type Deal } from '@dealboard/shared';
import type { Ledger } from '../ledger/batch/ledger.js';
import { audit, type Actor } from '../ledger/audit.js';
import { writeDealState } from '../ledger/deals/corrections.js';
import { toDeal } from '../ledger/deals/deal-row.js';
import type { MouRegister } from '../mou/mou-register.js';
import type { ReplayCopy } from './replay-copy.js';
import type { DealOutcome, Step } from './replay-history.js';

/**
 * Does one step of the original's history again on the replay's copy: a deal recorded with the
 * status it had, a later change to the outcome it had (approved, confirmed, voided, restored),
 * an MoU signed, edited, voided or announced. Ids of the original map to the copy's as they go.
 */
export class ReplayApply {
  private readonly deals = new Map<string, string>();
  private readonly mous = new Map<string, string>();

  constructor(
    private readonly ledger: Ledger,
    private readonly register: MouRegister,
    private readonly copy: ReplayCopy,
    private readonly actor: Actor,
  ) {}

  async apply(step: Step): Promise<void> {
    if (step.kind === 'deal') return this.deal(step.deal, step.status);
    if (step.kind === 'deal-change') return this.outcome(step.dealId, step.action, step.after);
    return this.mou(step.mouId, step.action, step.after);
  }

  private async deal(d: Deal, status: 'recorded' | 'pending'): Promise<void> {
    const booth = this.copy.booths.get(d.boothId);
    if (!booth) throw new Error('booth missing');
    const id = randomUUID();
    this.deals.set(d.id, id);
    await this.ledger.submit(
      booth,
      {
        id,
        amount: d.amount,
        category: this.copy.categories.get(d.categoryId) ?? d.categoryId,
        kind: d.kind,
        seller: d.seller,
        buyer: d.buyer,
        buyerDelegation: d.buyerDelegationId ? this.copy.delegations.get(d.buyerDelegationId) : undefined,
        quantity: d.quantity ?? undefined,
        unit: d.unit ?? undefined,
        note: d.note ?? undefined,
        createdAt: undefined,
      },
      status,
    );
  }

  /** The deal's change as its outcome: the status it ended in, with the buyer's answer as recorded. */
  private async outcome(sourceId: string, action: string, after: DealOutcome): Promise<void> {
    const dealId = this.deals.get(sourceId);
    if (!dealId) throw new Error('deal missing');
    const eventId = this.copy.event.id;
    await this.ledger.change(eventId, async (trx) => {
      const row = await trx.selectFrom('deals').selectAll().where('id', '=', dealId).where('event_id', '=', eventId).executeTakeFirstOrThrow();
      const now = new Date().toISOString();
      const voided = after.status === 'voided';
      const buyer = action === 'deal.buyer_confirm' || action === 'deal.buyer_dispute';
      const next = {
        ...row,
        status: after.status,
        void_reason: voided ? (after.reason ?? null) : null,
        voided_at: voided ? now : null,
        voided_by: voided ? this.actor : null,
        voided_from: voided ? row.status : null,
        ...(buyer
          ? { buyer_state: after.buyerState ?? (action === 'deal.buyer_confirm' ? 'confirmed' : 'disputed'), buyer_name: after.buyerName ?? null, buyer_phone: after.buyerPhone ?? null, buyer_reason: after.reason ?? null, buyer_at: now }
          : {}),
      };
      const seq = await writeDealState(trx, row, next);
      await audit(trx, { actor: this.actor, action, eventId, subject: row.id, before: { status: row.status }, after: { status: next.status, replayed: true } });
      return { deal: toDeal(next), seq };
    });
  }

  private async mou(sourceId: string, action: string, after: Record<string, unknown>): Promise<void> {
    const eventId = this.copy.event.id;
    if (action === 'mou.create') {
      const { announced, ...fields } = after;
      const input = mouInputSchema.parse({ ...pick(fields), announce: announced === true });
      const { mou } = await this.register.create(eventId, input, this.actor);
      this.mous.set(sourceId, mou.id);
      return;
    }
    const mouId = this.mous.get(sourceId);
    if (!mouId) throw new Error('MoU missing');
    if (action === 'mou.edit') await this.register.update(eventId, mouId, mouInputSchema.parse(pick(after)), this.actor);
    else if (action === 'mou.void') await this.register.void(eventId, mouId, typeof after.reason === 'string' ? after.reason : '-', this.actor);
    else if (action === 'mou.restore') await this.register.restore(eventId, mouId, this.actor);
    else if (action === 'mou.announce') await this.register.announce(eventId, mouId, this.actor);
  }
}

/** The MoU's input fields among what its audit entry keeps (nulls as absent, as the form sends them). */
function pick(a: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of ['title', 'parties', 'sector', 'signedAt', 'value', 'documentRef']) if (a[k] !== null && a[k] !== undefined) out[k] = a[k];
  return out;
}
