import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ETHNICITIES, NEED_CATEGORIES, SEVERITIES } from '../children/index.ts';
import { CONTACT_ARRANGEMENTS, CONSIDERATION_LEVELS } from '../recruitment/index.ts';
import { score, type HouseholdInput, type SiblingGroupInput } from './compatibility.ts';
import { eligiblePairs, pairList, pairScore } from './compatibility-matrix.ts';
import { CRITERIA, DEFAULT_MATCHING_CONFIG, type MatchingConfig } from './matching-config.ts';

// Fictional outward codes ZZ1–ZZ6 close together (so safety and distance limits bite); ZZ7–ZZ9 have no centroid.
const centroids = new Map([
  ['ZZ1', { lat: 52.0, lon: -3.5 }],
  ['ZZ2', { lat: 52.1, lon: -3.5 }],
  ['ZZ3', { lat: 52.3, lon: -3.4 }],
  ['ZZ4', { lat: 52.6, lon: -3.2 }],
  ['ZZ5 1', { lat: 52.05, lon: -3.45 }],
  ['ZZ6 1AB', { lat: 51.9, lon: -3.9 }],
]);
const postcode = fc.constantFrom('ZZ1 1AA', 'zz2 2ab', 'ZZ3', 'ZZ4 9XY', 'ZZ5 1AA', 'ZZ6 1AB', 'ZZ6 2AB', 'ZZ7 1AA', 'ZZ9', 'not a postcode');
const religion = fc.option(fc.constantFrom('Christian', 'christian ', 'Muslim', 'Sikh', 'None'), { nil: null });
const ethnicity = fc.option(fc.constantFrom(...ETHNICITIES), { nil: null });
const unknownable = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null, freq: 3 });

const child = fc.record({
  id: fc.string({ maxLength: 3 }),
  ageYears: unknownable(fc.oneof(fc.integer({ min: 0, max: 6 }), fc.double({ min: 0, max: 7, noNaN: true }))),
  needs: fc.array(fc.record({ category: fc.constantFrom(...NEED_CATEGORIES.slice(0, 5)), severity: fc.constantFrom(...SEVERITIES) }), { maxLength: 2 }),
  languages: fc.subarray(['cy', 'en', 'other'] as const),
  ethnicity,
  religion,
});

const group: fc.Arbitrary<SiblingGroupInput> = fc.record({
  id: fc.constant('g'),
  children: fc.oneof(
    { arbitrary: fc.array(child, { minLength: 1, maxLength: 2 }), weight: 3 },
    { arbitrary: fc.array(child, { minLength: 1, maxLength: 5 }), weight: 1 },
  ),
  requiredContact: fc.oneof(fc.subarray(['letterbox', 'indirect_siblings'] as const), fc.subarray([...CONTACT_ARRANGEMENTS], { maxLength: 2 })),
  identity: unknownable(
    fc.record({
      religionImportant: fc.boolean(),
      religion: religion,
      ethnicityImportant: fc.boolean(),
      ethnicities: fc.subarray([...ETHNICITIES], { maxLength: 2 }),
      welshLanguageImportant: fc.boolean(),
    }),
  ),
  birthFamilyPostcodes: fc.array(postcode, { maxLength: 1 }),
  importantContactPostcodes: fc.array(postcode, { maxLength: 3 }),
  waitingDays: fc.nat(1000),
});

const household: fc.Arbitrary<HouseholdInput> = fc.record({
  id: fc.constant('h'),
  profile: fc
    .record({
      childrenMin: fc.constantFrom(1, 1, 1, 1, 2),
      childrenMax: fc.constantFrom(1, 2, 3, 4, 4, 4),
      ageMin: fc.constantFrom(0, 0, 0, 1, 2),
      ageSpan: fc.constantFrom(0, 4, 5, 6, 8, 10),
      siblingGroups: fc.constantFrom(true, true, true, false),
      // mostly every need rated, now and then one left unrated
      needs: fc
        .tuple(
          fc.array(fc.constantFrom('can', 'with_support', 'can', 'with_support', ...CONSIDERATION_LEVELS), {
            minLength: NEED_CATEGORIES.length,
            maxLength: NEED_CATEGORIES.length,
          }),
          fc.option(fc.nat(9), { freq: 4 }),
        )
        .map(([levels, unrated]) => Object.fromEntries(NEED_CATEGORIES.filter((_, i) => i !== unrated).map((c, i) => [c, levels[i]!]))),
      contact: fc.subarray([...CONTACT_ARRANGEMENTS], { minLength: 4 }),
    })
    .map(({ ageSpan, ...p }) => ({ ...p, ageMax: p.ageMin + ageSpan })),
  languages: fc.subarray(['Welsh', 'Cymraeg', 'English', 'cy', 'Polish', 'learning Welsh']),
  ethnicity,
  religion,
  postcode: fc.option(postcode, { nil: null }),
  experienceOfChildren: unknownable(fc.boolean()),
  supportNetwork: unknownable(fc.constantFrom<'strong' | 'some' | 'limited'>('strong', 'some', 'limited')),
  therapeuticPreparationComplete: unknownable(fc.boolean()),
});

const credit = fc.constantFrom(0, 0.1, 0.25, 1 / 3, 0.5, 0.6, 0.75, 1);
const config: fc.Arbitrary<MatchingConfig> = fc
  .record({
    weights: fc.record(
      Object.fromEntries(CRITERIA.map((c) => [c, fc.constantFrom(0, 1, 5, 7, 10, 15, 30, 33.3)])) as Record<(typeof CRITERIA)[number], fc.Arbitrary<number>>,
    ),
    safetyDistanceKm: fc.constantFrom(0, 5, 12, 20, 40),
    contactFullCreditKm: fc.constantFrom(0, 10, 15),
    contactExtraKm: fc.constantFrom(1, 20, 65),
    withSupportCredit: fc.record({ mild: credit, moderate: credit, severe: credit }),
    ageEdgeCredit: credit,
    supportNetworkCredit: fc.record({ strong: credit, some: credit, limited: credit }),
    ethnicityBroadGroupCredit: credit,
  })
  .filter((c) => Object.values(c.weights).some((w) => w > 0))
  .map(({ contactExtraKm, ...c }) => ({ ...c, contactMaxKm: c.contactFullCreditKm + contactExtraKm }));

const pool = fc.record({ groups: fc.array(group, { minLength: 1, maxLength: 6 }), households: fc.array(household, { minLength: 1, maxLength: 6 }), config });

describe('the fast matrix says exactly what the explained score says', () => {
  it('gives every pair the same eligibility and the same score (property)', () => {
    let eligible = 0;
    let excluded = 0;
    fc.assert(
      fc.property(pool, ({ groups, households, config }) => {
        const pairs = eligiblePairs(groups, households, config, { centroids });
        let expectedCount = 0;
        groups.forEach((g, gi) =>
          households.forEach((h, hi) => {
            const explained = score(g, h, config, centroids);
            assert.equal(pairScore(pairs, gi, hi), explained.eligible ? explained.score : null, `group ${gi}, household ${hi}`);
            if (explained.eligible) expectedCount++;
          }),
        );
        assert.equal(pairs.count, expectedCount);
        eligible += expectedCount;
        excluded += groups.length * households.length - expectedCount;
      }),
      { numRuns: 400 },
    );
    // The property means something only if both kinds of pair were met often.
    assert.ok(eligible > 1000 && excluded > 1000, `eligible ${eligible}, excluded ${excluded}`);
  });

  it('keeps the best K per group, best first, ties to the earlier household (property)', () => {
    fc.assert(
      fc.property(pool, fc.integer({ min: 1, max: 4 }), fc.constantFrom(undefined, 0, 40, 60.5), ({ groups, households, config }, topK, minScore) => {
        const all = eligiblePairs(groups, households, config, { centroids });
        const best = eligiblePairs(groups, households, config, { centroids, topK, minScore });
        for (let g = 0; g < groups.length; g++) {
          const expected: { h: number; tenths: number }[] = [];
          for (let i = all.offsets[g]!; i < all.offsets[g + 1]!; i++) expected.push({ h: all.households[i]!, tenths: all.tenths[i]! });
          const kept = expected
            .filter((p) => minScore === undefined || p.tenths / 10 >= minScore)
            .sort((a, b) => b.tenths - a.tenths || a.h - b.h)
            .slice(0, topK);
          const actual: { h: number; tenths: number }[] = [];
          for (let i = best.offsets[g]!; i < best.offsets[g + 1]!; i++) actual.push({ h: best.households[i]!, tenths: best.tenths[i]! });
          assert.deepEqual(actual, kept);
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('eligible pairs for the assignment', () => {
  const base = (id: string, size: number, ageYears: number): SiblingGroupInput => ({
    id,
    children: Array.from({ length: size }, (_, i) => ({ id: `${id}-${i}`, ageYears, needs: [], languages: ['en'], ethnicity: null, religion: null })),
    requiredContact: [],
    identity: null,
    birthFamilyPostcodes: [],
    importantContactPostcodes: [],
    waitingDays: 0,
  });
  const family = (id: string, siblingGroups: boolean, experienceOfChildren: boolean): HouseholdInput => ({
    id,
    profile: { childrenMin: 1, childrenMax: 4, ageMin: 0, ageMax: 8, siblingGroups, needs: {}, contact: [] },
    languages: ['English'],
    ethnicity: null,
    religion: null,
    postcode: null,
    experienceOfChildren,
    supportNetwork: null,
    therapeuticPreparationComplete: null,
  });
  const groups = [base('one', 1, 4), base('two', 2, 4), base('older', 1, 11)];
  const households = [family('alone-only', false, true), family('siblings-too', true, false)];

  it('lists only allowed pairs, with their scores, by group', () => {
    const pairs = eligiblePairs(groups, households, DEFAULT_MATCHING_CONFIG);
    assert.deepEqual([...pairs.offsets], [0, 2, 3, 3]);
    assert.deepEqual(pairList(pairs, groups, households), [
      { group: 'one', family: 'alone-only', score: 100 },
      { group: 'one', family: 'siblings-too', score: 60 },
      { group: 'two', family: 'siblings-too', score: 60 },
    ]);
  });

  it('filters by a minimum score and keeps the best per group', () => {
    assert.deepEqual(pairList(eligiblePairs(groups, households, DEFAULT_MATCHING_CONFIG, { minScore: 70 }), groups, households), [
      { group: 'one', family: 'alone-only', score: 100 },
    ]);
    assert.deepEqual(pairList(eligiblePairs(groups, households, DEFAULT_MATCHING_CONFIG, { topK: 1 }), groups, households), [
      { group: 'one', family: 'alone-only', score: 100 },
      { group: 'two', family: 'siblings-too', score: 60 },
    ]);
  });

  it('refuses a group with no children and a topK that is not a positive whole number', () => {
    assert.throws(() => eligiblePairs([{ ...base('empty', 1, 3), children: [] }], households), RangeError);
    assert.throws(() => eligiblePairs(groups, households, DEFAULT_MATCHING_CONFIG, { topK: 0 }), RangeError);
  });
});
