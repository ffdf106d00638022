import { describe, expect, it } from 'vitest';
import { formatRupiah, type Totals } from '@dealboard/shared';
import { browserWithEvent, openPage, FULL_HD } from '../support/event-fixture.js';
import { ADMIN_TOKEN, api, setupEvent, uuid } from '../support/server.js';
import { findLayoutProblems, scaledPx } from './layout/check-layout.js';

// The national board: one programme of two venues (the fixture's event in WITA, Surabaya in WIB);
// a deal at one venue shows on the national screen within the update pace.

const fixture = browserWithEvent();

const deal = (eventId: string, token: string, category: string, amount: number, seller: string) =>
  api(fixture.srv.url, 'POST', `/api/v1/events/${eventId}/deals`, { id: uuid(), amount, category, seller, buyer: 'PT Nusantara Jaya' }, token);

describe('the national board', () => {
  it('shows a venue’s deal in the national total, the race of venues and the latest deals, legible at 1080p', async () => {
    const surabaya = await setupEvent(fixture.srv.url, { name: 'Misi Dagang Surabaya', venue: 'Surabaya', timezone: 'Asia/Jakarta' });
    const created = await api<{ id: string }>(fixture.srv.url, 'POST', '/api/v1/programmes', { name: 'Hari Dagang Nusantara', target: 10_000_000_000, events: [fixture.ctx.event.id, surabaya.event.id] }, ADMIN_TOKEN);
    expect(created.status).toBe(201);
    await deal(fixture.ctx.event.id, fixture.ctx.boothA.token, fixture.ctx.event.categories[0]!.id, 1_250_000_000, 'UMKM Rotan Amuntai');
    const page = await openPage(fixture, `/board/p/${created.body.id}`);
    const sum = async () => {
      const all = await Promise.all([fixture.ctx.event.id, surabaya.event.id].map(async (id) => (await api<Totals>(fixture.srv.url, 'GET', `/api/v1/events/${id}/totals`)).body.total));
      return all.reduce((a, b) => a + b, 0);
    };
    await expect.poll(() => page.getByTestId('grand-total').textContent(), { timeout: 10_000 }).toBe(formatRupiah(await sum()));

    await deal(surabaya.event.id, surabaya.boothA.token, surabaya.event.categories[0]!.id, 730_000_000, 'UD Kopi Toraja');
    await expect.poll(() => page.getByTestId('grand-total').textContent(), { timeout: 5000 }).toBe(formatRupiah(await sum()));
    await expect.poll(() => page.getByTestId('national-deals').textContent()).toContain('UD Kopi Toraja · Surabaya');
    const row = page.getByTestId(`venue-${surabaya.event.id}`);
    expect(await row.getByTestId('venue-total').textContent()).toBe('Rp730 juta');
    expect(await row.textContent()).toContain('WIB');
    expect(await page.getByTestId(`venue-${fixture.ctx.event.id}`).textContent()).toContain('WITA');

    // Secondary figures ≥ 36 px, labels ≥ 28 px at 1080p; nothing cut or drawn over anything else.
    const problems = await findLayoutProblems(page, { minPx: scaledPx(28, FULL_HD), stricter: [{ selector: '[data-testid=venue-total], .amount, .rank', minPx: scaledPx(36, FULL_HD) }] });
    expect(problems).toEqual([]);
    await page.screenshot({ path: 'docs/img/national-board.png' });
    await page.close();

    const phone = await fixture.browser.newPage({ viewport: { width: 390, height: 844 }, isMobile: true });
    await phone.goto(`${fixture.srv.url}/live/p/${created.body.id}`);
    await expect.poll(() => phone.getByTestId('grand-total').textContent(), { timeout: 10_000 }).toBe(formatRupiah(await sum()));
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await phone.close();
  });
});
