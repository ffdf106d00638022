import { formatRupiah, formatStamp, type Mou, type PublicEvent, type Recap, type Totals } from '@dealboard/shared';

/** What the recap says beside the money: reported against confirmed by the buyer, and the MoUs signed. */
export type RecapBeside = Pick<Recap, 'buyer' | 'confirmedShare' | 'mous'>;

export function recapBeside(totals: Totals, mous: Mou[]): RecapBeside {
  const reported = { total: totals.byKind.trade.total + totals.byKind.investment.total, count: totals.byKind.trade.count + totals.byKind.investment.count };
  const confirmed = totals.confirmed ?? { total: 0, count: 0 };
  return {
    buyer: [
      { name: 'Dilaporkan stan (reported by booths)', ...reported },
      { name: 'Dikonfirmasi pembeli (confirmed by buyers)', ...confirmed },
      { name: 'Tidak sesuai menurut pembeli (disputed)', ...(totals.disputed ?? { total: 0, count: 0 }) },
    ],
    confirmedShare: reported.total > 0 ? confirmed.total / reported.total : 0,
    mous,
  };
}

/** The buyer's answer on a deal as the exports write it. */
export function buyerLabel(d: { buyerState?: 'confirmed' | 'disputed' | null; buyerReason?: string | null }): string {
  if (d.buyerState === 'confirmed') return 'dikonfirmasi pembeli';
  if (d.buyerState === 'disputed') return `tidak sesuai menurut pembeli: ${d.buyerReason ?? ''}`;
  return 'dilaporkan stan';
}

export const MOU_HEADERS = ['MoU', 'Pihak', 'Sektor', 'Waktu penandatanganan', 'Nilai Rp (angka)', 'Nilai (teks)', 'Nomor dokumen', 'Status', 'Alasan pembatalan', 'ID MoU'];

/** One export row per MoU, times in the event's zone; the value is never part of the transaction total. */
export function mouRow(event: PublicEvent, m: Mou): (string | number)[] {
  return [
    m.title,
    m.parties.map((p) => (p.delegation ? `${p.name} (${p.delegation})` : p.name)).join('; '),
    m.sector ?? '',
    formatStamp(new Date(m.signedAt), event.timezone),
    m.value ?? '',
    m.value === null ? '' : formatRupiah(m.value),
    m.documentRef ?? '',
    m.status === 'voided' ? 'dibatalkan' : 'ditandatangani',
    m.voidReason ?? '',
    m.id,
  ];
}
