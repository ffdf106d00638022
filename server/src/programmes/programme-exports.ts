import type { Writable } from 'node:stream';
import { formatRupiah, groupThousands, type ProgrammeRecap, type ProgrammeRecapVenue } from '@dealboard/shared';
import { csvEscape, loadExcel, safeText } from '../reports/exports.js';

/** A venue per row: its own figures at its own seq, its zone and its local time of the recap, and how fresh it was. */
const VENUE_COLUMNS: { header: string; value: (v: ProgrammeRecapVenue) => string | number }[] = [
  { header: 'Acara (event)', value: (v) => safeText(v.name) },
  { header: 'Venue', value: (v) => safeText(v.venue ?? '') },
  { header: 'Zona waktu', value: (v) => `${v.zone} (${v.timezone})` },
  { header: 'Waktu setempat', value: (v) => v.localAsOfLabel },
  { header: 'No. urut acara (seq)', value: (v) => v.seq },
  { header: 'Nilai Rp (angka)', value: (v) => v.total },
  { header: 'Nilai (teks)', value: (v) => formatRupiah(v.total) },
  { header: 'Transaksi', value: (v) => v.count },
  { header: 'Target Rp', value: (v) => v.target },
  { header: 'Kemajuan', value: (v) => percent(v.progress) },
  { header: 'MoU', value: (v) => v.mouCount },
  { header: 'Sumber (source)', value: (v) => (v.source === 'uplink' ? 'uplink venue' : 'server ini') },
  { header: 'Terakhir terdengar', value: (v) => v.lastHeardLabel },
  { header: 'Tertinggal (perubahan)', value: (v) => v.behind ?? '' },
  { header: 'Terputus', value: (v) => (v.stale ? 'ya' : '') },
];

const percent = (p: number) => `${(Math.floor(p * 1000) / 10).toFixed(1).replace('.', ',')} %`;
/** The national total as a number cell only while a spreadsheet holds it exactly; past 2^53 its digits, as text. */
const exactCell = (digits: string) => (Number.isSafeInteger(Number(digits)) ? Number(digits) : digits);

function nationalLines(recap: ProgrammeRecap): (string | number)[][] {
  return [
    [safeText(recap.programme.name)],
    [recap.asOfLabel],
    ['Total nasional', exactCell(recap.total), `Rp${groupThousands(recap.total)}`, recap.count],
    ['Target nasional', recap.target, formatRupiah(recap.target), percent(recap.progress)],
    ['MoU', recap.mouCount],
    ['No. urut program (seq)', recap.seq],
  ];
}

/** CSV (UTF-8 with BOM): the national lines, then a row per venue. A few dozen rows: written at once. */
export function writeProgrammeCsv(out: Writable, recap: ProgrammeRecap): void {
  const line = (cells: (string | number)[]) => `${cells.map(csvEscape).join(',')}\r\n`;
  let text = '\uFEFF' + nationalLines(recap).map(line).join('');
  text += `\r\n${line(VENUE_COLUMNS.map((c) => c.header))}`;
  for (const v of recap.venues) text += line(VENUE_COLUMNS.map((c) => c.value(v)));
  out.end(text);
}

/** XLSX: a national sheet and a sheet with a row per venue. */
export async function writeProgrammeXlsx(out: Writable, recap: ProgrammeRecap): Promise<void> {
  const { default: ExcelJS } = await loadExcel();
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
  wb.creator = 'Deal board';
  wb.created = new Date(recap.asOf);
  const national = wb.addWorksheet('Nasional');
  national.columns = [{ width: 34 }, { width: 24 }, { width: 30 }, { width: 14 }];
  for (const l of nationalLines(recap)) national.addRow(l).commit();
  national.commit();
  const venues = wb.addWorksheet('Per venue', { views: [{ state: 'frozen', ySplit: 1 }] });
  venues.columns = VENUE_COLUMNS.map((c) => ({ header: c.header, width: 20 }));
  for (const v of recap.venues) venues.addRow(VENUE_COLUMNS.map((c) => c.value(v))).commit();
  venues.commit();
  await wb.commit();
}
