import type { AuditEntry } from '@dealboard/shared';
import type { Db } from '../store/db.js';

/** Who did an admin action: the API bearer token or a console session. */
export type Actor = string;

/** The audit actions that change a deal's status, each with its status before and after (a set-aside buyer answer changes none). */
export const DEAL_STATUS_CHANGES = ['deal.void', 'deal.restore', 'deal.approve', 'deal.buyer_confirm', 'deal.buyer_dispute'];

/** Write one audit entry (inside the caller's transaction): who, what, when, before and after. */
export async function audit(
  trx: Db,
  entry: { actor: Actor; action: string; eventId: string | null; subject?: string | null; before?: unknown; after?: unknown },
): Promise<void> {
  await trx
    .insertInto('audit_log')
    .values({
      at: new Date().toISOString(),
      actor: entry.actor,
      action: entry.action,
      event_id: entry.eventId,
      subject: entry.subject ?? null,
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
    })
    .execute();
}

export async function listAudit(db: Db, eventId: string, limit = 200): Promise<AuditEntry[]> {
  const rows = await db.selectFrom('audit_log').selectAll().where('event_id', '=', eventId).orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    subject: r.subject,
    before: r.before ? JSON.parse(r.before) : null,
    after: r.after ? JSON.parse(r.after) : null,
  }));
}
