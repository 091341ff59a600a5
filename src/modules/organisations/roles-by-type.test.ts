import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { roleNotAllowed } from './roles-by-type.ts';

describe('roles each organisation may hold', () => {
  it('lets the agency hold its practitioners, managers, adopters and administrators', () => {
    assert.equal(roleNotAllowed('agency', ['family_finder', 'service_manager', 'adopter', 'administrator']), undefined);
  });

  it('keeps referrers in local authorities', () => {
    assert.equal(roleNotAllowed('local_authority', ['la_referrer']), undefined);
    assert.equal(roleNotAllowed('agency', ['la_referrer']), 'la_referrer');
  });

  it('never makes a funder or researcher a practitioner', () => {
    assert.equal(roleNotAllowed('funder', ['social_worker']), 'social_worker');
    assert.equal(roleNotAllowed('research_partner', ['funder', 'research_partner']), 'funder');
  });
});
