import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ResearchRecord } from '../children/index.ts';
import fc from 'fast-check';
import { ageInYears } from '../../platform/dates/dates.ts';
import { createHmac } from 'node:crypto';
import { agreementKey, coarsenField, monthOf, postcodeDistrict, pseudonym, pseudonymiser, wholeYears } from './coarsen.ts';
import { applyPlan, CategoryTally, mergePlan, OTHER, SUPPRESSED_VALUE } from './categories.ts';
import { agreementStanding, refusalOfFields } from './agreement-rules.ts';
import { CHOOSABLE_FIELDS, DATA_DICTIONARY } from './dictionary.ts';

const child: ResearchRecord = {
  id: '7d3f7f0e-3a8c-4f57-9a55-2f6f1c0a9b11',
  dateOfBirth: '2016-08-23',
  sex: 'female',
  ethnicity: 'white_welsh',
  legalStatus: 'placement_order',
  status: 'family_finding',
  region: 'south_east_wales',
  needCategories: ['learning', 'emotional', 'learning'],
  developmentalUncertainty: true,
  additionalLearningNeeds: false,
  aceKnown: 6,
  aceKnownOrSuspected: null,
  referralDate: '2021-03-02',
  enteredCareDate: '2019-11-30',
  placementOrderDate: null,
  adoptionPlanDate: '2020-06-15',
  outcome: null,
  outcomeDate: null,
  importantContactPostcodes: ['cf10 1ab', 'CF10 3NQ', 'SA1 1AA', 'not a postcode'],
};

describe('pseudonyms', () => {
  it('gives a child the same pseudonym in every extract of one agreement and a different one under another', () => {
    const secret = 'a server secret that is long enough to be real';
    const first = pseudonym(agreementKey(secret, 'agreement-1'), child.id);
    assert.equal(first, pseudonym(agreementKey(secret, 'agreement-1'), child.id));
    assert.notEqual(first, pseudonym(agreementKey(secret, 'agreement-2'), child.id));
    assert.notEqual(first, pseudonym(agreementKey('another server secret, just as long as it', 'agreement-1'), child.id));
    assert.match(first, /^[0-9a-f]{64}$/);
    assert.ok(!first.includes(child.id.replace(/-/g, '').slice(0, 8)), 'nothing of the id shows through');
  });

  it('gives the very pseudonyms of earlier extracts when made for a whole extract at once (partners link extracts by them)', () => {
    const key = agreementKey('a server secret that is long enough to be real', 'agreement-1');
    const many = pseudonymiser(key);
    // Fixed: the HMAC-SHA-256 extracts have always written for this child under this key.
    assert.equal(many(child.id), '0dd8cad27fefd4a9de6f774362bb9c6e5ceb69513d5a7cacab04552e715e2c33');
    assert.equal(pseudonym(key, child.id), createHmac('sha256', key).update(child.id).digest('hex'));
    fc.assert(
      fc.property(fc.oneof(fc.uuid(), fc.string({ unit: 'binary', maxLength: 200 })), (id) => many(id) === pseudonym(key, id)),
      { numRuns: 500 },
    );
  });
});

describe('coarsening a child’s record', () => {
  it('cuts dates to the month and gives ages in whole years', () => {
    assert.equal(coarsenField('birthMonth', child, '2026-12-06'), '2016-08');
    assert.equal(coarsenField('referralMonth', child, '2026-12-06'), '2021-03');
    assert.equal(coarsenField('placementOrderMonth', child, '2026-12-06'), '');
    assert.equal(coarsenField('ageAtReferral', child, '2026-12-06'), '4');
    assert.equal(coarsenField('ageAtExtract', child, '2026-08-22'), '9', 'the day before the tenth birthday');
    assert.equal(coarsenField('ageAtExtract', child, '2026-08-23'), '10');
    assert.equal(monthOf(null), '');
  });

  it('counts whole years exactly as the platform counts ages (property)', () => {
    const day = fc.date({ min: new Date('1990-01-01'), max: new Date('2040-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(fc.property(day, day, (a, b) => wholeYears(a < b ? a : b, a < b ? b : a) === ageInYears(a < b ? a : b, a < b ? b : a)));
    assert.equal(wholeYears('2016-02-29', '2026-02-28'), 9);
    assert.equal(wholeYears('2016-02-29', '2026-03-01'), 10);
  });

  it('cuts postcodes to their district and drops what is not a postcode', () => {
    assert.deepEqual(['CF10 1AB', 'sa1 1aa', 'SW1A 2AA', 'CF10', 'LL57', 'nonsense', ''].map(postcodeDistrict), [
      'CF10',
      'SA1',
      'SW1A',
      'CF10',
      'LL57',
      '',
      '',
    ]);
    assert.equal(coarsenField('importantContactDistricts', child, '2026-12-06'), 'CF10;SA1');
  });

  it('lists no name, no free text and no birth family’s postcode in the data dictionary', () => {
    const names = DATA_DICTIONARY.map((f) => f.name.toLowerCase());
    for (const never of ['name', 'summary', 'profile', 'notes', 'birthfamily', 'reason', 'religion'])
      assert.ok(!names.some((n) => n.includes(never)), `${never} is in the dictionary`);
    assert.ok(
      (DATA_DICTIONARY as readonly { en: string; cy: string }[]).every((f) => f.en && f.cy && f.en !== f.cy),
      'every field is described in English and Welsh',
    );
    assert.ok(!CHOOSABLE_FIELDS.includes('child' as never));
  });

  it('writes sets of values in one order, once each', () => {
    assert.equal(coarsenField('needCategories', child, '2026-12-06'), 'emotional;learning');
  });
});

describe('small categories', () => {
  it('merges values held by fewer children than the threshold into "other"', () => {
    const plan = mergePlan(
      new Map([
        ['white_welsh', 40],
        ['mixed', 3],
        ['asian', 4],
      ]),
      5,
    );
    assert.deepEqual([...plan.keep], ['white_welsh']);
    assert.deepEqual(
      ['white_welsh', 'mixed', 'asian'].map((v) => applyPlan(v, plan, false)),
      ['white_welsh', OTHER, OTHER],
    );
  });

  it('adds the next smallest value to "other" when "other" alone would still be too small', () => {
    const plan = mergePlan(
      new Map([
        ['a', 40],
        ['b', 6],
        ['c', 2],
      ]),
      5,
    );
    assert.deepEqual([...plan.keep], ['a']);
    assert.equal(applyPlan('b', plan, false), OTHER);
  });

  it('suppresses every value of a field too small to merge safely', () => {
    const plan = mergePlan(new Map([['female', 3]]), 5);
    assert.equal(applyPlan('female', plan, false), SUPPRESSED_VALUE);
  });

  it('merges a field of several values value by value', () => {
    const tally = new CategoryTally();
    for (let i = 0; i < 6; i++) tally.add('needs', 'emotional;learning', true);
    for (let i = 0; i < 20; i++) tally.add('needs', 'learning', true);
    tally.add('needs', 'sensory', true);
    const plan = tally.plan('needs', 5);
    // sensory (1) alone is too few for "other", so emotional (6), the next smallest, joins it.
    assert.equal(applyPlan('sensory', plan, true), OTHER);
    assert.equal(applyPlan('emotional;learning', plan, true), `learning;${OTHER}`);
    assert.equal(applyPlan('learning', plan, true), 'learning');
  });
});

describe('an agreement’s limits', () => {
  const agreement = { startDate: '2026-01-01', endDate: '2026-12-31' };
  it('is active from its start date to its end date, both included', () => {
    assert.deepEqual(
      ['2025-12-31', '2026-01-01', '2026-12-31', '2027-01-01'].map((d) => agreementStanding(agreement, d)),
      ['not_started', 'active', 'active', 'ended'],
    );
  });
  it('refuses a field outside the agreement, naming it', () => {
    assert.equal(refusalOfFields(['sex'], ['sex', 'birthMonth']), null);
    assert.deepEqual(refusalOfFields(['sex', 'ethnicity'], ['sex'])?.fieldErrors, [
      { field: 'fields', key: 'research:errors.extract.fieldOutsideAgreement', params: { field: 'ethnicity' } },
    ]);
  });
});
