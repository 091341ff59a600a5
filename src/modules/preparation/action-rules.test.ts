import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { actionState, countByState, daysOverdue, daysUntilDue, dueDateRefusal, orderForOwner, suggestedDueDate } from './action-rules.ts';
import { addDays } from './dates.ts';

const open = (dueDate: string) => ({ dueDate, doneAt: null });

describe('when an agreed action is due', () => {
  const today = '2026-03-10';

  it('is due today on its due date and overdue from the day after', () => {
    assert.equal(actionState(open('2026-03-10'), today), 'due_today');
    assert.equal(actionState(open('2026-03-09'), today), 'overdue');
    assert.equal(daysOverdue(open('2026-03-09'), today), 1);
    assert.equal(daysOverdue(open('2026-03-10'), today), 0);
  });

  it('is due soon within a week, and simply open after that', () => {
    assert.equal(actionState(open('2026-03-17'), today), 'due_soon');
    assert.equal(actionState(open('2026-03-18'), today), 'open');
    assert.equal(daysUntilDue(open('2026-03-18'), today), 8);
  });

  it('is never overdue once done, however late it was done', () => {
    const done = { dueDate: '2026-01-01', doneAt: new Date('2026-03-01T10:00:00Z') };
    assert.equal(actionState(done, today), 'done');
    assert.equal(daysOverdue(done, today), 0);
  });

  it('counts months and leap days as calendar days', () => {
    assert.equal(daysOverdue(open('2028-02-28'), '2028-03-01'), 2);
    assert.equal(actionState(open('2026-03-29'), '2026-03-28'), 'due_soon', 'the change to summer time does not move a date');
  });
});

describe('the order an owner reads their actions in', () => {
  it('puts the longest overdue first, then due today, due soon, later, and done last', () => {
    const today = '2026-03-10';
    const actions = [
      { id: 'later', dueDate: '2026-05-01', doneAt: null },
      { id: 'done', dueDate: '2026-02-01', doneAt: new Date('2026-02-02T09:00:00Z') },
      { id: 'soon', dueDate: '2026-03-12', doneAt: null },
      { id: 'overdue-a-day', dueDate: '2026-03-09', doneAt: null },
      { id: 'today', dueDate: '2026-03-10', doneAt: null },
      { id: 'overdue-a-month', dueDate: '2026-02-10', doneAt: null },
    ];
    assert.deepEqual(
      orderForOwner(actions, today).map((a) => a.id),
      ['overdue-a-month', 'overdue-a-day', 'today', 'soon', 'later', 'done'],
    );
    assert.deepEqual(countByState(actions, today), { overdue: 2, due_today: 1, due_soon: 1, open: 1, done: 1 });
  });
});

describe('the due date of an action agreed at a meeting', () => {
  it('may be the day of the meeting but never before it', () => {
    assert.equal(dueDateRefusal('2026-03-10', '2026-03-10'), null);
    assert.equal(dueDateRefusal('2026-03-09', '2026-03-10'), 'before-meeting');
  });

  it('refuses a date more than a year after the meeting (a mistyped year)', () => {
    assert.equal(dueDateRefusal('2027-03-10', '2026-03-10'), null);
    assert.equal(dueDateRefusal('2036-03-10', '2026-03-10'), 'too-far');
  });

  it('suggests two weeks after the meeting, or after today for a meeting recorded late', () => {
    assert.equal(suggestedDueDate('2026-03-10', '2026-03-10'), '2026-03-24');
    assert.equal(suggestedDueDate('2026-01-05', '2026-03-10'), '2026-03-24');
    assert.equal(addDays('2026-12-25', 10), '2027-01-04');
  });
});
