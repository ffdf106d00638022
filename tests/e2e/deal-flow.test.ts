import { describe, expect, it } from 'vitest';
import { formatRupiah } from '@dealboard/shared';
import { browserWithEvent, FULL_HD, openTablet } from '../support/event-fixture.js';
import { api } from '../support/server.js';

const fixture = browserWithEvent();

describe('a deal typed on a tablet reaches the big screen', () => {
  it('shows exactly the typed amount as the board grand total', async () => {
    const board = await fixture.browser.newPage({ viewport: FULL_HD });
    const cspErrors: string[] = [];
    board.on('console', (m) => m.type() === 'error' && /Content Security Policy/i.test(m.text()) && cspErrors.push(m.text()));
    await board.goto(`${fixture.srv.url}/board/${fixture.ctx.event.id}`);
    await expect.poll(() => board.getByTestId('grand-total').textContent(), { timeout: 10_000 }).toBe('Rp0');
    expect(await board.getByTestId('target').textContent()).toContain('Rp1.300.000.000');

    const tablet = await openTablet(fixture);
    await tablet.getByTestId('amount-input').fill('12,5 jt');
    await expect.poll(() => tablet.getByTestId('amount-preview').textContent()).toBe('Rp12.500.000');
    await tablet.locator('label.choice', { hasText: /hasil hutan/i }).click();
    await tablet.getByTestId('seller-input').fill('UMKM Kayu Ulin <b>Barito</b>');
    await tablet.getByTestId('buyer-input').fill('CV Sumber Rejeki');
    await tablet.getByTestId('submit-deal').click();
    await expect.poll(() => tablet.getByTestId('submit-result').textContent(), { timeout: 10_000 }).toContain('Rp12.500.000');

    await expect.poll(() => board.getByTestId('grand-total').textContent(), { timeout: 10_000 }).toBe(formatRupiah(12_500_000));
    const totals = await api<{ total: number; count: number }>(fixture.srv.url, 'GET', `/api/v1/events/${fixture.ctx.event.id}/totals`);
    expect(totals.body).toMatchObject({ total: 12_500_000, count: 1 });
    // A seller name with HTML shows as text, never as markup.
    await expect.poll(() => board.getByTestId('recent-deal').first().textContent()).toContain('<b>Barito</b>');
    expect(await board.locator('[data-testid="recent-deal"] b').count()).toBe(0);
    expect(cspErrors).toEqual([]);
  });
});
