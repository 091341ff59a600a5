import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { childrenRefusal, dateInFuture, mayRecordOutcome, meetingOrganisations, meetingTimesRefusal, ownerRefusal, splitByTime } from './meeting-rules.ts';
import { ACTION_OWNER_ROLES } from './vocabulary.ts';

const at = (iso: string) => new Date(iso);

describe('a Team Around the Child meeting’s times', () => {
  it('refuses a meeting that ends before, or when, it starts', () => {
    assert.equal(meetingTimesRefusal(at('2026-03-10T10:00:00Z'), at('2026-03-10T09:30:00Z')), 'ends-before-start');
    assert.equal(meetingTimesRefusal(at('2026-03-10T10:00:00Z'), at('2026-03-10T10:00:00Z')), 'ends-before-start');
    assert.equal(meetingTimesRefusal(at('2026-03-10T10:00:00Z'), at('2026-03-10T11:30:00Z')), null);
  });

  it('refuses a meeting longer than a working day (a mistyped time)', () => {
    assert.equal(meetingTimesRefusal(at('2026-03-10T09:00:00Z'), at('2026-03-10T17:00:00Z')), null);
    assert.equal(meetingTimesRefusal(at('2026-03-10T09:00:00Z'), at('2026-03-10T17:01:00Z')), 'too-long');
  });

  it('takes minutes only once the meeting has started', () => {
    assert.equal(mayRecordOutcome(at('2026-03-10T10:00:00Z'), at('2026-03-10T09:59:00Z')), false);
    assert.equal(mayRecordOutcome(at('2026-03-10T10:00:00Z'), at('2026-03-10T10:00:00Z')), true);
  });

  it('lists meetings ahead soonest first and meetings held latest first', () => {
    const now = at('2026-03-10T12:00:00Z');
    const meetings = ['2026-03-01', '2026-04-01', '2026-03-09', '2026-03-20'].map((d) => ({ id: d, startsAt: at(`${d}T10:00:00Z`) }));
    const { ahead, held } = splitByTime(meetings, now);
    assert.deepEqual(
      ahead.map((m) => m.id),
      ['2026-03-20', '2026-04-01'],
    );
    assert.deepEqual(
      held.map((m) => m.id),
      ['2026-03-09', '2026-03-01'],
    );
  });
});

describe('who may own an action agreed at a meeting', () => {
  const agency = 'agency';
  const authority = 'authority';
  const partner = 'clinical-partner';
  const organisations = meetingOrganisations({ organisationId: agency }, [
    { organisationId: authority, sharedWith: [agency, partner] },
    { organisationId: authority, sharedWith: [agency] },
  ]);

  it('draws the meeting’s organisations from the meeting and each child’s owner and sharers', () => {
    assert.deepEqual(organisations.sort(), [agency, authority, partner].sort());
  });

  it('accepts a worker of any of them', () => {
    assert.equal(ownerRefusal({ organisationId: authority, roles: ['la_referrer'], disabled: false }, organisations, ACTION_OWNER_ROLES), null);
    assert.equal(ownerRefusal({ organisationId: partner, roles: ['clinical_psychologist'], disabled: false }, organisations, ACTION_OWNER_ROLES), null);
  });

  it('refuses a worker of another organisation, a family, and someone who cannot sign in', () => {
    assert.equal(
      ownerRefusal({ organisationId: 'elsewhere', roles: ['family_finder'], disabled: false }, organisations, ACTION_OWNER_ROLES),
      'outside-organisations',
    );
    assert.equal(ownerRefusal({ organisationId: agency, roles: ['adopter'], disabled: false }, organisations, ACTION_OWNER_ROLES), 'role');
    assert.equal(ownerRefusal({ organisationId: agency, roles: ['family_finder'], disabled: true }, organisations, ACTION_OWNER_ROLES), 'unknown');
    assert.equal(ownerRefusal(undefined, organisations, ACTION_OWNER_ROLES), 'unknown');
  });
});

describe('the children a meeting is about', () => {
  it('is one child, or brothers and sisters of one group', () => {
    assert.equal(childrenRefusal(['a'], ['a', 'b'], null), null);
    assert.equal(childrenRefusal(['a', 'b'], ['a', 'b'], ['a', 'b', 'c']), null);
    assert.equal(childrenRefusal(['a', 'b'], ['a', 'b'], null), 'not-one-group');
    assert.equal(childrenRefusal(['a', 'x'], ['a', 'b'], ['a', 'x']), 'not-found', 'a child the person may not see is not there');
    assert.equal(childrenRefusal([], ['a'], null), 'not-found');
  });
});

describe('records of what happened', () => {
  it('cannot be dated after today', () => {
    assert.equal(dateInFuture('2026-03-11', '2026-03-10'), true);
    assert.equal(dateInFuture('2026-03-10', '2026-03-10'), false);
  });
});
