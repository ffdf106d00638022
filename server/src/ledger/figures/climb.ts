import { climbIndex, climbStepMs, type ClimbPointDelta, type ClimbSeries, type Totals } from '@dealboard/shared';
import type { Db } from '../../store/db.js';

/**
 * Note the event's total in the climb bucket of `at`, in the caller's transaction, so the
 * climb every screen draws comes from the ledger (whichever node wrote, whenever the
 * screen was opened). A point is replaced only by a later `seq`.
 */
export async function recordClimb(trx: Db, totals: Totals, at = Date.now(), known?: { starts_at: string; ends_at: string }): Promise<ClimbPointDelta | undefined> {
  // A group commit has read the event's times already (`known`); a correction reads them here.
  const event = known ?? (await trx.selectFrom('events').select(['starts_at', 'ends_at']).where('id', '=', totals.eventId).executeTakeFirst());
  if (!event) return undefined;
  const idx = climbIndex(Date.parse(event.starts_at), Date.parse(event.ends_at), at);
  await trx
    .insertInto('climb_points')
    .values({ event_id: totals.eventId, idx, total: totals.total, seq: totals.seq })
    .onConflict((oc) =>
      oc
        .columns(['event_id', 'idx'])
        .doUpdateSet((eb) => ({ total: eb.ref('excluded.total'), seq: eb.ref('excluded.seq') }))
        .where((eb) => eb('climb_points.seq', '<', eb.ref('excluded.seq'))),
    )
    .execute();
  return [idx, totals.total];
}

/** The climb so far (at most a few hundred points by construction). */
export async function readClimb(db: Db, eventId: string): Promise<ClimbSeries | undefined> {
  const event = await db.selectFrom('events').select(['starts_at', 'ends_at']).where('id', '=', eventId).executeTakeFirst();
  if (!event) return undefined;
  const from = Date.parse(event.starts_at);
  const rows = await db.selectFrom('climb_points').select(['idx', 'total']).where('event_id', '=', eventId).orderBy('idx').execute();
  return { from, stepMs: climbStepMs(from, Date.parse(event.ends_at)), points: rows.map((r): ClimbPointDelta => [Number(r.idx), Number(r.total)]) };
}

/** The last two points of the climb: all a change another node made can have moved (a bucket is a minute or more). */
export async function latestClimb(db: Db, eventId: string): Promise<ClimbPointDelta[]> {
  const rows = await db.selectFrom('climb_points').select(['idx', 'total']).where('event_id', '=', eventId).orderBy('idx', 'desc').limit(2).execute();
  return rows.reverse().map((r): ClimbPointDelta => [Number(r.idx), Number(r.total)]);
}
