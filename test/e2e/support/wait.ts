import { AssertionError } from 'node:assert';
import type { Locator, Page } from 'playwright-core';

/** How long a page may take to show what we expect (server-rendered pages arrive in milliseconds). */
export const EXPECT_TIMEOUT_MS = 5_000;

async function shown(locator: Locator): Promise<string> {
  const texts = await locator.allInnerTexts().catch(() => []);
  return texts.length ? texts.map((t) => JSON.stringify(t.trim())).join(', ') : '(nothing matched)';
}

/**
 * Waits until an element matching the locator shows the text (Playwright's own auto-waiting);
 * fails with what was there instead. The expect() of @playwright/test, for playwright-core.
 */
export async function expectText(locator: Locator, expected: string | RegExp, what = 'element'): Promise<void> {
  try {
    await locator.filter({ hasText: expected }).first().waitFor({ state: 'visible', timeout: EXPECT_TIMEOUT_MS });
  } catch {
    throw new AssertionError({
      message: `expected ${what} to show ${String(expected)}; it showed ${await shown(locator)}`,
      actual: await shown(locator),
      expected: String(expected),
    });
  }
}

export async function expectVisible(locator: Locator, what: string): Promise<void> {
  try {
    await locator.first().waitFor({ state: 'visible', timeout: EXPECT_TIMEOUT_MS });
  } catch {
    throw new AssertionError({ message: `expected ${what} to be visible on ${locator.page().url()}` });
  }
}

/** Waits for the address bar to show a path (and query, if the pattern has one). */
export async function expectPath(page: Page, pattern: RegExp, what = 'page'): Promise<void> {
  try {
    await page.waitForURL((url) => pattern.test(url.pathname + url.search), { timeout: EXPECT_TIMEOUT_MS, waitUntil: 'load' });
  } catch {
    throw new AssertionError({ message: `expected to be on the ${what} (${pattern}); the address is ${page.url()}` });
  }
}
