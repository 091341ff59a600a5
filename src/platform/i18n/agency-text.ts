import type { Language } from './i18n.ts';

/**
 * Text the agency wrote in English and Welsh (a child's profile, a course description), as a page in
 * `language` shows it: its own version when there is one; otherwise the other version, with `lang` so a
 * screen reader speaks it in its own language (WCAG 3.1.2) and the page can say it is the only one.
 */
export type AgencyText = { text: string; lang?: Language };

export function agencyText(versions: { en?: string | null; cy?: string | null }, language: Language): AgencyText | undefined {
  const own = versions[language]?.trim();
  if (own) return { text: own };
  const other: Language = language === 'cy' ? 'en' : 'cy';
  const fallback = versions[other]?.trim();
  return fallback ? { text: fallback, lang: other } : undefined;
}

/**
 * An organisation's name as a reader in `language` sees it: the Welsh name for a Welsh reader when the
 * organisation has one, otherwise the English name (which every organisation has), marked `lang: 'en'`
 * for a Welsh reader. Every page, PDF and message that names an organisation asks here.
 */
export function organisationName(organisation: { name: string; nameCy?: string | null }, language: Language): AgencyText {
  return agencyText({ en: organisation.name, cy: organisation.nameCy }, language) ?? { text: organisation.name };
}

/** The same name as plain text, where no `lang` mark can travel (a PDF, an e-mail, a button's words). */
export function organisationNameText(organisation: { name: string; nameCy?: string | null }, language: Language): string {
  return organisationName(organisation, language).text;
}

/** Agency text as escaped HTML for a page: the other language's version wrapped in its `lang`. */
export function agencyTextHtml(value: AgencyText): string {
  const text = value.text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return value.lang ? `<span lang="${value.lang}">${text}</span>` : text;
}

/** An organisation's name as escaped HTML for a page (a summary list's value, a table cell). */
export function organisationNameHtml(organisation: { name: string; nameCy?: string | null }, language: Language): string {
  return agencyTextHtml(organisationName(organisation, language));
}
