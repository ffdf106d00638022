import { sql } from 'kysely';
import type { Deal, DealKind, DealStatus } from '@dealboard/shared';
import type { Db } from '../store/db.js';
import { toDeal } from './deal-row.js';

export type DealFilter = {
  boothId?: string;
  categoryId?: string;
  kind?: DealKind;
  status?: DealStatus;
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
  if (f.q) {
    const like = `%${f.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where(sql<boolean>`(lower(seller) like ${like} escape '\\' or lower(buyer) like ${like} escape '\\')`);
  }
  const matched = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  let page = q.selectAll();
  if (f.beforeSeq !== undefined) page = page.where('seq', '<', f.beforeSeq);
  const rows = await page.orderBy('seq', 'desc').limit(Math.min(f.limit ?? 100, 10_000)).execute();
  return { deals: rows.map(toDeal), matched: Number(matched.n) };
}

/** Every deal of an event in recording order (for exports). */
export async function allDeals(db: Db, eventId: string): Promise<Deal[]> {
  const rows = await db.selectFrom('deals').selectAll().where('event_id', '=', eventId).orderBy('seq').execute();
  return rows.map(toDeal);
}

/** Most recent deals of an event, newest first. */
export async function recentDeals(db: Db, eventId: string, limit = 20): Promise<Deal[]> {
  const rows = await db.selectFrom('deals').selectAll().where('event_id', '=', eventId).orderBy('seq', 'desc').limit(limit).execute();
  return rows.map(toDeal);
}

/**
 * Deals a change made on another node touched: those recorded after `afterSeq`
 * (up to `upToSeq`, newest first, at most `limit`) and those named by id (corrections).
 */
export async function changedDeals(db: Db, eventId: string, afterSeq: number, upToSeq: number, dealIds: string[], limit = 50): Promise<Deal[]> {
  const fresh = await db
    .selectFrom('deals')
    .selectAll()
    .where('event_id', '=', eventId)
    .where('seq', '>', afterSeq)
    .where('seq', '<=', upToSeq)
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute();
  const missing = dealIds.filter((id) => !fresh.some((r) => r.id === id)).slice(0, limit);
  const corrected = missing.length ? await db.selectFrom('deals').selectAll().where('event_id', '=', eventId).where('id', 'in', missing).execute() : [];
  // Oldest first, as a batch of this node lists them.
  return [...fresh.reverse(), ...corrected].map(toDeal);
}
