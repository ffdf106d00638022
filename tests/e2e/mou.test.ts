import { describe, expect, it } from 'vitest';
import { browserWithEvent, openPage } from '../support/event-fixture.js';
import { ADMIN_TOKEN, api } from '../support/server.js';
import { seriousViolations } from '../support/axe.js';

const fixture = browserWithEvent();
const tid = (id: string) => `[data-testid="${id}"]`;
const shot = process.env.SCREENSHOTS;

describe('an MoU signed on stage', () => {
  it('announced in the console, appears on the board (the moment, the counter, the latest signings) without touching the money total', async () => {
    const board = await openPage(fixture);
    const counter = board.getByTestId('stat-mou').locator('.value');
    await expect.poll(() => counter.textContent(), { timeout: 10_000 }).toBe('0');

    const consoleCtx = await fixture.browser.newContext({ viewport: { width: 1366, height: 768 } });
    const admin = await consoleCtx.newPage();
    await admin.goto(`${fixture.srv.url}/admin?event=${fixture.ctx.event.id}&tab=mou`);
    await admin.click(tid('sign-in-with-token'));
    await admin.fill(tid('admin-token'), ADMIN_TOKEN);
    await admin.click(tid('sign-in-submit'));
    await admin.waitForSelector(tid('mou-form'));
    // Saving without the parties keeps what was typed and says what is missing.
    await admin.fill(tid('mou-title'), 'Kerja sama pasokan rotan');
    await admin.click(tid('mou-save'));
    await expect.poll(() => admin.locator('[role="alert"]').first().textContent()).toContain('dua pihak');
    expect(await admin.inputValue(tid('mou-title'))).toBe('Kerja sama pasokan rotan');
    await admin.fill(tid('mou-party-0'), 'Dinas Perdagangan Jatim');
    await admin.fill(tid('mou-party-1'), 'Dinas Kehutanan Kalsel');
    await admin.check(tid('mou-announce'));
    await admin.click(tid('mou-save'));
    // The moment lasts seconds: the board is looked at first.
    const moment = board.getByTestId('mou-moment');
    await expect.poll(() => moment.textContent(), { timeout: 10_000 }).toContain('Dinas Perdagangan Jatim');
    expect(await moment.textContent()).toContain('Kerja sama pasokan rotan');
    if (shot) await board.screenshot({ path: `${shot}/board-mou-moment.png` });
    await expect.poll(() => counter.textContent()).toBe('1');
    expect(await board.getByTestId('mou-list').textContent()).toContain('Kerja sama pasokan rotan');
    expect(await board.getByTestId('grand-total').textContent()).toBe('Rp0');
    const totals = await api<{ total: number; mou: { count: number } }>(fixture.srv.url, 'GET', `/api/v1/events/${fixture.ctx.event.id}/totals`);
    expect(totals.body).toMatchObject({ total: 0, mou: { count: 1 } });
    await expect.poll(() => admin.locator(tid('mou-row')).count(), { timeout: 10_000 }).toBe(1);
    if (shot) await admin.screenshot({ path: `${shot}/console-mou.png`, fullPage: true });
    expect(await seriousViolations(admin)).toEqual([]);
    await consoleCtx.close();
  });
});
