import { describe, expect, it } from 'vitest';
import { formatRupiah, formatRupiahShort } from '@dealboard/shared';
import { browserWithEvent, openPage, openTablet } from '../support/event-fixture.js';
import { api } from '../support/server.js';
import { seriousViolations } from '../support/axe.js';

const fixture = browserWithEvent();

const shot = process.env.SCREENSHOTS;

describe("the buyer confirms a deal on their own phone", () => {
  it('tablet records a deal and shows a QR code; the buyer opens its link in another browser and confirms; the board shows the confirmed amount', async () => {
    const board = await openPage(fixture);
    const confirmedTile = board.getByTestId('stat-confirmed').locator('.value');
    await expect.poll(() => confirmedTile.textContent(), { timeout: 10_000 }).toBe(formatRupiahShort(0));

    const tablet = await openTablet(fixture);
    await tablet.getByTestId('amount-input').fill('7,25 jt');
    await tablet.locator('label.choice', { hasText: /hasil hutan/i }).click();
    await tablet.getByTestId('seller-input').fill('UMKM Rotan Amuntai');
    await tablet.getByTestId('buyer-input').fill('PT Mebel Surabaya');
    await tablet.getByTestId('submit-deal').click();
    await expect.poll(() => tablet.getByTestId('submit-result').textContent(), { timeout: 10_000 }).toContain('Rp7.250.000');
    await tablet.getByTestId('show-buyer-qr').click();
    await expect.poll(() => tablet.getByTestId('buyer-qr').locator('img').evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 0)).toBe(true);
    if (shot) await tablet.screenshot({ path: `${shot}/tablet-qr.png` });
    const link = (await tablet.getByTestId('buyer-qr-link').getAttribute('href'))!;

    // The buyer: a phone of their own, no session, no token.
    const phoneCtx = await fixture.browser.newContext({ viewport: { width: 390, height: 844 } });
    const phone = await phoneCtx.newPage();
    await phone.goto(link.replace(/^https?:\/\/[^/]+/, fixture.srv.url));
    await expect.poll(() => phone.getByTestId('confirm-amount').textContent()).toBe(formatRupiah(7_250_000));
    expect(await phone.textContent('body')).toContain('tujuh juta dua ratus lima puluh ribu');
    expect(await phone.textContent('body')).not.toContain('PT Mebel Surabaya');
    expect(await seriousViolations(phone)).toEqual([]);
    if (shot) await phone.screenshot({ path: `${shot}/confirm-phone.png` });
    await phone.getByTestId('confirm-yes').click();
    await expect.poll(() => phone.getByTestId('confirm-done').isVisible()).toBe(true);

    await expect.poll(() => confirmedTile.textContent(), { timeout: 10_000 }).toBe(formatRupiahShort(7_250_000));
    const totals = await api<{ total: number; confirmed: { total: number } }>(fixture.srv.url, 'GET', `/api/v1/events/${fixture.ctx.event.id}/totals`);
    expect(totals.body.confirmed.total).toBe(7_250_000);
    if (shot) await board.screenshot({ path: `${shot}/board-confirmed.png` });
    // The booth's own list says so too.
    await expect.poll(() => tablet.getByTestId('my-deal-buyer').first().textContent(), { timeout: 10_000 }).toContain('Dikonfirmasi pembeli');

    // The same link again: used, said in both languages, nothing else shown.
    await phone.reload();
    const refused = phone.getByTestId('confirm-refused');
    await expect.poll(() => refused.getAttribute('data-code')).toBe('code_used');
    expect(await refused.textContent()).toMatch(/sudah dipakai[\s\S]*already used/);
    await phoneCtx.close();
  });

  it('a bad code gets a clear page in Indonesian and English, never a stack', async () => {
    const phone = await fixture.browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(`${fixture.srv.url}/confirm/this-code-was-never-issued-by-any-booth`);
    const refused = phone.getByTestId('confirm-refused');
    await expect.poll(() => refused.getAttribute('data-code')).toBe('code_invalid');
    const text = (await refused.textContent())!;
    expect(text).toContain('Kode ini tidak berlaku');
    expect(text).toContain('This code is not valid');
    expect(text).not.toMatch(/at \w+ \(|Error:/);
    expect(await seriousViolations(phone)).toEqual([]);
    if (shot) await phone.screenshot({ path: `${shot}/confirm-refused.png` });
  });
});
