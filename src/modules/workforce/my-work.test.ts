import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { actionCounts, arrangeMyWork, diaryDays, type DiaryEntry } from './my-work.ts';

const config = { daysAhead: 14, dueSoonDays: 7 };
// 09:30 on Monday 1 June 2026 in Wales (BST): 08:30 UTC.
const now = new Date('2026-06-01T08:30:00Z');

function entry(kind: DiaryEntry['kind'], id: string, startsAt: string, minutes = 60, extra: Partial<DiaryEntry> = {}): DiaryEntry {
  const start = new Date(startsAt);
  return {
    kind,
    id,
    startsAt: start,
    endsAt: new Date(start.getTime() + minutes * 60_000),
    references: [],
    namesForPage: [],
    detail: null,
    mode: null,
    status: 'planned',
    href: null,
    ...extra,
  };
}

describe('my work: the diary', () => {
  it('shows meetings and sessions in time order, grouped by the day in Wales', () => {
    const days = diaryDays(
      [
        entry('support_session', 's2', '2026-06-03T13:00:00Z'),
        entry('tac_meeting', 'm1', '2026-06-01T12:00:00Z'),
        entry('support_session', 's1', '2026-06-01T09:00:00Z'),
        // 23:30 UTC on 2 June is 00:30 on 3 June in Wales.
        entry('tac_meeting', 'm2', '2026-06-02T23:30:00Z'),
      ],
      now,
      14,
    );
    assert.deepEqual(
      days.map((d) => [d.date, d.isToday, d.entries.map((e) => e.id)]),
      [
        ['2026-06-01', true, ['s1', 'm1']],
        ['2026-06-03', false, ['m2', 's2']],
      ],
    );
  });

  it('puts a meeting before a session starting at the same minute', () => {
    const days = diaryDays([entry('support_session', 'a', '2026-06-02T10:00:00Z'), entry('tac_meeting', 'b', '2026-06-02T10:00:00Z')], now, 14);
    assert.deepEqual(
      days[0]!.entries.map((e) => e.id),
      ['b', 'a'],
    );
  });

  it('leaves out what has ended, what is cancelled and what is beyond the window', () => {
    const days = diaryDays(
      [
        entry('tac_meeting', 'ended', '2026-06-01T06:00:00Z', 60),
        entry('tac_meeting', 'running', '2026-06-01T08:00:00Z', 60),
        entry('support_session', 'cancelled', '2026-06-02T10:00:00Z', 60, { status: 'cancelled' }),
        entry('support_session', 'last-day', '2026-06-14T10:00:00Z'),
        entry('support_session', 'too-far', '2026-06-15T10:00:00Z'),
      ],
      now,
      14,
    );
    assert.deepEqual(
      days.flatMap((d) => d.entries.map((e) => e.id)),
      ['running', 'last-day'],
    );
  });
});

describe('my work: actions', () => {
  it('counts open actions as overdue the day after they are due, and ignores done ones', () => {
    const counts = actionCounts(
      [
        { dueDate: '2026-05-31', doneAt: null },
        { dueDate: '2026-06-01', doneAt: null },
        { dueDate: '2026-06-08', doneAt: null },
        { dueDate: '2026-06-09', doneAt: null },
        { dueDate: '2026-05-01', doneAt: new Date('2026-05-02T10:00:00Z') },
      ],
      '2026-06-01',
      7,
    );
    assert.deepEqual(counts, { overdue: 1, dueToday: 1, dueSoon: 1, open: 1 });
  });
});

describe('my work: what needs attention, in order', () => {
  it('puts overdue actions first, then due today, own supervision, households, the team, and today’s diary', () => {
    const work = arrangeMyWork(
      {
        now,
        meetings: [entry('tac_meeting', 'm1', '2026-06-01T12:00:00Z')],
        sessions: [],
        actions: [
          { dueDate: '2026-05-20', doneAt: null },
          { dueDate: '2026-05-25', doneAt: null },
          { dueDate: '2026-06-01', doneAt: null },
        ],
        mySupervision: { lastSession: '2026-04-01', due: '2026-05-01', daysLeft: -31, level: 'overdue' },
        teamOverdue: 3,
        outcomesOverdue: 2,
        timescales: [
          { id: 'h2', reference: 'AT-2026-00002', names: 'Test Applicant', clock: 'stage1', due: '2026-06-05', daysLeft: 4, level: 'due_soon' },
          { id: 'h1', reference: 'AT-2026-00001', names: 'Test Applicant', clock: 'stage1', due: '2026-05-30', daysLeft: -2, level: 'overdue' },
        ],
      },
      config,
    );
    assert.deepEqual(
      work.attention.map((a) => a.key),
      ['actionsOverdue', 'actionsDueToday', 'supervisionOverdue', 'timescalesPassed', 'teamSupervisionOverdue', 'outcomesOverdue', 'today'],
    );
    assert.deepEqual(work.attention[5], { key: 'outcomesOverdue', count: 2, anchor: 'outcomes-due' });
    assert.deepEqual(work.attention[0], { key: 'actionsOverdue', count: 2, anchor: 'actions' });
    assert.deepEqual(work.attention[2], { key: 'supervisionOverdue', due: '2026-05-01', days: 31, anchor: 'supervision' });
    assert.deepEqual(
      work.timescales!.map((t) => t.id),
      ['h1', 'h2'],
      'the household past its timescale first',
    );
    assert.equal(work.diaryEntries, 1);
  });

  it('has nothing to flag on a quiet day, and says so with empty sections, not missing ones', () => {
    const work = arrangeMyWork(
      {
        now,
        meetings: [],
        sessions: [],
        actions: [],
        timescales: [],
        mySupervision: { lastSession: '2026-05-20', due: '2026-06-20', daysLeft: 19, level: 'ok' },
      },
      config,
    );
    assert.deepEqual(work.attention, []);
    assert.deepEqual(work.diary, []);
    assert.deepEqual(work.actions, { overdue: 0, dueToday: 0, dueSoon: 0, open: 0 });
    assert.deepEqual(work.timescales, []);
    assert.equal(work.supervision!.mine!.level, 'ok');
  });

  it('leaves out a section whose source is not connected rather than showing it empty', () => {
    const work = arrangeMyWork({ now, sessions: [entry('support_session', 's1', '2026-06-02T10:00:00Z')] }, config);
    assert.equal(work.actions, null);
    assert.equal(work.timescales, null);
    assert.equal(work.supervision, null);
    assert.deepEqual(
      work.diary!.map((d) => d.entries.map((e) => e.id)),
      [['s1']],
      'the diary shows what is connected',
    );
    const nothing = arrangeMyWork({ now }, config);
    assert.equal(nothing.diary, null);
  });
});
