import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { afterMovingDay, inOrder, movingDay, planEditable, planProgress, statusAfter, stepRefusals, type PlanStep } from './transition-rules.ts';

const plan: PlanStep[] = [
  { id: 'meet', kind: 'first_meeting', plannedDate: '2026-05-04', status: 'done' },
  { id: 'visit', kind: 'visit', plannedDate: '2026-05-06', status: 'planned' },
  { id: 'night', kind: 'overnight_stay', plannedDate: '2026-05-09', status: 'planned' },
  { id: 'move', kind: 'moving_day', plannedDate: '2026-05-12', status: 'planned' },
  { id: 'review', kind: 'review', plannedDate: '2026-05-26', status: 'planned' },
];
const context = { linkedDate: '2026-02-01', today: '2026-05-05' };

describe('a transition plan’s steps', () => {
  it('accepts a well-placed step without a reason', () => {
    assert.deepEqual(stepRefusals(plan, { kind: 'day_visit', plannedDate: '2026-05-07', status: 'planned', reason: null }, context), []);
  });

  it('refuses a step after moving day without a reason, and accepts it with one', () => {
    const late = { kind: 'overnight_stay' as const, plannedDate: '2026-05-14', status: 'planned' as const, reason: null };
    assert.deepEqual(stepRefusals(plan, late, context), [{ field: 'reason', code: 'after-moving-day' }]);
    assert.deepEqual(stepRefusals(plan, { ...late, reason: 'Birth sibling’s contact visit, agreed at the review' }, context), []);
  });

  it('expects reviews after moving day', () => {
    assert.deepEqual(stepRefusals(plan, { kind: 'review', plannedDate: '2026-06-30', status: 'planned', reason: null }, context), []);
  });

  it('needs a reason to bring moving day forward before steps already planned', () => {
    assert.deepEqual(stepRefusals(plan, { id: 'move', kind: 'moving_day', plannedDate: '2026-05-08', status: 'planned', reason: null }, context), [
      { field: 'reason', code: 'after-moving-day' },
    ]);
  });

  it('needs a reason to move a step to another date or cancel it, and marks it moved', () => {
    const moved = { id: 'visit', kind: 'visit' as const, plannedDate: '2026-05-07', status: 'planned' as const, reason: null };
    assert.deepEqual(stepRefusals(plan, moved, context), [{ field: 'reason', code: 'reason-required' }]);
    assert.deepEqual(stepRefusals(plan, { ...moved, reason: 'The child was unwell' }, context), []);
    assert.equal(statusAfter(plan, { ...moved, reason: 'The child was unwell' }), 'moved');
    assert.deepEqual(stepRefusals(plan, { id: 'night', kind: 'overnight_stay', plannedDate: '2026-05-09', status: 'cancelled', reason: null }, context), [
      { field: 'reason', code: 'reason-required' },
    ]);
  });

  it('refuses a step recorded as done before its day', () => {
    assert.deepEqual(stepRefusals(plan, { id: 'night', kind: 'overnight_stay', plannedDate: '2026-05-09', status: 'done', reason: null }, context), [
      { field: 'status', code: 'done-in-future' },
    ]);
    assert.deepEqual(stepRefusals(plan, { id: 'meet', kind: 'first_meeting', plannedDate: '2026-05-04', status: 'done', reason: null }, context), []);
  });

  it('allows one moving day, and no step before the link was made', () => {
    assert.deepEqual(stepRefusals(plan, { kind: 'moving_day', plannedDate: '2026-05-13', status: 'planned', reason: 'x' }, context), [
      { field: 'kind', code: 'second-moving-day' },
    ]);
    assert.deepEqual(stepRefusals(plan, { kind: 'visit', plannedDate: '2026-01-31', status: 'planned', reason: null }, context), [
      { field: 'plannedDate', code: 'before-link' },
    ]);
  });

  it('leaves cancelled steps out of the plan', () => {
    const cancelledMove = plan.map((s) => (s.id === 'move' ? { ...s, status: 'cancelled' as const } : s));
    assert.equal(movingDay(cancelledMove), null);
    assert.deepEqual(afterMovingDay(cancelledMove), []);
    assert.deepEqual(stepRefusals(cancelledMove, { kind: 'moving_day', plannedDate: '2026-05-15', status: 'planned', reason: null }, context), []);
  });
});

describe('how far introductions have come', () => {
  it('counts steps done, days to moving day, the next step and steps not recorded', () => {
    assert.deepEqual(planProgress(plan, '2026-05-07'), { steps: 5, done: 1, movingDay: '2026-05-12', daysToMovingDay: 5, nextStepId: 'night', notRecorded: 1 });
  });

  it('orders steps by date, and by kind on the same day', () => {
    const sameDay: PlanStep[] = [
      { id: 'r', kind: 'review', plannedDate: '2026-05-12', status: 'planned' },
      { id: 'm', kind: 'moving_day', plannedDate: '2026-05-12', status: 'planned' },
      { id: 'f', kind: 'first_meeting', plannedDate: '2026-05-01', status: 'planned' },
    ];
    assert.deepEqual(
      inOrder(sameDay).map((s) => s.id),
      ['f', 'm', 'r'],
    );
  });

  it('is written from the matching meeting until the child has moved in', () => {
    assert.equal(planEditable('visits'), false);
    assert.equal(planEditable('matching_meeting'), true);
    assert.equal(planEditable('placed'), true);
    assert.equal(planEditable('adoption_order'), false);
    assert.equal(planEditable('disrupted'), false);
  });
});
