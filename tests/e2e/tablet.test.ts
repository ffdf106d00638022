import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { formatRupiah } from '@dealboard/shared';
import { launchChromium } from '../support/browser.js';
import { ensureClientBuilt, spawnServer, type ServerProcess } from '../support/process.js';
import { ADMIN_TOKEN, api, setupEvent } from '../support/server.js';

let srv: ServerProcess;
let browser: Browser;

beforeAll(async () => {
  ensureClientBuilt();
  srv = await spawnServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await srv?.stop();
});

type Totals = { total: number; count: number };
const totals = async (eventId: string) => (await api<Totals>(srv.url, 'GET', `/api/v1/events/${eventId}/totals`)).body;
const local = (joinUrl: string) => joinUrl.replace(/^https?:\/\/[^/]+/, srv.url);

/** A tablet in portrait that opened its booth's QR link and is connected. */
async function openTablet(joinUrl: string): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 768, height: 1024 } });
  const page = await context.newPage();
  await page.goto(local(joinUrl));
  await page.waitForURL(/\/operator$/);
  await expect.poll(() => page.getByTestId('connection-state').getAttribute('data-link'), { timeout: 10_000 }).toBe('connected');
  return page;
}

/** Type one deal; the first of a session also picks the category, seller and buyer (they stay for the next). */
async function enterDeal(page: Page, amount: string, first = false): Promise<void> {
  await page.getByTestId('amount-input').fill(amount);
  if (first) {
    await page.locator('label.choice', { hasText: /peternakan/i }).click();
    await page.getByTestId('seller-input').fill('UD Sapi Makmur');
    await page.getByTestId('buyer-input').fill('PT Banua Pangan');
  }
  await page.getByTestId('submit-deal').click();
}

describe('the booth tablet', () => {
  it('keeps deals made while the server was down across a reload, and the restarted server counts each once', async () => {
    const ctx = await setupEvent(srv.url);
    const tablet = await openTablet(ctx.boothA.joinUrl);

    await srv.stop('SIGKILL');
    await expect.poll(() => tablet.getByTestId('connection-state').getAttribute('data-link')).not.toBe('connected');

    const typed = ['12,5 jt', '7.250.000', '30 jt'];
    const sum = 12_500_000 + 7_250_000 + 30_000_000;
    for (const [i, amount] of typed.entries()) {
      await enterDeal(tablet, amount, i === 0);
      await expect.poll(() => tablet.getByTestId('submit-result').textContent()).toContain('Disimpan di tablet');
    }
    expect(await tablet.getByTestId('pending-count').textContent()).toContain('3 transaksi menunggu');

    // Reloading while the server is down only shows the browser's error page; the deals wait in IndexedDB.
    await tablet.reload({ timeout: 5000 }).catch(() => undefined);
    srv = await spawnServer({ port: srv.port, dataDir: srv.dataDir });
    await tablet.goto(`${srv.url}/operator`);

    await expect.poll(() => totals(ctx.event.id), { timeout: 20_000 }).toMatchObject({ count: 3, total: sum });
    await expect.poll(() => tablet.getByTestId('pending-count').textContent()).toContain('Tidak ada yang menunggu');
    expect(await tablet.getByTestId('last-confirmed').textContent()).toMatch(/Terakhir dikonfirmasi \d\d\.\d\d/);

    const board = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await board.goto(`${srv.url}/board/${ctx.event.id}`);
    await expect.poll(() => board.getByTestId('grand-total').textContent(), { timeout: 10_000 }).toBe(formatRupiah(sum));
    // A reconnect or a periodic resend after this must not count anything twice.
    expect(await totals(ctx.event.id)).toMatchObject({ count: 3, total: sum });
    await board.close();
    await tablet.context().close();
  });

  it('stops a large amount until it is deliberately confirmed', async () => {
    const ctx = await setupEvent(srv.url);
    const tablet = await openTablet(ctx.boothB.joinUrl);

    await enterDeal(tablet, '200 jt', true); // the threshold is 10% of the Rp1,3 miliar target
    const guard = tablet.getByTestId('slip-guard');
    await guard.waitFor();
    expect(await guard.textContent()).toContain('Rp200.000.000');
    expect(await guard.textContent()).toContain('dua ratus juta rupiah');
    await new Promise((r) => setTimeout(r, 300));
    expect(await totals(ctx.event.id)).toMatchObject({ count: 0 });

    await tablet.getByTestId('confirm-deal').click();
    await expect.poll(() => totals(ctx.event.id)).toMatchObject({ count: 1, total: 200_000_000 });
    await expect.poll(() => tablet.getByTestId('submit-result').textContent()).toContain('Tercatat');
    await tablet.context().close();
  });

  it('corrects its own deal: "Ubah" voids it and the form takes its values for a new deal', async () => {
    const ctx = await setupEvent(srv.url);
    const tablet = await openTablet(ctx.boothA.joinUrl);
    await enterDeal(tablet, '15 jt', true);
    await expect.poll(() => totals(ctx.event.id)).toMatchObject({ count: 1, total: 15_000_000 });

    const row = tablet.getByTestId('my-deal').first();
    await expect.poll(() => row.getAttribute('data-state')).toBe('recorded');
    await row.getByTestId('edit-deal').click();
    await tablet.getByTestId('confirm-correction').click();

    await expect.poll(() => totals(ctx.event.id)).toMatchObject({ count: 0, total: 0 });
    await expect.poll(() => tablet.getByTestId('amount-preview').textContent()).toBe('Rp15.000.000');
    await tablet.getByTestId('amount-input').fill('16 jt');
    await tablet.getByTestId('submit-deal').click();
    await expect.poll(() => totals(ctx.event.id)).toMatchObject({ count: 1, total: 16_000_000 });
    await expect.poll(() => tablet.locator('[data-testid="my-deal"][data-state="voided"]').count()).toBe(1);
    await tablet.context().close();
  });

  it('turns entry off while the event is paused and back on when it is live', async () => {
    const ctx = await setupEvent(srv.url);
    const tablet = await openTablet(ctx.boothA.joinUrl);
    const setStatus = (status: string) => api(srv.url, 'POST', `/api/v1/events/${ctx.event.id}/status`, { status }, ADMIN_TOKEN);

    expect((await setStatus('paused')).status).toBe(200);
    await expect.poll(() => tablet.getByTestId('event-banner').getAttribute('data-status')).toBe('paused');
    expect(await tablet.getByTestId('submit-deal').isDisabled()).toBe(true);

    expect((await setStatus('live')).status).toBe(200);
    await expect.poll(() => tablet.getByTestId('event-banner').count()).toBe(0);
    expect(await tablet.getByTestId('amount-input').isEnabled()).toBe(true);
    await tablet.context().close();
  });

  it('explains a revoked booth instead of a form', async () => {
    const ctx = await setupEvent(srv.url);
    const tablet = await openTablet(ctx.boothA.joinUrl);

    const revoked = await api(srv.url, 'POST', `/api/v1/events/${ctx.event.id}/booths/${ctx.boothA.id}/revoke`, {}, ADMIN_TOKEN);
    expect(revoked.status).toBe(200);
    await expect.poll(() => tablet.getByTestId('notice-badToken').textContent(), { timeout: 10_000 }).toContain('Kode stan ini tidak berlaku');
    expect(await tablet.getByTestId('amount-input').count()).toBe(0);

    // Scanning the old QR code again explains the same, never a blank page.
    const again = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    await again.goto(local(ctx.boothA.joinUrl));
    await expect.poll(() => again.getByTestId('notice-badToken').isVisible(), { timeout: 10_000 }).toBe(true);
    await again.close();
    await tablet.context().close();
  });
});
