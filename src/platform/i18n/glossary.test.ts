import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { assertWelshLocaleData, conjunctionContext, mutations, startsWithVowelSound } from './welsh.ts';
import { LOCALES_DIR, loadLocale, translator } from './i18n.ts';
import { dayHeading } from '../format/format.ts';

type Term = { en: string; match: string; cy: string; stems: string[]; avoid: string[] };
const glossary = JSON.parse(readFileSync(path.join(LOCALES_DIR, '..', 'glossary.json'), 'utf8')) as { terms: Term[] };

function flatten(value: unknown, prefix = '', out = new Map<string, string>()): Map<string, string> {
  if (typeof value === 'string') out.set(prefix, value);
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

/** Every message as [key, English, Welsh]. */
function pairs(): [string, string, string][] {
  const en = loadLocale('en');
  const cy = loadLocale('cy');
  const out: [string, string, string][] = [];
  for (const [namespace, content] of Object.entries(en)) {
    const welsh = flatten(cy[namespace]);
    for (const [key, english] of flatten(content)) {
      const translated = welsh.get(key);
      if (translated !== undefined) out.push([`${namespace}:${key}`, english, translated]);
    }
  }
  return out;
}

describe('Welsh glossary (src/platform/i18n/glossary.json)', () => {
  const messages = pairs();

  for (const term of glossary.terms) {
    it(`says "${term.en}" as "${term.cy}" wherever the English says it`, () => {
      const english = new RegExp(term.match, 'i');
      const forms = term.stems.flatMap(mutations);
      const wrong = messages
        .filter(([, en]) => english.test(en))
        .filter(([, , cy]) => {
          const welsh = cy.toLowerCase();
          return !forms.some((form) => welsh.includes(form)) || term.avoid.some((avoided) => welsh.includes(avoided.toLowerCase()));
        })
        .map(([key, , cy]) => `${key}: ${cy}`);
      assert.deepEqual(wrong, []);
    });
  }

  it('gives feminine nouns the aspirate mutation after "wedi’i" ("sgôr wedi’i hesbonio", never "wedi’i esbonio")', () => {
    const feminine = ['sgôr', 'sesiwn', 'aelwyd', 'ymgyrch', 'fersiwn', 'neges', 'dogfen', 'anfoneb'];
    const pattern = new RegExp(`\\b(${feminine.join('|')})( \\p{L}+)? wedi’i (?:[aeiouwyâêîôûŵŷ]|dd|f(?!f))`, 'iu');
    const wrong = messages.filter(([, , cy]) => pattern.test(cy)).map(([key, , cy]) => `${key}: ${cy}`);
    assert.deepEqual(wrong, []);
  });
});

describe('a/ac and â/ag before an inserted word', () => {
  it('reads the first sound of names, numbers and Welsh w', () => {
    assert.equal(startsWithVowelSound('Ayla'), true);
    assert.equal(startsWithVowelSound('Ynyr'), true);
    assert.equal(startsWithVowelSound('Ŵyn'), true);
    assert.equal(startsWithVowelSound('Bryn'), false);
    assert.equal(startsWithVowelSound('Huw'), false);
    assert.equal(startsWithVowelSound('Wyn'), false);
    assert.equal(startsWithVowelSound('wrth'), true);
    assert.equal(startsWithVowelSound('8 Mai 2026'), true);
    assert.equal(startsWithVowelSound('1 Ebrill'), true);
    assert.equal(startsWithVowelSound('11 Mehefin'), true);
    assert.equal(startsWithVowelSound('18 Mehefin'), false);
    assert.equal(startsWithVowelSound('31 Mawrth'), false);
    assert.equal(conjunctionContext(''), undefined);
  });

  it('joins names with "ac" before a vowel and "a" before a consonant in Welsh, "and" in English', () => {
    const cy = translator('cy');
    const en = translator('en');
    assert.equal(cy('names.and', { first: 'Bryn', last: 'Efa', context: conjunctionContext('Efa') }), 'Bryn ac Efa');
    assert.equal(cy('names.and', { first: 'Efa', last: 'Bryn', context: conjunctionContext('Bryn') }), 'Efa a Bryn');
    assert.equal(en('names.and', { first: 'Bryn', last: 'Efa', context: conjunctionContext('Efa') }), 'Bryn and Efa');
    assert.equal(
      cy('finance-costs:period.placedBetween', { from: '1 Ebrill 2025', to: '8 Mai 2026', context: conjunctionContext('8 Mai 2026') }),
      'Plant a leolwyd rhwng 1 Ebrill 2025 ac 8 Mai 2026',
    );
    assert.equal(
      cy('preparation:sharing.sharedWith', { names: 'Ysgol Seicoleg', context: conjunctionContext('Ysgol Seicoleg') }),
      'Wedi’i rannu ar gyfer paratoi therapiwtig ag Ysgol Seicoleg.',
    );
  });
});

describe('the day headings of "My work"', () => {
  it('read day before month in Welsh as in English', () => {
    assert.equal(dayHeading('2026-07-01', 'cy'), 'Dydd Mercher 1 Gorffennaf');
    assert.equal(dayHeading('2026-07-01', 'en'), 'Wednesday 1 July');
  });
});

describe('the start-up check of Welsh locale data', () => {
  it('passes on this runtime and refuses one whose Welsh months come out in English', () => {
    assertWelshLocaleData();
    assert.throws(() => assertWelshLocaleData(() => 'July'), /no Welsh locale data .*"July"/);
  });
});
