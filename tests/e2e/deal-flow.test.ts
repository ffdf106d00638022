import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { formatRupiah } from '@dealboard/shared';
import { launchChromium } from '../support/browser.js';
import { ensureClientBuilt, spawnServer, type ServerProcess } from '../support/process.js';
import { api, setupEvent } from '../support/server.js';

let srv: ServerProcess;
let browser: Browser;
let ctx: Awaited<ReturnType<typeof setupEvent>>;

beforeAll(async () => {
  ensureClientBuilt();
  srv = await spawnServer();
  browser = await launchChromium();
  ctx = await setupEvent(srv.url);
});
afterAll(async () => {
  await browser?.close();
  await srv?.stop();
});

describe('a deal typed on a tablet reaches the big screen', () => {
  it('shows exactly the typed amount as the board grand total', async () => {
    const board = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const cspErrors: string[] = [];
    board.on('console', (m) => m.type() === 'error' && /Content Security Policy/i.test(m.text()) && cspErrors.push(m.text()));
    await board.goto(`${srv.url}/board/${ctx.event.id}`);
    await expect.poll(() => board.getByTestId('grand-total').textContent(), { timeout: 10_000 }).toBe('Rp0');
    expect(await board.getByTestId('target').textContent()).toContain('Rp1.300.000.000');

    const tablet = await browser.newPage({ viewport: { width: 768, height: 1024 } });
    await tablet.goto(ctx.boothA.joinUrl.replace(/^https?:\/\/[^/]+/, srv.url));
    await tablet.waitForURL(/\/operator/);
    await tablet.getByTestId('amount-input').fill('12,5 jt');
    await expect.poll(() => tablet.getByTestId('amount-preview').textContent()).toBe('Rp12.500.000');
    await tablet.locator('label.choice', { hasText: /hasil hutan/i }).click();
    await tablet.getByTestId('seller-input').fill('UMKM Kayu Ulin <b>Barito</b>');
    await tablet.getByTestId('buyer-input').fill('CV Sumber Rejeki');
    await tablet.getByTestId('submit-deal').click();
    await expect.poll(() => tablet.getByTestId('submit-result').textContent(), { timeout: 10_000 }).toContain('Rp12.500.000');

    await expect.poll(() => board.getByTestId('grand-total').textContent(), { timeout: 10_000 }).toBe(formatRupiah(12_500_000));
    const totals = await api<{ total: number; count: number }>(srv.url, 'GET', `/api/v1/events/${ctx.event.id}/totals`);
    expect(totals.body).toMatchObject({ total: 12_500_000, count: 1 });
    // A seller name with HTML shows as text, never as markup.
    await expect.poll(() => board.getByTestId('recent-deal').first().textContent()).toContain('<b>Barito</b>');
    expect(await board.locator('[data-testid="recent-deal"] b').count()).toBe(0);
    expect(cspErrors).toEqual([]);
  });
});
