import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { attendanceProblems, eventProblems, planProblems, reviewState, sessionProblems } from './rules.ts';

const minutes = { min: 5, max: 600 };
const keys = (problems: { field: string; key: string }[]) => problems.map((p) => `${p.field}:${p.key}`);

describe('support session rules', () => {
  const now = new Date('2026-03-10T12:00:00Z');

  it('refuses a session in the future marked delivered', () => {
    assert.deepEqual(keys(sessionProblems({ status: 'delivered', startsAt: new Date('2026-03-11T10:00:00Z'), durationMinutes: 60 }, now, minutes)), [
      'status:support:errors.status.deliveredInFuture',
    ]);
  });

  it('accepts a session delivered in the past, and one planned or cancelled in the future', () => {
    assert.deepEqual(sessionProblems({ status: 'delivered', startsAt: new Date('2026-03-10T11:00:00Z'), durationMinutes: 60 }, now, minutes), []);
    assert.deepEqual(sessionProblems({ status: 'planned', startsAt: new Date('2026-03-11T10:00:00Z'), durationMinutes: 60 }, now, minutes), []);
    assert.deepEqual(sessionProblems({ status: 'cancelled', startsAt: new Date('2026-03-11T10:00:00Z'), durationMinutes: 60 }, now, minutes), []);
  });

  it('refuses a length outside the configured range', () => {
    assert.deepEqual(keys(sessionProblems({ status: 'planned', startsAt: now, durationMinutes: 4 }, now, minutes)), [
      'durationMinutes:support:errors.durationMinutes.range',
    ]);
    assert.deepEqual(keys(sessionProblems({ status: 'planned', startsAt: now, durationMinutes: 601 }, now, minutes)), [
      'durationMinutes:support:errors.durationMinutes.range',
    ]);
    assert.deepEqual(sessionProblems({ status: 'planned', startsAt: now, durationMinutes: 600 }, now, minutes), []);
  });
});

describe('support plan reviews', () => {
  it('are overdue after their date, due soon within the configured days, scheduled beyond', () => {
    assert.equal(reviewState('2026-03-09', '2026-03-10', 28), 'overdue');
    assert.equal(reviewState('2026-03-10', '2026-03-10', 28), 'due_soon');
    assert.equal(reviewState('2026-04-07', '2026-03-10', 28), 'due_soon');
    assert.equal(reviewState('2026-04-08', '2026-03-10', 28), 'scheduled');
    assert.equal(reviewState(null, '2026-03-10', 28), 'none');
  });

  it('refuse a plan agreed in the future, or reviewed on or before the day it was agreed', () => {
    assert.deepEqual(keys(planProblems({ agreedDate: '2026-03-11', nextReviewDate: null }, '2026-03-10')), ['agreedDate:support:errors.agreedDate.inFuture']);
    assert.deepEqual(keys(planProblems({ agreedDate: '2026-03-01', nextReviewDate: '2026-03-01' }, '2026-03-10')), [
      'nextReviewDate:support:errors.nextReviewDate.notAfterAgreed',
    ]);
    assert.deepEqual(planProblems({ agreedDate: '2026-03-01', nextReviewDate: '2026-09-01' }, '2026-03-10'), []);
  });
});

describe('support events', () => {
  const starts = new Date('2026-03-10T10:00:00Z');

  it('end after they start', () => {
    assert.deepEqual(keys(eventProblems({ startsAt: starts, endsAt: starts })), ['endsAt:support:errors.endsAt.beforeStart']);
    assert.deepEqual(eventProblems({ startsAt: starts, endsAt: new Date('2026-03-10T12:00:00Z') }), []);
  });

  it('know who came only once they have begun, and count at least one person', () => {
    const before = new Date('2026-03-09T10:00:00Z');
    assert.deepEqual(keys(attendanceProblems({ attended: true, adults: 2, children: 1 }, starts, before)), ['attended:support:errors.attended.notStarted']);
    assert.deepEqual(attendanceProblems({ attended: null, adults: 2, children: 1 }, starts, before), []);
    assert.deepEqual(attendanceProblems({ attended: false, adults: 1, children: 0 }, starts, new Date('2026-03-10T10:00:00Z')), []);
    assert.deepEqual(keys(attendanceProblems({ attended: null, adults: 0, children: 0 }, starts, before)), ['adults:support:errors.adults.nobody']);
  });
});
