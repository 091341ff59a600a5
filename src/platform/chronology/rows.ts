import type { ChronologyEntry } from './entry.ts';
import { longDate } from '../format/format.ts';

type T = (key: string, params?: Record<string, unknown>) => string;

/** A line's short description in the reader's language, its terms translated and bilingual data chosen. */
export function describeEntry(entry: ChronologyEntry, t: T, language: string): string {
  const terms = Object.fromEntries(Object.entries(entry.text.terms ?? {}).map(([name, key]) => [name, t(key)]));
  const bilingual = Object.fromEntries(Object.entries(entry.text.bilingual ?? {}).map(([name, value]) => [name, language === 'cy' ? value.cy : value.en]));
  return t(entry.text.key, { ...entry.text.params, ...terms, ...bilingual });
}

/** The chronology's lines as the page shows them. */
export function chronologyRows(entries: readonly ChronologyEntry[], t: T, language: string) {
  return entries.map((e) => ({
    date: longDate(e.on, language),
    on: e.on,
    kind: e.kind,
    kindText: t(`chronology:kinds.${e.kind}`),
    text: describeEntry(e, t, language),
    who: e.who ?? '',
    href: e.href ?? null,
  }));
}
