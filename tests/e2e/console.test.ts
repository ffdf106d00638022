import fs from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { ensureClientBuilt, spawnServer, type ServerProcess } from '../support/process.js';
import { ADMIN_TOKEN } from '../support/server.js';

/**
 * The organiser's hour, end to end in Chromium: sign in, set up an event and a booth,
 * watch the tablet's deals arrive live, correct one, and take the official exports.
 */
let server: ServerProcess;
let browser: Browser;
let consoleCtx: BrowserContext;
let tabletCtx: BrowserContext;
let admin: Page;
let tablet: Page;

const tid = (id: string) => `[data-testid="${id}"]`;

beforeAll(async () => {
  ensureClientBuilt();
  server = await spawnServer();
  browser = await launchChromium();
  consoleCtx = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
  tabletCtx = await browser.newContext({ viewport: { width: 1024, height: 1366 } });
  admin = await consoleCtx.newPage();
  tablet = await tabletCtx.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** RFC 4180 rows (quoted fields may hold commas, quotes and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const src = text.replace(/^\uFEFF/, '').replace(/\r\n/g, '\n');
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (quoted && c === '"' && src[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      row.push(field);
      field = '';
    } else if (!quoted && c === '\n') {
      rows.push([...row, field]);
      row = [];
      field = '';
    } else {
      field += c;
    }
  }
  if (field || row.length) rows.push([...row, field]);
  return rows;
}

async function recordDeal(amount: string, category: string, seller: string, buyer: string) {
  await tablet.fill(tid('amount-input'), amount);
  await tablet.locator('label.choice', { hasText: category }).click();
  await tablet.fill(tid('seller-input'), seller);
  await tablet.fill(tid('buyer-input'), buyer);
  await tablet.click(tid('submit-deal'));
  // A large amount asks the operator to look again first.
  if (await tablet.locator(tid('slip-guard')).isVisible()) await tablet.click(tid('confirm-deal'));
  await expect.poll(() => tablet.locator(tid('submit-result')).innerText(), { timeout: 10_000 }).toContain(seller);
  expect(await tablet.locator(tid('submit-result')).innerText()).toContain('Tercatat');
}

describe('organiser console', () => {
  let eventId = '';
  let joinUrl = '';

  it('refuses a wrong token, then signs in with the admin token', async () => {
    await admin.goto(`${server.url}/admin`);
    await admin.click(tid('sign-in-with-token'));
    await admin.fill(tid('admin-token'), 'wrong-token-wrong-token');
    await admin.click(tid('sign-in-submit'));
    await expect.poll(() => admin.locator(tid('error-token')).textContent()).toBe('Token admin salah.');

    await admin.fill(tid('admin-token'), ADMIN_TOKEN);
    await admin.click(tid('sign-in-submit'));
    // A fresh server has no event: the console opens on the create form.
    await admin.waitForSelector(tid('event-form'));
    expect(await admin.locator(tid('empty-state')).innerText()).toContain('Belum ada acara');
  });

  it('creates a live event in WITA with two delegations', async () => {
    await admin.fill(tid('event-name'), 'Misi Dagang Jatim–Kalsel E2E');
    await admin.fill(tid('event-target-input'), '1,3 M');
    expect(await admin.locator(tid('event-target-preview')).innerText()).toBe('Rp1.300.000.000');
    await admin.selectOption(tid('event-timezone'), 'Asia/Makassar');
    // WITA wall-clock times around now: deals stop counting at the end time.
    const wita = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 16);
    const starts = wita(Date.now() - 3_600_000);
    await admin.fill(tid('event-starts'), starts);
    await admin.fill(tid('event-ends'), wita(Date.now() + 3 * 3_600_000));
    for (const d of ['Jatim', 'Kalsel']) {
      await admin.fill(tid('delegations-new'), d);
      await admin.click(tid('delegations-add'));
    }
    await admin.selectOption(tid('event-status'), 'live');
    await admin.click(tid('event-save'));

    await admin.waitForSelector(tid('booth-create'));
    eventId = new URL(admin.url()).searchParams.get('event') ?? '';
    expect(new URL(admin.url()).searchParams.get('tab')).toBe('booths');
    const event = (await (await fetch(`${server.url}/api/v1/events/${eventId}`)).json()) as { startsAt: string; timezone: string; status: string; target: number };
    expect(event).toMatchObject({ timezone: 'Asia/Makassar', status: 'live', target: 1_300_000_000 });
    expect(Date.parse(event.startsAt)).toBe(Date.parse(`${starts}:00+08:00`));
  });

  it('keeps the header to whole lines at 1366×768: who is signed in on one line, the language switch whole', async () => {
    const who = admin.locator(tid('signed-in-as'));
    const box = await who.boundingBox();
    const lineHeight = await who.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight) || parseFloat(getComputedStyle(el).fontSize) * 1.3);
    expect(box!.height).toBeLessThan(lineHeight * 1.5);
    const header = await admin.locator('.console-header').boundingBox();
    expect(header!.height).toBeLessThan(130);
    for (const b of await admin.locator('.console-header .locale-switch button, .console-header .btn').all()) {
      const r = await b.evaluate((el) => ({ ...el.getBoundingClientRect().toJSON(), cut: el.scrollWidth > el.clientWidth }));
      expect(r.cut).toBe(false);
      expect(r.right).toBeLessThanOrEqual(1366);
    }
    // The event in use is named in the header.
    expect(await admin.locator(`${tid('event-picker')} option:checked`).innerText()).toContain('Misi Dagang Jatim–Kalsel E2E');
  });

  it('adds a booth and shows its join link with a QR code', async () => {
    await admin.fill(tid('booth-name'), 'Stan Rotan Banua');
    await admin.fill(tid('booth-delegation'), 'Kalsel');
    await admin.click(tid('booth-add'));
    await admin.waitForSelector(tid('join-code'));
    joinUrl = (await admin.locator(tid('join-url')).innerText()).trim();
    expect(joinUrl).toMatch(new RegExp(`^${server.url}/join/[A-Za-z0-9_-]{20,}$`));
    expect(await admin.locator(tid('join-qr')).getAttribute('src')).toMatch(/^data:image\/svg\+xml/);
    expect(await admin.locator(tid('booth-table')).innerText()).toContain('Stan Rotan Banua');
  });

  it('shows the tablet’s deals in the console as they are recorded', async () => {
    await admin.click(tid('tab-deals'));
    await admin.waitForSelector(tid('empty-state'));
    await expect.poll(() => admin.locator(tid('live-status')).innerText()).toContain('Langsung');

    await tablet.goto(joinUrl);
    await tablet.waitForSelector(tid('amount-input'));
    await recordDeal('25 jt', 'Peternakan', 'CV Sapi Makmur', 'PT Surya Pangan');
    await recordDeal('250 jt', 'Hasil hutan', 'UD Rotan Banua', 'PT Jatim Agro');

    // No reload: the live channel rings and the table refetches.
    await expect.poll(() => admin.locator(`${tid('deals-table')} tbody tr`).count(), { timeout: 10_000 }).toBe(2);
    // The table and the totals are fetched side by side; both settle on the server's figures.
    await expect.poll(() => admin.locator(tid('deals-total')).innerText(), { timeout: 5000 }).toBe('Rp275.000.000');
  });

  it('voids a deal with a reason', async () => {
    const row = admin.locator(`${tid('deals-table')} tbody tr`, { hasText: 'Rp25.000.000' });
    await row.locator(tid('deal-void')).click();
    await admin.fill(tid('confirm-reason'), 'Salah ketik: transaksi ganda');
    await admin.click(tid('confirm-ok'));
    await expect.poll(() => row.locator(tid('deal-status')).innerText()).toBe('Dibatalkan');
    expect(await row.locator(tid('deal-void-reason')).innerText()).toContain('Salah ketik: transaksi ganda');
    await expect.poll(() => admin.locator(tid('deals-total')).innerText()).toBe('Rp250.000.000');
  });

  it('prints the recap with the corrected total', async () => {
    await admin.click(tid('tab-reports'));
    await admin.waitForSelector(tid('recap-sheet'));
    expect(await admin.locator(tid('recap-total')).innerText()).toBe('Rp250.000.000');
    expect(await admin.locator(tid('recap-words')).innerText()).toBe('dua ratus lima puluh juta rupiah');
    expect(await admin.locator(tid('recap-voided')).innerText()).toBe('1');
    expect(await admin.locator(tid('recap-stamp')).innerText()).toMatch(/per pukul \d{2}\.\d{2} WITA$/);
  });

  it('exports CSV and XLSX with every deal, the voided one flagged, and sums that match', async () => {
    // CSV through the console's own button (a real browser download)…
    const [download] = await Promise.all([admin.waitForEvent('download'), admin.click(tid('export-csv'))]);
    expect(download.suggestedFilename()).toMatch(/^transaksi-.*\.csv$/);
    // The deals come first; the summary follows after a blank line.
    const [dealSection] = (await fs.readFile((await download.path())!, 'utf8')).split('\r\n\r\n');
    const rows = parseCsv(dealSection!).filter((r) => r.length > 1);
    const [header, ...deals] = rows;
    const col = (name: string) => header!.indexOf(name);
    expect(deals).toHaveLength(2);
    const byStatus = Object.fromEntries(deals.map((r) => [r[col('Status')], r]));
    expect(byStatus['dibatalkan']?.[col('Nilai Rp (angka)')]).toBe('25000000');
    expect(byStatus['dibatalkan']?.[col('Alasan pembatalan')]).toBe('Salah ketik: transaksi ganda');
    expect(byStatus['tercatat']?.[col('Nilai (teks)')]).toBe('Rp250.000.000');
    const recorded = deals.filter((r) => r[col('Status')] === 'tercatat').reduce((s, r) => s + Number(r[col('Nilai Rp (angka)')]), 0);
    expect(recorded).toBe(250_000_000);

    // …and XLSX fetched from the link with the console's session cookie.
    const href = await admin.locator(tid('export-xlsx')).getAttribute('href');
    const res = await admin.request.get(`${server.url}${href}`);
    expect(res.status()).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.body()) as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Transaksi')!;
    const headers = (sheet.getRow(1).values as unknown[]).map(String);
    const amountCol = headers.indexOf('Nilai Rp (angka)');
    const statusCol = headers.indexOf('Status');
    const lines: { amount: number; status: string }[] = [];
    sheet.eachRow((r, n) => {
      if (n > 1) lines.push({ amount: Number(r.getCell(amountCol).value), status: String(r.getCell(statusCol).value) });
    });
    expect(lines).toHaveLength(2);
    expect(lines.filter((l) => l.status === 'tercatat').reduce((s, l) => s + l.amount, 0)).toBe(250_000_000);
    const summary = wb.getWorksheet('Ringkasan')!;
    const totalRow = summary.getRows(1, summary.rowCount)!.find((r) => r.getCell(1).value === 'Total')!;
    expect(totalRow.getCell(2).value).toBe(250_000_000);

    // Without the session the exports are refused.
    expect((await fetch(`${server.url}${href}`)).status).toBe(401);
  });
});
