import { AssertionError } from 'node:assert';
import type { Page } from 'playwright-core';
import { loadLocale, type Language } from '../../../../src/platform/i18n/i18n.ts';

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [[prefix + key, value] as [string, string]] : leaves(value, `${prefix}${key}.`),
  );
}

const en = loadLocale('en') as Record<string, Tree>;
const cy = loadLocale('cy') as Record<string, Tree>;
const cyValues = Object.values(cy).flatMap((tree) => leaves(tree).map(([, v]) => v));

/**
 * English that must never reach a Welsh page: every English message of ours that differs from
 * its Welsh (placeholders cut out), and the English defaults GOV.UK Frontend components fall back
 * to when a template forgets to pass translated text.
 */
const GOVUK_FRONTEND_DEFAULTS = [
  'There is a problem',
  'Error:',
  'Skip to main content',
  'Support links',
  'Crown copyright',
  'Open Government Licence',
  'Show password',
  'Hide password',
  'Your password is visible',
  'Your password is hidden',
  'Menu',
  'Warning',
  'Important',
  'Success',
  'Previous',
  'Next',
];

const englishPhrases: string[] = [
  ...new Set([
    ...Object.values(en)
      .flatMap((tree) => leaves(tree).map(([, v]) => v))
      .flatMap((v) => v.split(/\{\{[^}]*\}\}/))
      .map((v) => v.trim().replace(/[:.,]$/, ''))
      .filter((v) => v.length >= 4 && !cyValues.some((w) => w.includes(v))),
    ...GOVUK_FRONTEND_DEFAULTS,
  ]),
];

/** The English phrases found in a text as whole words (a plain search first: hundreds of phrases, most absent). */
function englishIn(text: string): string[] {
  const isLetter = (c: string | undefined) => c !== undefined && /\p{L}/u.test(c);
  return englishPhrases.filter((phrase) => {
    for (let at = text.indexOf(phrase); at !== -1; at = text.indexOf(phrase, at + 1)) {
      if (!isLetter(text[at - 1]) && !isLetter(text[at + phrase.length])) return true;
    }
    return false;
  });
}

/** A translation key shown instead of its text: `accounts:signIn.title`, or `signIn.title` once i18next drops the namespace. */
const RAW_KEY = /^[a-z][a-zA-Z]*(:[a-z][a-zA-Z]*)?(\.[a-zA-Z][a-zA-Z0-9]*)+$/;

/** Stored data every signed-in page shows in its header: who is signed in, and their organisation. */
const LAYOUT_DATA = ['[data-testid="signed-in-name"]', '[data-testid="signed-in-organisation"]'];

/** Words people read or hear: text nodes (visible or visually hidden) and the labels of controls and landmarks. */
async function readableText(page: Page, language: Language, ignore: string[]): Promise<string> {
  // Text marked as in another language (the other half of a bilingual certificate, the toggle's
  // "English") is that language by design (WCAG 3.1.2, language of parts).
  // <code> holds codes people type (a campaign's code, a checksum), which are data in no language.
  const skipped = ['script', 'style', 'svg', 'code', `[lang]:not([lang="${language}"])`, ...LAYOUT_DATA, ...ignore].join(', ');
  return page.evaluate((skip) => {
    const parts: string[] = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.parentElement?.closest(skip)) parts.push(node.textContent ?? '');
    }
    for (const el of document.body.querySelectorAll('[aria-label], [title], [alt], [placeholder]')) {
      if (el.closest(skip)) continue;
      for (const a of ['aria-label', 'title', 'alt', 'placeholder']) parts.push(el.getAttribute(a) ?? '');
    }
    return parts.join('\n');
  }, skipped);
}

/**
 * Fails when a page is in the wrong language: a raw translation key anywhere, a wrong `lang`
 * on <html>, or (on a Welsh page) English text of the interface. `ignore` selects data shown
 * as stored (names, audit action codes), which is not interface text.
 */
export async function assertTranslated(page: Page, language: Language, label: string, ignore: string[] = []): Promise<void> {
  const problems: string[] = [];
  const htmlLang = await page.locator('html').getAttribute('lang');
  if (htmlLang !== language) problems.push(`<html lang="${htmlLang}">, expected "${language}"`);
  const text = await readableText(page, language, ignore);
  const keys = [
    ...new Set(
      text
        .split(/\s+/)
        .map((w) => w.replace(/^[("“‘]+|[)"”’,;!?]+$/g, '').replace(/\.$/, ''))
        .filter((w) => RAW_KEY.test(w) && w.includes('.')),
    ),
  ];
  if (keys.length) problems.push(`raw translation keys: ${keys.join(', ')}`);
  if (text.includes('returned an object instead of string')) problems.push('a translation key that names a group, not a message');
  if (language === 'cy') {
    const english = englishIn(text);
    if (english.length) problems.push(`English on a Welsh page: ${english.map((e) => JSON.stringify(e)).join(', ')}`);
  }
  if (problems.length) throw new AssertionError({ message: `${label} (${page.url()}) is not properly translated:\n  ${problems.join('\n  ')}` });
}
