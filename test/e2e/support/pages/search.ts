import type { Locator } from 'playwright-core';
import { ServicePage } from './service-page.ts';
import { expectVisible } from '../wait.ts';

/** The search page: the form, and what was found grouped by kind, each with why it matched. */
export class SearchPage extends ServicePage {
  readonly name = 'search';
  protected readonly path = /^\/search(\?|$)/;
  // What was found is stored data: names, references, organisations.
  readonly dataRegions = ['[data-testid="search-result-link"]', '[data-testid="search-result-details"]'];
  protected heading() {
    return this.t('search:title');
  }
  protected async verifyContent() {
    await expectVisible(this.byTestId('search-form'), 'the search form');
  }

  group(kind: 'children' | 'referrals' | 'households' | 'people'): Locator {
    return this.byTestId(`search-group-${kind}`);
  }

  /** The titles of the results of one kind, as their links read. */
  async titles(kind: 'children' | 'referrals' | 'households' | 'people'): Promise<string[]> {
    return (await this.group(kind).getByTestId('search-result-link').allInnerTexts()).map((text) => text.trim());
  }

  /** Why each result of one kind was found, as the page says it. */
  async reasons(kind: 'children' | 'referrals' | 'households' | 'people'): Promise<string[]> {
    return (await this.group(kind).getByTestId('search-result-why').allInnerTexts()).map((text) => text.trim());
  }

  /** The hints shown before anything was searched for. */
  async emptyState(): Promise<string> {
    await expectVisible(this.byTestId('search-empty'), 'what to try');
    return (await this.byTestId('search-empty').innerText()).trim();
  }
}

/** Types into the search box in the header of any signed-in page and searches. */
export async function searchFromHeader(from: ServicePage, text: string): Promise<SearchPage> {
  await from.page.locator('#header-search-q').fill(text);
  await from.byTestId('header-search-button').click();
  return from.session.expect(SearchPage);
}
