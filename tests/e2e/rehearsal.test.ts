import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ReplayProgress } from '@dealboard/shared';
import { e2eEnvironment } from '../support/e2e.js';
import { ADMIN_TOKEN, api, setupEvent, uuid } from '../support/server.js';

/** A rehearsal seen on every screen, wiped from the console; the end of the hour on a tablet; a replay's board. */
const env = e2eEnvironment();
const tid = (id: string) => `[data-testid="${id}"]`;
const local = (joinUrl: string) => joinUrl.replace(/^https?:\/\/[^/]+/, env.srv.url);
const SHOTS = process.env.SCREENSHOTS_DIR;

async function page(width: number, height: number, url: string): Promise<Page> {
  const p = await (await env.browser.newContext({ viewport: { width, height } })).newPage();
  await p.goto(url);
  return p;
}
const shot = async (p: Page, name: string) => {
  if (SHOTS) await p.screenshot({ path: `${SHOTS}/${name}.png` });
};
type Ctx = Awaited<ReturnType<typeof setupEvent>>;
const record = (ctx: Ctx, amount: number) =>
  fetch(`${env.srv.url}/api/v1/events/${ctx.event.id}/deals`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ctx.boothA.token}` },
    body: JSON.stringify({ id: uuid(), amount, category: ctx.event.categories[0]!.id, seller: 'UMKM Rotan Amuntai', buyer: 'PT Banua' }),
  });

describe('rehearsal, end of the hour and replay in Chromium', () => {
  it('marks a rehearsal on the board and the tablet, and the console wipes it back to zero after a confirmation', async () => {
    const ctx = await setupEvent(env.srv.url, { name: 'Gladi Misi Dagang', status: 'rehearsal' });
    const board = await page(1920, 1080, `${env.srv.url}/board/${ctx.event.id}`);
    const tablet = await page(768, 1024, local(ctx.boothA.joinUrl));
    await tablet.waitForSelector(`${tid('event-banner')}[data-status="rehearsal"]`);
    expect(await tablet.locator(tid('submit-deal')).count()).toBe(1);
    await record(ctx, 250_000_000);
    await expect.poll(() => board.locator(tid('grand-total')).innerText(), { timeout: 20_000 }).toBe('Rp250.000.000');
    expect(await board.locator('.status.rehearsal').innerText()).toMatch(/gladi/i);
    await shot(board, 'rehearsal-board');

    const admin = await page(1366, 900, `${env.srv.url}/admin`);
    await admin.click(tid('sign-in-with-token'));
    await admin.fill(tid('admin-token'), ADMIN_TOKEN);
    await admin.click(tid('sign-in-submit'));
    await admin.selectOption(tid('event-picker'), ctx.event.id);
    await admin.click(tid('wipe-rehearsal'));
    expect(await admin.locator(tid('confirm-dialog')).innerText()).toContain('kembali ke nol');
    await admin.click(tid('confirm-ok'));
    await expect.poll(() => admin.locator(tid('lifecycle-note')).innerText()).toBe('1 transaksi gladi dihapus.');
    await shot(admin, 'rehearsal-console');
    await expect.poll(() => board.locator(tid('grand-total')).innerText(), { timeout: 20_000 }).toBe('Rp0');
  });

  it('tells the tablet the session is over once the end time passes', async () => {
    const now = Date.now();
    const ctx = await setupEvent(env.srv.url, { startsAt: new Date(now - 3_600_000).toISOString(), endsAt: new Date(now + 2_000).toISOString() });
    const tablet = await page(768, 1024, local(ctx.boothA.joinUrl));
    await tablet.waitForSelector(`${tid('event-banner')}[data-status="ended"]`, { timeout: 20_000 });
    expect(await tablet.locator(tid('event-banner')).innerText()).toContain('Sesi sudah berakhir');
    expect(await tablet.locator('fieldset.entry').getAttribute('disabled')).not.toBeNull();
    await shot(tablet, 'tablet-session-over');
  });

  it("shows the REPLAY badge on a replayed event's board", async () => {
    const ctx = await setupEvent(env.srv.url, { name: 'Misi lama' });
    await record(ctx, 400_000_000);
    await api(env.srv.url, 'POST', `/api/v1/events/${ctx.event.id}/status`, { status: 'closed' }, ADMIN_TOKEN);
    const replay = await api<ReplayProgress>(env.srv.url, 'POST', `/api/v1/events/${ctx.event.id}/replay`, { speed: 60 }, ADMIN_TOKEN);
    const board = await page(1920, 1080, `${env.srv.url}/board/${replay.body.eventId}`);
    await expect.poll(() => board.locator(tid('grand-total')).innerText(), { timeout: 15_000 }).toBe('Rp400.000.000');
    expect(await board.locator(tid('replay-badge')).innerText()).toBe('REPLAY');
    await shot(board, 'replay-board');
  });
});
