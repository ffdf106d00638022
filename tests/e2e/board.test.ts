import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { formatRupiah } from '@dealboard/shared';
import { spawnServer } from '../support/process.js';
import { browserWithEvent, FULL_HD, openPage } from '../support/event-fixture.js';
import { ADMIN_TOKEN, api, uuid } from '../support/server.js';

const fixture = browserWithEvent();
/** What the server has recorded so far, added up here only to know what the board must show. */
let expected = 0;

async function postDeal(amount: number, booth: 'A' | 'B' = 'A', extra: Record<string, unknown> = {}): Promise<void> {
  const { token } = booth === 'A' ? fixture.ctx.boothA : fixture.ctx.boothB;
  const body = {
    id: uuid(),
    amount,
    category: fixture.ctx.event.categories[0]!.id,
    seller: 'UMKM Kayu Ulin Barito',
    buyer: 'CV Sumber Rejeki',
    buyerDelegation: booth === 'A' ? 'kalsel' : 'jatim',
    ...extra,
  };
  const r = await api(fixture.srv.url, 'POST', `/api/v1/events/${fixture.ctx.event.id}/deals`, body, token);
  expect(r.status).toBe(201);
  expected += amount;
}

const total = (page: Page) => page.getByTestId('grand-total').textContent();
/** A page just opened: its first figure waits on loading the board and its snapshot, which a busy machine slows (not what these tests measure). */
const FIRST = { timeout: 10_000 };

describe('the big screen', () => {
  it('shows exactly the server total of deals posted through the API, with nothing from outside the venue server', async () => {
    const page = await fixture.browser.newPage({ viewport: FULL_HD });
    const foreign: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(fixture.srv.url) && !r.url().startsWith('data:')) foreign.push(r.url());
    });
    await page.goto(`${fixture.srv.url}/board/${fixture.ctx.event.id}`);
    await expect.poll(() => total(page), FIRST).toBe('Rp0');

    await postDeal(12_345_678);
    await postDeal(250_000_000, 'B');
    await postDeal(7_500_001, 'A', { kind: 'investment' });
    await postDeal(99_999_999, 'B');

    await expect.poll(() => total(page), { timeout: 10_000 }).toBe(formatRupiah(expected));
    const totals = await api<{ total: number }>(fixture.srv.url, 'GET', `/api/v1/events/${fixture.ctx.event.id}/totals`);
    expect(totals.body.total).toBe(expected);

    // Who sells and where it goes, named from the event.
    await expect.poll(() => page.getByTestId('top-booths').textContent()).toMatch(/Stan B.*Stan A/s);
    await expect.poll(() => page.getByTestId('by-flow').textContent()).toContain('Kalsel → Jatim');
    expect(await page.getByTestId('pace-need').textContent()).toMatch(/^Perlu Rp.+ per menit$/);
    expect(await page.getByTestId('stale-badge').count()).toBe(0);
    expect(await page.locator('.board').evaluate((el) => getComputedStyle(el).cursor)).toBe('none');
    expect(foreign).toEqual([]);
    await page.close();
  });

  it('marks itself stale when the server dies, keeps the figure, and catches up after a restart on the same port', async () => {
    const page = await openPage(fixture);
    const shown = formatRupiah(expected);
    await expect.poll(() => total(page), FIRST).toBe(shown);

    await fixture.srv.stop('SIGKILL');
    await expect.poll(() => page.getByTestId('stale-badge').count(), { timeout: 10_000 }).toBe(1);
    expect(await total(page)).toBe(shown);

    fixture.srv = await spawnServer({ port: fixture.srv.port, dataDir: fixture.srv.dataDir });
    await expect.poll(() => page.getByTestId('stale-badge').count(), { timeout: 15_000 }).toBe(0);
    await postDeal(41_000_000, 'B');
    await expect.poll(() => total(page), { timeout: 10_000 }).toBe(formatRupiah(expected));
    await page.close();
  });

  it('calls itself stale when the socket stays open but the server stops answering', async () => {
    const quiet = await api(fixture.srv.url, 'PATCH', `/api/v1/events/${fixture.ctx.event.id}`, { settings: { quietPeriodSec: 5 } }, ADMIN_TOKEN);
    expect(quiet.status).toBe(200);
    const page = await openPage(fixture);
    await expect.poll(() => total(page), FIRST).toBe(formatRupiah(expected));

    fixture.srv.child.kill('SIGSTOP'); // frozen: the TCP connection stays up, nothing answers
    try {
      // Quiet period (5 s + up to 5 s of jitter), then the resync check times out (5 s).
      await expect.poll(() => page.getByTestId('stale-badge').count(), { timeout: 20_000, interval: 500 }).toBe(1);
      expect(await total(page)).toBe(formatRupiah(expected));
    } finally {
      fixture.srv.child.kill('SIGCONT');
    }
    await postDeal(3_000_000);
    await expect.poll(() => total(page), { timeout: 10_000 }).toBe(formatRupiah(expected));
    expect(await page.getByTestId('stale-badge').count()).toBe(0);
    await page.close();
  });

  it('renders the total in the hero and ticker layouts and on the transparent overlay, and tells the console which is which', async () => {
    const shown = formatRupiah(expected);

    const hero = await openPage(fixture, `/board/${fixture.ctx.event.id}?layout=hero`);
    await expect.poll(() => total(hero), FIRST).toBe(shown);
    expect(await hero.getByTestId('target').textContent()).toContain('Rp1.300.000.000');
    expect(await hero.getByTestId('pace').count()).toBe(0);

    const strip = await openPage(fixture, `/board/${fixture.ctx.event.id}?layout=ticker`, { width: 1920, height: 200 });
    await expect.poll(() => total(strip), FIRST).toBe(shown);
    await expect.poll(() => strip.getByTestId('recent-deal').count()).toBeGreaterThan(0);

    const overlay = await openPage(fixture, `/overlay/${fixture.ctx.event.id}`);
    await expect.poll(() => total(overlay), FIRST).toBe(shown);
    const backgrounds = await overlay.evaluate(() => [document.documentElement, document.body].map((el) => getComputedStyle(el).backgroundColor));
    expect(backgrounds).toEqual(['rgba(0, 0, 0, 0)', 'rgba(0, 0, 0, 0)']);

    await expect
      .poll(async () => {
        const r = await api<{ screens: { layout: string }[] }>(fixture.srv.url, 'GET', `/api/v1/events/${fixture.ctx.event.id}/screens`, undefined, ADMIN_TOKEN);
        return r.body.screens.map((s) => s.layout).sort();
      })
      .toEqual(['hero', 'overlay', 'ticker']);
    await Promise.all([hero.close(), strip.close(), overlay.close()]);
  });
});
