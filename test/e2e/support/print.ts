import assert from 'node:assert/strict';
import path from 'node:path';
import type { ServicePage } from './pages/service-page.ts';
import { SCREENSHOT_DIR } from './session.ts';

/** What no printed record shows: the service's header, navigation, language toggle, footer, back link, buttons and the print link itself. */
const NOT_PRINTED = [
  '.govuk-header',
  '.govuk-service-navigation',
  '[data-testid="language-cy"]',
  '[data-testid="signed-in-as"]',
  '.govuk-footer',
  '.govuk-back-link',
  '.govuk-button',
  '[data-testid="print-page"]',
];

/**
 * The page as it prints: photographed under print media (test-results/screenshots/<label>-print-<lang>.png),
 * the layout's parts hidden and `content` still shown. The screen comes back afterwards.
 */
export async function assertPrintsOnlyContent(servicePage: ServicePage, label: string, content: string, alsoHidden: string[] = []): Promise<void> {
  const page = servicePage.page;
  await page.emulateMedia({ media: 'print' });
  try {
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${label}-print-${servicePage.language}.png`), fullPage: true });
    for (const selector of [...NOT_PRINTED, ...alsoHidden]) {
      for (const element of await page.locator(selector).all()) assert.equal(await element.isVisible(), false, `${selector} is not printed`);
    }
    assert.equal(await page.locator(content).first().isVisible(), true, `${content} is printed`);
  } finally {
    await page.emulateMedia({ media: 'screen' });
  }
}
