import { formatStamp, recapStamp, zoneLabel, type AdminBooth, type Deal, type Mou, type PublicEvent, type Recap, type Totals } from '@dealboard/shared';
import { buyerLabel, recapBeside } from './recap-beside.js';

export type { Recap };

export function buildRecap(event: PublicEvent, totals: Totals, booths: AdminBooth[], mous: Mou[] = [], now = new Date()): Recap {
  const cat = new Map(event.categories.map((c) => [c.id, c.name]));
  const del = new Map(event.delegations.map((d) => [d.id, d.name]));
  const booth = new Map(booths.map((b) => [b.id, b.name]));
  return {
    event,
    asOf: now.toISOString(),
    asOfLabel: recapStamp(now, event.timezone),
    zone: zoneLabel(event.timezone),
    totals,
    byCategory: totals.byCategory.map((c) => ({ name: cat.get(c.categoryId) ?? c.categoryId, total: c.total, count: c.count })),
    byBooth: totals.byBooth.map((b) => ({ name: booth.get(b.boothId) ?? b.boothId, total: b.total, count: b.count })),
    byFlow: totals.byFlow.map((f) => ({
      name: `${del.get(f.from) ?? f.from} → ${f.to ? (del.get(f.to) ?? f.to) : 'pembeli lain'}`,
      total: f.total,
      count: f.count,
    })),
    byKind: [
      { name: 'Transaksi dagang (trade)', ...totals.byKind.trade },
      { name: 'Komitmen investasi (investment)', ...totals.byKind.investment },
    ],
    ...recapBeside(totals, mous),
  };
}

export const KIND_LABEL: Record<Deal['kind'], string> = { trade: 'transaksi dagang', investment: 'komitmen investasi' };
export const STATUS_LABEL: Record<Deal['status'], string> = { recorded: 'tercatat', pending: 'menunggu persetujuan', voided: 'dibatalkan' };

/** One export row per deal: names resolved, times in the event's zone, amount raw and formatted. */
export function dealRows(event: PublicEvent, booths: AdminBooth[], deals: Deal[]) {
  const cat = new Map(event.categories.map((c) => [c.id, c.name]));
  const del = new Map(event.delegations.map((d) => [d.id, d.name]));
  const booth = new Map(booths.map((b) => [b.id, b.name]));
  return deals.map((d) => ({
    seq: d.seq,
    recordedAt: formatStamp(new Date(d.recordedAt), event.timezone),
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
    voidedAt: d.voidedAt ? formatStamp(new Date(d.voidedAt), event.timezone) : '',
    voidedBy: d.voidedBy ?? '',
    id: d.id,
    buyerCheck: buyerLabel(d),
  }));
}
export type DealRow = ReturnType<typeof dealRows>[number];

export const COLUMNS: { key: keyof DealRow | 'amountText'; header: string }[] = [
  { key: 'seq', header: 'No. urut (seq)' },
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
  { key: 'id', header: 'ID transaksi' },
  { key: 'buyerCheck', header: 'Konfirmasi pembeli' },
];
