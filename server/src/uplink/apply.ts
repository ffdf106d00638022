import type { Deal } from '@dealboard/shared';
import type { Db } from '../store/db.js';
import type { DealsTable, MousTable } from '../store/schema.js';
import { BucketSums } from '../ledger/figures/buckets.js';
import { chunked, ID_CHUNKS } from '../store/chunks.js';
import { toDeal } from '../ledger/deals/deal-row.js';
import { DomainError } from '../core/errors.js';
import type { UplinkBatch, UplinkConfig, UplinkDeal } from './wire.js';

/** What one batch changed at the central. */
export type Applied = { seq: number; deals: Deal[]; mous: number; refsChanged: boolean };

/**
 * Apply a venue's batch to the central event inside the caller's transaction (`Ledger.change`,
 * which holds the event's row, reads the totals, moves the climb and publishes). Each row is
 * applied only when its venue `seq` is newer than the one it was last applied at (`uplink_seq`):
 * the deal id and the venue's seq decide, so a batch sent twice, or overlapping one applied
 * already, changes nothing twice. Totals move by the difference between the row as stored here
 * and the row as the venue has it, through the same bucket sums as every other change.
 */
export async function applyBatch(trx: Db, eventId: string, batch: UplinkBatch): Promise<Applied> {
  const event = await trx.selectFrom('events').select(['seq', 'voided']).where('id', '=', eventId).executeTakeFirstOrThrow();
  const seq = event.seq + 1;
  const refsChanged = batch.config ? await mirrorRefs(trx, eventId, batch.config) : false;
  // The latest state of each row in the batch (a venue sends each once; a repeat keeps the newer).
  const deals = latest(batch.changes.flatMap((c) => (c.kind === 'deal' ? [{ seq: c.seq, row: c.deal }] : [])));
  const mous = latest(batch.changes.flatMap((c) => (c.kind === 'mou' ? [{ seq: c.seq, row: c.mou }] : [])));

  const stored = await storedRows(trx, 'deals', [...deals.keys()]);
  const sums = new BucketSums();
  const inserts: DealsTable[] = [];
  const applied: Deal[] = [];
  let voided = 0;
  for (const [id, { seq: at, row }] of deals) {
    const before = stored.get(id);
    if (before && before.event_id !== eventId) throw foreignId('deal', id);
    if (before && (before.uplink_seq ?? 0) >= at) continue;
    const next = dealRow(eventId, seq, at, row);
    if (before?.status === 'recorded') sums.add(before, -1);
    if (next.status === 'recorded') sums.add(next, +1);
    voided += Number(next.status === 'voided') - Number(before?.status === 'voided');
    if (before) await trx.updateTable('deals').set(next).where('id', '=', id).execute();
    else inserts.push(next);
    applied.push(toDeal(next));
  }
  for (const rows of chunked(inserts)) await trx.insertInto('deals').values(rows).execute();
  await sums.write(trx);

  const storedMous = await storedRows(trx, 'mous', [...mous.keys()]);
  let mouCount = 0;
  for (const [id, { seq: at, row }] of mous) {
    const before = storedMous.get(id);
    if (before && before.event_id !== eventId) throw foreignId('MoU', id);
    if (before && (before.uplink_seq ?? 0) >= at) continue;
    const next: MousTable = { ...row, event_id: eventId, changed_seq: seq, uplink_seq: at };
    if (before) await trx.updateTable('mous').set(next).where('id', '=', id).execute();
    else await trx.insertInto('mous').values(next).execute();
    mouCount++;
  }
  await trx.updateTable('events').set({ seq, voided: event.voided + voided }).where('id', '=', eventId).execute();
  return { seq, deals: applied, mous: mouCount, refsChanged };
}

function dealRow(eventId: string, seq: number, at: number, d: UplinkDeal): DealsTable {
  return { ...d, event_id: eventId, seq, changed_seq: null, uplink_seq: at, rehearsal: 0, buyer_code_hash: null };
}

function latest<R>(items: { seq: number; row: R & { id: string } }[]): Map<string, { seq: number; row: R }> {
  const out = new Map<string, { seq: number; row: R }>();
  for (const item of items) if ((out.get(item.row.id)?.seq ?? -1) < item.seq) out.set(item.row.id, item);
  return out;
}

async function storedRows<T extends 'deals' | 'mous'>(trx: Db, table: T, ids: string[]) {
  type Row = T extends 'deals' ? DealsTable : MousTable;
  const out = new Map<string, Row>();
  for (const chunk of chunked(ids, ID_CHUNKS)) {
    const rows = (await trx.selectFrom(table as 'deals').selectAll().where('id', 'in', chunk).execute()) as unknown as Row[];
    for (const r of rows) out.set(r.id, r);
  }
  return out;
}

/**
 * The venue's categories, delegations and booths under its own ids, so its deals' buckets,
 * breakdowns and booth names read here as at the venue. A mirrored booth gets a token hash
 * no token has: nobody signs in to the central as a venue's booth.
 */
async function mirrorRefs(trx: Db, eventId: string, config: UplinkConfig): Promise<boolean> {
  let changed = false;
  for (const table of ['categories', 'delegations'] as const) {
    const have = new Map((await trx.selectFrom(table).select(['id', 'name', 'position']).where('event_id', '=', eventId).execute()).map((r) => [r.id, r]));
    for (const ref of config[table]) {
      const row = have.get(ref.id);
      if (row && row.name === ref.name) continue;
      changed = true;
      if (row) await trx.updateTable(table).set({ name: ref.name }).where('event_id', '=', eventId).where('id', '=', ref.id).execute();
      else await trx.insertInto(table).values({ event_id: eventId, id: ref.id, name: ref.name, position: ref.position }).execute();
    }
  }
  const booths = new Map((await trx.selectFrom('booths').select(['id', 'event_id', 'name', 'delegation_id']).where('id', 'in', config.booths.length ? config.booths.map((b) => b.id) : ['']).execute()).map((b) => [b.id, b]));
  const now = new Date().toISOString();
  for (const b of config.booths) {
    const row = booths.get(b.id);
    if (row && row.event_id !== eventId) throw foreignId('booth', b.id);
    if (row && row.name === b.name && row.delegation_id === b.delegation_id) continue;
    changed = true;
    if (row) await trx.updateTable('booths').set({ name: b.name, delegation_id: b.delegation_id, updated_at: now }).where('id', '=', b.id).execute();
    else await trx.insertInto('booths').values({ id: b.id, event_id: eventId, name: b.name, delegation_id: b.delegation_id, token_hash: `uplink:${eventId}:${b.id}`, revoked_at: null, created_at: now, updated_at: null, token_sealed: null }).execute();
  }
  return changed;
}

const foreignId = (what: string, id: string) =>
  new DomainError('conflict', `The ${what} ${id} belongs to another event here; nothing of the batch was applied`, `${what} ${id} milik acara lain di sini; tidak ada perubahan dari kiriman ini yang diterapkan`, 'changes');
