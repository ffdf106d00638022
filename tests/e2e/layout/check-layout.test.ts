import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../support/browser.js';
import { findLayoutProblems, scaledPx, type LayoutRules } from './check-layout.js';

// The checker itself, on pages made to break in one way each: a layout test that cannot fail is no test.

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 800, height: 600 } });
});
afterAll(() => browser?.close());

const RULES: LayoutRules = { minPx: 14 };
async function problemsOf(html: string, rules = RULES) {
  await page.setContent(`<style>body{margin:0;font:20px sans-serif}</style>${html}`);
  return findLayoutProblems(page, rules);
}

describe('the layout checker', () => {
  it('passes a page where nothing collides, nothing is cut and every text is large enough', async () => {
    expect(await problemsOf('<h1>Total</h1><p>Rp1.300.000.000</p><p style="width:100px">a long name that wraps onto lines</p>')).toEqual([]);
  });

  it('finds a badge drawn over a label', async () => {
    const found = await problemsOf('<div style="position:relative"><h2 style="margin:0">TRANSAKSI + KOMITMEN</h2><span style="position:absolute;left:60px;top:4px">Koreksi −Rp53.500.000</span></div>');
    expect(found).toMatchObject([{ kind: 'overlap', text: 'TRANSAKSI + KOMITMEN', other: 'Koreksi −Rp53.500.000' }]);
  });

  it('finds a name ending in an ellipsis, text clipped by its box, and text past the window', async () => {
    const found = await problemsOf(`
      <p style="width:120px;white-space:nowrap;overflow:hidden;text-overflow:ellipsis">Stan Jatim 1 — Olahan Laut</p>
      <div style="height:20px;overflow:hidden"><p style="margin:0;line-height:30px">clipped below</p></div>
      <p style="position:absolute;left:760px;top:300px;white-space:nowrap">past the edge</p>`);
    expect(found.map((p) => [p.kind, p.text])).toEqual([
      ['cut', 'Stan Jatim 1 — Olahan Laut'],
      ['cut', 'clipped below'],
      ['cut', 'past the edge'],
    ]);
  });

  it('lets a marquee clip what scrolls past its edges, but not other boxes', async () => {
    const marquee = '<div class="m" style="width:100px;overflow:hidden;white-space:nowrap"><span>one deal</span> <span>another deal far away</span></div>';
    expect(await problemsOf(marquee, { ...RULES, scrollers: '.m' })).toEqual([]);
    expect((await problemsOf(marquee)).map((p) => p.kind)).toEqual(['cut']);
  });

  it('finds text under the minimum, and under a stricter minimum for figures', async () => {
    const found = await problemsOf('<p style="font-size:12px">tiny label</p><p class="fig" style="font-size:20px">Rp5 juta</p>', { minPx: 14, stricter: [{ selector: '.fig', minPx: 24 }] });
    expect(found).toMatchObject([
      { kind: 'small', text: 'tiny label', detail: '12.0px < 14.0px' },
      { kind: 'small', text: 'Rp5 juta', detail: '20.0px < 24.0px' },
    ]);
  });

  it('ignores what nobody sees, and checks only inside a root when told', async () => {
    expect(await problemsOf('<p style="display:none;font-size:2px">gone</p><p style="opacity:0;font-size:2px">faded</p><p style="visibility:hidden;font-size:2px">hid</p>')).toEqual([]);
    const dialog = '<p style="font-size:5px">under the dialog</p><div id="d"><p>dialog text</p></div>';
    expect(await problemsOf(dialog, { ...RULES, root: '#d' })).toEqual([]);
  });

  it('scales the back-of-the-hall sizes with the screen', () => {
    expect(scaledPx(28, { width: 1920, height: 1080 })).toBe(28);
    expect(scaledPx(36, { width: 3840, height: 2160 })).toBe(72);
    expect(scaledPx(36, { width: 1280, height: 720 })).toBe(24);
  });
});
