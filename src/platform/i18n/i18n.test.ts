import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { languageFromHeader, loadLocale, translator } from './i18n.ts';
import { ROLES } from '../policy/roles.ts';
import { ORGANISATION_TYPES } from '../auth/schema.ts';

const srcDir = fileURLToPath(new URL('../..', import.meta.url));

function flatten(value: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') out.set(prefix, value);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) for (const [kk, vv] of flatten(v, prefix ? `${prefix}.${k}` : k)) out.set(kk, vv);
  }
  return out;
}

function allKeys(language: 'en' | 'cy'): Map<string, string> {
  const out = new Map<string, string>();
  for (const [namespace, content] of Object.entries(loadLocale(language))) {
    for (const [k, v] of flatten(content)) out.set(namespace === 'common' ? k : `${namespace}:${k}`, v);
  }
  return out;
}

function filesUnder(dir: string, suffixes: string[]): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) out.push(...filesUnder(full, suffixes));
    else if (suffixes.some((s) => entry.endsWith(s)) && !entry.endsWith('.test.ts')) out.push(full);
  }
  return out;
}

/** A language's plural categories, as i18next chooses them from `count` (Intl.PluralRules). */
function categoriesOf(language: 'en' | 'cy'): string[] {
  return [...new Intl.PluralRules(language).resolvedOptions().pluralCategories].sort();
}

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/**
 * Messages split into plain ones and plural ones (`key_one`, `key_other`, … grouped under `key`).
 * A key counts as plural when, in some language, it has both an `_one` and an `_other` form:
 * children's `ethnicity.asian_other` is an ethnic group, not a plural.
 */
function split(en: Map<string, string>, cy: Map<string, string>) {
  const bases = new Set<string>();
  for (const messages of [en, cy]) {
    for (const key of messages.keys()) {
      const base = key.replace(PLURAL_SUFFIX, '');
      if (base !== key && messages.has(`${base}_one`) && messages.has(`${base}_other`)) bases.add(base);
    }
  }
  const part = (messages: Map<string, string>) => {
    const plain = new Map<string, string>();
    const plural = new Map<string, Map<string, string>>();
    for (const [key, value] of messages) {
      const category = PLURAL_SUFFIX.exec(key)?.[1];
      const base = key.replace(PLURAL_SUFFIX, '');
      if (category && bases.has(base)) plural.set(base, (plural.get(base) ?? new Map()).set(category, value));
      else plain.set(key, value);
    }
    return { plain, plural };
  };
  return { bases, en: part(en), cy: part(cy) };
}

const en = allKeys('en');
const cy = allKeys('cy');
const messages = split(en, cy);

/**
 * Messages that put a number straight before a counted noun, which only reads right for some numbers.
 * The top of a range is left alone: "from {{min}} to {{max}} minutes" never has a maximum of one.
 */
const ENGLISH_NUMBER_BEFORE_NOUN =
  /\{\{(?!max\}\})\w+\}\} (?:more )?(children|families|households|months|days|weeks|hours|minutes|years|links|courses|sessions|places|entries|references|checks|groups|workers|referrals|enquiries|postcodes|ACEs)\b/;
/** "3 o blant" is right, "1 o blant" is not: a number before "o" and a noun needs plural forms. */
const WELSH_NUMBER_O_NOUN = /\{\{\w+\}\} o \p{L}/u;

describe('translations', () => {
  it('have the same keys in English and Welsh', () => {
    const missingInWelsh = [...messages.en.plain.keys()].filter((k) => !messages.cy.plain.has(k));
    const missingInEnglish = [...messages.cy.plain.keys()].filter((k) => !messages.en.plain.has(k));
    assert.deepEqual(missingInWelsh, [], 'keys missing in Welsh');
    assert.deepEqual(missingInEnglish, [], 'keys missing in English');
    const pluralOnlyInEnglish = [...messages.en.plural.keys()].filter((k) => !messages.cy.plural.has(k));
    const pluralOnlyInWelsh = [...messages.cy.plural.keys()].filter((k) => !messages.en.plural.has(k));
    assert.deepEqual(pluralOnlyInEnglish, [], 'plural messages missing in Welsh');
    assert.deepEqual(pluralOnlyInWelsh, [], 'plural messages missing in English');
  });

  it('give each plural message exactly the forms its language needs', () => {
    for (const language of ['en', 'cy'] as const) {
      const needed = categoriesOf(language);
      const wrong = [...messages[language].plural]
        .filter(([, forms]) => [...forms.keys()].sort().join() !== needed.join())
        .map(([base, forms]) => `${language} ${base}: has ${[...forms.keys()].sort().join(', ')}; needs ${needed.join(', ')}`);
      assert.deepEqual(wrong, []);
    }
    const alsoPlain = [...messages.bases].filter((base) => en.has(base) || cy.has(base));
    assert.deepEqual(alsoPlain, [], 'a plural message must not also exist without a suffix');
  });

  it('know which categories each language has', () => {
    assert.deepEqual(categoriesOf('en'), ['one', 'other']);
    assert.deepEqual(categoriesOf('cy'), ['few', 'many', 'one', 'other', 'two', 'zero']);
  });

  it('have no English left in the Welsh files (sentences must differ)', () => {
    const copied = [...messages.en.plain].filter(([k, v]) => v.split(' ').length >= 3 && messages.cy.plain.get(k) === v).map(([k]) => k);
    for (const [base, forms] of messages.en.plural) {
      const english = new Set([...forms.values()].filter((v) => v.split(' ').length >= 3));
      for (const [category, welsh] of messages.cy.plural.get(base) ?? []) if (english.has(welsh)) copied.push(`${base}_${category}`);
    }
    assert.deepEqual(copied, []);
  });

  it('have no empty messages', () => {
    assert.deepEqual(
      [...en, ...cy].filter(([, v]) => v.trim() === '').map(([k]) => k),
      [],
    );
  });

  it('give plural forms to every message that puts a number before a counted noun', () => {
    assert.deepEqual(
      [...messages.en.plain].filter(([, v]) => ENGLISH_NUMBER_BEFORE_NOUN.test(v)).map(([k, v]) => `${k}: ${v}`),
      [],
    );
    assert.deepEqual(
      [...messages.cy.plain].filter(([, v]) => WELSH_NUMBER_O_NOUN.test(v)).map(([k, v]) => `${k}: ${v}`),
      [],
    );
  });

  it('cover every key the templates and code ask for', () => {
    const used = new Set<string>();
    for (const file of filesUnder(srcDir, ['.njk', '.ts'])) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*["']([a-zA-Z]+:)?([a-zA-Z][\w.]*[\w])["']/g)) used.add(`${m[1] ?? ''}${m[2]}`);
      for (const m of text.matchAll(/["'`]((?:[a-z]+:)?errors\.[a-zA-Z]+\.[a-zA-Z.]+)["'`]/g)) used.add(m[1]!);
    }
    for (const role of ROLES) used.add(`roles.${role}`).add(`home.roleIntro.${role}`);
    for (const type of ORGANISATION_TYPES) used.add(`organisationTypes.${type}`);
    const missing = [...used].filter((k) => !en.has(k) && !messages.en.plural.has(k));
    assert.deepEqual(missing, []);
    assert.ok(used.size > 100, `expected to find many keys in use, found ${used.size}`);
  });

  it('pass a count wherever code asks for a plural message by name', () => {
    const withoutCount: string[] = [];
    for (const file of filesUnder(srcDir, ['.njk', '.ts'])) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*["']((?:[a-zA-Z]+:)?[a-zA-Z][\w.]*[\w])["']/g)) {
        if (!messages.en.plural.has(m[1]!)) continue;
        let depth = 0;
        let end = m.index;
        for (; end < text.length; end++) {
          if (text[end] === '(') depth++;
          else if (text[end] === ')' && --depth === 0) break;
        }
        if (!/\bcount\b/.test(text.slice(m.index, end))) withoutCount.push(`${path.relative(srcDir, file)}: ${m[1]}`);
      }
    }
    assert.deepEqual(withoutCount, []);
  });

  it('translate into Welsh through the same keys', () => {
    assert.equal(translator('cy')('layout.signOut'), 'Allgofnodi');
    assert.equal(translator('en')('layout.signOut'), 'Sign out');
    assert.equal(translator('cy')('accounts:signIn.title'), 'Mewngofnodi');
    assert.equal(translator('en')('layout.signedInAs', { name: 'Ada', organisation: 'Demo' }), 'Signed in as Ada, Demo');
  });
});

describe('numbers in words', () => {
  const en = translator('en');
  const cy = translator('cy');

  it('says one family and two families in English', () => {
    assert.equal(en('matches:overview.taken', { count: 1 }), '1 family could consider them but is suggested for other children');
    assert.equal(en('matches:overview.taken', { count: 2 }), '2 families could consider them but are suggested for other children');
    assert.equal(en('matches:recommend.unit', { names: 'Ela', ages: '7', count: 1 }), 'Ela (aged 7; waiting 1 month)');
    assert.equal(en('matches:recommend.unit', { names: 'Ela', ages: '7', count: 14 }), 'Ela (aged 7; waiting 14 months)');
  });

  it('says "1 teulu" but "2 o deuluoedd" in Welsh, never "1 o blant"', () => {
    assert.equal(cy('matches:overview.taken', { count: 1 }), 'Gallai 1 teulu eu hystyried ond fe’i awgrymir ar gyfer plant eraill');
    assert.equal(cy('matches:overview.taken', { count: 2 }), 'Gallai 2 o deuluoedd eu hystyried ond fe’u hawgrymir ar gyfer plant eraill');
    assert.equal(cy('matches:overview.gapProfile', { count: 1, size: '1', age: '4-7' }), '1 plentyn 4-7 oed');
    assert.equal(cy('matches:overview.gapProfile', { count: 4, size: '4+', age: '8-11' }), '4+ o blant, yr hynaf yn 8-11 oed');
  });

  it('mutates a unit of time after 2 in Welsh, as "dau" does', () => {
    assert.equal(cy('matches:recommend.unit', { names: 'Ela', ages: '7', count: 1 }), 'Ela (7 oed; yn aros 1 mis)');
    assert.equal(cy('matches:recommend.unit', { names: 'Ela', ages: '7', count: 2 }), 'Ela (7 oed; yn aros 2 fis)');
    assert.equal(cy('matches:recommend.unit', { names: 'Ela', ages: '7', count: 6 }), 'Ela (7 oed; yn aros 6 mis)');
    assert.equal(cy('support:request.days', { count: 2 }), '2 ddiwrnod');
    assert.equal(cy('support:request.days', { count: 3 }), '3 diwrnod');
    assert.equal(en('support:request.days', { count: 1 }), '1 day');
  });

  it('chooses the form from the number even when another figure is shown', () => {
    assert.equal(en('support:hours.value', { count: 1, hours: '1' }), '1 hour');
    assert.equal(en('support:hours.value', { count: 1.5, hours: '1.5' }), '1.5 hours');
    assert.equal(en('workforce:supervision.teamOverdue', { count: 1, overdue: 1 }), 'Overdue: 1 of 1 worker');
    assert.equal(cy('workforce:supervision.teamOverdue', { count: 12, overdue: 3 }), 'Yn hwyr: 3 o 12 o weithwyr');
  });
});

describe('language from the browser', () => {
  it('prefers Welsh when the browser ranks it first', () => {
    assert.equal(languageFromHeader('cy-GB,cy;q=0.9,en;q=0.8'), 'cy');
    assert.equal(languageFromHeader('en-GB,en;q=0.9,cy;q=0.5'), 'en');
    assert.equal(languageFromHeader('fr-FR,en;q=0.2,cy;q=0.7'), 'cy');
  });

  it('has no opinion when neither language is asked for', () => {
    assert.equal(languageFromHeader('fr-FR'), undefined);
    assert.equal(languageFromHeader(undefined), undefined);
  });
});
