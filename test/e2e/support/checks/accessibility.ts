import { AssertionError } from 'node:assert';
import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** WCAG 2.2 AA, as promised on the accessibility statement (architecture.md, "Front end"). */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

type Violation = Awaited<ReturnType<AxeBuilder['analyze']>>['violations'][number];

/** One readable paragraph per rule broken: what, why, where (so it can be fixed from the log). */
export function describeViolations(violations: Violation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes.map((n) => `    - ${n.target.join(' ')}${n.failureSummary ? `\n      ${n.failureSummary.replace(/\n/g, '\n      ')}` : ''}`);
      return `  ${v.id} (${v.impact ?? 'unknown impact'}): ${v.help}\n    ${v.helpUrl}\n${nodes.join('\n')}`;
    })
    .join('\n');
}

/** Runs axe-core over the whole page and fails on any WCAG 2.2 A/AA violation. */
export async function assertAccessible(page: Page, label: string): Promise<void> {
  // Legacy mode runs axe.run() inside the page instead of finishing in a second, blank page:
  // three to four times faster here, and our pages have no frames from other origins for the
  // newer mode to reach. Only violations are collected. (options() replaces any option set
  // before it, so it comes before withTags().)
  const results = await new AxeBuilder({ page })
    .options({ resultTypes: ['violations'] })
    .withTags(WCAG_TAGS)
    .setLegacyMode(true)
    .analyze();
  if (results.violations.length > 0) {
    throw new AssertionError({
      message: `${label} (${page.url()}) has ${results.violations.length} accessibility violation(s):\n${describeViolations(results.violations)}`,
    });
  }
}
