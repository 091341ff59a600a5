import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { missingChecks } from '../recruitment/index.ts';
import { accessState, invitationExpiry, linkState, outstandingForFamily } from './access.ts';

const now = new Date('2026-03-10T12:00:00Z');
const invitation = (overrides: Partial<Parameters<typeof linkState>[0]> = {}) => ({
  createdAt: new Date('2026-03-09T12:00:00Z'),
  expiresAt: invitationExpiry(new Date('2026-03-09T12:00:00Z')),
  acceptedAt: null,
  revokedAt: null,
  ...overrides,
});

describe('invitation links', () => {
  it('work for seven days from when they were sent', () => {
    assert.equal(invitationExpiry(now).toISOString(), '2026-03-17T12:00:00.000Z');
    assert.equal(linkState(invitation(), now), 'usable');
    assert.equal(linkState(invitation(), new Date('2026-03-16T12:00:00Z')), 'expired');
  });

  it('cannot be used twice, nor once replaced by a newer link', () => {
    assert.equal(linkState(invitation({ acceptedAt: now }), now), 'used');
    assert.equal(linkState(invitation({ revokedAt: now }), now), 'revoked');
  });
});

describe('an applicant’s portal access', () => {
  it('is active once any link was accepted, invited while the newest works, expired otherwise', () => {
    assert.equal(accessState([], now), undefined);
    assert.equal(accessState([invitation({ revokedAt: now }), invitation()], now), 'invited');
    assert.equal(accessState([invitation({ acceptedAt: now }), invitation({ revokedAt: now })], now), 'active');
    assert.equal(accessState([invitation({ revokedAt: now })], now), 'expired');
    assert.equal(accessState([invitation()], new Date('2026-04-01T00:00:00Z')), 'expired');
  });
});

describe('what the family sees as outstanding', () => {
  it('lists each applicant’s DBS and medical and how many references are still to come', () => {
    const missing = missingChecks(
      ['a1', 'a2'],
      [
        { kind: 'dbs', applicantId: 'a1', receivedDate: '2026-03-01', outcome: 'satisfactory' },
        { kind: 'medical', applicantId: 'a1', receivedDate: '2026-03-01', outcome: 'satisfactory' },
        { kind: 'reference', applicantId: null, receivedDate: '2026-03-02', outcome: 'satisfactory' },
        { kind: 'local_authority', applicantId: null, receivedDate: '2026-03-02', outcome: 'concerns' },
      ],
    );
    assert.deepEqual(outstandingForFamily(missing), [
      { kind: 'dbs', applicantId: 'a2', count: 1 },
      { kind: 'medical', applicantId: 'a2', count: 1 },
      { kind: 'reference', applicantId: null, count: 2 },
    ]);
  });

  it('never announces an unsatisfactory outcome, while still listing the check as not done', () => {
    const missing = missingChecks(
      ['a1'],
      [
        { kind: 'dbs', applicantId: 'a1', receivedDate: '2026-03-01', outcome: 'unsatisfactory' },
        { kind: 'medical', applicantId: 'a1', receivedDate: '2026-03-01', outcome: 'satisfactory' },
        { kind: 'reference', applicantId: null, receivedDate: '2026-03-01', outcome: 'satisfactory' },
        { kind: 'reference', applicantId: null, receivedDate: '2026-03-01', outcome: 'satisfactory' },
        { kind: 'reference', applicantId: null, receivedDate: '2026-03-01', outcome: 'satisfactory' },
        { kind: 'local_authority', applicantId: null, receivedDate: '2026-03-01', outcome: 'satisfactory' },
      ],
    );
    assert.ok(missing.some((m) => m.problem === 'unsatisfactory'));
    assert.deepEqual(outstandingForFamily(missing), [{ kind: 'dbs', applicantId: 'a1', count: 1 }]);
  });

  it('is empty when every Stage 1 check has concluded', () => {
    assert.deepEqual(outstandingForFamily([]), []);
  });
});
