import { formatRupiah } from '@dealboard/shared';
import { COLUMNS, type DealRow, type Recap } from './recap.js';

/** Spreadsheet apps run cells that start like a formula; a leading quote keeps them text. */
function safeText(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

function cell(row: DealRow, key: (typeof COLUMNS)[number]['key']): string | number {
  if (key === 'amountText') return formatRupiah(row.amount);
  return row[key];
}

/** CSV (RFC 4180, UTF-8 with BOM so Excel reads the Rupiah sign and names right). */
export function dealsCsv(rows: DealRow[]): string {
  const esc = (v: string | number) => {
    const s = typeof v === 'number' ? String(v) : safeText(v);
    return /[",\r\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [COLUMNS.map((c) => esc(c.header)).join(',')];
  for (const r of rows) lines.push(COLUMNS.map((c) => esc(cell(r, c.key))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** XLSX with the deals (raw integers and formatted Rupiah) and a summary sheet. */
export async function dealsXlsx(rows: DealRow[], recap: Recap): Promise<Buffer> {
  // Loaded on first export, not at start: it is most of the server's start-up time, and a restart must be quick.
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Deal board';
  wb.created = new Date(recap.asOf);
  const deals = wb.addWorksheet('Transaksi');
  deals.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.key === 'id' ? 38 : 18 }));
  for (const r of rows) {
    deals.addRow(Object.fromEntries(COLUMNS.map((c) => [c.key, typeof cell(r, c.key) === 'string' ? safeText(cell(r, c.key) as string) : cell(r, c.key)])));
  }
  deals.getColumn('amount').numFmt = '#,##0';
  deals.getRow(1).font = { bold: true };
  deals.views = [{ state: 'frozen', ySplit: 1 }];

  const sum = wb.addWorksheet('Ringkasan');
  sum.columns = [{ width: 42 }, { width: 22 }, { width: 26 }, { width: 12 }];
  sum.addRow([recap.event.name]).font = { bold: true, size: 14 };
  sum.addRow([recap.asOfLabel]);
  sum.addRow([]);
  sum.addRow(['Total', recap.totals.total, formatRupiah(recap.totals.total), recap.totals.count]).font = { bold: true };
  sum.addRow(['Target', recap.event.target, formatRupiah(recap.event.target)]);
  sum.addRow(['UMKM penjual (distinct sellers)', recap.totals.sellers]);
  sum.addRow(['Transaksi dibatalkan (voided)', recap.totals.voided]);
  for (const [title, lines] of [
    ['Per kategori', recap.byCategory],
    ['Per jenis', recap.byKind],
    ['Arus delegasi', recap.byFlow],
    ['Per stan', recap.byBooth],
  ] as const) {
    sum.addRow([]);
    sum.addRow([title, 'Rp (angka)', 'Rupiah', 'Transaksi']).font = { bold: true };
    for (const l of lines) sum.addRow([l.name, l.total, formatRupiah(l.total), l.count]);
  }
  sum.getColumn(2).numFmt = '#,##0';
  return Buffer.from(await wb.xlsx.writeBuffer());
}
