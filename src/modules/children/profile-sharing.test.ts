import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { anonymise, whyNotShown } from './profile-sharing.ts';

const waiting = { status: 'family_finding', profileEn: 'Loves climbing trees.', profileCy: null };

describe('who may be shown to approved families', () => {
  it('shows a waiting child with a profile in either language', () => {
    assert.deepEqual(whyNotShown([waiting]), []);
    assert.deepEqual(whyNotShown([{ status: 'linked', profileEn: null, profileCy: 'Mae’n hoffi dringo coed.' }]), []);
  });

  it('refuses a child without a profile written for families (blank counts as none)', () => {
    assert.deepEqual(whyNotShown([{ ...waiting, profileEn: '   ', profileCy: null }]), ['noProfile']);
  });

  it('refuses a child whose plan is not adoption with a family being looked for', () => {
    for (const status of ['referred', 'closed', 'declined']) assert.deepEqual(whyNotShown([{ ...waiting, status }]), ['noAdoptionPlan'], status);
  });

  it('refuses a child already in an active match (matched or placed)', () => {
    for (const status of ['matched', 'placed']) assert.deepEqual(whyNotShown([{ ...waiting, status }]), ['inActiveMatch'], status);
  });

  it('refuses brothers and sisters placed together when any one of them may not be shown, with every reason once', () => {
    const reasons = whyNotShown([waiting, { ...waiting, profileEn: null }, { status: 'matched', profileEn: null, profileCy: null }]);
    assert.deepEqual(reasons, ['noProfile', 'inActiveMatch']);
  });
});

describe('what a family sees of a child before any link', () => {
  const child = {
    preferredName: null,
    legalGivenNames: 'Fictional Rhian Mai',
    dateOfBirth: '2019-03-15',
    profileEn: 'Likes drawing.',
    profileCy: 'Hoffi tynnu lluniau.',
  };

  it('gives the first given name and the age in whole years, never the date of birth or a family name', () => {
    const seen = anonymise(child, '2026-03-14');
    assert.deepEqual(seen, { firstName: 'Fictional', age: 6, profileEn: 'Likes drawing.', profileCy: 'Hoffi tynnu lluniau.' });
    assert.equal(anonymise(child, '2026-03-15').age, 7);
    assert.ok(!JSON.stringify(seen).includes('2019'));
  });

  it('uses the name the child is known by when there is one', () => {
    assert.equal(anonymise({ ...child, preferredName: 'Rhi' }, '2026-01-01').firstName, 'Rhi');
  });
});
