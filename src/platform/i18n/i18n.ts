import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import i18next, { type TFunction } from 'i18next';
import { projectRoot } from '../project-root.ts';

export const LANGUAGES = ['en', 'cy'] as const;
export type Language = (typeof LANGUAGES)[number];

export const LOCALES_DIR = path.join(projectRoot(), 'src/platform/i18n/locales');

/** Every namespace file of one language, keyed by namespace (the file name). */
export function loadLocale(language: Language): Record<string, Record<string, unknown>> {
  const dir = path.join(LOCALES_DIR, language);
  const resources: Record<string, Record<string, unknown>> = {};
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    resources[path.basename(file, '.json')] = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>;
  }
  return resources;
}

const instance = i18next.createInstance();
await instance.init({
  resources: { en: loadLocale('en'), cy: loadLocale('cy') },
  lng: 'en',
  fallbackLng: false,
  ns: Object.keys(loadLocale('en')),
  defaultNS: 'common',
  nsSeparator: ':',
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
  showSupportNotice: false,
} as Parameters<typeof instance.init>[0]);

const fixed: Record<Language, TFunction> = {
  en: instance.getFixedT('en'),
  cy: instance.getFixedT('cy'),
};

/** A translator bound to one language. Keys are `namespace:page.element.purpose`; common needs no prefix. */
export function translator(language: Language): (key: string, params?: Record<string, unknown>) => string {
  const t = fixed[language];
  return (key, params) => String(t(key, params ?? {}));
}

export function isLanguage(value: unknown): value is Language {
  return value === 'en' || value === 'cy';
}

/** Picks Welsh when the Accept-Language header prefers it over English. */
export function languageFromHeader(header: string | undefined): Language | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag, ...rest] = part.trim().split(';');
      const q = rest.find((p) => p.trim().startsWith('q='));
      return { tag: (tag ?? '').toLowerCase(), q: q ? Number(q.split('=')[1]) : 1 };
    })
    .filter((entry) => entry.tag.startsWith('cy') || entry.tag.startsWith('en'))
    .sort((a, b) => b.q - a.q);
  const first = ranked[0];
  return first ? (first.tag.startsWith('cy') ? 'cy' : 'en') : undefined;
}
