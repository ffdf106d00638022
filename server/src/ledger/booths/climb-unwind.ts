import { climbIndex } from '@dealboard/shared';
import type { Db } from '../../store/db.js';
import { DEAL_STATUS_CHANGES } from '../audit.js';

/** A stored point of the climb: the event's total at the last change (`seq`) of bucket `idx`. */
export type StoredPoint = { idx: number; total: number; seq: number };

/** A deal taken out of the ledger, with what it did to the climb. */
export type GoneDeal = {
  amount: number;
  /** The `seq` it was recorded under. */
  seq: number;
  /** Its status now, which it has had since it was recorded unless `changes` say otherwise. */
  status: string;
  /** Whether its kind counts in the event total. */
  counted: boolean;
  /** Its status changes in order (void, restore, approval, buyer's answer): the bucket each fell in, the status before and after. */
  changes: { bucket: number; before: string; after: string }[];
};

/** The first point from `from` on that `reached` holds for (points are in time order: `idx` and `seq` rise together). */
function firstPoint(points: readonly StoredPoint[], from: number, reached: (p: StoredPoint) => boolean): number {
  let lo = from;
  let hi = points.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (reached(points[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The climb as if the `gone` deals had never been recorded. Each point loses what those deals
 * added to the total as it stood then: a deal counts from the point of its `seq` on, while it
 * was recorded (a void takes it out from the bucket of the void, a restore or approval puts it
 * back). A point those deals moved that now only repeats the line before it (0 before the first)
 * goes: without them that bucket would have had no change to draw.
 */
export function unwindClimb(points: readonly StoredPoint[], gone: readonly GoneDeal[]): { update: StoredPoint[]; drop: number[] } {
  const delta = new Array<number>(points.length).fill(0);
  const moved = new Array<boolean>(points.length).fill(false);
  for (const d of gone) {
    let at = firstPoint(points, 0, (p) => p.seq >= d.seq);
    if (at === points.length) continue;
    moved[at] = true;
    let status = d.changes[0]?.before ?? d.status;
    if (d.counted && status === 'recorded') delta[at]! += d.amount;
    for (const c of d.changes) {
      at = firstPoint(points, at, (p) => p.idx >= c.bucket);
      if (at === points.length) break;
      moved[at] = true;
      if (d.counted) delta[at]! += (c.after === 'recorded' ? d.amount : 0) - (status === 'recorded' ? d.amount : 0);
      status = c.after;
    }
  }
  const update: StoredPoint[] = [];
  const drop: number[] = [];
  let taken = 0;
  let before = 0;
  points.forEach((p, k) => {
    taken += delta[k]!;
    const total = p.total - taken;
    if (moved[k] && total === before) return void drop.push(p.idx);
    if (total !== p.total) update.push({ ...p, total });
    before = total;
  });
  return { update, drop };
}


const statusIn = (json: string | null) => {
  const status = json ? (JSON.parse(json) as { status?: unknown }).status : undefined;
  return typeof status === 'string' ? status : undefined;
};

/**
 * In the caller's transaction: rewrite the event's climb as if `rows` (deals about to be
 * deleted) had never been recorded, their status changes read from the audit log.
 */
export async function unwindClimbOf(
  trx: Db,
  event: { id: string; starts_at: string; ends_at: string },
  rows: readonly { id: string; amount: number; seq: number; status: string; kind: string }[],
  countedKinds: readonly string[],
): Promise<void> {
  const points = (await trx.selectFrom('climb_points').select(['idx', 'total', 'seq']).where('event_id', '=', event.id).orderBy('idx').execute()).map((p) => ({
    idx: Number(p.idx),
    total: Number(p.total),
    seq: Number(p.seq),
  }));
  if (!points.length) return;
  const changes = new Map(rows.map((r) => [r.id, [] as GoneDeal['changes']]));
  const bucketOf = (at: string) => climbIndex(Date.parse(event.starts_at), Date.parse(event.ends_at), Date.parse(at));
  const logged = await trx.selectFrom('audit_log').select(['subject', 'at', 'before', 'after']).where('event_id', '=', event.id).where('action', 'in', DEAL_STATUS_CHANGES).orderBy('id').execute();
  for (const entry of logged) {
    const list = entry.subject ? changes.get(entry.subject) : undefined;
    const [before, after] = [statusIn(entry.before), statusIn(entry.after)];
    if (list && before && after && before !== after) list.push({ bucket: bucketOf(entry.at), before, after });
  }
  const gone = rows.map((r) => ({ amount: Number(r.amount), seq: Number(r.seq), status: r.status, counted: countedKinds.includes(r.kind), changes: changes.get(r.id)! }));
  const { update, drop } = unwindClimb(points, gone);
  for (const p of update) await trx.updateTable('climb_points').set({ total: p.total }).where('event_id', '=', event.id).where('idx', '=', p.idx).execute();
  if (drop.length) await trx.deleteFrom('climb_points').where('event_id', '=', event.id).where('idx', 'in', drop).execute();
}
