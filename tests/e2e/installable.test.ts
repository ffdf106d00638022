import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { formatRupiah } from '@dealboard/shared';
import { ensureClientBuilt, freePort, makeTestCertificate, spawnServer, type ServerProcess, type TestCertificate } from '../support/process.js';
import { api, setupEvent } from '../support/server.js';

// Over HTTPS the tablet is an installable app with a service worker: reloaded while the
// server is down, it still opens on its form and outbox, and the board on its last figures.

// This test's own fetch calls (event set-up, totals) talk to the self-signed test server.
// The worker process is this file's alone; the browser is told separately below.
process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';

let srv: ServerProcess;
let tls: TestCertificate;
let redirectPort: number;
let profile: string;
let context: BrowserContext | undefined;

beforeAll(async () => {
  ensureClientBuilt();
  tls = makeTestCertificate();
  redirectPort = await freePort();
  srv = await spawnServer({ tls, env: { HTTP_REDIRECT_PORT: String(redirectPort) } });
  profile = fs.mkdtempSync(path.join(os.tmpdir(), 'dealboard-tablet-'));
  // The test certificate is self-signed: this Chromium is told to accept it, as a tablet with the venue's CA installed would.
  context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 768, height: 1024 },
    ignoreHTTPSErrors: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--ignore-certificate-errors'],
  });
});
afterAll(async () => {
  await context?.close();
  await srv?.stop();
  fs.rmSync(profile, { recursive: true, force: true });
});

/** Wait until a service worker controls the page (the precache is complete once it is active). */
async function controlled(page: Page) {
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  await expect.poll(() => page.evaluate(() => Boolean(navigator.serviceWorker.controller)), { timeout: 15_000 }).toBe(true);
}

describe('HTTPS and the installable tablet', () => {
  it('redirects plain http to https when HTTP_REDIRECT_PORT is set', async () => {
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => http.get(`http://127.0.0.1:${redirectPort}/board/demo?x=1`, resolve).on('error', reject));
    res.resume();
    expect(res.statusCode).toBe(308);
    expect(res.headers.location).toBe(`${srv.url}/board/demo?x=1`);
  });

  it('serves a manifest with installable icons', async () => {
    const page = await context!.newPage();
    await page.goto(`${srv.url}/operator`);
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    const manifest = await page.evaluate(async (u) => (await fetch(u!)).json(), href);
    expect(manifest).toMatchObject({ display: 'standalone', start_url: '/operator' });
    const sizes = (manifest.icons as { sizes: string; src: string }[]).map((i) => i.sizes);
    expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
    for (const icon of manifest.icons as { src: string }[]) {
      expect(await page.evaluate(async (u) => (await fetch(u)).headers.get('content-type'), icon.src)).toBe('image/png');
    }
    await page.close();
  });

  it('reloaded with the server down: the tablet shows its form and outbox, the board its last total marked stale; the deals then count once', async () => {
    const ctx = await setupEvent(srv.url);
    const totals = async () => (await api<{ total: number; count: number }>(srv.url, 'GET', `/api/v1/events/${ctx.event.id}/totals`)).body;

    const tablet = await context!.newPage();
    await tablet.goto(ctx.boothA.joinUrl.replace(/^https?:\/\/[^/]+/, srv.url));
    await tablet.waitForURL(/\/operator$/);
    await expect.poll(() => tablet.getByTestId('connection-state').getAttribute('data-link'), { timeout: 10_000 }).toBe('connected');
    await controlled(tablet);

    // One deal while online, so the board has a figure to keep.
    const amounts = [7_000_000, 1_250_000, 2_500_000];
    await recordDeal(tablet, amounts[0]!, true);
    await expect.poll(totals, { timeout: 10_000 }).toMatchObject({ count: 1 });
    const board = await context!.newPage();
    // Record the screen wake locks the board takes (only a secure origin offers the API).
    await board.addInitScript(() => {
      const w = window as unknown as { heldLocks: { released: boolean }[] };
      w.heldLocks = [];
      const api = (navigator as unknown as { wakeLock?: { request(t: string): Promise<{ released: boolean }> } }).wakeLock;
      if (!api) return;
      const request = api.request.bind(api);
      api.request = async (t) => {
        const lock = await request(t);
        w.heldLocks.push(lock);
        return lock;
      };
    });
    // The board's JavaScript budget holds with the registration script added: < 250 kB gzip.
    const scripts: Promise<number>[] = [];
    board.on('response', (res) => {
      if (res.request().resourceType() === 'script') scripts.push(res.body().then((b) => gzipSync(b, { level: 9 }).length));
    });
    await board.goto(`${srv.url}/board/${ctx.event.id}`);
    await board.waitForLoadState('networkidle');
    const jsGzip = (await Promise.all(scripts)).reduce((a, b) => a + b, 0);
    expect(jsGzip).toBeGreaterThan(20_000);
    expect(jsGzip).toBeLessThan(250 * 1024);
    await expect.poll(() => board.evaluate(() => (window as unknown as { heldLocks: { released: boolean }[] }).heldLocks.some((l) => !l.released)), { timeout: 10_000 }).toBe(true);
    await expect.poll(() => board.getByTestId('grand-total').textContent(), { timeout: 10_000 }).toContain(formatRupiah(amounts[0]!));
    await controlled(board);

    await srv.stop('SIGKILL');
    await tablet.reload();
    await tablet.getByTestId('amount-input').waitFor({ state: 'visible', timeout: 10_000 });
    for (const amount of amounts.slice(1)) await recordDeal(tablet, amount, false);
    await expect.poll(() => tablet.getByTestId('pending-count').textContent()).toContain('2 transaksi menunggu');
    // Reopened (reload again): the outbox is still there, the form still works.
    await tablet.reload();
    await expect.poll(() => tablet.getByTestId('pending-count').textContent(), { timeout: 10_000 }).toContain('2 transaksi menunggu');
    expect(await tablet.getByTestId('amount-input').isVisible()).toBe(true);

    await board.reload();
    await expect.poll(() => board.getByTestId('grand-total').textContent(), { timeout: 10_000 }).toContain(formatRupiah(amounts[0]!));
    await expect.poll(() => board.getByTestId('stale-badge').isVisible(), { timeout: 30_000 }).toBe(true);

    srv = await spawnServer({ tls, port: srv.port, dataDir: srv.dataDir, env: { HTTP_REDIRECT_PORT: String(redirectPort) } });
    const sum = amounts.reduce((a, b) => a + b, 0);
    await expect.poll(totals, { timeout: 30_000 }).toMatchObject({ count: 3, total: sum });
    await expect.poll(() => tablet.getByTestId('pending-count').textContent(), { timeout: 15_000 }).toContain('Tidak ada yang menunggu');
    await expect.poll(() => board.getByTestId('grand-total').textContent(), { timeout: 30_000 }).toContain(formatRupiah(sum));
    expect(await totals()).toMatchObject({ count: 3, total: sum });
  });
});

async function recordDeal(page: Page, amount: number, first: boolean) {
  await page.getByTestId('amount-input').fill(String(amount));
  if (first) {
    await page.locator('label.choice', { hasText: /pertanian/i }).click();
    await page.getByTestId('seller-input').fill('Kelompok Tani Martapura');
    await page.getByTestId('buyer-input').fill('Toko Makmur');
  }
  await page.getByTestId('submit-deal').click();
  await expect.poll(() => page.getByTestId('submit-result').textContent()).toContain(formatRupiah(amount));
}
