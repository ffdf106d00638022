import { eventSettingsSchema, type Deal, type DealInputParsed, type DealReceipt, type Totals } from '@dealboard/shared';
import type { Db } from '../store/db.js';
import { DomainError, notFound } from './errors.js';
import { bump } from './buckets.js';
import type { BoothIdentity } from './booths-repo.js';
import { contentHash, sellerKey, toDeal } from './deal-row.js';
import { readTotals } from './totals.js';

/** One accepted change set of an event, as the realtime layer needs it. */
export type LedgerChange = { eventId: string; fromSeq: number; totals: Totals; deals: Deal[] };
type Listener = (change: LedgerChange) => void;

type Pending = {
  booth: BoothIdentity;
  input: DealInputParsed;
  resolve: (r: DealReceipt) => void;
  reject: (e: unknown) => void;
};

type EventRow = { id: string; status: string; seq: number; target: number; settings: string };

/**
 * The ledger: accepts each deal exactly once by its client-made id, voids with
 * a reason, and keeps totals in the same transaction as every change.
 *
 * Group commit: deals that arrive while a commit is running (or in the same
 * tick) are written together in one transaction, so they share one fsync;
 * each caller's promise settles only after that commit has returned.
 */
export class Ledger {
  private queue: Pending[] = [];
  private flushing = false;
  private scheduled = false;
  private readonly listeners = new Set<Listener>();
  private readonly totalsCache = new Map<string, Totals>();
  /** Number of commits and deals in them since start, for benchmarks and logs. */
  readonly stats = { commits: 0, deals: 0 };

  constructor(private readonly db: Db) {}

  onChange(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Record one deal for `booth`; resolves after the durable commit. */
  submit(booth: BoothIdentity, input: DealInputParsed): Promise<DealReceipt> {
    return new Promise((resolve, reject) => {
      this.queue.push({ booth, input, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves when every deal queued so far has been committed (used on shutdown). */
  async drain(): Promise<void> {
    while (this.queue.length || this.flushing) {
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  private schedule() {
    if (this.scheduled || this.flushing) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.flush();
    });
  }

  private async flush(): Promise<void> {
    if (this.flushing || this.queue.length === 0) return;
    this.flushing = true;
    const batch = this.queue;
    this.queue = [];
    try {
      const { outcomes, changes } = await this.db.transaction().execute(async (trx) => {
        const events = new Map<string, EventRow>();
        const touched = new Map<string, Deal[]>();
        const outcomes: ({ ok: true; receipt: DealReceipt } | { ok: false; error: DomainError })[] = [];
        for (const item of batch) {
          try {
            outcomes.push({ ok: true, receipt: await this.insertOne(trx, item, events, touched) });
          } catch (e) {
            if (!(e instanceof DomainError)) throw e;
            outcomes.push({ ok: false, error: e });
          }
        }
        const changes: LedgerChange[] = [];
        for (const [eventId, deals] of touched) {
          const totals = await readTotals(trx, eventId);
          if (totals) changes.push({ eventId, fromSeq: totals.seq - deals.length, totals, deals });
        }
        return { outcomes, changes };
      });
      this.stats.commits++;
      this.stats.deals += batch.length;
      batch.forEach((item, i) => {
        const o = outcomes[i]!;
        if (o.ok) item.resolve(o.receipt);
        else item.reject(o.error);
      });
      this.publish(changes);
    } catch (e) {
      for (const item of batch) item.reject(e);
    } finally {
      this.flushing = false;
      if (this.queue.length) this.schedule();
    }
  }

  private async insertOne(
    trx: Db,
    { booth, input }: Pending,
    events: Map<string, EventRow>,
    touched: Map<string, Deal[]>,
  ): Promise<DealReceipt> {
    const eventId = booth.eventId;
    let event = events.get(eventId);
    if (!event) {
      event = await trx.selectFrom('events').select(['id', 'status', 'seq', 'target', 'settings']).where('id', '=', eventId).executeTakeFirst();
      if (!event) throw notFound('Event', 'Acara');
      events.set(eventId, event);
    }

    const existing = await trx.selectFrom('deals').selectAll().where('id', '=', input.id).executeTakeFirst();
    const buyerDelegationId = await this.resolveBuyerDelegation(trx, eventId, input.buyerDelegation);
    const hash = contentHash(booth.id, input, buyerDelegationId);
    if (existing) {
      if (existing.event_id === eventId && existing.booth_id === booth.id && existing.content_hash === hash) {
        return { deal: toDeal(existing), duplicate: true, seq: event.seq };
      }
      throw new DomainError(
        'conflict',
        'A different deal with this id is already recorded',
        'Transaksi lain dengan id ini sudah tercatat',
        'id',
      );
    }

    if (booth.revoked) throw new DomainError('unauthorized', 'This booth token was revoked', 'Token stan ini sudah dicabut');
    if (event.status !== 'live') {
      throw new DomainError(
        'event_not_live',
        event.status === 'closed' ? 'The event is closed; no more deals are taken' : `The event is ${event.status}; deals are not taken now`,
        event.status === 'closed' ? 'Acara sudah ditutup; transaksi tidak diterima lagi' : 'Acara sedang tidak aktif; transaksi belum diterima',
      );
    }
    const category = await trx
      .selectFrom('categories')
      .select('id')
      .where('event_id', '=', eventId)
      .where('id', '=', input.category)
      .executeTakeFirst();
    if (!category) {
      throw new DomainError(
        'validation_failed',
        `Unknown category "${input.category}" for this event`,
        `Kategori "${input.category}" tidak ada di acara ini`,
        'category',
      );
    }

    event.seq += 1;
    const now = new Date().toISOString();
    const row = {
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
      status: needsApproval(event, input.amount) ? 'pending' : 'recorded',
      void_reason: null,
      voided_at: null,
      voided_by: null,
    };
    await trx.insertInto('deals').values(row).execute();
    await trx.updateTable('events').set({ seq: event.seq }).where('id', '=', eventId).execute();
    if (row.status === 'recorded') await bump(trx, row, +1);
    const deal = toDeal(row);
    const list = touched.get(eventId) ?? [];
    list.push(deal);
    touched.set(eventId, list);
    return { deal, duplicate: false, seq: event.seq };
  }

  private async resolveBuyerDelegation(trx: Db, eventId: string, wanted: string | undefined): Promise<string | null> {
    if (!wanted) return null;
    const dels = await trx.selectFrom('delegations').select(['id', 'name']).where('event_id', '=', eventId).execute();
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

  /**
   * Run one correction in its own transaction (serialised with group commits by
   * the store), read the totals it leads to, and publish the change.
   */
  async change<T extends { deal: Deal; seq: number }>(eventId: string, fn: (trx: Db) => Promise<T>): Promise<T> {
    const { result, totals } = await this.db.transaction().execute(async (trx) => {
      const result = await fn(trx);
      return { result, totals: await readTotals(trx, eventId) };
    });
    if (totals) this.publish([{ eventId, fromSeq: totals.seq - 1, totals, deals: [result.deal] }]);
    return result;
  }

  async findDeal(dealId: string): Promise<Deal | undefined> {
    const row = await this.db.selectFrom('deals').selectAll().where('id', '=', dealId).executeTakeFirst();
    return row ? toDeal(row) : undefined;
  }

  /** The `seq` last published for an event, if known (no I/O). */
  cachedSeq(eventId: string): number | undefined {
    return this.totalsCache.get(eventId)?.seq;
  }

  /** Current totals of an event (from memory once known). */
  async totals(eventId: string): Promise<Totals | undefined> {
    const cached = this.totalsCache.get(eventId);
    if (cached) return cached;
    const totals = await readTotals(this.db, eventId);
    if (totals) this.totalsCache.set(eventId, totals);
    return totals;
  }

  /** Re-read totals after the event's config moved `seq` by one (target or counted kinds changed). */
  async refreshTotals(eventId: string): Promise<void> {
    this.totalsCache.delete(eventId);
    const totals = await this.totals(eventId);
    if (totals) this.publish([{ eventId, fromSeq: totals.seq - 1, totals, deals: [] }]);
  }

  private publish(changes: LedgerChange[]) {
    for (const change of changes) {
      const prev = this.totalsCache.get(change.eventId);
      if (!prev || prev.seq <= change.totals.seq) this.totalsCache.set(change.eventId, change.totals);
      for (const l of this.listeners) l(change);
    }
  }
}

/** Whether an amount must wait for an organiser before it counts (event setting). */
function needsApproval(event: EventRow, amount: number): boolean {
  const settings = eventSettingsSchema.parse(JSON.parse(event.settings || '{}'));
  if (!settings.approvalRequired) return false;
  const threshold = settings.approvalThreshold ?? settings.slipGuardThreshold ?? Math.ceil(event.target / 10);
  return amount >= threshold;
}
