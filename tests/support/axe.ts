import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeProblem {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

/** Rules the pages must pass whatever axe calls their impact: a main landmark, an h1, named table headers. */
export const ALWAYS_CHECKED = ['landmark-one-main', 'page-has-heading-one', 'empty-table-header', 'heading-order', 'region'];

/**
 * Serious and critical axe-core violations, and any of {@link ALWAYS_CHECKED}, on the page as it is now (WCAG 2.x A and AA rules).
 * axe is evaluated into the page rather than added as a <script>: the app's CSP allows no
 * inline script, and the page must be tested with that CSP in force.
 */
export async function seriousViolations(page: Page): Promise<AxeProblem[]> {
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: unknown): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact ?? 'minor', help: v.help, targets: v.nodes.map((n) => n.target.map(String).join(' ')) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical' || ALWAYS_CHECKED.includes(v.id));
}
