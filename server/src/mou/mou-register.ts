import type { Mou, MouInputParsed, MouParty } from '@dealboard/shared';
import type { Db } from '../store/db.js';
import type { MousTable } from '../store/schema.js';
import type { Ledger } from '../ledger/batch/ledger.js';
import { audit, type Actor } from '../ledger/audit.js';
import { DomainError, notFound } from '../core/errors.js';
import { readSum, staysExact, totalTooLarge } from '../core/money-sum.js';
import { randomId } from '../core/ids.js';

const toMou = (r: MousTable): Mou => ({
  id: r.id,
  eventId: r.event_id,
  title: r.title,
  parties: JSON.parse(r.parties) as MouParty[],
  sector: r.sector,
  signedAt: r.signed_at,
  value: r.value === null ? null : Number(r.value),
  documentRef: r.document_ref,
  status: r.status === 'voided' ? 'voided' : 'signed',
  voidReason: r.void_reason,
  announcedAt: r.announced_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** The audited fields of an MoU (what the audit log shows before and after). */
const audited = (m: Mou) => ({ title: m.title, parties: m.parties, sector: m.sector, signedAt: m.signedAt, value: m.value, documentRef: m.documentRef, status: m.status });

const fields = (input: MouInputParsed) => ({
  title: input.title,
  parties: JSON.stringify(input.parties),
  sector: input.sector ?? null,
  signed_at: new Date(input.signedAt).toISOString(),
  value: input.value ?? null,
  document_ref: input.documentRef ?? null,
});

/**
 * The event's MoU register: every change is one transaction that bumps the event's `seq`,
 * writes the audit entry and goes out on the change feed like a deal's correction, so
 * boards hear of it in order. An MoU's value is never part of the transaction total.
 */
export class MouRegister {
  constructor(
    private readonly db: Db,
    private readonly ledger: Ledger,
  ) {}

  async list(eventId: string): Promise<Mou[]> {
    const rows = await this.db.selectFrom('mous').selectAll().where('event_id', '=', eventId).orderBy('signed_at', 'desc').orderBy('created_at', 'desc').limit(1000).execute();
    return rows.map(toMou);
  }

  create(eventId: string, input: MouInputParsed, actor: Actor): Promise<{ mou: Mou; seq: number }> {
    return this.ledger.change(
      eventId,
      async (trx) => {
        await keepExact(trx, eventId, input.value ?? null);
        const seq = await bumpSeq(trx, eventId);
        const now = new Date().toISOString();
        const row: MousTable = { id: randomId(12), event_id: eventId, ...fields(input), status: 'signed', void_reason: null, announced_at: input.announce ? now : null, created_at: now, updated_at: now, changed_seq: seq };
        await trx.insertInto('mous').values(row).execute();
        const mou = toMou(row);
        await audit(trx, { actor, action: 'mou.create', eventId, subject: mou.id, after: { ...audited(mou), announced: Boolean(input.announce) } });
        return { mou, seq };
      },
      'mou',
    );
  }

  update(eventId: string, mouId: string, input: MouInputParsed, actor: Actor): Promise<{ mou: Mou; seq: number }> {
    return this.alter(eventId, mouId, actor, 'mou.edit', (row) => {
      if (row.status === 'voided') throw new DomainError('conflict', 'A voided MoU cannot be edited; restore it first', 'MoU yang dibatalkan tidak dapat diubah; pulihkan dahulu');
      return { ...fields(input), ...(input.announce ? { announced_at: new Date().toISOString() } : {}) };
    });
  }

  void(eventId: string, mouId: string, reason: string, actor: Actor): Promise<{ mou: Mou; seq: number }> {
    return this.alter(eventId, mouId, actor, 'mou.void', (row) => {
      if (row.status === 'voided') throw new DomainError('conflict', 'This MoU is already voided', 'MoU ini sudah dibatalkan');
      return { status: 'voided', void_reason: reason };
    });
  }

  restore(eventId: string, mouId: string, actor: Actor): Promise<{ mou: Mou; seq: number }> {
    return this.alter(eventId, mouId, actor, 'mou.restore', (row) => {
      if (row.status !== 'voided') throw new DomainError('conflict', 'Only a voided MoU can be restored', 'Hanya MoU yang dibatalkan yang dapat dipulihkan');
      return { status: 'signed', void_reason: null };
    });
  }

  /** Show a recorded signing on the board now. */
  announce(eventId: string, mouId: string, actor: Actor): Promise<{ mou: Mou; seq: number }> {
    return this.alter(eventId, mouId, actor, 'mou.announce', (row) => {
      if (row.status === 'voided') throw new DomainError('conflict', 'A voided MoU cannot be announced', 'MoU yang dibatalkan tidak dapat diumumkan');
      return { announced_at: new Date().toISOString() };
    });
  }

  private alter(eventId: string, mouId: string, actor: Actor, action: string, next: (row: MousTable) => Partial<MousTable>): Promise<{ mou: Mou; seq: number }> {
    return this.ledger.change(
      eventId,
      async (trx) => {
        const row = await trx.selectFrom('mous').selectAll().where('id', '=', mouId).where('event_id', '=', eventId).executeTakeFirst();
        if (!row) throw notFound('MoU', 'MoU');
        const changes = { ...next(row), updated_at: new Date().toISOString() };
        if ((changes.status ?? row.status) === 'signed') await keepExact(trx, eventId, changes.value === undefined ? row.value : changes.value, mouId);
        const seq = await bumpSeq(trx, eventId);
        const patch = { ...changes, changed_seq: seq };
        await trx.updateTable('mous').set(patch).where('id', '=', mouId).execute();
        const before = toMou(row);
        const mou = toMou({ ...row, ...patch });
        await audit(trx, { actor, action, eventId, subject: mouId, before: audited(before), after: { ...audited(mou), ...(patch.void_reason ? { reason: patch.void_reason } : {}) } });
        return { mou, seq };
      },
      'mou',
    );
  }
}

/** The event's `seq` rises by one per change, MoUs included, so boards apply changes in order. */
async function bumpSeq(trx: Db, eventId: string): Promise<number> {
  const event = await trx.selectFrom('events').select('seq').where('id', '=', eventId).executeTakeFirst();
  if (!event) throw notFound('Event', 'Acara');
  const seq = event.seq + 1;
  await trx.updateTable('events').set({ seq }).where('id', '=', eventId).execute();
  return seq;
}

/**
 * Refuse an MoU whose value would take the event's signed MoU sum past the exact bound (`mouId`:
 * the MoU being changed, whose old value leaves the sum). Run inside the change's transaction,
 * under the event's lock, so two MoUs signed at once cannot pass it together.
 */
async function keepExact(trx: Db, eventId: string, value: number | null, mouId?: string): Promise<void> {
  if (value === null) return;
  let others = trx.selectFrom('mous').select((eb) => eb.fn.sum<string | number | null>('value').as('sum')).where('event_id', '=', eventId).where('status', '=', 'signed');
  if (mouId) others = others.where('id', '<>', mouId);
  if (!staysExact(readSum((await others.executeTakeFirst())?.sum), value)) throw totalTooLarge('mou');
}
