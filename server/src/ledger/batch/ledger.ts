import { type Deal, type DealInputParsed, type DealReceipt, type Totals } from '@dealboard/shared';
import type { Db } from '../../store/db.js';
import type { DealsTable } from '../../store/schema.js';
import { DomainError, storeUnavailable } from '../../core/errors.js';
import type { StoreHealth } from '../../store/store-health.js';
import type { BoothIdentity } from '../booths/booth-identity.js';
import { toDeal } from '../deals/deal-row.js';
import { readTotals } from '../figures/totals.js';
import { recordClimb } from '../figures/climb.js';
import { BucketSums } from '../figures/buckets.js';
import { accept, decideDeal } from './deal-rules.js';
import { claimSeqs, readSqliteBatch, writeSqliteBatch } from './sqlite-batch.js';
import type { EventContext, LedgerChange, Pending } from './batch-types.js';
import type { ChangeFeed } from '../feed/change-feed.js';
import { lockEvents } from '../events/event-lock.js';
import { PgBatchReads, writeBatch as writePgBatch } from './pg-batch.js';
import { ReadBack, type Committed } from '../feed/read-back.js';
import { isPostgres } from '../../store/db.js';

/** What a batch wrote: its outcomes, and either its changes as its transaction read them (SQLite) or what the change feed reads back after COMMIT (PostgreSQL). */
type Written = { outcomes: Outcome[]; changes: LedgerChange[]; committed: Committed[] };

/** What a batch's reads found: `kept` when PostgreSQL decided from what this node kept of an earlier read. */
type Reads = { events: Map<string, EventContext>; known: Map<string, DealsTable>; kept?: true };

type Outcome = { ok: true; receipt: DealReceipt } | { ok: false; error: DomainError };

/**
 * Another writer got in between our reads and our writes (only possible with several
 * nodes, on PostgreSQL): a deal id another batch took, or the event's status, target or
 * settings changed. The batch is run again with its events locked first, and then sees
 * what was stored.
 */
class RunAgain extends Error {}

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
 * (deltas summed per bucket and per seller first), and the totals read back once:
 * in the transaction on SQLite, after COMMIT on PostgreSQL (`pg-batch.ts`, `ReadBack`).
 */
export class Ledger {
  private queue: Pending[] = [];
  private flushing = false;
  private scheduled = false;
  private readonly totalsCache = new Map<string, Totals>();
  private readonly readBack: ReadBack;
  private readonly pgReads = new PgBatchReads();
  /** Number of commits and deals in them since start, for benchmarks and logs. */
  readonly stats = { commits: 0, deals: 0 };

  constructor(
    private readonly db: Db,
    private readonly feed?: ChangeFeed,
    /** Told the outcome of every write, so `/health` and the log follow the store's state. */
    private readonly health?: StoreHealth,
  ) {
    this.readBack = new ReadBack(feed);
  }

  /** Record one deal for `booth`; resolves after the durable commit. `status`: a replayed deal's, as it was (see `Pending`). */
  submit(booth: BoothIdentity, input: DealInputParsed, status?: Pending['status']): Promise<DealReceipt> {
    return new Promise((resolve, reject) => {
      this.queue.push({ booth, input, status, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves when every deal queued so far has been committed (used on shutdown). */
  async drain(): Promise<void> {
    while (this.queue.length || this.flushing) {
      await new Promise((r) => setTimeout(r, 5));
    }
    await this.feed?.idle();
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
    let result: Written;
    try {
      // On PostgreSQL the first try needs no transaction: its one write checks what it read, and commits.
      result = isPostgres(this.db) ? await this.writeBatch(this.db, batch, false) : await this.db.transaction().execute((trx) => this.writeBatch(trx, batch, false));
    } catch (e) {
      // Another node got in between (a deal id taken, the event changed): once more, the events locked first.
      if (!(e instanceof RunAgain)) throw e;
      result = await this.db.transaction().execute((trx) => this.writeBatch(trx, batch, true));
    }
    const { outcomes, changes, committed } = result;
    this.health?.succeeded();
    this.stats.commits++;
    this.stats.deals += batch.length;
    // On PostgreSQL the totals are read back after the acks; until then `totals` reads the store.
    this.readBack.add(committed);
    batch.forEach((item, i) => {
      const o = outcomes[i]!;
      if (o.ok) item.resolve(o.receipt);
      else item.reject(o.error);
    });
    this.publish(changes);
  }

  /**
   * A batch in three steps. Read, per store (`sqlite-batch.ts`, or on PostgreSQL `pg-batch.ts`,
   * which may decide from what it kept of an earlier read). Decide, purely (`decideDeal`). Write,
   * per store: on SQLite in the caller's transaction, the `seq` claimed, the rows and deltas
   * written and the totals read back in it; on PostgreSQL one call that checks what the decisions
   * stood on and commits, the totals read back after it (`ReadBack`).
   */
  private async writeBatch(trx: Db, batch: Pending[], lock: boolean): Promise<Written> {
    const pg = isPostgres(trx);
    const { events, known, kept }: Reads = pg ? await this.pgReads.read(trx, batch, lock) : await readSqliteBatch(trx, batch);
    const inserted: DealsTable[] = [];
    const decided: (Outcome | DealsTable)[] = [];
    const decidedAt = Date.now();
    for (const item of batch) {
      try {
        const ctx = events.get(item.booth.eventId);
        const row = decideDeal(item, ctx, known, decidedAt);
        if ('duplicate' in row) {
          decided.push({ ok: true, receipt: row.duplicate });
          continue;
        }
        accept(ctx!, known, row);
        inserted.push(row);
        decided.push(row);
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        decided.push({ ok: false, error: e });
      }
    }
    // Decided from what this node kept of an earlier read: a refusal is made on fresh reads only.
    if (kept && decided.some((d) => 'ok' in d && !d.ok)) throw new RunAgain();
    const sums = new BucketSums();
    for (const d of inserted) if (d.status === 'recorded') sums.add(d, +1);
    if (!(pg ? await writePgBatch(trx, batch, events, inserted, sums, this.feed) : await claimSeqs(trx, events, inserted))) throw new RunAgain();

    const touched = new Map<string, Deal[]>();
    // A resend of a deal first written in this same batch is answered with that row as numbered now.
    const fresh = new Map(inserted.map((r) => [r.id, r]));
    const outcomes = decided.map((d): Outcome => {
      if ('ok' in d) {
        const again = d.ok ? fresh.get(d.receipt.deal.id) : undefined;
        return again ? { ok: true, receipt: { deal: toDeal(again), duplicate: true, seq: again.seq } } : d;
      }
      const deal = toDeal(d);
      const list = touched.get(d.event_id) ?? [];
      list.push(deal);
      touched.set(d.event_id, list);
      return { ok: true, receipt: { deal, duplicate: false, seq: d.seq } };
    });
    // On PostgreSQL the change feed reads the totals, deals and climb after COMMIT (`ReadBack`).
    if (pg) {
      return { outcomes, changes: [], committed: [...touched.keys()].map((eventId) => ({ eventId, seq: events.get(eventId)!.row.seq })) };
    }
    return { outcomes, changes: await writeSqliteBatch(trx, events, inserted, sums, touched), committed: [] };
  }

  /**
   * Run one correction in its own transaction (serialised with group commits by
   * the store), read the totals it leads to, and publish the change (`mou`: the MoU register, no deal;
   * `deals`: several deals changed at once, as a venue's forwarded batch).
   */
  async change<T extends { deal?: Deal; deals?: Deal[]; seq: number }>(eventId: string, fn: (trx: Db) => Promise<T>, what: 'deals' | 'mou' = 'deals'): Promise<T> {
    const { result, totals, climb } = await this.db
      .transaction()
      .execute(async (trx) => {
        await lockEvents(trx, [eventId]);
        const result = await fn(trx);
        const totals = await readTotals(trx, eventId);
        const climb = totals && (await recordClimb(trx, totals));
        const ids = changedIds(result);
        if (totals) await this.feed?.announce(trx, { eventId, seq: totals.seq, what, dealIds: ids.length ? ids : undefined });
        return { result, totals, climb };
      })
      .catch((e: unknown) => {
        throw this.health?.failed(e) ? storeUnavailable() : e;
      });
    this.health?.succeeded();
    const deals = result.deals ?? (result.deal ? [result.deal] : []);
    if (totals) this.publish([{ eventId, fromSeq: totals.seq - 1, seq: totals.seq, totals, deals, climb }], deals.map((d) => d.id), what);
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
   * through the change feed, and while one is on its way there the store answers.
   */
  async totals(eventId: string): Promise<Totals | undefined> {
    const cached = this.totalsCache.get(eventId);
    if (!cached) return this.readTotals(eventId);
    // A commit not yet handed on (this node's not read back, or another's heard of) is newer than what is held, which stays
    // what the boards here stand on: the feed drops a note only when they do.
    const behind = this.readBack.pendingAfter(eventId, cached.seq) || this.feed?.behind(eventId, cached.seq);
    return behind ? ((await readTotals(this.db, eventId)) ?? cached) : cached;
  }

  /** Read the totals from the store and hold them (unless a newer `seq` is held already). */
  async readTotals(eventId: string): Promise<Totals | undefined> {
    const totals = await readTotals(this.db, eventId);
    return totals && this.keep(totals);
  }

  /** Hold totals read from the store, unless newer ones are held already; returns what is held. */
  keep(totals: Totals): Totals {
    this.hold(totals);
    return this.totalsCache.get(totals.eventId) ?? totals;
  }

  private hold(totals: Totals) {
    const prev = this.totalsCache.get(totals.eventId);
    if (!prev || prev.seq <= totals.seq) this.totalsCache.set(totals.eventId, totals);
  }

  /** Hold the totals a committed change led to, then put the change on the feed. */
  private publish(changes: LedgerChange[], dealIds?: string[], what: 'deals' | 'mou' = 'deals') {
    for (const { totals, ...change } of changes) {
      this.hold(totals);
      this.feed?.committed({ eventId: change.eventId, seq: totals.seq, what, dealIds }, { ...change, totals, climb: change.climb && [change.climb] });
    }
  }
}

/** The ids of the deals a correction changed. */
const changedIds = (result: { deal?: Deal; deals?: Deal[] }): string[] => (result.deals ?? (result.deal ? [result.deal] : [])).map((d) => d.id);
