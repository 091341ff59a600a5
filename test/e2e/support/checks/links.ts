import type { Page } from 'playwright-core';

/**
 * Addresses a link may lead to without being followed here: signing out ends the walk's session,
 * the calendar feed's address is a credential of its own, assets and the API are not pages.
 */
const NOT_FOLLOWED = [/^\/sign-out/, /^\/assets\//, /^\/static\//, /^\/stylesheets\//, /^\/javascripts\//, /^\/api\//, /^\/calendar\//];

/**
 * Every page's links must open for the person reading it: a link to a page that answers 403 is an
 * offer the service cannot keep. Each same-origin link of the page is asked for once per person
 * (GET, with the person's own cookies, without following redirects); the language toggle's `lang`
 * is left out so asking does not change the reader's language. Returns one line per broken link.
 */
export class ForbiddenLinkCheck {
  private readonly asked = new Set<string>();

  async check(page: Page, person: string): Promise<string[]> {
    const origin = new URL(page.url()).origin;
    const hrefs = await page.locator('a[href]:not([download])').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
    const problems: string[] = [];
    for (const href of hrefs) {
      const url = new URL(href);
      if (url.origin !== origin || NOT_FOLLOWED.some((pattern) => pattern.test(url.pathname))) continue;
      url.hash = '';
      url.searchParams.delete('lang');
      const key = `${person} ${url.pathname}${url.search}`;
      if (this.asked.has(key)) continue;
      this.asked.add(key);
      const response = await page.context().request.get(url.toString(), { maxRedirects: 0 });
      if (response.status() === 403)
        problems.push(`${new URL(page.url()).pathname} offers ${person} a link to ${url.pathname}${url.search}, which answers 403`);
      await response.dispose();
    }
    return problems;
  }
}
