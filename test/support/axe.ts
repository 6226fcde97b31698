import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** WCAG 2.0, 2.1 and 2.2 at levels A and AA. */
export const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * Run axe-core on the page as it is now and throw, listing each violation and where it is, if any.
 * axe is evaluated through the DevTools protocol, so the page's strict CSP stays on.
 */
export async function checkAccessibility(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  const hasAxe = await page.evaluate(() => 'axe' in window);
  if (!hasAxe) await page.evaluate(axeSource);
  const violations = (await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: unknown[] }> } }).axe
        .run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
        .then((r) => r.violations),
    wcagTags,
  )) as Violation[];
  if (violations.length === 0) return;
  const lines = violations.flatMap((v) => [
    `- ${v.id} (${v.impact ?? 'unknown'}): ${v.help} ${v.helpUrl}`,
    ...v.nodes.slice(0, 5).map((n) => `    at ${JSON.stringify(n.target)}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`),
  ]);
  throw new Error(`Accessibility violations on ${page.url()} ("${await page.title()}"):\n${lines.join('\n')}`);
}
