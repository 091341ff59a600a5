import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { UserActor } from './actor.ts';
import { mayReadVisibility, visibilitiesFor } from './document-visibility.ts';

const person = (organisationType: UserActor['organisationType'], role: UserActor['roles'][number]): UserActor => ({
  kind: 'user',
  userId: '00000000-0000-4000-8000-000000000001',
  organisationId: '00000000-0000-4000-8000-000000000002',
  organisationType,
  roles: [role],
  name: 'Synthetic Person',
});

describe('case document visibility', () => {
  it('lets a clinical-only document be read by the agency’s psychologist, not its family finder or the local authority', () => {
    assert.equal(mayReadVisibility(person('agency', 'clinical_psychologist'), 'clinical'), true);
    assert.equal(mayReadVisibility(person('clinical_partner', 'therapeutic_social_worker'), 'clinical'), true);
    assert.equal(mayReadVisibility(person('agency', 'family_finder'), 'clinical'), false);
    assert.equal(mayReadVisibility(person('local_authority', 'la_referrer'), 'clinical'), false);
  });

  it('keeps the agency’s own papers from the local authority, and shares case papers with it', () => {
    assert.equal(mayReadVisibility(person('agency', 'social_worker'), 'agency'), true);
    assert.equal(mayReadVisibility(person('local_authority', 'la_referrer'), 'agency'), false);
    assert.equal(mayReadVisibility(person('local_authority', 'la_referrer'), 'case'), true);
    assert.equal(mayReadVisibility({ kind: 'anonymous' }, 'case'), false);
  });

  it('offers an uploader only the visibilities they could read themselves', () => {
    assert.deepEqual(visibilitiesFor(person('local_authority', 'la_referrer')), ['case']);
    assert.deepEqual(visibilitiesFor(person('agency', 'family_finder')), ['case', 'agency']);
    assert.deepEqual(visibilitiesFor(person('agency', 'clinical_psychologist')), ['case', 'agency', 'clinical']);
  });
});
