import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { anonymous, type UserActor } from './actor.ts';
import { systemActor } from './system-jobs.ts';
import type { Role } from './roles.ts';
import { mayReadClinicalNotes } from './policy.ts';

const org = '00000000-0000-4000-8000-000000000001';
const person = (roles: Role[], userId = '10000000-0000-4000-8000-000000000001'): UserActor => ({
  kind: 'user',
  userId,
  organisationId: org,
  organisationType: 'agency',
  roles,
  name: 'Test Person',
});

describe('who reads the notes of a clinical record', () => {
  const record = { allocatedUserIds: ['20000000-0000-4000-8000-000000000002'], authorId: '30000000-0000-4000-8000-000000000003' };

  it('lets the clinical team read them', () => {
    assert.equal(mayReadClinicalNotes(person(['clinical_psychologist']), record), true);
    assert.equal(mayReadClinicalNotes(person(['therapeutic_social_worker']), record), true);
  });

  it('lets the allocated worker and the session’s own worker read them', () => {
    assert.equal(mayReadClinicalNotes(person(['social_worker'], '20000000-0000-4000-8000-000000000002'), record), true);
    assert.equal(mayReadClinicalNotes(person(['family_finder'], '30000000-0000-4000-8000-000000000003'), record), true);
  });

  it('keeps them from other workers, their manager, and families', () => {
    assert.equal(mayReadClinicalNotes(person(['social_worker']), record), false);
    assert.equal(mayReadClinicalNotes(person(['service_manager']), record), false);
    assert.equal(mayReadClinicalNotes(person(['adopter']), record), false);
    assert.equal(mayReadClinicalNotes(anonymous, record), false);
  });

  it('is not fooled by a record with no allocated worker', () => {
    assert.equal(mayReadClinicalNotes(person(['social_worker']), { allocatedUserIds: [null, undefined], authorId: null }), false);
  });

  it('lets the platform itself read them (a job the policy let see the record)', () => {
    assert.equal(mayReadClinicalNotes(systemActor('demo'), record), true);
  });
});
