import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.js';
import { ensureClientBuilt, spawnServer, type ServerProcess } from '../support/process.js';
import { api, setupEvent, uuid } from '../support/server.js';
import { makeAccount } from '../support/accounts.js';

/**
 * Issue 15 §1 in Chromium: each person signs in with their own name, sees who they are
 * and only what their role can use; an owner manages the accounts from the console.
 */
let server: ServerProcess;
let browser: Browser;
let ctx: Awaited<ReturnType<typeof setupEvent>>;
const tid = (id: string) => `[data-testid="${id}"]`;
const shots = process.env.SCREENSHOT_DIR;

beforeAll(async () => {
  ensureClientBuilt();
  server = await spawnServer();
  browser = await launchChromium();
  ctx = await setupEvent(server.url);
  await api(server.url, 'POST', `/api/v1/events/${ctx.event.id}/deals`, { id: uuid(), amount: 12_500_000, category: ctx.event.categories[0]!.id, seller: 'Sasirangan Bu Ida', buyer: 'PT Borneo Niaga' }, ctx.boothA.token);
  await makeAccount(server.url, 'Rina', 'desk', [ctx.event.id]);
  await makeAccount(server.url, 'Sari', 'viewer');
  await makeAccount(server.url, 'Dewi', 'owner');
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function signIn(name: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  await page.goto(`${server.url}/admin?event=${ctx.event.id}`);
  await page.waitForSelector(tid('admin-name'));
  if (shots) await page.screenshot({ path: `${shots}/console-sign-in.png` });
  await page.fill(tid('admin-name'), name);
  await page.fill(tid('admin-password'), `${name}-password-1`);
  await page.click(tid('sign-in-submit'));
  await page.waitForSelector(tid('signed-in-as'));
  return page;
}
const tabs = (page: Page) => page.locator('[data-testid^="tab-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));

describe('organisers with roles in the console', () => {
  it('a desk account sees its name and role, manages booths, and cannot void, edit settings or manage accounts', async () => {
    const page = await signIn('Rina');
    expect(await page.locator(tid('signed-in-as')).innerText()).toBe('Masuk sebagai Rina, Meja stan');
    expect(await tabs(page)).toEqual(['tab-event', 'tab-booths', 'tab-deals', 'tab-mou', 'tab-screens', 'tab-reports', 'tab-audit']);
    expect(await page.locator(tid('sign-out-everywhere')).count()).toBe(0);
    await page.click(tid('tab-booths'));
    await page.waitForSelector(tid('booth-create'));
    expect(await page.locator(tid('print-sheet')).isVisible()).toBe(true);
    await page.click(tid('tab-deals'));
    await expect.poll(() => page.getByText('Sasirangan Bu Ida').count()).toBeGreaterThan(0);
    if (shots) await page.screenshot({ path: `${shots}/console-desk-deals.png` });
    expect(await page.locator(tid('deal-void')).count()).toBe(0);
    await page.context().close();
  });

  it('a viewer reads booths and reports but gets no buttons that change anything', async () => {
    const page = await signIn('Sari');
    await page.click(tid('tab-booths'));
    await page.waitForSelector(tid('booth-table'));
    expect(await page.locator(`${tid('booth-create')}, ${tid('print-sheet')}, ${tid('booth-revoke')}`).count()).toBe(0);
    await page.context().close();
  });

  it('an owner adds an account from the Accounts tab and disables it after confirming', async () => {
    const page = await signIn('Dewi');
    await page.click(tid('tab-accounts'));
    await page.waitForSelector(tid('account-table'));
    await page.fill(tid('account-name'), 'Budi');
    await page.fill(tid('account-password'), 'pendek');
    await page.click(tid('account-add'));
    expect(await page.locator(tid('error-password')).innerText()).toBe('Minimal 10 karakter.');
    await page.fill(tid('account-password'), 'Budi-password-1');
    await page.selectOption(tid('account-role'), 'verifier');
    await page.click(tid('account-add'));
    await page.waitForSelector(tid('account-row-Budi'));
    expect(await page.locator(tid('account-row-Budi')).innerText()).toContain('Verifikator');
    if (shots) await page.screenshot({ path: `${shots}/console-accounts.png`, fullPage: true });
    await page.locator(`${tid('account-row-Budi')} ${tid('account-toggle')}`).click();
    expect(await page.locator(tid('confirm-dialog')).innerText()).toContain('Nonaktifkan “Budi”?');
    await page.click(tid('confirm-ok'));
    await expect.poll(() => page.locator(tid('account-row-Budi')).innerText()).toContain('Nonaktif');
    const budi = await fetch(`${server.url}/api/v1/admin/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Budi', password: 'Budi-password-1' }) });
    expect(budi.status).toBe(401);
    await page.context().close();
  });
});
