/** The bench's result table: one row per figure, ours next to the baseline, with its budget. */
export type Row = { scenario: string; metric: string; ours: number | null; baseline: number | null; unit: string; budget?: string; pass?: boolean | null };

export const fmt = (x: number | null | undefined, digits = 1) =>
  x === null || x === undefined || Number.isNaN(x) ? '—' : Math.abs(x) >= 1000 ? Math.round(x).toLocaleString('en-US') : Number.isInteger(x) ? String(x) : x.toFixed(digits);

export function table(rows: Row[]): string {
  const head = ['scenario', 'metric', 'ours', 'baseline', 'ratio', 'budget', ''];
  const body = rows.map((r) => [
    r.scenario,
    `${r.metric}${r.unit ? ` (${r.unit})` : ''}`,
    fmt(r.ours),
    fmt(r.baseline),
    r.ours !== null && r.baseline ? `${(r.ours / r.baseline).toFixed(2)}×` : '—',
    r.budget ?? '',
    r.pass === undefined || r.pass === null ? '' : r.pass ? 'ok' : 'MISS',
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i >= 2 && i <= 4 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`;
  return [line(head), `|${widths.map((w, i) => (i >= 2 && i <= 4 ? '-'.repeat(w + 1) + ':' : '-'.repeat(w + 2))).join('|')}|`, ...body.map(line)].join('\n');
}
