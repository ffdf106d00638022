import { sql } from 'kysely';
import { MAX_DEALS_PAGE, type Deal, type DealKind, type DealStatus } from '@dealboard/shared';
import type { Db } from '../../store/db.js';
import { readSum } from '../../core/money-sum.js';
import { DEAL_COLUMNS, toDeal } from '../deals/deal-row.js';

export type DealFilter = {
  boothId?: string;
  categoryId?: string;
  kind?: DealKind;
  status?: DealStatus;
  /** The buyer's answer: confirmed, disputed, or none yet. */
  buyer?: 'confirmed' | 'disputed' | 'unconfirmed';
  /** Part of the seller's or buyer's name, any case. */
  q?: string;
  limit?: number;
  /** Deals with a `seq` below this (paging backwards from the newest). */
  beforeSeq?: number;
};

/** Deals of an event, newest first, filtered as the console asks. */
export async function listDeals(db: Db, eventId: string, f: DealFilter = {}): Promise<{ deals: Deal[]; matched: number }> {
  let q = db.selectFrom('deals').where('event_id', '=', eventId);
  if (f.boothId) q = q.where('booth_id', '=', f.boothId);
  if (f.categoryId) q = q.where('category_id', '=', f.categoryId);
  if (f.kind) q = q.where('kind', '=', f.kind);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.buyer) q = f.buyer === 'unconfirmed' ? q.where('buyer_state', 'is', null) : q.where('buyer_state', '=', f.buyer);
  if (f.q) {
    const like = `%${f.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where(sql<boolean>`(lower(seller) like ${like} escape '\\' or lower(buyer) like ${like} escape '\\')`);
  }
  const matched = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  let page = q.selectAll();
  if (f.beforeSeq !== undefined) page = page.where('seq', '<', f.beforeSeq);
  const rows = await page.orderBy('seq', 'desc').limit(Math.min(f.limit ?? 100, MAX_DEALS_PAGE)).execute();
  return { deals: rows.map(toDeal), matched: Number(matched.n) };
}

/**
 * Every deal of an event up to `upToSeq`, in recording order, one page at a time (keyset on
 * `seq`, which the `(event_id, seq)` index serves): an export of 10^5 deals never holds them all,
 * and the caller can give the event loop back between pages.
 */
export async function* dealPages(db: Db, eventId: string, opts: { upToSeq: number; pageSize?: number }): AsyncGenerator<Deal[]> {
  const size = opts.pageSize ?? 1_000;
  let after = -1;
  for (;;) {
    const rows = await db
      .selectFrom('deals')
      .select(DEAL_COLUMNS)
      .where('event_id', '=', eventId)
      .where('seq', '>', after)
      .where('seq', '<=', opts.upToSeq)
      .orderBy('seq')
      .limit(size)
      .execute();
    if (rows.length) yield rows.map(toDeal);
    if (rows.length < size) return;
    after = rows[rows.length - 1]!.seq;
  }
}

/**
 * A booth's newest deals, for its tablet: read along the `(booth_id, recorded_at)` index, so the
 * cost is the page, not the event's ledger (no count over the event's deals).
 */
export async function recentBoothDeals(db: Db, eventId: string, boothId: string, limit: number): Promise<Deal[]> {
  const rows = await db
    .selectFrom('deals')
    .select(DEAL_COLUMNS)
    .where('booth_id', '=', boothId)
    .where('event_id', '=', eventId)
    .orderBy('recorded_at', 'desc')
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
  return rows.map(toDeal);
}

/** A booth's recorded total and count, from the running totals (never from a page of rows). */
export async function boothTotals(db: Db, eventId: string, boothId: string): Promise<{ total: number; count: number }> {
  const row = await db
    .selectFrom('totals_buckets')
    .select((eb) => [eb.fn.coalesce(eb.fn.sum<number>('total'), eb.lit(0)).as('total'), eb.fn.coalesce(eb.fn.sum<number>('count'), eb.lit(0)).as('count')])
    .where('event_id', '=', eventId)
    .where('booth_id', '=', boothId)
    .executeTakeFirst();
  return { total: readSum(row?.total), count: Number(row?.count ?? 0) };
}

/** Most recent deals of an event, newest first. */
export async function recentDeals(db: Db, eventId: string, limit = 20): Promise<Deal[]> {
  const rows = await db.selectFrom('deals').selectAll().where('event_id', '=', eventId).orderBy('seq', 'desc').limit(limit).execute();
  return rows.map(toDeal);
}

/** The most deals a change read hands the boards (a board that missed more resyncs by `seq`). */
export const CHANGED_DEALS_LIMIT = 50;

/** A change's deals past those a read lists: how many of them boards count (all but pending ones), and their booths (whose tablets read their list again). */
export type Unlisted = { deals: number; boothIds: string[] };
export const NONE_UNLISTED: Unlisted = { deals: 0, boothIds: [] };

/**
 * Deals a change made on another node touched: those recorded after `afterSeq`
 * (up to `upToSeq`, newest first, at most `limit`) and those named by id (corrections);
 * past the limit, `unlisted` (see `Unlisted`).
 */
export async function changedDeals(
  db: Db,
  eventId: string,
  afterSeq: number,
  upToSeq: number,
  dealIds: string[],
  limit = CHANGED_DEALS_LIMIT,
): Promise<{ deals: Deal[]; unlisted: Unlisted }> {
  const fresh = await db.selectFrom('deals').selectAll().where('event_id', '=', eventId).where('seq', '>', afterSeq).where('seq', '<=', upToSeq).orderBy('seq', 'desc').limit(limit).execute();
  const missing = dealIds.filter((id) => !fresh.some((r) => r.id === id)).slice(0, limit);
  const corrected = missing.length ? await db.selectFrom('deals').selectAll().where('event_id', '=', eventId).where('id', 'in', missing).execute() : [];
  const unlisted = fresh.length < limit ? NONE_UNLISTED : await pastListed(db, eventId, afterSeq, fresh.at(-1)!.seq);
  // Oldest first, as a batch of this node lists them.
  return { deals: [...fresh.reverse(), ...corrected].map(toDeal), unlisted };
}

/** The deals after `afterSeq` and before `beforeSeq`, by booth. */
async function pastListed(db: Db, eventId: string, afterSeq: number, beforeSeq: number): Promise<Unlisted> {
  const rows = await db
    .selectFrom('deals')
    .select(['booth_id', sql<number>`sum(case when status <> 'pending' then 1 else 0 end)`.as('n')])
    .where('event_id', '=', eventId)
    .where('seq', '>', afterSeq)
    .where('seq', '<', beforeSeq)
    .groupBy('booth_id')
    .execute();
  return { deals: rows.reduce((n, r) => n + Number(r.n), 0), boothIds: rows.map((r) => r.booth_id) };
}

/** Whether the event holds deals recorded during its rehearsal (they must be wiped before it goes live). */
export async function hasRehearsalDeals(db: Db, eventId: string): Promise<boolean> {
  return Boolean(await db.selectFrom('deals').select('id').where('event_id', '=', eventId).where('rehearsal', '=', 1).limit(1).executeTakeFirst());
}
