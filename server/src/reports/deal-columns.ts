import { formatStamp, labelCase, type AdminBooth, type Deal, type PublicEvent } from '@dealboard/shared';
import type { BuyerRecordRow } from '../buyer/buyer-records.js';
import { buyerLabel } from './recap-beside.js';

export const KIND_LABEL: Record<Deal['kind'], string> = { trade: 'transaksi dagang', investment: 'komitmen investasi' };
export const STATUS_LABEL: Record<Deal['status'], string> = { recorded: 'tercatat', pending: 'menunggu persetujuan', voided: 'dibatalkan' };

/**
 * Who voided a deal, as an organiser writes it: "Stan Kalsel 1 (stan)" for a booth's own void,
 * "Rina (panitia)" for an account, "Panitia (token admin)" for the admin token.
 */
export function voidedByLabel(by: string | null | undefined): string {
  if (!by) return '';
  const booth = /^booth: (.+)$/.exec(by);
  if (booth) return `${booth[1]} (stan)`;
  if (/^admin \((API|console)\)$/.test(by) || by === 'admin') return 'Panitia (token admin)';
  return `${by} (panitia)`;
}

/** What the row says of a confirmation set aside as the booth's own (the organiser may call the buyer). */
function flagNote(r: BuyerRecordRow | undefined, zone: string): string {
  if (!r?.flag) return '';
  const at = r.flagAt ? ` ${formatStamp(new Date(r.flagAt), zone)}` : '';
  return `Konfirmasi dari perangkat stan sendiri${at}: tidak dihitung`;
}

/**
 * One export row per deal: numbered 1, 2, 3… in the order recorded (`no`; the ledger's `seq` also
 * numbers corrections, approvals and answers, so it has gaps and stays in its own column), names
 * resolved, category names as labels, times in the event's zone, and what the buyer gave.
 */
export function dealRows(event: PublicEvent, booths: AdminBooth[], deals: Deal[], records: ReadonlyMap<string, BuyerRecordRow> = new Map(), firstNo = 1) {
  const cat = new Map(event.categories.map((c) => [c.id, labelCase(c.name)]));
  const del = new Map(event.delegations.map((d) => [d.id, d.name]));
  const booth = new Map(booths.map((b) => [b.id, b.name]));
  const stamp = (at: string | null | undefined) => (at ? formatStamp(new Date(at), event.timezone) : '');
  return deals.map((d, i) => {
    const r = records.get(d.id);
    return {
      no: firstNo + i,
      recordedAt: stamp(d.recordedAt),
      booth: booth.get(d.boothId) ?? d.boothId,
      sellerDelegation: del.get(d.sellerDelegationId) ?? d.sellerDelegationId,
      seller: d.seller,
      buyer: d.buyer,
      buyerDelegation: d.buyerDelegationId ? (del.get(d.buyerDelegationId) ?? d.buyerDelegationId) : '',
      category: cat.get(d.categoryId) ?? d.categoryId,
      kind: KIND_LABEL[d.kind],
      amount: d.amount,
      quantity: d.quantity ?? '',
      unit: d.unit ?? '',
      note: d.note ?? '',
      status: STATUS_LABEL[d.status],
      voidReason: d.voidReason ?? '',
      voidedAt: stamp(d.voidedAt),
      voidedBy: voidedByLabel(d.voidedBy),
      buyerCheck: buyerLabel(d),
      buyerName: r?.name ?? '',
      buyerPhone: r?.phone ?? '',
      buyerAt: stamp(r?.at),
      buyerFlag: flagNote(r, event.timezone),
      id: d.id,
      seq: d.seq,
    };
  });
}
export type DealRow = ReturnType<typeof dealRows>[number];

export const COLUMNS: { key: keyof DealRow | 'amountText'; header: string }[] = [
  { key: 'no', header: 'No.' },
  { key: 'recordedAt', header: 'Waktu tercatat' },
  { key: 'booth', header: 'Stan' },
  { key: 'sellerDelegation', header: 'Delegasi penjual' },
  { key: 'seller', header: 'Penjual (UMKM)' },
  { key: 'buyer', header: 'Pembeli' },
  { key: 'buyerDelegation', header: 'Delegasi pembeli' },
  { key: 'category', header: 'Kategori' },
  { key: 'kind', header: 'Jenis' },
  { key: 'amount', header: 'Nilai Rp (angka)' },
  { key: 'amountText', header: 'Nilai (teks)' },
  { key: 'quantity', header: 'Jumlah' },
  { key: 'unit', header: 'Satuan' },
  { key: 'note', header: 'Catatan' },
  { key: 'status', header: 'Status' },
  { key: 'voidReason', header: 'Alasan pembatalan' },
  { key: 'voidedAt', header: 'Waktu pembatalan' },
  { key: 'voidedBy', header: 'Dibatalkan oleh' },
  { key: 'buyerCheck', header: 'Konfirmasi pembeli' },
  { key: 'buyerName', header: 'Nama pembeli (konfirmasi)' },
  { key: 'buyerPhone', header: 'Telepon pembeli' },
  { key: 'buyerAt', header: 'Waktu konfirmasi' },
  { key: 'buyerFlag', header: 'Catatan konfirmasi' },
  { key: 'id', header: 'ID transaksi' },
  { key: 'seq', header: 'No. perubahan ledger (seq)' },
];
