import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { score, type ChildInput, type CompatibilityResult, type HouseholdInput, type IdentityConsiderations, type SiblingGroupInput } from './compatibility.ts';
import { explain, explainSections } from './compatibility-explain.ts';
import { DEFAULT_MATCHING_CONFIG } from './matching-config.ts';
import { LOCALES_DIR, translator } from '../../platform/i18n/i18n.ts';

const centroids = new Map([
  ['ZZ1', { lat: 52.0, lon: -3.5 }],
  ['ZZ2', { lat: 52.1, lon: -3.5 }],
  ['ZZ3', { lat: 52.3, lon: -3.5 }],
]);
const child = (o: Partial<ChildInput> = {}): ChildInput => ({
  id: 'c',
  ageYears: 3,
  needs: [],
  languages: ['en'],
  ethnicity: 'white_british',
  religion: null,
  ...o,
});
const noIdentity: IdentityConsiderations = {
  religionImportant: false,
  religion: null,
  ethnicityImportant: false,
  ethnicities: [],
  welshLanguageImportant: false,
};
const group = (o: Partial<SiblingGroupInput> = {}): SiblingGroupInput => ({
  id: 'g',
  children: [child()],
  requiredContact: [],
  identity: noIdentity,
  birthFamilyPostcodes: [],
  importantContactPostcodes: [],
  waitingDays: 0,
  ...o,
});
const household = (o: Partial<HouseholdInput> = {}, p: Partial<HouseholdInput['profile']> = {}): HouseholdInput => ({
  id: 'h',
  profile: {
    childrenMin: 1,
    childrenMax: 2,
    ageMin: 0,
    ageMax: 6,
    siblingGroups: true,
    needs: { autism_spectrum: 'with_support', attachment_trauma: 'can', medical_condition: 'cannot' },
    contact: ['letterbox'],
    ...p,
  },
  languages: ['English'],
  ethnicity: 'white_british',
  religion: 'Christian',
  postcode: 'ZZ1 1AA',
  experienceOfChildren: true,
  supportNetwork: 'strong',
  therapeuticPreparationComplete: true,
  ...o,
});
const welsh = (important: boolean) =>
  important ? group({ identity: { ...noIdentity, welshLanguageImportant: true } }) : group({ children: [child({ languages: ['cy'] })] });
const identity = (o: Partial<IdentityConsiderations>) =>
  group({ identity: { ...noIdentity, ...o }, children: [child({ ethnicity: 'mixed_white_black_african', religion: 'Christian' })] });

/** Pairs that between them reach every sentence the explanation can say. */
function scenarios(): CompatibilityResult[] {
  const zeroSupport = { ...DEFAULT_MATCHING_CONFIG, withSupportCredit: { mild: 0, moderate: 0, severe: 0 } };
  const s = (g: SiblingGroupInput, h: HouseholdInput, config = DEFAULT_MATCHING_CONFIG) => score(g, h, config, centroids);
  return [
    s(group(), household()),
    s(
      group({
        children: [
          child({
            needs: [
              { category: 'attachment_trauma', severity: 'mild' },
              { category: 'autism_spectrum', severity: 'severe' },
            ],
            ageYears: null,
          }),
        ],
      }),
      household(),
    ),
    s(group({ children: [child({ needs: [{ category: 'autism_spectrum', severity: 'mild' }] })] }), household(), zeroSupport),
    // every limit at once, and the need nobody asked the family about
    s(
      group({
        children: [child({ id: 'a', ageYears: 9, needs: [{ category: 'medical_condition', severity: 'severe' }] }), child({ id: 'b' }), child({ id: 'c' })],
        requiredContact: ['direct_birth_parents'],
        birthFamilyPostcodes: ['ZZ2 1AA'],
      }),
      household({}, { siblingGroups: false }),
    ),
    s(group({ children: [child({ needs: [{ category: 'foetal_alcohol_spectrum', severity: 'moderate' }] })] }), household({}, { childrenMax: 4 })),
    s(group({ children: [child(), child({ id: 'd' })] }), household({}, { childrenMin: 3, childrenMax: 3 })),
    s(group(), household({}, { childrenMin: 2, childrenMax: 4 })),
    // language
    s(welsh(false), household({ languages: ['Cymraeg'] })),
    s(welsh(true), household({ languages: ['Cymraeg'] })),
    s(welsh(false), household()),
    s(welsh(true), household()),
    s(welsh(false), household({ languages: [] })),
    s(welsh(true), household({ languages: [] })),
    // identity
    s(identity({ religionImportant: true, ethnicityImportant: true }), household({ ethnicity: 'mixed_white_black_african' })),
    s(identity({ religionImportant: true, ethnicityImportant: true }), household({ religion: 'Buddhist', ethnicity: 'black_african' })),
    s(identity({ ethnicityImportant: true }), household({ ethnicity: 'asian_chinese' })),
    s(identity({ religionImportant: true, religion: null, ethnicityImportant: true }), household({ religion: null, ethnicity: null })),
    s(group({ identity: { ...noIdentity, religionImportant: true, ethnicityImportant: true }, children: [child({ ethnicity: 'not_known' })] }), household()),
    s(group({ identity: null }), household()),
    // the family's side
    s(group(), household({ experienceOfChildren: false, supportNetwork: 'some', therapeuticPreparationComplete: false })),
    s(group(), household({ experienceOfChildren: null, supportNetwork: 'limited', therapeuticPreparationComplete: null })),
    s(group(), household({ supportNetwork: null })),
    // distances
    s(group({ importantContactPostcodes: ['ZZ3 1AA', 'ZZ2 1AA', 'ZZ7 1AA'] }), household()),
    s(group({ importantContactPostcodes: ['ZZ3 1AA'] }), household({ postcode: null })),
    s(group({ birthFamilyPostcodes: ['ZZ3 1AA', 'ZZ8 1AA'] }), household({ postcode: null })),
    s(group({ birthFamilyPostcodes: ['ZZ3 1AA'], importantContactPostcodes: ['ZZ3 1AA'] }), household({ postcode: 'ZZ9 9ZZ' })),
    // nothing weighted can be assessed
    s(group(), household(), {
      ...DEFAULT_MATCHING_CONFIG,
      weights: { needs: 1, age: 0, language: 0, identity: 0, experience: 0, supportNetwork: 0, therapeuticPreparation: 0, contactDistance: 0 },
    }),
  ];
}

function sentenceKeys(language: 'en' | 'cy'): string[] {
  const json = JSON.parse(readFileSync(`${LOCALES_DIR}/${language}/matching.json`, 'utf8')) as Record<string, unknown>;
  const out: string[] = [];
  const walk = (value: unknown, path: string) => {
    if (typeof value === 'string') out.push(path);
    else for (const [k, v] of Object.entries(value as object)) walk(v, path ? `${path}.${k}` : k);
  };
  walk(json, '');
  // A plural message (`missing.child_age_one`, `_other`, …) is asked for by its base key.
  const base = (k: string) => (out.includes(k.replace(/_(zero|one|two|few|many|other)$/, '_one')) ? k.replace(/_(zero|one|two|few|many|other)$/, '') : k);
  return [...new Set(out.filter((k) => !k.startsWith('errors.')).map((k) => `matching:${base(k)}`))];
}

describe('explanations in English and Welsh', () => {
  const results = scenarios();

  for (const language of ['en', 'cy'] as const) {
    it(`says every sentence in ${language === 'en' ? 'English' : 'Welsh'}, with no key or placeholder left`, () => {
      const t = translator(language);
      const used = new Set<string>();
      const recording = (key: string, params?: Record<string, unknown>) => {
        used.add(key);
        return t(key, params);
      };
      for (const result of results) {
        for (const sentence of explain(result, recording)) {
          assert.doesNotMatch(sentence, /\{\{|matching:|\b(reason|exclusion|missing|score|range|vocabulary)\.[a-zA-Z_]+/, sentence);
          assert.ok(sentence.trim().length > 10, sentence);
        }
      }
      const neverSaid = sentenceKeys(language).filter((k) => !used.has(k));
      assert.deepEqual(neverSaid, [], 'sentences no scenario reached');
    });
  }

  it('says the same thing in Welsh in different words', () => {
    const en = translator('en');
    const cy = translator('cy');
    for (const result of results) {
      const english = explain(result, en);
      const welsh = explain(result, cy);
      assert.equal(welsh.length, english.length);
      welsh.forEach((sentence, i) => assert.notEqual(sentence, english[i]));
    }
  });

  it('shows the points each reason adds, so the sum can be checked', () => {
    const r = score(
      group({
        children: [
          child({
            ageYears: 3,
            needs: [
              { category: 'attachment_trauma', severity: 'mild' },
              { category: 'autism_spectrum', severity: 'moderate' },
              { category: 'autism_spectrum', severity: 'severe' },
            ],
          }),
        ],
      }),
      household({ therapeuticPreparationComplete: null }),
      DEFAULT_MATCHING_CONFIG,
      centroids,
    );
    const s = explainSections(r, translator('en'));
    assert.equal(s.summary[0], `Score: ${r.score} out of 100. Each reason below shows the points it adds.`);
    assert.match(s.summary[1]!, /rests on criteria carrying 87% of the weight/);
    assert.equal(s.reasons[0], 'Needs (3 recorded): the family can consider 1 and could consider 2 with support (+26.9 of 46.1).');
    assert.equal(s.reasons[6], 'Therapeutic preparation: not recorded whether it is complete (not counted in the score).');
    assert.deepEqual(s.missing, ['Not recorded: whether the family has completed therapeutic preparation.']);
    const cy = explainSections(r, translator('cy'));
    assert.equal(cy.reasons[0], 'Anghenion (3 wedi’u cofnodi): gall y teulu ystyried 1 a gallai ystyried 2 gyda chymorth (+26.9 o 46.1).');
  });

  it('names the limits broken, in the family’s terms, in both languages', () => {
    const r = score(
      group({ children: [child({ needs: [{ category: 'medical_condition', severity: 'moderate' }] }), child({ id: 'd' }), child({ id: 'e' })] }),
      household({}, { childrenMax: 4 }),
      DEFAULT_MATCHING_CONFIG,
      centroids,
    );
    assert.deepEqual(explain(r, translator('en')), [
      'Not scored: this pair is outside the family’s stated limits.',
      'Needs: a child has a need the family cannot consider: Medical condition (Moderate).',
    ]);
    assert.deepEqual(explain(r, translator('cy')), [
      'Heb sgôr: mae’r pâr hwn y tu allan i’r terfynau a nododd y teulu.',
      'Anghenion: mae gan blentyn angen na all y teulu ei ystyried: Cyflwr meddygol (Cymedrol).',
    ]);
    const size = score(group({ children: [child(), child({ id: 'd' })] }), household({}, { childrenMin: 3, childrenMax: 4 }));
    assert.equal(explain(size, translator('en'))[1], 'Number of children: this group has 2 and the family can consider 3 or more.');
  });
});
