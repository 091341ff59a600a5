import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { familiesOf, recruitmentProfile, unitsOf, waitingBonus, type WaitingChildRow } from './pool.ts';

const child = (id: string, extra: Partial<WaitingChildRow> = {}): WaitingChildRow => ({
  id,
  organisationId: 'la',
  givenNames: id,
  familyName: 'Fictional',
  preferredName: null,
  dateOfBirth: '2019-01-01',
  languages: ['cy'],
  ethnicity: 'white_british',
  religion: null,
  referralDate: '2026-01-01',
  requiredContact: [],
  identityConsiderations: null,
  birthFamilyPostcodes: [],
  importantContactPostcodes: [],
  groupId: null,
  inActiveMatch: false,
  needs: [],
  ...extra,
});

describe('the matching pool', () => {
  it('keeps brothers and sisters together as one unit and leaves out units already in a match', () => {
    const units = unitsOf(
      [
        child('a', { groupId: 'g', requiredContact: ['letterbox'] }),
        child('b', { groupId: 'g', requiredContact: ['direct_siblings'], referralDate: '2025-06-01' }),
        child('c'),
        child('d', { inActiveMatch: true }),
      ],
      '2026-07-01',
    );
    assert.deepEqual(
      units.map((u) => [u.id, u.children.map((c) => c.id)]),
      [
        ['g', ['a', 'b']],
        ['c', ['c']],
      ],
    );
    assert.deepEqual(units[0]!.requiredContact, ['letterbox', 'direct_siblings']);
    assert.equal(units[0]!.waitingDays, 395, 'the longest wait of the group');
    assert.equal(units[0]!.children[0]!.ageYears, 7);
  });

  it('never infers identity considerations: unrecorded stays unknown', () => {
    const [unit] = unitsOf([child('a', { ethnicity: 'black_african', religion: 'Muslim' })], '2026-07-01');
    assert.equal(unit!.identity, null);
    const [recorded] = unitsOf([child('a', { identityConsiderations: { welshLanguageImportant: true } })], '2026-07-01');
    assert.deepEqual(recorded!.identity, {
      religionImportant: false,
      religion: null,
      ethnicityImportant: false,
      ethnicities: [],
      welshLanguageImportant: true,
    });
  });

  it('lists families without recorded terms apart instead of guessing them', () => {
    const { families, withoutProfile } = familiesOf([
      {
        id: 'h1',
        reference: 'AT-1',
        languages: [],
        ethnicity: null,
        religion: null,
        postcode: null,
        experienceOfChildren: ' ',
        supportNetworkRating: null,
        names: ['A'],
        therapeuticPreparation: false,
        profile: null,
      },
      {
        id: 'h2',
        reference: 'AT-2',
        languages: ['Welsh'],
        ethnicity: 'not_known',
        religion: null,
        postcode: 'CF10 1AA',
        experienceOfChildren: 'Foster carers for 5 years',
        supportNetworkRating: 'some',
        names: ['B'],
        therapeuticPreparation: true,
        profile: { childrenMin: 1, childrenMax: 2, ageMin: 3, ageMax: 9, siblingGroups: true, needs: {}, contact: [] },
      },
      {
        id: 'h3',
        reference: 'AT-3',
        languages: [],
        ethnicity: null,
        religion: null,
        postcode: null,
        experienceOfChildren: null,
        supportNetworkRating: null,
        names: ['C'],
        therapeuticPreparation: false,
        profile: { childrenMin: 1, childrenMax: 1, ageMin: 4, ageMax: 10, siblingGroups: false, needs: {}, contact: [] },
      },
    ]);
    assert.deepEqual(
      withoutProfile.map((h) => h.id),
      ['h1'],
    );
    assert.equal(families[0]!.experienceOfChildren, true);
    assert.equal(families[0]!.ethnicity, null, '“not known” is not an ethnicity');
    assert.equal(families[0]!.supportNetwork, 'some', 'the worker rated the network');
    assert.equal(families[1]!.supportNetwork, null, 'not rated yet: unknown, never guessed from free text');
  });

  it('adds a capped bonus for waiting, and describes what a family would need to consider', () => {
    assert.equal(waitingBonus(0, 0.5, 10), 0);
    assert.ok(Math.abs(waitingBonus(365, 0.5, 10) - 6) < 0.01);
    assert.equal(waitingBonus(5000, 0.5, 10), 10);
    const [unit] = unitsOf(
      [child('a', { groupId: 'g', dateOfBirth: '2016-01-01', needs: [{ category: 'autism_spectrum', severity: 'moderate' }] }), child('b', { groupId: 'g' })],
      '2026-07-01',
    );
    assert.deepEqual(recruitmentProfile(unit!), { size: '2', oldestAge: '8-11', needs: ['autism_spectrum'] });
  });
});
