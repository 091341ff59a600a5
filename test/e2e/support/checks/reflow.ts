import { AssertionError } from 'node:assert';
import type { Page } from 'playwright-core';

/** A phone held upright, and a desktop page zoomed to 400% (WCAG 1.4.10 Reflow): 320 CSS px. */
export const PHONE_WIDTH = 320;

/**
 * The page must not scroll sideways at 320 CSS px: a wide table scrolls inside its own region,
 * long words wrap. Checked on the page already loaded, made narrow and then widened back (no second
 * visit): the document's scroll width may not exceed its client width. On failure it names the
 * first few elements that reach past the right edge, so the fix can be found from the message,
 * and photographs the narrow page when given where to: on failure, or always with `photograph`
 * (a page checked on its own, for people to look at; the sweep photographs only failures).
 */
export async function assertReflows(page: Page, label: string, screenshotPath?: string, options: { photograph?: 'always' | 'onFailure' } = {}): Promise<void> {
  const before = page.viewportSize();
  await page.setViewportSize({ width: PHONE_WIDTH, height: before?.height ?? 800 });
  try {
    const overflow = await page.evaluate(() => {
      const root = document.documentElement;
      if (root.scrollWidth <= root.clientWidth) return null;
      // The outermost elements that stick out: their children would only repeat them. (No named
      // functions in here: tsx would wrap them in a helper the page does not have.)
      const wide = [...document.querySelectorAll('body *')].filter((el) => {
        if (el.getBoundingClientRect().right <= root.clientWidth + 0.5) return false;
        const parent = el.parentElement;
        return !parent || parent.getBoundingClientRect().right <= root.clientWidth + 0.5;
      });
      return {
        scrollWidth: root.scrollWidth,
        wide: wide
          .slice(0, 6)
          .map(
            (el) =>
              `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.classList.length ? `.${[...el.classList].join('.')}` : ''}${
                el.getAttribute('data-testid') ? `[data-testid=${el.getAttribute('data-testid')}]` : ''
              } (${Math.round(el.getBoundingClientRect().right)} px)`,
          ),
      };
    });
    if (screenshotPath && (overflow || options.photograph === 'always')) await page.screenshot({ path: screenshotPath, fullPage: true });
    if (overflow)
      throw new AssertionError({
        message: `${label} (${page.url()}) scrolls sideways at ${PHONE_WIDTH} px: ${overflow.scrollWidth} px wide, past the edge: ${overflow.wide.join(', ')}`,
      });
  } finally {
    if (before) await page.setViewportSize(before);
  }
}
