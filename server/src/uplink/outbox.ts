import type { Db } from '../store/db.js';
import type { DealsTable, MousTable } from '../store/schema.js';
import type { UplinkChange, UplinkConfig, UplinkDeal, UplinkMou } from './wire.js';

/** What the venue sends next: its changes after `fromSeq` up to `toSeq` (its seq `headSeq` when read). */
export type OutboxBatch = { fromSeq: number; toSeq: number; headSeq: number; changes: UplinkChange[] };

/**
 * Read the venue's committed changes after `afterSeq`, oldest first, at most `limit`, from its own
 * ledger: each deal and MoU at its latest change's position (`changed_seq`, or a deal's `seq` when
 * it has not changed since its insert), as it stands now. The head is read first and every row is
 * bounded by it, so a row changed again meanwhile is left for the next batch at its new position.
 * Rehearsal deals stay at the venue (they are wiped before the event goes live).
 *
 * No transaction: on SQLite the connection is the ledger's, and a read transaction would hold its
 * group commits back while the batch is read.
 */
export async function readOutbox(db: Db, eventId: string, afterSeq: number, limit: number): Promise<OutboxBatch | undefined> {
  const event = await db.selectFrom('events').select('seq').where('id', '=', eventId).executeTakeFirst();
  if (!event) return undefined;
  const head = event.seq;
  if (head <= afterSeq) return { fromSeq: afterSeq, toSeq: afterSeq, headSeq: head, changes: [] };
  const live = db.selectFrom('deals').selectAll().where('event_id', '=', eventId).where('rehearsal', '=', 0);
  const [fresh, changed, mous] = await Promise.all([
    live.where('changed_seq', 'is', null).where('seq', '>', afterSeq).where('seq', '<=', head).orderBy('seq').limit(limit).execute(),
    live.where('changed_seq', '>', afterSeq).where('changed_seq', '<=', head).orderBy('changed_seq').limit(limit).execute(),
    db.selectFrom('mous').selectAll().where('event_id', '=', eventId).where('changed_seq', '>', afterSeq).where('changed_seq', '<=', head).orderBy('changed_seq').limit(limit).execute(),
  ]);
  const all = [...fresh.map(dealChange), ...changed.map(dealChange), ...mous.map(mouChange)].sort((a, b) => a.seq - b.seq);
  // Each list is in position order and cut at `limit`, so the first `limit` of the three together are all there.
  const changes = all.slice(0, limit);
  const toSeq = all.length > limit ? changes[changes.length - 1]!.seq : head;
  return { fromSeq: afterSeq, toSeq, headSeq: head, changes };
}

/** The settings and names the central mirrors (sent when they differ from what it last took). */
export async function readConfig(db: Db, eventId: string): Promise<UplinkConfig | undefined> {
  const row = await db.selectFrom('events').selectAll().where('id', '=', eventId).executeTakeFirst();
  if (!row) return undefined;
  const refs = (table: 'categories' | 'delegations') => db.selectFrom(table).select(['id', 'name', 'position']).where('event_id', '=', eventId).orderBy('position').execute();
  const [categories, delegations, booths] = await Promise.all([
    refs('categories'),
    refs('delegations'),
    // Revoked booths too: their deals still count.
    db.selectFrom('booths').select(['id', 'name', 'delegation_id']).where('event_id', '=', eventId).orderBy('created_at').orderBy('id').execute(),
  ]);
  return {
    name: row.name,
    venue: row.venue,
    target: Number(row.target),
    timezone: row.timezone,
    startsAt: row.starts_at,
    endsAt: row.ends_at,
    milestones: JSON.parse(row.milestones) as number[],
    categories,
    delegations,
    booths,
  };
}

function dealChange(r: DealsTable): UplinkChange {
  const deal: UplinkDeal = {
    id: r.id,
    booth_id: r.booth_id,
    amount: Number(r.amount),
    category_id: r.category_id,
    kind: r.kind as UplinkDeal['kind'],
    seller: r.seller,
    seller_key: r.seller_key,
    buyer: r.buyer,
    seller_delegation_id: r.seller_delegation_id,
    buyer_delegation_id: r.buyer_delegation_id,
    quantity: r.quantity,
    unit: r.unit,
    note: r.note,
    content_hash: r.content_hash,
    created_at: r.created_at,
    recorded_at: r.recorded_at,
    status: r.status as UplinkDeal['status'],
    void_reason: r.void_reason,
    voided_at: r.voided_at,
    voided_by: r.voided_by,
    voided_from: r.voided_from,
    buyer_state: r.buyer_state ?? null,
    buyer_reason: r.buyer_reason ?? null,
    buyer_at: r.buyer_at ?? null,
  };
  return { seq: r.changed_seq ?? r.seq, kind: 'deal', deal };
}

function mouChange(r: MousTable): UplinkChange {
  const { event_id: _e, changed_seq, uplink_seq: _u, value, ...rest } = r;
  const mou: UplinkMou = { ...rest, value: value === null ? null : Number(value), status: rest.status as UplinkMou['status'] };
  return { seq: changed_seq ?? 0, kind: 'mou', mou };
}
