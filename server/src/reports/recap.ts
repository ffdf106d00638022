import { recapStamp, zoneLabel, type AdminBooth, type Mou, type PublicEvent, type Recap, type Totals } from '@dealboard/shared';
import type { BuyerRecordRow } from '../buyer/buyer-records.js';
import { recapBeside } from './recap-beside.js';

export type { Recap };

export function buildRecap(event: PublicEvent, totals: Totals, booths: AdminBooth[], mous: Mou[] = [], records: BuyerRecordRow[] = [], now = new Date()): Recap {
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
    confirmations: records.map(({ boothId, ...r }) => ({ ...r, booth: booth.get(boothId) ?? boothId })),
  };
}

export { COLUMNS, dealRows, KIND_LABEL, STATUS_LABEL, type DealRow } from './deal-columns.js';
