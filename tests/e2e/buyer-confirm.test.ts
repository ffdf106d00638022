import { describe, expect, it } from 'vitest';
import { formatRupiah, formatRupiahShort } from '@dealboard/shared';
import { browserWithEvent, openPage, openTablet } from '../support/event-fixture.js';
import { ADMIN_TOKEN, api } from '../support/server.js';
import { seriousViolations } from '../support/axe.js';

const fixture = browserWithEvent();

const shot = process.env.SCREENSHOTS;
const PHONE_UA = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36';

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
    // (Its own browser: on one test machine the address is the tablet's, so the user agent tells them apart.)
    const phoneCtx = await fixture.browser.newContext({ viewport: { width: 390, height: 844 }, userAgent: PHONE_UA });
    const phone = await phoneCtx.newPage();
    await phone.goto(link.replace(/^https?:\/\/[^/]+/, fixture.srv.url));
    await expect.poll(() => phone.getByTestId('confirm-amount').textContent()).toBe(formatRupiah(7_250_000));
    expect(await phone.textContent('body')).toContain('tujuh juta dua ratus lima puluh ribu');
    expect(await phone.textContent('body')).not.toContain('PT Mebel Surabaya');
    expect(await seriousViolations(phone)).toEqual([]);
    if (shot) await phone.screenshot({ path: `${shot}/confirm-phone.png` });
    // The category reads as a label; the buyer gives a name before the answer can go.
    expect(await phone.getByTestId('confirm-category').textContent()).toMatch(/^Hasil hutan · Transaksi dagang$/);
    expect(await phone.getByTestId('confirm-yes').isDisabled()).toBe(true);
    await phone.getByTestId('confirm-name').fill('Bu Sari Wulandari');
    await phone.getByTestId('confirm-yes').click();
    await expect.poll(() => phone.getByTestId('confirm-done').isVisible()).toBe(true);

    await expect.poll(() => confirmedTile.textContent(), { timeout: 10_000 }).toBe(formatRupiahShort(7_250_000));
    const totals = await api<{ total: number; confirmed: { total: number } }>(fixture.srv.url, 'GET', `/api/v1/events/${fixture.ctx.event.id}/totals`);
    expect(totals.body.confirmed.total).toBe(7_250_000);
    if (shot) await board.screenshot({ path: `${shot}/board-confirmed.png` });
    // The booth's own list says so too.
    await expect.poll(() => tablet.getByTestId('my-deal-buyer').first().textContent(), { timeout: 10_000 }).toContain('Dikonfirmasi pembeli');

    // The same link again on the phone that answered: its answer, not a red "already used".
    await phone.reload();
    const done = phone.getByTestId('confirm-done');
    await expect.poll(() => done.getAttribute('data-answer')).toBe('confirmed');
    expect(await done.textContent()).toContain('Anda sudah mengonfirmasi transaksi ini');
    expect(await done.textContent()).toContain('Bu Sari Wulandari');
    expect(await phone.locator('[data-testid="confirm-refused"]').count()).toBe(0);
    expect(await phone.locator('.brand').textContent()).toBe('Misi Dagang Uji');
    // On another browser the code is used: one language at a time, with the switch.
    const other = await fixture.browser.newPage({ viewport: { width: 390, height: 844 } });
    await other.goto(link.replace(/^https?:\/\/[^/]+/, fixture.srv.url));
    const refused = other.getByTestId('confirm-refused');
    await expect.poll(() => refused.getAttribute('data-code')).toBe('code_used');
    expect(await refused.textContent()).toContain('sudah dipakai');
    expect(await refused.textContent()).not.toContain('already used');
    await other.getByRole('button', { name: 'EN' }).click();
    await expect.poll(() => refused.textContent()).toContain('already used');
    expect(await refused.textContent()).not.toContain('sudah dipakai');
    await other.close();
    await phoneCtx.close();
  });

  it('a bad code gets a clear page in Indonesian and English, never a stack', async () => {
    const phone = await fixture.browser.newPage({ viewport: { width: 390, height: 844 } });
    await phone.goto(`${fixture.srv.url}/confirm/this-code-was-never-issued-by-any-booth`);
    const refused = phone.getByTestId('confirm-refused');
    await expect.poll(() => refused.getAttribute('data-code')).toBe('code_invalid');
    const text = (await refused.textContent())!;
    // One language at a time (Indonesian first), the other one tap away.
    expect(text).toContain('Kode ini tidak berlaku');
    expect(text).not.toContain('This code is not valid');
    expect(text).not.toMatch(/at \w+ \(|Error:/);
    await phone.getByRole('button', { name: 'EN' }).click();
    await expect.poll(() => refused.textContent()).toContain('This code is not valid');
    expect(await seriousViolations(phone)).toEqual([]);
    if (shot) await phone.screenshot({ path: `${shot}/confirm-refused.png` });
  });

  it("refuses a booth's own browser confirming its deal, and keeps the switch whole beside a long event name at 390 px", async () => {
    const long = 'Misi Dagang dan Investasi Provinsi Jawa Timur dengan Provinsi Kalimantan Selatan 2026';
    expect((await api(fixture.srv.url, 'PATCH', `/api/v1/events/${fixture.ctx.event.id}`, { name: long }, ADMIN_TOKEN)).status).toBe(200);
    const tablet = await openTablet(fixture);
    await tablet.getByTestId('amount-input').fill('3 jt');
    await tablet.locator('label.choice', { hasText: /hasil hutan/i }).click();
    await tablet.getByTestId('seller-input').fill('UMKM Rotan Amuntai');
    await tablet.getByTestId('buyer-input').fill('PT Mebel Surabaya');
    await tablet.getByTestId('submit-deal').click();
    await expect.poll(() => tablet.getByTestId('submit-result').textContent(), { timeout: 10_000 }).toContain('Rp3.000.000');
    await tablet.getByTestId('show-buyer-qr').click();
    const link = (await tablet.getByTestId('buyer-qr-link').getAttribute('href'))!;
    // The tablet opens the link itself, in the browser signed in as the booth.
    await tablet.setViewportSize({ width: 390, height: 844 });
    await tablet.goto(link.replace(/^https?:\/\/[^/]+/, fixture.srv.url));
    await tablet.getByTestId('confirm-name').fill('Pembeli');
    await tablet.getByTestId('confirm-yes').click();
    const refused = tablet.getByTestId('confirm-refused');
    await expect.poll(() => refused.getAttribute('data-code')).toBe('code_self');
    expect(await refused.textContent()).toContain('pembeli mengonfirmasi di ponselnya sendiri');
    const totals = await api<{ confirmed: { count: number } }>(fixture.srv.url, 'GET', `/api/v1/events/${fixture.ctx.event.id}/totals`);
    expect(totals.body.confirmed.count).toBe(1);
    // The event's name is kept above the refusal; the language switch stays whole at the right edge.
    expect(await tablet.locator('.brand').textContent()).toBe(long);
    for (const b of await tablet.locator('.locale-switch button').all()) {
      const r = await b.evaluate((el) => ({ right: el.getBoundingClientRect().right, cut: el.scrollWidth > el.clientWidth }));
      expect(r.cut).toBe(false);
      expect(r.right).toBeLessThanOrEqual(390);
    }
  });
});
