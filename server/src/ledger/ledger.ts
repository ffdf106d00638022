import type { ClimbPointDelta, Deal, DealInputParsed, DealReceipt, Totals } from '@dealboard/shared';
import type { Db } from '../store/db.js';
import type { DealsTable, TotalsBucketsTable } from '../store/schema.js';
import { DomainError, storeUnavailable } from './errors.js';
import type { StoreHealth } from '../store/store-health.js';
import type { BoothIdentity } from './booths-repo.js';
import { toDeal } from './deal-row.js';
import { readTotals } from './totals.js';
import { recordClimb } from './climb.js';
import { addSums } from './buckets.js';
import { decideDeal, type Pending } from './deal-rules.js';
import type { ChangeFeed } from './change-feed.js';
import { lockAndReadEvents, lockEvents } from './event-lock.js';
import { chunked, ID_CHUNKS } from './chunks.js';
import { isPostgres } from '../store/db.js';

/** One accepted change set of an event, as read in the transaction that made it (`climb`: the climb point it moved). */
type LedgerChange = { eventId: string; fromSeq: number; totals: Totals; deals: Deal[]; climb?: ClimbPointDelta };

type Outcome = { ok: true; receipt: DealReceipt } | { ok: false; error: DomainError };

/** A running-total delta, summed over the batch before it touches the store: a row of `totals_buckets` holding the change. */
type BucketDelta = TotalsBucketsTable;

/**
 * A deal id another event's batch took between our read and our insert (only
 * possible with several writers, on PostgreSQL): the batch is run again, and
 * then sees the stored deal.
 */
class IdTaken extends Error {}

/**
 * The ledger: accepts each deal exactly once by its client-made id, voids with
 * a reason, and keeps totals in the same transaction as every change.
 *
 * Group commit: deals that arrive while a commit is running (or in the same
 * tick) are written together in one transaction, so they share one fsync;
 * each caller's promise settles only after that commit has returned.
 *
 * A batch costs a fixed number of statements whatever its size: the event,
 * its categories and delegations and the already-stored ids are read once, the
 * deals are inserted and the running totals bumped with multi-row statements
 * (deltas summed per bucket and per seller first), and the totals read back once.
 */
export class Ledger {
  private queue: Pending[] = [];
  private flushing = false;
  private scheduled = false;
  private readonly totalsCache = new Map<string, Totals>();
  /** Number of commits and deals in them since start, for benchmarks and logs. */
  readonly stats = { commits: 0, deals: 0 };

  constructor(
    private readonly db: Db,
    private readonly feed?: ChangeFeed,
    /** Told the outcome of every write, so `/health` and the log follow the store's state. */
    private readonly health?: StoreHealth,
  ) {}

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
      await this.commit(batch);
    } catch (e) {
      if (this.health?.failed(e)) {
        // The store cannot write: nothing was committed, every deal waits on its tablet for a resend.
        for (const item of batch) item.reject(storeUnavailable());
      } else if (batch.length === 1) {
        batch[0]!.reject(e);
      } else {
        // One deal broke the shared transaction (nothing of it was committed): write each deal in
        // a transaction of its own, so only the deal at fault fails and its neighbours are acked.
        for (const item of batch) await this.commit([item]).catch((err: unknown) => item.reject(this.health?.failed(err) ? storeUnavailable() : err));
      }
    } finally {
      this.flushing = false;
      if (this.queue.length) this.schedule();
    }
  }

  /** One transaction for `batch`; each caller is answered only after it committed. */
  private async commit(batch: Pending[]): Promise<void> {
    let result: { outcomes: Outcome[]; changes: LedgerChange[] };
    try {
      result = await this.db.transaction().execute((trx) => this.writeBatch(trx, batch));
    } catch (e) {
      // Another node's batch took one of these ids first: once more, now that it is stored.
      if (!(e instanceof IdTaken)) throw e;
      result = await this.db.transaction().execute((trx) => this.writeBatch(trx, batch));
    }
    const { outcomes, changes } = result;
    this.health?.succeeded();
    this.stats.commits++;
    this.stats.deals += batch.length;
    batch.forEach((item, i) => {
      const o = outcomes[i]!;
      if (o.ok) item.resolve(o.receipt);
      else item.reject(o.error);
    });
    this.publish(changes);
  }

  /**
   * Decide every deal of the batch against what is stored (read once per batch),
   * then write the new deals, the events' `seq` and the summed total deltas, and
   * read the totals back — all in the caller's transaction.
   */
  private async writeBatch(trx: Db, batch: Pending[]): Promise<{ outcomes: Outcome[]; changes: LedgerChange[] }> {
    const events = await lockAndReadEvents(trx, batch.map((b) => b.booth.eventId));
    const known = new Map<string, DealsTable>();
    const ids = [...new Set(batch.map((b) => b.input.id))];
    for (const chunk of chunked(ids, ID_CHUNKS)) {
      for (const row of await trx.selectFrom('deals').selectAll().where('id', 'in', chunk).execute()) known.set(row.id, row);
    }
    const inserted: DealsTable[] = [];
    const buckets = new Map<string, BucketDelta>();
    const sellers = new Map<string, { event_id: string; seller_key: string; recorded: number }>();
    const touched = new Map<string, Deal[]>();
    const outcomes: Outcome[] = [];

    for (const item of batch) {
      try {
        const row = await decideDeal(trx, item, events, known);
        if ('duplicate' in row) {
          outcomes.push({ ok: true, receipt: row.duplicate });
          continue;
        }
        known.set(row.id, row);
        inserted.push(row);
        if (row.status === 'recorded') {
          const to = row.buyer_delegation_id ?? '';
          const bk = JSON.stringify([row.event_id, row.category_id, row.kind, row.booth_id, row.seller_delegation_id, to]);
          const b = buckets.get(bk);
          if (b) {
            b.total += row.amount;
            b.count += 1;
          } else {
            buckets.set(bk, {
              event_id: row.event_id,
              category_id: row.category_id,
              kind: row.kind,
              booth_id: row.booth_id,
              from_delegation: row.seller_delegation_id,
              to_delegation: to,
              total: row.amount,
              count: 1,
            });
          }
          const sk = JSON.stringify([row.event_id, row.seller_key]);
          const s = sellers.get(sk);
          if (s) s.recorded += 1;
          else sellers.set(sk, { event_id: row.event_id, seller_key: row.seller_key, recorded: 1 });
        }
        const deal = toDeal(row);
        const list = touched.get(row.event_id) ?? [];
        list.push(deal);
        touched.set(row.event_id, list);
        outcomes.push({ ok: true, receipt: { deal, duplicate: false, seq: row.seq } });
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        outcomes.push({ ok: false, error: e });
      }
    }

    if (isPostgres(trx)) {
      // The unique deal id decides: insert-or-nothing, and a row that was not inserted sends the batch round again.
      for (const rows of chunked(inserted)) {
        const stored = await trx.insertInto('deals').values(rows).onConflict((oc) => oc.column('id').doNothing()).returning('id').execute();
        if (stored.length !== rows.length) throw new IdTaken();
      }
    } else {
      for (const rows of chunked(inserted)) await trx.insertInto('deals').values(rows).execute();
    }
    for (const ctx of events.values()) {
      if (ctx.row.seq !== ctx.startSeq) await trx.updateTable('events').set({ seq: ctx.row.seq }).where('id', '=', ctx.row.id).execute();
    }
    await addSums(trx, [...buckets.values()], [...sellers.values()]);

    const changes: LedgerChange[] = [];
    const now = Date.now();
    for (const [eventId, deals] of touched) {
      const totals = await readTotals(trx, eventId);
      if (!totals) continue;
      changes.push({ eventId, fromSeq: totals.seq - deals.length, totals, deals, climb: await recordClimb(trx, totals, now, events.get(eventId)?.row) });
      await this.feed?.announce(trx, { eventId, seq: totals.seq, what: 'deals' });
    }
    return { outcomes, changes };
  }

  /**
   * Run one correction in its own transaction (serialised with group commits by
   * the store), read the totals it leads to, and publish the change (`mou`: the MoU register, no deal).
   */
  async change<T extends { deal?: Deal; seq: number }>(eventId: string, fn: (trx: Db) => Promise<T>, what: 'deals' | 'mou' = 'deals'): Promise<T> {
    const { result, totals, climb } = await this.db
      .transaction()
      .execute(async (trx) => {
        await lockEvents(trx, [eventId]);
        const result = await fn(trx);
        const totals = await readTotals(trx, eventId);
        const climb = totals && (await recordClimb(trx, totals));
        if (totals) await this.feed?.announce(trx, { eventId, seq: totals.seq, what, dealIds: result.deal ? [result.deal.id] : undefined });
        return { result, totals, climb };
      })
      .catch((e: unknown) => {
        throw this.health?.failed(e) ? storeUnavailable() : e;
      });
    this.health?.succeeded();
    const deals = result.deal ? [result.deal] : [];
    if (totals) this.publish([{ eventId, fromSeq: totals.seq - 1, totals, deals, climb }], deals.map((d) => d.id), what);
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

  dropTotals(eventId: string) {
    this.totalsCache.delete(eventId);
  }

  /** The events whose totals this node holds. */
  heldEvents(): string[] {
    return [...this.totalsCache.keys()];
  }

  /**
   * Current totals of an event (from memory once known). Safe with several nodes:
   * every committed change, this node's or another's, replaces what is held
   * through the change feed before anyone is told of it.
   */
  async totals(eventId: string): Promise<Totals | undefined> {
    const cached = this.totalsCache.get(eventId);
    if (cached) return cached;
    return this.readTotals(eventId);
  }

  /** Read the totals from the store and hold them (unless a newer `seq` is held already). */
  async readTotals(eventId: string): Promise<Totals | undefined> {
    const totals = await readTotals(this.db, eventId);
    if (totals) this.hold(totals);
    return this.totalsCache.get(eventId) ?? totals;
  }

  private hold(totals: Totals) {
    const prev = this.totalsCache.get(totals.eventId);
    if (!prev || prev.seq <= totals.seq) this.totalsCache.set(totals.eventId, totals);
  }

  /** Hold the totals a committed change led to, then put the change on the feed. */
  private publish(changes: LedgerChange[], dealIds?: string[], what: 'deals' | 'mou' = 'deals') {
    for (const change of changes) {
      this.hold(change.totals);
      this.feed?.committed({ eventId: change.eventId, seq: change.totals.seq, what, dealIds }, change);
    }
  }
}
