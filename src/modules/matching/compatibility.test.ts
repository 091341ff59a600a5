import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { score, type ChildInput, type CompatibilityResult, type HouseholdInput, type SiblingGroupInput } from './compatibility.ts';
import { allocateTenths, householdLanguageCodes } from './compatibility-rules.ts';
import { DEFAULT_MATCHING_CONFIG, type MatchingConfig } from './matching-config.ts';
import { haversineKm } from './geography.ts';

// Fictional outward codes (no real postcode area is ZZ), due north of each other.
const centroids = new Map([
  ['ZZ1', { lat: 52.0, lon: -3.5 }],
  ['ZZ2', { lat: 52.1, lon: -3.5 }], // about 11 km from ZZ1
  ['ZZ3', { lat: 52.3, lon: -3.5 }], // about 33 km
  ['ZZ4', { lat: 53.0, lon: -3.5 }], // about 111 km
]);

const child = (overrides: Partial<ChildInput> = {}): ChildInput => ({
  id: 'child-a',
  ageYears: 3,
  needs: [],
  languages: ['en'],
  ethnicity: 'white_british',
  religion: null,
  ...overrides,
});

const group = (overrides: Partial<SiblingGroupInput> = {}): SiblingGroupInput => ({
  id: 'group-a',
  children: [child()],
  requiredContact: ['letterbox'],
  identity: { religionImportant: false, religion: null, ethnicityImportant: false, ethnicities: [], welshLanguageImportant: false },
  birthFamilyPostcodes: [],
  importantContactPostcodes: [],
  waitingDays: 200,
  ...overrides,
});

const household = (overrides: Partial<HouseholdInput> = {}, profile: Partial<HouseholdInput['profile']> = {}): HouseholdInput => ({
  id: 'household-a',
  profile: {
    childrenMin: 1,
    childrenMax: 2,
    ageMin: 0,
    ageMax: 6,
    siblingGroups: true,
    needs: {
      learning_disability: 'can',
      physical_disability: 'with_support',
      sensory_impairment: 'with_support',
      autism_spectrum: 'with_support',
      speech_language_communication: 'can',
      emotional_behavioural: 'can',
      attachment_trauma: 'can',
      medical_condition: 'cannot',
      foetal_alcohol_spectrum: 'with_support',
      global_developmental_delay: 'cannot',
    },
    contact: ['letterbox', 'indirect_siblings'],
    ...profile,
  },
  languages: ['English'],
  ethnicity: 'white_british',
  religion: null,
  postcode: 'ZZ1 1AB',
  experienceOfChildren: true,
  supportNetwork: 'strong',
  therapeuticPreparationComplete: true,
  ...overrides,
});

const run = (g: SiblingGroupInput, h: HouseholdInput, config: MatchingConfig = DEFAULT_MATCHING_CONFIG) => score(g, h, config, centroids);
const codes = (r: CompatibilityResult) => r.exclusions.map((e) => e.code);
const reason = (r: CompatibilityResult, criterion: string) => {
  const found = r.reasons.find((x) => x.criterion === criterion);
  assert.ok(found, `no reason for ${criterion}`);
  return found;
};
const missing = (r: CompatibilityResult) => r.missing.map((m) => m.code);

/** The score is the sum of the contributions (to the tenth) and the available points make 100. */
function assertArithmetic(r: CompatibilityResult) {
  assert.equal(r.eligible, true);
  const tenths = r.reasons.reduce((sum, x) => sum + Math.round(x.contribution * 10), 0);
  assert.equal(Math.round(r.score! * 10), tenths);
  const available = r.reasons.reduce((sum, x) => sum + Math.round(x.available * 10), 0);
  assert.ok(available === 1000 || available === 0, `available points add up to ${available / 10}`);
  for (const x of r.reasons) assert.ok(x.contribution <= x.available && x.contribution >= 0);
}

describe('hard limits: each excludes the pair and says which', () => {
  it('allows a pair inside every limit and scores it', () => {
    const r = run(group(), household());
    assert.deepEqual(r.exclusions, []);
    assert.equal(r.eligible, true);
    assert.equal(typeof r.score, 'number');
    assertArithmetic(r);
  });

  it('excludes a group larger or smaller than the number of children the family can consider', () => {
    const three = group({ children: [child({ id: 'a' }), child({ id: 'b' }), child({ id: 'c' })] });
    const r = run(three, household());
    assert.deepEqual(r.exclusions, [{ code: 'children_count', params: { size: 3, min: 1, max: 2 } }]);
    assert.deepEqual(codes(run(group(), household({}, { childrenMin: 2 }))), ['children_count']);
  });

  it('reads a maximum of 4 as "4 or more"', () => {
    const five = group({ children: ['a', 'b', 'c', 'd', 'e'].map((id) => child({ id })) });
    assert.deepEqual(codes(run(five, household({}, { childrenMax: 4 }))), []);
    assert.deepEqual(codes(run(five, household({}, { childrenMax: 3 }))), ['children_count']);
  });

  it('excludes a sibling group when the family is not considering one, but not a child on their own', () => {
    const two = group({ children: [child({ id: 'a' }), child({ id: 'b' })] });
    assert.deepEqual(run(two, household({}, { siblingGroups: false })).exclusions, [{ code: 'sibling_group', params: { size: 2 } }]);
    assert.deepEqual(codes(run(group(), household({}, { siblingGroups: false }))), []);
  });

  it('excludes each child outside the age range, and does not exclude for an unknown age', () => {
    const g = group({ children: [child({ id: 'a', ageYears: 9 }), child({ id: 'b', ageYears: 2 }), child({ id: 'c', ageYears: 7 })] });
    const r = run(g, household({}, { childrenMax: 4 }));
    assert.deepEqual(r.exclusions, [
      { code: 'age', params: { childId: 'a', age: 9, min: 0, max: 6 } },
      { code: 'age', params: { childId: 'c', age: 7, min: 0, max: 6 } },
    ]);
    const unknown = run(group({ children: [child({ ageYears: null })] }), household());
    assert.equal(unknown.eligible, true);
    assert.deepEqual(
      unknown.missing.find((m) => m.code === 'child_age'),
      { code: 'child_age', params: { unknown: 1, size: 1 } },
    );
  });

  it('compares ages in completed years', () => {
    assert.equal(run(group({ children: [child({ ageYears: 6.9 })] }), household()).eligible, true);
    assert.deepEqual(codes(run(group({ children: [child({ ageYears: 7.1 })] }), household())), ['age']);
  });

  it('excludes a need the family cannot consider, naming the most severe case of it', () => {
    const g = group({
      children: [
        child({ id: 'a', needs: [{ category: 'medical_condition', severity: 'mild' }] }),
        child({ id: 'b', needs: [{ category: 'medical_condition', severity: 'severe' }] }),
      ],
    });
    assert.deepEqual(run(g, household()).exclusions, [{ code: 'need', params: { need: 'medical_condition', severity: 'severe' } }]);
  });

  it('excludes a need the family has not rated, until they say', () => {
    const h = household({}, { needs: { attachment_trauma: 'can' } });
    const g = group({
      children: [
        child({
          needs: [
            { category: 'autism_spectrum', severity: 'moderate' },
            { category: 'attachment_trauma', severity: 'severe' },
          ],
        }),
      ],
    });
    assert.deepEqual(run(g, h).exclusions, [{ code: 'need_not_rated', params: { need: 'autism_spectrum', severity: 'moderate' } }]);
  });

  it('excludes contact the plan requires and the family cannot support', () => {
    const g = group({ requiredContact: ['letterbox', 'direct_birth_parents', 'direct_siblings'] });
    assert.deepEqual(run(g, household()).exclusions, [
      { code: 'contact', params: { contact: 'direct_siblings' } },
      { code: 'contact', params: { contact: 'direct_birth_parents' } },
    ]);
  });

  it('excludes a household within the safety distance of the birth family', () => {
    const r = run(group({ birthFamilyPostcodes: ['ZZ4 1AA', 'zz2 9xy'] }), household());
    assert.equal(r.exclusions.length, 1);
    assert.equal(r.exclusions[0]!.code, 'safety_distance');
    assert.equal(r.exclusions[0]!.params.limitKm, 20);
    assert.ok(Math.abs(Number(r.exclusions[0]!.params.distanceKm) - haversineKm({ lat: 52, lon: -3.5 }, { lat: 52.1, lon: -3.5 })) < 0.1);
    assert.equal(run(group({ birthFamilyPostcodes: ['ZZ3 1AA'] }), household()).eligible, true);
  });

  it('follows the agency’s safety distance', () => {
    const g = group({ birthFamilyPostcodes: ['ZZ3 1AA'] });
    assert.deepEqual(codes(run(g, household(), { ...DEFAULT_MATCHING_CONFIG, safetyDistanceKm: 40 })), ['safety_distance']);
  });

  it('does not exclude when a location is unknown, and says the distance was not checked', () => {
    const unknownBirthFamily = run(group({ birthFamilyPostcodes: ['ZZ9 1AA', 'ZZ4 1AA'] }), household());
    assert.equal(unknownBirthFamily.eligible, true);
    assert.deepEqual(unknownBirthFamily.missing.find((m) => m.code === 'birth_family_location')?.params, { unknown: 1, total: 2 });
    const unknownHome = run(group({ birthFamilyPostcodes: ['ZZ2 1AA'] }), household({ postcode: null }));
    assert.equal(unknownHome.eligible, true);
    assert.ok(missing(unknownHome).includes('household_location'));
    const noCentroids = score(group({ birthFamilyPostcodes: ['ZZ2 1AA'] }), household());
    assert.equal(noCentroids.eligible, true);
    assert.deepEqual(missing(noCentroids).slice(0, 2), ['household_location', 'birth_family_location']);
  });

  it('lists every limit broken, not only the first, and does not score the pair', () => {
    const g = group({
      children: [
        child({ id: 'a', ageYears: 8, needs: [{ category: 'global_developmental_delay', severity: 'mild' }] }),
        child({ id: 'b' }),
        child({ id: 'c' }),
      ],
      requiredContact: ['direct_birth_parents'],
      birthFamilyPostcodes: ['ZZ2'],
    });
    const r = run(g, household({}, { siblingGroups: false }));
    assert.deepEqual(codes(r), ['children_count', 'sibling_group', 'age', 'need', 'contact', 'safety_distance']);
    assert.equal(r.eligible, false);
    assert.equal(r.score, null);
    assert.deepEqual(r.reasons, []);
    assert.equal(r.coverage, null);
  });
});

describe('soft criteria: what each adds to the score', () => {
  it('gives full credit for needs the family can consider, less for "with support", by severity', () => {
    const needs = (severity: 'mild' | 'severe', category: 'attachment_trauma' | 'autism_spectrum') =>
      run(group({ children: [child({ needs: [{ category, severity }] })] }), household());
    const can = reason(needs('severe', 'attachment_trauma'), 'needs');
    assert.equal(can.status, 'met');
    assert.equal(can.contribution, can.available);
    const mild = reason(needs('mild', 'autism_spectrum'), 'needs');
    const severe = reason(needs('severe', 'autism_spectrum'), 'needs');
    assert.equal(mild.status, 'partly');
    assert.equal(mild.contribution, Math.round(mild.available * 10 * 0.75) / 10);
    assert.equal(severe.contribution, Math.round(severe.available * 10 * 0.25) / 10);
    assert.deepEqual(mild.params, { total: 1, can: 0, withSupport: 1 });
  });

  it('leaves needs out of the score when the children have none recorded', () => {
    const r = run(group(), household());
    assert.equal(reason(r, 'needs').status, 'not_applicable');
    assert.equal(reason(r, 'needs').available, 0);
    assertArithmetic(r);
  });

  it('gives most for an age in the middle of the family’s range, half at the edge', () => {
    assert.equal(reason(run(group({ children: [child({ ageYears: 3 })] }), household()), 'age').status, 'met');
    const edge = reason(run(group({ children: [child({ ageYears: 6 })] }), household()), 'age');
    assert.equal(edge.status, 'partly');
    assert.equal(edge.contribution, Math.round(edge.available * 10 * 0.5) / 10);
    assert.equal(reason(run(group({ children: [child({ ageYears: 4 })] }), household({}, { ageMin: 4, ageMax: 4 })), 'age').status, 'met');
  });

  it('shows age as unknown, not zero, when no child’s age is known', () => {
    const r = run(group({ children: [child({ ageYears: null })] }), household());
    assert.equal(reason(r, 'age').status, 'unknown');
    assert.equal(reason(r, 'age').contribution, 0);
    assert.ok(missing(r).includes('child_age'));
    assertArithmetic(r);
  });

  it('counts Welsh when a child speaks it or the worker recorded it as important', () => {
    const welshChild = group({ children: [child({ languages: ['cy', 'en'] })] });
    assert.equal(reason(run(welshChild, household({ languages: ['Cymraeg'] })), 'language').status, 'met');
    assert.equal(reason(run(welshChild, household({ languages: ['Welsh (fluent)', 'English'] })), 'language').status, 'met');
    const notMet = reason(run(welshChild, household({ languages: ['English'] })), 'language');
    assert.equal(notMet.status, 'not_met');
    assert.ok(notMet.available > 0);
    assert.equal(notMet.contribution, 0);
    const important = group({
      identity: { religionImportant: false, religion: null, ethnicityImportant: false, ethnicities: [], welshLanguageImportant: true },
    });
    assert.deepEqual(reason(run(important, household({ languages: ['cy'] })), 'language').params, { because: 'important' });
    assert.equal(reason(run(group(), household({ languages: ['Cymraeg'] })), 'language').status, 'not_applicable');
  });

  it('shows language as unknown when the family’s languages are not recorded', () => {
    const r = run(group({ children: [child({ languages: ['cy'] })] }), household({ languages: [] }));
    assert.equal(reason(r, 'language').status, 'unknown');
    assert.ok(missing(r).includes('household_languages'));
  });

  it('reads the family’s languages as they were typed', () => {
    assert.deepEqual([...householdLanguageCodes(['Cymraeg', ' ENGLISH ', 'Polish'])!], ['cy', 'en', 'other']);
    assert.deepEqual([...householdLanguageCodes(['learning Welsh'])!], ['other']);
    assert.equal(householdLanguageCodes([]), null);
    assert.equal(householdLanguageCodes(['  ']), null);
  });

  it('weighs religion and heritage only as the children’s worker recorded them', () => {
    const identity = { religionImportant: true, religion: 'Muslim', ethnicityImportant: true, ethnicities: [], welshLanguageImportant: false };
    const g = group({ identity, children: [child({ ethnicity: 'mixed_white_asian' })] });
    const shared = reason(run(g, household({ religion: ' muslim ', ethnicity: 'mixed_white_asian' })), 'identity');
    assert.equal(shared.status, 'met');
    assert.deepEqual(shared.params, { religion: 'shared', ethnicity: 'shared' });
    const part = reason(run(g, household({ religion: 'Christian', ethnicity: 'asian_indian' })), 'identity');
    assert.deepEqual(part.params, { religion: 'not_shared', ethnicity: 'broad' });
    assert.equal(part.contribution, Math.round((part.available * 10 * (0 + 0.5)) / 2) / 10);
  });

  it('never infers that ethnicity matters from the ethnicity alone', () => {
    const g = group({ children: [child({ ethnicity: 'black_caribbean', religion: 'Christian' })] });
    const a = run(g, household({ ethnicity: 'white_british', religion: null }));
    const b = run(g, household({ ethnicity: 'black_caribbean', religion: 'Christian' }));
    assert.equal(reason(a, 'identity').status, 'not_applicable');
    assert.equal(a.score, b.score);
  });

  it('shows identity as unknown when the worker has not recorded it, or the family’s side is not known', () => {
    const notRecorded = run(group({ identity: null }), household());
    assert.equal(reason(notRecorded, 'identity').status, 'unknown');
    assert.ok(missing(notRecorded).includes('identity_not_recorded'));
    const g = group({
      identity: { religionImportant: true, religion: null, ethnicityImportant: true, ethnicities: ['black_african'], welshLanguageImportant: false },
    });
    const r = run(g, household({ religion: null, ethnicity: 'not_stated' }));
    assert.equal(reason(r, 'identity').status, 'unknown');
    assert.deepEqual(
      missing(r).filter((m) => m.includes('religion') || m.includes('ethnicity')),
      ['religion_to_reflect', 'household_ethnicity'],
    );
  });

  it('credits experience, support network and therapeutic preparation', () => {
    const full = run(group(), household());
    for (const c of ['experience', 'supportNetwork', 'therapeuticPreparation']) assert.equal(reason(full, c).status, 'met', c);
    const none = run(group(), household({ experienceOfChildren: false, supportNetwork: 'limited', therapeuticPreparationComplete: false }));
    for (const c of ['experience', 'supportNetwork', 'therapeuticPreparation']) assert.equal(reason(none, c).contribution, 0, c);
    const some = reason(run(group(), household({ supportNetwork: 'some' })), 'supportNetwork');
    assert.equal(some.status, 'partly');
    assert.equal(some.contribution, Math.round(some.available * 10 * 0.5) / 10);
  });

  it('shows unknown experience, support and preparation as unknown and shares their points among the rest', () => {
    const r = run(group(), household({ experienceOfChildren: null, supportNetwork: null, therapeuticPreparationComplete: null }));
    for (const c of ['experience', 'supportNetwork', 'therapeuticPreparation']) {
      assert.equal(reason(r, c).status, 'unknown');
      assert.equal(reason(r, c).available, 0);
    }
    assert.deepEqual(missing(r), ['experience', 'support_network', 'therapeutic_preparation']);
    // Only age and identity-free criteria remain: age alone carries the 100 points and is met.
    assert.equal(reason(r, 'age').available, 100);
    assert.equal(r.score, 100);
    assert.equal(r.coverage, 15 / 45);
    assertArithmetic(r);
  });

  it('prefers a family nearer the people the children should stay near', () => {
    const near = reason(run(group({ importantContactPostcodes: ['ZZ2 1AA'] }), household()), 'contactDistance');
    const middle = reason(run(group({ importantContactPostcodes: ['ZZ3 1AA'] }), household()), 'contactDistance');
    const far = reason(run(group({ importantContactPostcodes: ['ZZ4 1AA'] }), household()), 'contactDistance');
    assert.equal(near.status, 'met');
    assert.equal(middle.status, 'partly');
    const km = haversineKm({ lat: 52, lon: -3.5 }, { lat: 52.3, lon: -3.5 });
    assert.equal(middle.contribution, Math.round(middle.available * 10 * ((80 - km) / 65)) / 10);
    assert.equal(far.status, 'not_met');
    assert.deepEqual(middle.params, { fullKm: 15, maxKm: 80, distances: [Math.round(km)] });
  });

  it('leaves distance out when no one is recorded, and shows it unknown when a postcode is not found', () => {
    assert.equal(reason(run(group(), household()), 'contactDistance').status, 'not_applicable');
    const r = run(group({ importantContactPostcodes: ['ZZ8 1AA'] }), household());
    assert.equal(reason(r, 'contactDistance').status, 'unknown');
    assert.deepEqual(r.missing.find((m) => m.code === 'contact_location')?.params, { unknown: 1, total: 1 });
    assert.equal(reason(run(group({ importantContactPostcodes: ['ZZ2 1AA'] }), household({ postcode: 'ZZ9 9ZZ' })), 'contactDistance').status, 'unknown');
  });
});

describe('the arithmetic a worker can check', () => {
  const rich = group({
    children: [
      child({
        id: 'a',
        ageYears: 2,
        needs: [
          { category: 'autism_spectrum', severity: 'moderate' },
          { category: 'attachment_trauma', severity: 'mild' },
        ],
        languages: ['cy'],
      }),
      child({ id: 'b', ageYears: 5, needs: [{ category: 'sensory_impairment', severity: 'severe' }] }),
    ],
    identity: { religionImportant: true, religion: 'Christian', ethnicityImportant: false, ethnicities: [], welshLanguageImportant: false },
    importantContactPostcodes: ['ZZ3 1AA', 'ZZ2 2AB'],
  });

  it('makes the score the sum of the contributions, out of 100 points shared by weight', () => {
    const r = run(rich, household({ languages: ['English'], religion: 'Christian', supportNetwork: 'some' }));
    assertArithmetic(r);
    assert.equal(reason(r, 'needs').available, 30);
    assert.equal(r.coverage, 1);
  });

  it('shares the 100 points among the criteria that could be assessed, in proportion to weight', () => {
    const r = run(rich, household({ religion: 'Christian', therapeuticPreparationComplete: null }));
    assert.equal(reason(r, 'needs').available, 33.3);
    assert.equal(reason(r, 'contactDistance').available, 5.6);
    assert.equal(r.coverage, 0.9);
    assertArithmetic(r);
  });

  it('shares tenths by largest remainder so the points always make exactly 100', () => {
    assert.deepEqual([...allocateTenths([1, 1, 1], 0b111)], [334, 333, 333]);
    assert.deepEqual([...allocateTenths([30, 15, 10], 0b101)], [750, 0, 250]);
    assert.deepEqual([...allocateTenths([0, 0], 0b11)], [0, 0]);
    for (let mask = 1; mask < 256; mask++) {
      assert.equal(
        allocateTenths(Object.values(DEFAULT_MATCHING_CONFIG.weights), mask).reduce((a, b) => a + b, 0),
        1000,
      );
    }
  });

  it('scores 0 when nothing with a weight can be assessed, and says so through the reasons', () => {
    const config = {
      ...DEFAULT_MATCHING_CONFIG,
      weights: { ...DEFAULT_MATCHING_CONFIG.weights, needs: 0, age: 0, experience: 0, supportNetwork: 0, therapeuticPreparation: 0 },
    };
    const r = run(group(), household(), config);
    assert.equal(r.score, 0);
    assert.ok(r.reasons.every((x) => x.available === 0));
  });

  it('follows the agency’s weights', () => {
    const onlyAge = {
      ...DEFAULT_MATCHING_CONFIG,
      weights: { needs: 0, age: 1, language: 0, identity: 0, experience: 0, supportNetwork: 0, therapeuticPreparation: 0, contactDistance: 0 },
    };
    assert.equal(run(group({ children: [child({ ageYears: 6 })] }), household(), onlyAge).score, 50);
    assert.equal(run(group({ children: [child({ ageYears: 3 })] }), household(), onlyAge).score, 100);
  });
});
