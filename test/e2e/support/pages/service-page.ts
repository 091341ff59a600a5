import assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { translator, type Language } from '../../../../src/platform/i18n/i18n.ts';
import type { BrowserSession } from '../session.ts';
import { expectPath, expectText, expectVisible } from '../wait.ts';

export type PageClass<T extends ServicePage> = new (session: BrowserSession) => T;

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A translated heading as a pattern: the whole text, with anything in place of each `{{placeholder}}`. */
export function headingPattern(text: string): RegExp {
  return new RegExp(
    `^${text
      .split(/\{\{[^}]*\}\}/)
      .map(escapeRegExp)
      .join('.+')}$`,
  );
}

/**
 * A page of the service as a person sees it. Subclasses say where the page lives and what its
 * main heading reads (in the session's language); `verify` checks both before any action, so a
 * test never types into the wrong page. The layout's parts (language toggle, navigation,
 * sign-out) are here because every page has them.
 */
export abstract class ServicePage {
  /** Short name for screenshots and failure messages. */
  abstract readonly name: string;
  /** The address of the page (path and query). */
  protected abstract readonly path: RegExp;
  /** The page's <h1>, as a person reads it. */
  protected abstract heading(): string | RegExp;
  /** Parts of the page that show stored data (names, audit codes) rather than interface text. */
  readonly dataRegions: string[] = [];

  constructor(readonly session: BrowserSession) {}

  get page(): Page {
    return this.session.page;
  }

  get language(): Language {
    return this.session.language;
  }

  t(key: string, params?: Record<string, unknown>): string {
    return translator(this.language)(key, params);
  }

  byTestId(id: string): Locator {
    return this.page.getByTestId(id);
  }

  async verify(options: { withErrors?: boolean } = {}): Promise<void> {
    await expectPath(this.page, this.path, this.name);
    await this.page.locator(`html[lang="${this.language}"]`).waitFor({ state: 'attached' });
    await expectText(this.page.locator('h1'), this.heading(), `the ${this.name} page heading`);
    if (options.withErrors) {
      await expectText(this.errorSummary().locator('.govuk-error-summary__title'), this.t('errors.summaryTitle'), 'the error summary title');
    }
    await this.verifyContent();
  }

  /** Further checks a page needs to be told apart (a table, a list); none by default. */
  protected async verifyContent(): Promise<void> {}

  /** This page does not scroll sideways at 320 CSS px, a phone or 400% zoom (WCAG 1.4.10); the page again, to go on. */
  async assertReflows(): Promise<this> {
    await this.session.assertReflows(this);
    return this;
  }

  /** The language toggle in the header: the same page again, in the other language. */
  async switchLanguage(to: Language): Promise<this> {
    await this.byTestId(`language-${to}`).click();
    this.session.language = to;
    return this.session.expect(this.constructor as PageClass<this>);
  }

  /** Where the first link matching `selector` leads (path and query), to go there next. */
  async href(selector: string): Promise<string> {
    const link = this.page.locator(selector).first();
    await expectVisible(link, `a link ${selector} on the ${this.name} page`);
    const href = await link.getAttribute('href');
    assert.ok(href, `the link ${selector} on the ${this.name} page has no address`);
    return href;
  }

  /** Follows an item of the service navigation, named in the reader's language. */
  async navigate<T extends ServicePage>(key: string, Expected: PageClass<T>): Promise<T> {
    await this.page
      .locator('.govuk-service-navigation')
      .getByRole('link', { name: this.t(key), exact: true })
      .click();
    return this.session.expect(Expected);
  }

  /** Follows a link of the footer (accessibility, cookies, privacy). */
  async followFooterLink<T extends ServicePage>(key: string, Expected: PageClass<T>): Promise<T> {
    await this.page
      .locator('.govuk-footer')
      .getByRole('link', { name: this.t(key), exact: true })
      .click();
    return this.session.expect(Expected);
  }

  /** The items of the service navigation, as link texts. */
  async navigationItems(): Promise<string[]> {
    return (await this.page.locator('.govuk-service-navigation__list').getByRole('link').allInnerTexts()).map((t) => t.trim());
  }

  /** Who the header says is signed in. */
  async signedInAs(): Promise<string> {
    await expectVisible(this.byTestId('signed-in-as'), 'the “signed in as” line');
    // The line itself, not the header search box that shares its row.
    return (await this.byTestId('signed-in-as').locator(':scope > span').first().innerText()).trim();
  }

  async signOut(): Promise<SignedOutPage> {
    const button = this.byTestId('sign-out');
    await expectText(button, this.t('layout.signOut'), 'the sign-out button');
    await button.click();
    return this.session.expect(SignedOutPage);
  }

  /** The notice of what was just done (the success banner above the heading). */
  async flash(): Promise<string> {
    await expectVisible(this.byTestId('flash'), 'the notice of what was just done');
    return (await this.byTestId('flash').locator('.govuk-notification-banner__heading').innerText()).trim();
  }

  /** The GOV.UK error summary at the top of a form that was refused. */
  errorSummary(): Locator {
    return this.page.locator('.govuk-error-summary');
  }

  /** The messages of the error summary, in order. */
  async errorMessages(): Promise<string[]> {
    return (await this.errorSummary().locator('.govuk-error-summary__list a').allInnerTexts()).map((m) => m.trim());
  }

  /** The message shown beside one field, without its visually hidden “Error:” prefix. */
  async fieldError(field: string): Promise<string> {
    const message = this.page.locator(`#${field}-error`);
    await expectVisible(message, `the error message of ${field}`);
    return (
      await message.evaluate((el) =>
        [...el.childNodes]
          .filter((n) => !(n instanceof HTMLElement && n.classList.contains('govuk-visually-hidden')))
          .map((n) => n.textContent)
          .join(''),
      )
    ).trim();
  }

  /** Following a link of the error summary puts the cursor in the field it names; returns that field's id. */
  async followErrorLink(index: number): Promise<string | null> {
    await this.errorSummary().locator('.govuk-error-summary__list a').nth(index).click();
    return this.page.evaluate(() => document.activeElement?.id ?? null);
  }
}

/** Where signing out from any page ends (kept here: every page's sign-out button leads to it). */
export class SignedOutPage extends ServicePage {
  readonly name = 'signed-out';
  protected readonly path = /^\/sign-out(\?|$)/;
  protected heading() {
    return this.t('accounts:signedOut.title');
  }
  protected async verifyContent() {
    await expectVisible(this.byTestId('signed-out'), 'the signed-out heading');
    // Nothing on the page may suggest the person is still signed in.
    assert.equal(await this.byTestId('signed-in-as').count(), 0, 'the signed-out page still says who is signed in');
    assert.equal(await this.byTestId('sign-out').count(), 0, 'the signed-out page still offers to sign out');
    assert.deepEqual(await this.navigationItems(), [], 'the signed-out page still shows the navigation for signed-in people');
  }
}

/**
 * A page known by its address and its heading (a translation key, placeholders standing for any
 * text; or a pattern): enough to check a page of a sweep over many pages is the right one.
 * `dataRegions` select what shows stored data (names, dates, what people typed).
 */
export function plainPage(name: string, path: RegExp, heading: string | string[] | RegExp, dataRegions: string[] = []): PageClass<ServicePage> {
  return class extends ServicePage {
    readonly name = name;
    protected readonly path = path;
    readonly dataRegions = dataRegions;
    protected heading() {
      if (heading instanceof RegExp) return heading;
      const patterns = [heading].flat().map((key) => headingPattern(this.t(key)).source);
      return new RegExp(patterns.join('|'));
    }
  };
}
