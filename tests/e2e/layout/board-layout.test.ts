import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { e2eEnvironment } from '../../support/e2e.js';
import { ROOT } from '../../support/process.js';
import { BOARD_STATES, type PreparedState } from './board-states.js';
import { describeProblems, findLayoutProblems, scaledPx } from './check-layout.js';

// Every state of the big screen at 720p, 1080p and 4K, checked for text over text, cut text and
// text too small for the back of the hall (labels 28 px, figures 36 px at 1080p, scaled).

const env = e2eEnvironment();
export const ARTIFACTS = path.join(ROOT, 'tests/e2e/artifacts');
const SIZES = [
  { width: 1280, height: 720 },
  { width: 1920, height: 1080 },
  { width: 3840, height: 2160 },
];

/** The rules of a board seen from 20 m, at this size: every number counts as a figure. */
export function boardRules(viewport: { width: number; height: number }) {
  return { minPx: scaledPx(28, viewport), stricter: [{ selector: '.tnum', minPx: scaledPx(36, viewport) }], scrollers: '[data-marquee]' };
}

async function openBoard(state: PreparedState, viewport: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await env.browser.newContext({ viewport });
  const url = `${env.srv.url}/board/${state.eventId}${state.query ?? ''}`;
  if (state.offline) {
    // Seen live once (the board keeps its last good figures), then the server is out of reach.
    const first = await context.newPage();
    await first.goto(url);
    await expect.poll(() => first.getByTestId('grand-total').textContent(), { timeout: 15_000 }).toBe(state.total);
    await first.waitForTimeout(2500);
    await first.close();
    await context.route('**/socket.io/**', (r) => r.abort());
    await context.routeWebSocket(/socket\.io/, (ws) => ws.close());
  }
  const page = await context.newPage();
  await page.goto(url);
  await expect.poll(() => page.getByTestId('grand-total').textContent(), { timeout: 15_000 }).toBe(state.total);
  return { context, page };
}

/** Drawn and still: fonts loaded, the chart in, no roll or entrance still moving. */
async function settled(page: Page): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.waitForTimeout(1000);
}

/** Make `panel` the rotator's visible one, as its turn would (inline styles outrank the rotator's classes). */
async function showPanel(page: Page, panel: string): Promise<void> {
  await page.locator('[data-rotator] [data-panel]').evaluateAll((els, p) => {
    for (const e of els) (e as HTMLElement).style.visibility = e.getAttribute('data-panel') === p ? 'visible' : 'hidden';
  }, panel);
  await page.waitForTimeout(60);
}

describe('the big screen holds its layout in every state', () => {
  fs.mkdirSync(path.join(ARTIFACTS, 'board'), { recursive: true });
  for (const s of BOARD_STATES) {
    it(s.name, async () => {
      const failures: string[] = [];
      // One event per size: a state's moment (a correction's badge, an MoU's announcement) is
      // brief, so each screen is open when it happens and is checked right after.
      for (const size of SIZES) {
        const state = await s.prepare(env.srv.url);
        const { page, context } = await openBoard(state, size);
        await state.onScreen?.();
        if (state.waitFor) await page.getByTestId(state.waitFor).waitFor({ timeout: 15_000 });
        await expect.poll(() => page.getByTestId('grand-total').textContent(), { timeout: 15_000 }).toBe(state.finalTotal?.() ?? state.total);
        await settled(page);
        const file = `${s.name.replace(/[^a-z0-9%]+/gi, '-')}-${size.width}x${size.height}.png`;
        await page.screenshot({ path: path.join(ARTIFACTS, 'board', file) });
        const root = state.waitFor === 'mou-moment' ? '[data-testid="mou-moment"]' : undefined;
        const where = `${size.width}×${size.height}`;
        failures.push(...describeProblems(await findLayoutProblems(page, { ...boardRules(size), root })).map((p) => `${where} ${p}`));
        if (!root) {
          // The side column shows one panel at a time: each is checked as if it were its turn.
          for (const panel of await page.locator('[data-rotator] [data-panel]').evaluateAll((els) => els.map((e) => e.getAttribute('data-panel')!))) {
            await showPanel(page, panel);
            if (size.width === 1920) await page.screenshot({ path: path.join(ARTIFACTS, 'board', file.replace('.png', `-${panel}.png`)) });
            failures.push(...describeProblems(await findLayoutProblems(page, boardRules(size))).map((p) => `${where} [${panel}] ${p}`));
          }
        }
        await context.close();
      }
      expect(failures).toEqual([]);
    });
  }
});
