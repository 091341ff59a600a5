import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { addInterval, overdueWorkers, summariseSessions, supervisionDue, supervisionList, SUPERVISION_FREQUENCIES } from './supervision.ts';

const monthly = { frequency: 'monthly' as const, dueSoonDays: 7 };

describe('supervision frequency', () => {
  it('is due a calendar month after the last session, by default', () => {
    assert.equal(supervisionDue({ lastSession: '2026-03-10', startedOn: '2025-01-01' }, '2026-03-20', monthly).due, '2026-04-10');
  });

  it('falls back to the last day of a short month', () => {
    assert.equal(addInterval('2026-01-31', 'monthly'), '2026-02-28');
    assert.equal(addInterval('2028-01-31', 'monthly'), '2028-02-29');
    assert.equal(addInterval('2026-11-30', 'quarterly'), '2027-02-28');
  });

  it('counts weeks in days across a month and a year end', () => {
    assert.equal(addInterval('2026-12-25', 'fortnightly'), '2027-01-08');
    assert.equal(addInterval('2026-02-20', 'weekly'), '2026-02-27');
    assert.equal(addInterval('2026-01-01', 'every_6_weeks'), '2026-02-12');
  });

  it('offers monthly among the choices a manager has', () => {
    assert.ok(SUPERVISION_FREQUENCIES.includes('monthly'));
    for (const f of SUPERVISION_FREQUENCIES) assert.ok(addInterval('2026-05-15', f) > '2026-05-15', f);
  });

  it('gives a new starter one interval from the day they started before anything is due', () => {
    const due = supervisionDue({ lastSession: null, startedOn: '2026-05-01' }, '2026-05-02', monthly);
    assert.deepEqual(due, { lastSession: null, due: '2026-06-01', daysLeft: 30, level: 'ok' });
  });
});

describe('who is overdue', () => {
  it('is due, not overdue, on the due date; overdue the day after', () => {
    const input = { lastSession: '2026-03-10', startedOn: '2025-01-01' };
    assert.equal(supervisionDue(input, '2026-04-10', monthly).level, 'due_soon');
    assert.equal(supervisionDue(input, '2026-04-10', monthly).daysLeft, 0);
    const next = supervisionDue(input, '2026-04-11', monthly);
    assert.equal(next.level, 'overdue');
    assert.equal(next.daysLeft, -1);
  });

  it('is due soon within the configured days, and fine before that', () => {
    const input = { lastSession: '2026-03-10', startedOn: '2025-01-01' };
    assert.equal(supervisionDue(input, '2026-04-03', monthly).level, 'due_soon');
    assert.equal(supervisionDue(input, '2026-04-02', monthly).level, 'ok');
    assert.equal(supervisionDue(input, '2026-04-02', { frequency: 'monthly', dueSoonDays: 14 }).level, 'due_soon');
  });

  it('follows the configured frequency: fortnightly makes the same worker overdue sooner', () => {
    const input = { lastSession: '2026-03-10', startedOn: '2025-01-01' };
    assert.equal(supervisionDue(input, '2026-03-30', monthly).level, 'ok');
    assert.equal(supervisionDue(input, '2026-03-30', { frequency: 'fortnightly', dueSoonDays: 7 }).level, 'overdue');
  });

  it('lists the longest overdue first, then due soon, then the rest by due date, using each worker’s latest session', () => {
    const workers = [
      { id: 'a', name: 'Aled Test', startedOn: '2025-01-01' },
      { id: 'b', name: 'Bethan Test', startedOn: '2025-01-01' },
      { id: 'c', name: 'Cerys Test', startedOn: '2025-01-01' },
      { id: 'd', name: 'Dafydd Test', startedOn: '2026-05-20' },
      { id: 'e', name: 'Elin Test', startedOn: '2025-01-01' },
    ];
    const sessions = [
      { superviseeId: 'a', sessionDate: '2026-04-20' }, // due 20 May: 12 days overdue
      { superviseeId: 'a', sessionDate: '2026-02-01' },
      { superviseeId: 'b', sessionDate: '2026-03-01' }, // due 1 April: 61 days overdue
      { superviseeId: 'c', sessionDate: '2026-05-05' }, // due 5 June: in 4 days
      { superviseeId: 'e', sessionDate: '2026-07-01' }, // after today: not counted
    ];
    const lines = supervisionList(workers, summariseSessions(sessions, '2026-06-01'), '2026-06-01', monthly);
    assert.deepEqual(
      lines.map((l) => [l.id, l.level, l.daysLeft]),
      [
        ['e', 'overdue', -485], // never supervised: due 1 February 2025, a month after starting (the future session is ignored)
        ['b', 'overdue', -61],
        ['a', 'overdue', -12],
        ['c', 'due_soon', 4],
        ['d', 'ok', 19],
      ],
    );
    assert.equal(lines.find((l) => l.id === 'a')!.lastSession, '2026-04-20');
    assert.equal(lines.find((l) => l.id === 'a')!.sessions, 2);
    assert.equal(lines.find((l) => l.id === 'e')!.lastSession, null);
    assert.deepEqual(
      overdueWorkers(lines).map((l) => l.id),
      ['e', 'b', 'a'],
    );
  });
});
