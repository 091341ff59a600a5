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

const en = allKeys('en');
const cy = allKeys('cy');

describe('translations', () => {
  it('have the same keys in English and Welsh', () => {
    const missingInWelsh = [...en.keys()].filter((k) => !cy.has(k));
    const missingInEnglish = [...cy.keys()].filter((k) => !en.has(k));
    assert.deepEqual(missingInWelsh, [], 'keys missing in Welsh');
    assert.deepEqual(missingInEnglish, [], 'keys missing in English');
  });

  it('have no English left in the Welsh files (sentences must differ)', () => {
    const copied = [...en].filter(([k, v]) => v.split(' ').length >= 3 && cy.get(k) === v).map(([k]) => k);
    assert.deepEqual(copied, []);
  });

  it('have no empty messages', () => {
    assert.deepEqual([...en, ...cy].filter(([, v]) => v.trim() === '').map(([k]) => k), []);
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
    const missing = [...used].filter((k) => !en.has(k));
    assert.deepEqual(missing, []);
    assert.ok(used.size > 100, `expected to find many keys in use, found ${used.size}`);
  });

  it('translate into Welsh through the same keys', () => {
    assert.equal(translator('cy')('layout.signOut'), 'Allgofnodi');
    assert.equal(translator('en')('layout.signOut'), 'Sign out');
    assert.equal(translator('cy')('accounts:signIn.title'), 'Mewngofnodi');
    assert.equal(translator('en')('layout.signedInAs', { name: 'Ada', organisation: 'Demo' }), 'Signed in as Ada, Demo');
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
