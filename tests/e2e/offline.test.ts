import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext } from 'playwright-core';
import { formatRupiah } from '@dealboard/shared';
import { ensureClientBuilt, spawnServer, type ServerProcess } from '../support/process.js';
import { api, setupEvent } from '../support/server.js';

// Prove it: fifty deals typed while the server is down survive a reload and a browser
// restart, and each arrives exactly once when the server is back.

let srv: ServerProcess;
let profile: string;
let context: BrowserContext | undefined;

/**
 * The same Chromium and flags as `launchChromium`, but with a profile on disk: a plain
 * new context starts with empty storage, and the point here is that IndexedDB persists.
 */
function launchTablet(): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 768, height: 1024 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

beforeAll(async () => {
  ensureClientBuilt();
  srv = await spawnServer();
  profile = fs.mkdtempSync(path.join(os.tmpdir(), 'dealboard-tablet-'));
});
afterAll(async () => {
  await context?.close();
  await srv?.stop();
  fs.rmSync(profile, { recursive: true, force: true });
});

describe('the tablet outbox', () => {
  it('delivers 50 deals made offline exactly once, after a reload and a browser restart', async () => {
    const ctx = await setupEvent(srv.url);
    const totals = async () => (await api<{ total: number; count: number }>(srv.url, 'GET', `/api/v1/events/${ctx.event.id}/totals`)).body;

    context = await launchTablet();
    let page = await context.newPage();
    await page.goto(ctx.boothA.joinUrl.replace(/^https?:\/\/[^/]+/, srv.url));
    await page.waitForURL(/\/operator$/);
    await expect.poll(() => page.getByTestId('connection-state').getAttribute('data-link'), { timeout: 10_000 }).toBe('connected');

    await srv.stop('SIGKILL');
    await expect.poll(() => page.getByTestId('connection-state').getAttribute('data-link')).not.toBe('connected');

    // Distinct amounts (so each result can be told apart), all well under the slip guard.
    const amounts = Array.from({ length: 50 }, (_, i) => 1_000_000 + i * 10_007);
    for (const [i, amount] of amounts.entries()) {
      await page.getByTestId('amount-input').fill(String(amount));
      if (i === 0) {
        await page.locator('label.choice', { hasText: /pertanian/i }).click();
        await page.getByTestId('seller-input').fill('Kelompok Tani Martapura');
        await page.getByTestId('buyer-input').fill('Toko Makmur');
      }
      await page.getByTestId('submit-deal').click();
      await expect.poll(() => page.getByTestId('submit-result').textContent()).toContain(formatRupiah(amount));
    }
    await expect.poll(() => page.getByTestId('pending-count').textContent()).toContain('50 transaksi menunggu');

    // Reload (the server is down: only the browser's error page comes back), then restart the browser.
    await page.reload({ timeout: 5000 }).catch(() => undefined);
    await context.close();
    context = await launchTablet();
    srv = await spawnServer({ port: srv.port, dataDir: srv.dataDir });
    page = await context.newPage();
    await page.goto(`${srv.url}/operator`);

    const sum = amounts.reduce((a, b) => a + b, 0);
    await expect.poll(totals, { timeout: 30_000 }).toMatchObject({ count: 50, total: sum });
    await expect.poll(() => page.getByTestId('pending-count').textContent(), { timeout: 10_000 }).toContain('Tidak ada yang menunggu');
    expect(await totals()).toMatchObject({ count: 50, total: sum });
  });
});
