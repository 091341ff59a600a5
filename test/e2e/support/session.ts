import { AssertionError } from 'node:assert';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Language } from '../../../src/platform/i18n/i18n.ts';
import { assertAccessible } from './checks/accessibility.ts';
import { assertTranslated } from './checks/language.ts';
import { assertReflows } from './checks/reflow.ts';
import { EXPECT_TIMEOUT_MS } from './wait.ts';
import type { PageClass, ServicePage } from './pages/service-page.ts';

export const SCREENSHOT_DIR = path.resolve(import.meta.dirname, '../../../test-results/screenshots');
/**
 * Screenshots are for people to look at; under CI nobody does (the clone is thrown away), and a
 * full-page PNG of every visit is a good part of the browser pass's work. E2E_SCREENSHOTS=on|off overrides.
 */
const SCREENSHOTS = process.env.E2E_SCREENSHOTS ? process.env.E2E_SCREENSHOTS !== 'off' : !['true', '1'].includes(process.env.CI ?? '');
const visitCounters = new Map<string, number>();
const scanned = new Set<string>();

/** Removes one suite's screenshots of an earlier run, so the folder shows only this run. */
export function clearScreenshots(suite: string): void {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  for (const file of readdirSync(SCREENSHOT_DIR)) if (file.startsWith(`${suite}-`)) rmSync(path.join(SCREENSHOT_DIR, file));
  visitCounters.set(suite, 0);
}

export type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

/**
 * One person at one browser: a context of its own (cookies), the language they are reading in,
 * and a record of what went wrong underneath the page (failed stylesheets, script errors).
 * Every page reached through `open` or `expect` is verified, photographed and checked.
 */
export class BrowserSession {
  language: Language = 'en';
  /** HTTP status of the last document the browser loaded. */
  lastStatus: number | undefined;
  /** Also check each page at 320 CSS px for sideways scrolling (checks/reflow.ts); the sweep turns it on. */
  checkReflow = false;
  private problems: string[] = [];

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    private readonly suite: string,
  ) {
    page.on('response', (response) => {
      const request = response.request();
      if (request.isNavigationRequest() && response.frame() === page.mainFrame()) this.lastStatus = response.status();
      else if (response.status() >= 400) this.problems.push(`${response.status()} for ${request.resourceType()} ${response.url()}`);
    });
    page.on('requestfailed', (request) => {
      if (!request.isNavigationRequest()) this.problems.push(`${request.resourceType()} ${request.url()} failed: ${request.failure()?.errorText}`);
    });
    page.on('console', (message) => {
      // A document answered with 403 or 404 is logged too; sub-resources are caught above.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) this.problems.push(`console error: ${message.text()}`);
    });
    page.on('pageerror', (error) => this.problems.push(`script error: ${error.message}`));
  }

  static async start(browser: Browser, baseURL: string, suite: string, storageState?: StorageState): Promise<BrowserSession> {
    const context = await browser.newContext({ baseURL, locale: 'en-GB', viewport: { width: 1280, height: 800 }, storageState });
    context.setDefaultTimeout(EXPECT_TIMEOUT_MS * 2);
    context.setDefaultNavigationTimeout(EXPECT_TIMEOUT_MS * 2);
    return new BrowserSession(context, await context.newPage(), suite);
  }

  /** Goes to an address as if typed, then expects the page there. */
  async open<T extends ServicePage>(url: string, Expected: PageClass<T>): Promise<T> {
    await this.page.goto(url);
    return this.expect(Expected);
  }

  /**
   * The browser should now be showing this page: verify it, then check it. With `withErrors`
   * the page must show the GOV.UK error summary (a form sent back to be corrected).
   */
  async expect<T extends ServicePage>(Expected: PageClass<T>, options: { withErrors?: boolean } = {}): Promise<T> {
    const servicePage = new Expected(this);
    await servicePage.verify(options);
    await this.inspect(servicePage, options.withErrors ? 'errors' : '');
    return servicePage;
  }

  /**
   * What every visited page must pass: a full-page screenshot saved for people to look at,
   * its stylesheets loaded and no script or asset errors, WCAG 2.2 AA by axe-core, and every
   * word in the reader's language; with `checkReflow`, no sideways scrolling at 320 CSS px.
   */
  async inspect(servicePage: ServicePage, state = ''): Promise<void> {
    const label = [servicePage.name, state, this.language].filter(Boolean).join('-');
    const visit = (visitCounters.get(this.suite) ?? 0) + 1;
    visitCounters.set(this.suite, visit);
    mkdirSync(SCREENSHOT_DIR, { recursive: true });
    const screenshot = (suffix = '') => path.join(SCREENSHOT_DIR, `${this.suite}-${String(visit).padStart(2, '0')}-${label}${suffix}.png`);
    if (SCREENSHOTS) await this.page.screenshot({ path: screenshot(), fullPage: true });

    const unstyled = await this.page.evaluate(() =>
      [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')]
        .filter((link) => {
          try {
            return !link.sheet || link.sheet.cssRules.length === 0;
          } catch {
            return true;
          }
        })
        .map((link) => link.href),
    );
    const problems = [...this.problems, ...unstyled.map((href) => `stylesheet not applied: ${href}`)];
    this.problems = [];
    if (problems.length) throw new AssertionError({ message: `${label} (${this.page.url()}) did not load cleanly:\n  ${problems.join('\n  ')}` });

    // axe takes most of a visit's time: a page already scanned in this suite in the same language
    // and state (the sign-in page of each new session, say) is photographed and read, not rescanned.
    const scanKey = `${this.suite}/${label}`;
    if (!scanned.has(scanKey)) {
      await assertAccessible(this.page, label);
      scanned.add(scanKey);
    }
    await assertTranslated(this.page, this.language, label, servicePage.dataRegions);
    if (this.checkReflow) await assertReflows(this.page, label, SCREENSHOTS ? screenshot('-320') : undefined);
  }

  /**
   * The page now shown must not scroll sideways at 320 CSS px (checks/reflow.ts): for a suite that
   * checks one visit of each kind of page rather than every visit (`checkReflow`). The narrow page
   * is photographed beside the visit's own screenshot.
   */
  async assertReflows(servicePage: ServicePage): Promise<void> {
    const label = [servicePage.name, this.language].join('-');
    const visit = String(visitCounters.get(this.suite) ?? 0).padStart(2, '0');
    const photo = SCREENSHOTS ? path.join(SCREENSHOT_DIR, `${this.suite}-${visit}-${label}-320.png`) : undefined;
    await assertReflows(this.page, label, photo, { photograph: 'always' });
  }

  async storageState(): Promise<StorageState> {
    return this.context.storageState();
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}
