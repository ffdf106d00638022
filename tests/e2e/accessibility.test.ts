import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { ensureClientBuilt, spawnServer, type ServerProcess } from '../support/process.js';
import { ADMIN_TOKEN, api, setupEvent, uuid } from '../support/server.js';
import { seriousViolations } from '../support/axe.js';

// axe-core on every page people use: the big screen, the tablet and each console tab,
// each with real content in it (deals, booths, corrections). No serious or critical violation.

let server: ServerProcess;
let browser: Browser;
let ctx: Awaited<ReturnType<typeof setupEvent>>;
const tid = (id: string) => `[data-testid="${id}"]`;

beforeAll(async () => {
  ensureClientBuilt();
  server = await spawnServer();
  browser = await launchChromium();
  ctx = await setupEvent(server.url);
  const deal = (amount: number, seller: string) => ({ id: uuid(), amount, category: ctx.event.categories[0]!.id, seller, buyer: 'PT Borneo Niaga' });
  for (const [i, seller] of ['UMKM Rotan Amuntai', 'Madu Kelulut Loksado', 'Sasirangan Bu Ida'].entries()) {
    await api(server.url, 'POST', `/api/v1/events/${ctx.event.id}/deals`, deal(5_000_000 * (i + 1), seller), ctx.boothA.token);
  }
  const voided = deal(1_000_000, 'Dodol Kandangan');
  await api(server.url, 'POST', `/api/v1/events/${ctx.event.id}/deals`, voided, ctx.boothB.token);
  await api(server.url, 'POST', `/api/v1/events/${ctx.event.id}/deals/${voided.id}/void`, { reason: 'salah ketik' }, ADMIN_TOKEN);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function expectAccessible(page: Page, what: string) {
  const problems = await seriousViolations(page);
  expect(problems, `${what}: ${JSON.stringify(problems, null, 1)}`).toEqual([]);
}

describe('accessibility (axe-core)', () => {
  it('the board', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${server.url}/board/${ctx.event.id}`);
    await page.waitForSelector(tid('grand-total'));
    await page.waitForFunction(() => document.querySelector('[data-testid="grand-total"]')?.textContent?.includes('30.000.000'));
    await expectAccessible(page, 'board');
    await page.close();
  });

  it('the tablet, with its own deals listed', async () => {
    const page = await browser.newPage({ viewport: { width: 768, height: 1024 } });
    await page.goto(ctx.boothA.joinUrl.replace(/^https?:\/\/[^/]+/, server.url));
    await page.waitForURL(/\/operator$/);
    await page.waitForSelector(tid('amount-input'));
    await expectAccessible(page, 'tablet form');
    await page.getByTestId('amount-input').fill('2500000');
    await page.locator('label.choice').first().click();
    await page.getByTestId('seller-input').fill('Keripik Tempe Malang Jaya');
    await page.getByTestId('buyer-input').fill('Toko Makmur');
    await page.getByTestId('submit-deal').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="submit-result"]')?.textContent?.includes('2.500.000'));
    await expectAccessible(page, 'tablet after a deal');
    // The list repeats "Batalkan" and "Ubah" on every deal: each says which deal it acts on.
    for (const [testid, word] of [['void-deal', 'Batalkan'], ['edit-deal', 'Ubah']] as const) {
      // The list fills in as the booth's deals arrive: wait for all of them before reading the names.
      await expect.poll(() => page.locator(tid(testid)).count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(4);
      const names = await page.locator(tid(testid)).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? e.textContent ?? ''));
      expect(new Set(names).size).toBe(names.length);
      for (const n of names) expect(n.startsWith(word)).toBe(true);
      expect(names.some((n) => n.includes('Rp2.500.000') && n.includes('Keripik Tempe Malang Jaya'))).toBe(true);
    }

    // The correction dialog, open.
    await page.locator(tid('void-deal')).first().click();
    await page.waitForSelector(tid('void-reason'));
    await expectAccessible(page, 'tablet void dialog');
    await page.keyboard.press('Escape');

    // Offline: the outbox rows and the offline header.
    await page.context().setOffline(true);
    await page.waitForFunction(() => document.querySelector('[data-testid="connection-state"]')?.getAttribute('data-link') !== 'connected', undefined, { timeout: 30_000 });
    await page.getByTestId('amount-input').fill('1750000');
    await page.getByTestId('submit-deal').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="pending-count"]')?.textContent?.includes('1 transaksi menunggu'), undefined, { timeout: 10_000 });
    await expectAccessible(page, 'tablet offline with a waiting deal');
    await page.context().setOffline(false);
    await page.close();
  });

  it('the console sign-in and every console tab', async () => {
    const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/admin`);
    await page.waitForSelector('input[type="password"], input[autocomplete="current-password"], form');
    await expectAccessible(page, 'console sign-in');

    const signIn = await fetch(`${server.url}/api/v1/admin/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: ADMIN_TOKEN }) });
    const [name, value] = signIn.headers.get('set-cookie')!.split(';')[0]!.split('=') as [string, string];
    await context.addCookies([{ name, value, url: server.url }]);
    await api(server.url, 'POST', '/api/v1/accounts', { name: 'Rina', password: 'rahasia-panjang-1', role: 'desk', events: [ctx.event.id] }, ADMIN_TOKEN);
    for (const tab of ['event', 'settings', 'booths', 'deals', 'screens', 'reports', 'audit', 'accounts', 'new']) {
      await page.goto(`${server.url}/admin?tab=${tab}&event=${ctx.event.id}`);
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(300);
      await expectAccessible(page, `console tab ${tab}`);
      if (tab === 'deals') {
        const names = await page.locator(`${tid('deal-void')}, ${tid('deal-restore')}`).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
        expect(names.length).toBeGreaterThanOrEqual(4);
        expect(new Set(names).size).toBe(names.length);
        expect(names.filter((n) => n.startsWith('Batalkan transaksi #')).length).toBeGreaterThanOrEqual(3);
        expect(names.some((n) => n.startsWith('Batalkan transaksi #') && n.includes('Madu Kelulut Loksado') && n.includes('Rp10.000.000'))).toBe(true);
        expect(names.some((n) => n.startsWith('Pulihkan') && n.includes('Dodol Kandangan'))).toBe(true);
      }
      if (tab === 'booths') {
        const names = await page.locator(tid('booth-revoke')).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
        expect(names).toEqual(expect.arrayContaining(['Cabut stan Stan A', 'Cabut stan Stan B']));
      }
    }
    await context.close();
  });

  it('the board, stale after the server went away', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await page.goto(`${server.url}/board/${ctx.event.id}`);
    await page.waitForFunction(() => document.querySelector('[data-testid="grand-total"]')?.textContent?.includes('Rp'));
    await server.stop('SIGKILL');
    await page.waitForSelector(tid('stale-badge'), { timeout: 30_000 });
    await expectAccessible(page, 'stale board');
    await page.close();
  });
});
