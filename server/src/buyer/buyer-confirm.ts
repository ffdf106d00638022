import { eventSettingsSchema, needsApproval, type BuyerAnswer, type BuyerView, type Deal } from '@dealboard/shared';
import type { Db } from '../store/db.js';
import type { DealsTable } from '../store/schema.js';
import type { Ledger } from '../ledger/batch/ledger.js';
import type { BoothIdentity } from '../ledger/booths/booth-identity.js';
import type { BoothsRepo } from '../ledger/booths/booths-repo.js';
import { audit } from '../ledger/audit.js';
import { bump } from '../ledger/figures/buckets.js';
import { toDeal } from '../ledger/deals/deal-row.js';
import { needsBuyer } from '../ledger/batch/deal-rules.js';
import { DomainError, notFound } from '../core/errors.js';
import { hashToken, newToken } from '../core/ids.js';

const invalid = () =>
  new DomainError('code_invalid', 'This confirmation code is not valid: ask the booth to show the QR code again', 'Kode konfirmasi ini tidak berlaku: minta stan menampilkan kode QR lagi');
const used = () => new DomainError('code_used', 'This deal was already answered with this code; it can be answered only once', 'Transaksi ini sudah dijawab dengan kode ini; kode hanya dapat dipakai sekali');
const expired = () => new DomainError('code_expired', 'The event has closed: confirmation codes no longer work', 'Acara sudah ditutup: kode konfirmasi tidak berlaku lagi');
const self = () =>
  new DomainError(
    'code_self',
    "This device is signed in as a booth: the buyer confirms on their own phone, by scanning the booth's QR code",
    'Perangkat ini masuk sebagai stan: pembeli mengonfirmasi di ponselnya sendiri, dengan memindai kode QR stan',
  );
const phoneMissing = () => new DomainError('validation_failed', 'This event asks for your phone number', 'Acara ini meminta nomor telepon Anda', 'phone');

/** A code looks like a booth token (43 URL-safe characters); anything else is refused before any lookup. */
const CODE = /^[A-Za-z0-9_-]{20,64}$/;

/** Who sent a request, as far as the server can tell: the bearer token it carried, and its address and browser. */
export type Requester = { token?: string; address: string; userAgent: string };
const fingerprint = (r: Requester) => hashToken(`${r.address}\n${r.userAgent}`);

/**
 * The buyer's confirmation of a deal: one door for it, like the deal intake. A tablet asks for a
 * code (random per deal, only its SHA-256 kept; a new code replaces the old one), shows it as a
 * QR code; the buyer's phone opens it, sees that deal and nothing else, and answers once with their
 * name (and phone when the event asks). Codes stop working when the event closes.
 *
 * "Confirmed by the buyer" must not be the booth's own word. An answer carrying a booth token of the
 * event is refused (certain: it is the booth). An answer from the very address and browser that asked
 * for the code is set aside (likely the booth, not certain: devices behind one NAT may look alike):
 * recorded with what it gave and flagged, it neither counts a held deal nor adds to "confirmed";
 * the booth may show a new code to the real buyer.
 */
export class BuyerConfirm {
  constructor(
    private readonly db: Db,
    private readonly ledger: Ledger,
    private readonly booths: BoothsRepo,
  ) {}

  /** A fresh code for a deal of this booth (not voided, not answered yet, event not closed). */
  async issue(booth: BoothIdentity, dealId: string, by: Requester): Promise<string> {
    const row = await this.db.selectFrom('deals').select(['id', 'status', 'buyer_state']).where('id', '=', dealId).where('booth_id', '=', booth.id).executeTakeFirst();
    if (!row) throw notFound('Deal', 'Transaksi');
    if (row.status === 'voided') throw new DomainError('conflict', 'A voided deal cannot be confirmed by its buyer', 'Transaksi yang dibatalkan tidak dapat dikonfirmasi pembeli');
    if (row.buyer_state) throw used();
    const event = await this.db.selectFrom('events').select('status').where('id', '=', booth.eventId).executeTakeFirst();
    if (!event || event.status === 'closed') throw expired();
    const code = newToken();
    await this.db.updateTable('deals').set({ buyer_code_hash: hashToken(code), buyer_code_fp: fingerprint(by) }).where('id', '=', row.id).execute();
    return code;
  }

  /** What the buyer's phone shows for a code (once answered, `code_used`: the phone that answered remembers its answer). */
  async view(code: string): Promise<BuyerView> {
    const row = await this.find(code);
    const event = await this.db.selectFrom('events').select(['name', 'status', 'settings']).where('id', '=', row.event_id).executeTakeFirstOrThrow();
    if (event.status === 'closed') throw expired();
    if (row.buyer_state || row.buyer_flag_code === row.buyer_code_hash) throw used();
    if (row.status === 'voided') throw invalid();
    const booth = await this.db.selectFrom('booths').select('name').where('id', '=', row.booth_id).executeTakeFirst();
    const category = await this.db.selectFrom('categories').select('name').where('event_id', '=', row.event_id).where('id', '=', row.category_id).executeTakeFirst();
    return {
      eventName: event.name,
      boothName: booth?.name ?? '',
      seller: row.seller,
      amount: row.amount,
      categoryName: category?.name ?? row.category_id,
      kind: row.kind === 'investment' ? 'investment' : 'trade',
      recordedAt: row.recorded_at,
      buyerState: null,
      askPhone: eventSettingsSchema.parse(JSON.parse(event.settings || '{}')).buyerPhoneRequired,
    };
  }

  /**
   * The buyer's answer, once. A confirmation of a deal that waits only for its buyer makes it
   * count (like an approval); a dispute flags it for the organiser and changes no total. An answer
   * from the booth itself is refused or set aside (see the class).
   */
  async answer(code: string, answer: BuyerAnswer, by: Requester): Promise<Deal & { setAside: boolean }> {
    const found = await this.find(code);
    const booth = by.token ? await this.booths.findByToken(by.token) : undefined;
    if (booth && booth.eventId === found.event_id) {
      await audit(this.db, { actor: `booth ${booth.name}`, action: 'deal.buyer_self_refused', eventId: found.event_id, subject: found.id, after: { reason: 'booth token' } });
      throw self();
    }
    const setAside = found.buyer_code_fp !== null && found.buyer_code_fp !== undefined && found.buyer_code_fp === fingerprint(by);
    const { deal } = await this.ledger.change(found.event_id, async (trx) => {
      const row = await trx.selectFrom('deals').selectAll().where('id', '=', found.id).executeTakeFirstOrThrow();
      const event = await trx.selectFrom('events').select(['id', 'status', 'seq', 'target', 'settings', 'starts_at', 'ends_at']).where('id', '=', row.event_id).executeTakeFirstOrThrow();
      if (event.status === 'closed') throw expired();
      if (row.buyer_state || row.buyer_flag_code === row.buyer_code_hash) throw used();
      if (row.status === 'voided') throw invalid();
      const settings = eventSettingsSchema.parse(JSON.parse(event.settings || '{}'));
      if (settings.buyerPhoneRequired && !answer.phone) throw phoneMissing();
      const confirmed = answer.answer === 'confirm';
      const reason = answer.answer === 'dispute' ? answer.reason : null;
      const at = new Date().toISOString();
      const given = { buyer_name: answer.name, buyer_phone: answer.phone ?? null };
      const counts = !setAside && confirmed && row.status === 'pending' && needsBuyer(settings, row.amount) && !needsApproval(row.amount, event.target, settings);
      const next: DealsTable = setAside
        ? { ...row, ...given, buyer_flag: 'booth_device', buyer_flag_at: at, buyer_flag_code: row.buyer_code_hash ?? null }
        : { ...row, ...given, status: counts ? 'recorded' : row.status, buyer_state: confirmed ? 'confirmed' : 'disputed', buyer_reason: reason, buyer_at: at, buyer_flag: null };
      if (counts) await bump(trx, row, +1);
      const seq = event.seq + 1;
      await trx.updateTable('events').set({ seq }).where('id', '=', event.id).execute();
      await trx
        .updateTable('deals')
        .set({
          status: next.status, buyer_state: next.buyer_state, buyer_reason: next.buyer_reason, buyer_at: next.buyer_at, buyer_name: next.buyer_name, buyer_phone: next.buyer_phone,
          buyer_flag: next.buyer_flag, buyer_flag_at: next.buyer_flag_at, buyer_flag_code: next.buyer_flag_code, changed_seq: seq,
        })
        .where('id', '=', row.id)
        .execute();
      await audit(trx, {
        actor: 'buyer',
        action: setAside ? 'deal.buyer_set_aside' : confirmed ? 'deal.buyer_confirm' : 'deal.buyer_dispute',
        eventId: event.id,
        subject: row.id,
        before: { status: row.status },
        after: {
          status: next.status,
          ...(setAside ? { flag: 'booth_device', answer: answer.answer } : { buyerState: next.buyer_state }),
          buyerName: answer.name,
          ...(answer.phone ? { buyerPhone: answer.phone } : {}),
          ...(reason ? { reason } : {}),
        },
      });
      return { deal: toDeal(next), seq };
    });
    return { ...deal, setAside };
  }

  private async find(code: string): Promise<DealsTable> {
    if (!CODE.test(code)) throw invalid();
    const row = await this.db.selectFrom('deals').selectAll().where('buyer_code_hash', '=', hashToken(code)).executeTakeFirst();
    if (!row) throw invalid();
    return row;
  }
}
