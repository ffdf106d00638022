import type { Writable } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { formatRupiah, percentOfTarget, shareOf, shares } from '@dealboard/shared';
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

const SHARE_LABEL = 'Bagian dikonfirmasi pembeli (share confirmed)';
/** The buyers' confirmed share of what the booths reported, by the rule every share follows. */
const confirmedShare = (recap: Pick<Recap, 'buyer'>) => shareOf(recap.buyer[1]?.total ?? 0, recap.buyer[0]?.total ?? 0);

export const csvEscape = (v: string | number) => {
  const s = String(v);
  return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const csvLine = (cells: (string | number)[]) => `${cells.map((v) => csvEscape(typeof v === 'string' ? safeText(v) : v)).join(',')}\r\n`;

/**
 * `export.csv`: the deals, one table, one row per deal (RFC 4180, UTF-8 with BOM so Excel reads the
 * Rupiah sign and names right), written a page at a time. The MoUs and the summary are tables of
 * their own, in their own files (`writeMousCsv`, `writeSummaryCsv`): one file, one header, so any
 * filter, pivot or CSV reader takes it as it is.
 */
export async function writeCsv(out: Writable, pages: AsyncIterable<DealRow[]>): Promise<void> {
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
  out.end(chunk);
}

/** `export-mous.csv`: the MoUs signed, one row each (a short register: written at once). */
export function writeMousCsv(out: Writable, recap: Pick<Recap, 'event' | 'mous'>): void {
  out.end(`\uFEFF${csvLine(MOU_HEADERS)}${recap.mous.map((m) => csvLine(mouRow(recap.event, m))).join('')}`);
}

/** The summary's lines, section by section: the same figures the XLSX summary sheet and the recap show. */
export function summarySections(recap: Recap): [string, Recap['byKind']][] {
  return [
    ['Total', [{ name: 'Total', total: recap.totals.total, count: recap.totals.count }]],
    ['Per jenis', recap.byKind],
    ['Konfirmasi pembeli', recap.buyer],
    ['Per kategori', recap.byCategory],
    ['Arus delegasi', recap.byFlow],
    ['Per stan', recap.byBooth],
  ];
}

/**
 * `export-summary.csv`: the recap's figures as one table (section, line, amount, Rupiah, deals, share
 * of the section's whole: the total, or for the buyers' lines what the booths reported).
 */
export function writeSummaryCsv(out: Writable, recap: Recap): void {
  let text = `\uFEFF${csvLine(['Bagian', 'Baris', 'Rp (angka)', 'Rupiah', 'Transaksi', 'Persen'])}`;
  for (const [section, lines] of summarySections(recap)) {
    const whole = lines === recap.buyer ? (recap.buyer[0]?.total ?? 0) : recap.totals.total;
    const pct = shares(lines.map((l) => l.total), whole);
    lines.forEach((l, i) => (text += csvLine([section, l.name, l.total, formatRupiah(l.total), l.count, pct[i]!])));
  }
  text += csvLine(['Target', 'Target', recap.event.target, formatRupiah(recap.event.target), '', percentOfTarget(recap.totals.total, recap.event.target)]);
  text += csvLine(['Konfirmasi pembeli', SHARE_LABEL, '', '', '', confirmedShare(recap)]);
  out.end(text);
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
    if (lines === recap.buyer) sum.addRow([SHARE_LABEL, confirmedShare(recap)]);
  }
  sum.commit();
  const mous = wb.addWorksheet('MoU');
  mous.addRow(MOU_HEADERS).commit();
  for (const m of recap.mous) mous.addRow(mouRow(recap.event, m).map((v) => (typeof v === 'string' ? safeText(v) : v))).commit();
  mous.commit();
  await wb.commit();
}
