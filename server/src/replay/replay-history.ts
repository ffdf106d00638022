import type { Deal } from '@dealboard/shared';
import type { Db } from '../store/db.js';
import { dealPages } from '../ledger/reads/queries.js';
import { DEAL_STATUS_CHANGES } from '../ledger/audit.js';

/** What a deal's change set it to, as the audit log keeps it. */
export type DealOutcome = { status: string; reason?: string; buyerState?: string; buyerName?: string; buyerPhone?: string };

/** One thing that happened in the original event, at `at` (ms), that a replay does again in order. */
export type Step =
  | { at: number; kind: 'deal'; deal: Deal; status: 'recorded' | 'pending' }
  | { at: number; kind: 'deal-change'; dealId: string; action: string; after: DealOutcome }
  | { at: number; kind: 'mou'; mouId: string; action: string; after: Record<string, unknown> };

const MOU_CHANGES = new Set(['mou.create', 'mou.edit', 'mou.void', 'mou.restore', 'mou.announce']);

const parse = (json: string | null): Record<string, unknown> => (json ? (JSON.parse(json) as Record<string, unknown>) : {});

/**
 * The original event's history as steps in time order: each deal as it was first recorded
 * (recorded, or pending approval or its buyer's answer), every later change of its status
 * (approved, confirmed, disputed, voided, restored) and every MoU change, read from the ledger
 * and the audit log. Played in order they end on the original's figures, whatever the copy's
 * settings: the outcomes are replayed, not decided again.
 */
export async function readHistory(db: Db, eventId: string, upToSeq: number): Promise<Step[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select(['id', 'at', 'action', 'subject', 'before', 'after'])
    .where('event_id', '=', eventId)
    .where('action', 'in', [...DEAL_STATUS_CHANGES, ...MOU_CHANGES])
    .orderBy('id')
    .execute();
  const firstBefore = new Map<string, string>();
  const steps: Step[] = [];
  for (const r of rows) {
    if (!r.subject) continue;
    const after = parse(r.after);
    const at = Date.parse(r.at);
    if (MOU_CHANGES.has(r.action)) {
      steps.push({ at, kind: 'mou', mouId: r.subject, action: r.action, after });
      continue;
    }
    const before = parse(r.before).status;
    if (typeof before === 'string' && !firstBefore.has(r.subject)) firstBefore.set(r.subject, before);
    if (typeof after.status !== 'string') continue;
    steps.push({ at, kind: 'deal-change', dealId: r.subject, action: r.action, after: after as DealOutcome });
  }
  for await (const page of dealPages(db, eventId, { upToSeq })) {
    for (const deal of page) {
      // Before its first change a deal was as it was recorded; with none, it still is (a voided one has its void audited).
      const first = firstBefore.get(deal.id) ?? deal.status;
      steps.push({ at: Date.parse(deal.recordedAt), kind: 'deal', deal, status: first === 'pending' ? 'pending' : 'recorded' });
    }
  }
  // Stable: a deal comes before its changes when both carry the same millisecond.
  const rank = (s: Step) => (s.kind === 'deal' ? 0 : 1);
  return steps.map((s, i) => ({ s, i })).sort((a, b) => a.s.at - b.s.at || rank(a.s) - rank(b.s) || a.i - b.i).map((x) => x.s);
}
