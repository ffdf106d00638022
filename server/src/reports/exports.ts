import type { Writable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { formatRupiah } from '@dealboard/shared';
import { COLUMNS, type DealRow, type Recap } from './recap.js';
import { MOU_HEADERS, mouRow } from './recap-beside.js';

const importExcel = () => import('exceljs');
let excel: ReturnType<typeof importExcel> | undefined;
/**
 * exceljs, loaded once. Not at start (it was a third of the time to a healthy server after a
 * restart) but soon after, while the event is quiet: loading it holds the event loop a few hundred
 * milliseconds, which must not fall inside someone's first export.
 */
export function loadExcel(): ReturnType<typeof importExcel> {
  excel ??= importExcel();
  return excel;
}

/** Spreadsheet apps run cells that start like a formula; a leading quote keeps them text. */
export function safeText(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

function cell(row: DealRow, key: (typeof COLUMNS)[number]['key']): string | number {
  if (key === 'amountText') return formatRupiah(row.amount);
  const v = row[key];
  return typeof v === 'string' ? safeText(v) : v;
}

/** Longest stretch of export work between two turns of the event loop. */
const SLICE_MS = 8;

/**
 * Paces an export: every {@link SLICE_MS} of work (or when the client has not taken what was
 * written: backpressure) it waits for the socket to drain and gives the event loop a turn, so
 * deals, acks, board updates and `/health` never wait behind an export. `next` resolves false
 * once the client has gone.
 */
function pacer(out: Writable) {
  let since = performance.now();
  return {
    due: () => out.writableNeedDrain || performance.now() - since >= SLICE_MS,
    async next(): Promise<boolean> {
      if (out.writableNeedDrain && !out.destroyed) {
        await new Promise<void>((resolve) => {
          const done = () => {
            out.off('drain', done);
            out.off('close', done);
            resolve();
          };
          out.on('drain', done);
          out.on('close', done);
        });
      }
      await nextTurn();
      since = performance.now();
      return !out.destroyed;
    },
  };
}

const SUMMARY_HEADERS = ['Ringkasan', 'Rp (angka)', 'Rupiah', 'Transaksi'];
const SHARE_LABEL = 'Bagian dikonfirmasi pembeli (share confirmed)';
const sharePercent = (share: number) => `${(share * 100).toFixed(1).replace('.', ',')} %`;

export const csvEscape = (v: string | number) => {
  const s = String(v);
  return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** CSV (RFC 4180, UTF-8 with BOM so Excel reads the Rupiah sign and names right), written a page at a time. */
export async function writeCsv(out: Writable, pages: AsyncIterable<DealRow[]>, recap?: Pick<Recap, 'event' | 'mous' | 'byKind' | 'buyer' | 'confirmedShare'>): Promise<void> {
  const pace = pacer(out);
  let chunk = `\uFEFF${COLUMNS.map((c) => csvEscape(c.header)).join(',')}\r\n`;
  for await (const rows of pages) {
    for (const r of rows) {
      chunk += `${COLUMNS.map((c) => csvEscape(cell(r, c.key))).join(',')}\r\n`;
      if (pace.due()) {
        out.write(chunk);
        chunk = '';
        if (!(await pace.next())) return;
      }
    }
  }
  // The MoUs signed, after a blank line under their own header (none: the file is the deals alone).
  if (recap?.mous.length) {
    chunk += `\r\n${MOU_HEADERS.map(csvEscape).join(',')}\r\n`;
    for (const m of recap.mous) chunk += `${mouRow(recap.event, m).map((v) => csvEscape(typeof v === 'string' ? safeText(v) : v)).join(',')}\r\n`;
  }
  // Then the summary: trade and investment each on its line, and what the buyers confirmed against what the booths reported.
  if (recap) {
    chunk += `\r\n${SUMMARY_HEADERS.join(',')}\r\n`;
    for (const l of [...recap.byKind, ...recap.buyer]) chunk += `${[safeText(l.name), l.total, formatRupiah(l.total), l.count].map(csvEscape).join(',')}\r\n`;
    chunk += `${csvEscape(SHARE_LABEL)},${csvEscape(sharePercent(recap.confirmedShare))}\r\n`;
  }
  out.end(chunk);
}

/**
 * XLSX with the deals (raw integers and formatted Rupiah) and a summary sheet, through exceljs's
 * streaming writer: each row is committed to the zip stream as it is made, so memory stays flat
 * whatever the number of deals.
 */
export async function writeXlsx(out: Writable, pages: AsyncIterable<DealRow[]>, recap: Recap): Promise<void> {
  const { default: ExcelJS } = await loadExcel();
  // Without styles: exceljs looks every cell's style up, which made row commits 2.6 times slower
  // (docs/BENCHMARKS.md). Amounts stay raw integers; the formatted Rupiah has its own column.
  // Fast deflate: the sheet XML of 10^5 deals is ~100 MB; level 1 spends less CPU on it, and the
  // file is hardly larger (most of its bytes are ids, which do not compress).
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false, zip: { zlib: { level: 1 } } });
  wb.creator = 'Deal board';
  wb.created = new Date(recap.asOf);
  const deals = wb.addWorksheet('Transaksi', { views: [{ state: 'frozen', ySplit: 1 }] });
  deals.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.key === 'id' ? 38 : 18 }));
  const pace = pacer(out);
  for await (const rows of pages) {
    for (const r of rows) {
      deals.addRow(COLUMNS.map((c) => cell(r, c.key))).commit();
      if (pace.due() && !(await pace.next())) return;
    }
  }
  deals.commit();

  const sum = wb.addWorksheet('Ringkasan');
  sum.columns = [{ width: 42 }, { width: 22 }, { width: 26 }, { width: 12 }];
  sum.addRow([safeText(recap.event.name)]);
  sum.addRow([recap.asOfLabel]);
  sum.addRow([]);
  sum.addRow(['Total', recap.totals.total, formatRupiah(recap.totals.total), recap.totals.count]);
  sum.addRow(['Target', recap.event.target, formatRupiah(recap.event.target)]);
  sum.addRow(['UMKM penjual (distinct sellers)', recap.totals.sellers]);
  sum.addRow(['Transaksi dibatalkan (voided)', recap.totals.voided]);
  for (const [title, lines] of [
    ['Per kategori', recap.byCategory],
    ['Per jenis', recap.byKind],
    ['Konfirmasi pembeli', recap.buyer],
    ['Arus delegasi', recap.byFlow],
    ['Per stan', recap.byBooth],
  ] as const) {
    sum.addRow([]);
    sum.addRow([title, 'Rp (angka)', 'Rupiah', 'Transaksi']);
    for (const l of lines) sum.addRow([safeText(l.name), l.total, formatRupiah(l.total), l.count]);
    if (lines === recap.buyer) sum.addRow([SHARE_LABEL, sharePercent(recap.confirmedShare)]);
  }
  sum.commit();
  const mous = wb.addWorksheet('MoU');
  mous.addRow(MOU_HEADERS).commit();
  for (const m of recap.mous) mous.addRow(mouRow(recap.event, m).map((v) => (typeof v === 'string' ? safeText(v) : v))).commit();
  mous.commit();
  await wb.commit();
}
