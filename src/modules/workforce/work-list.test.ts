import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { arrangeMyWork } from './my-work.ts';
import { workItems } from './work-list.ts';

const today = '2026-12-07';
const now = new Date('2026-12-07T09:00:00Z');
const config = { daysAhead: 14, dueSoonDays: 7 };

describe('the work list', () => {
  it('lists nothing for a source that is not the person’s work, rather than an empty promise', () => {
    assert.deepEqual(workItems({ today }), []);
  });

  it('puts overdue work first, then work due today, due soon and waiting, each saying by when', () => {
    const work = arrangeMyWork(
      {
        now,
        actions: [
          { dueDate: '2026-12-01', doneAt: null },
          { dueDate: '2026-11-20', doneAt: null },
          { dueDate: '2026-12-10', doneAt: null },
        ],
        timescales: [
          { id: 'h1', reference: 'H-1', names: 'A', clock: 'stage1', due: '2026-12-01', daysLeft: -6, level: 'overdue' },
          { id: 'h2', reference: 'H-2', names: 'B', clock: 'stage2', due: '2026-12-03', daysLeft: -4, level: 'overdue' },
          { id: 'h3', reference: 'H-3', names: 'C', clock: 'stage1', due: '2026-11-28', daysLeft: -9, level: 'overdue' },
        ],
      },
      config,
    );
    const items = workItems({
      today,
      work,
      actionDues: ['2026-12-01', '2026-11-20', '2026-12-10'],
      support: { waiting: 2, waitingTooLong: 0, longestDays: 30, allocatedToMe: 0, oldestAllocated: null },
    });
    assert.deepEqual(
      items.map((i) => [i.key, i.count, i.level, i.due, i.detail]),
      [
        ['actionsOverdue', 2, 'overdue', '2026-11-20', null],
        ['timescalesPassed', 2, 'overdue', '2026-11-28', 'stage1'],
        ['timescalesPassed', 1, 'overdue', '2026-12-03', 'stage2'],
        ['actionsDueSoon', 1, 'due_soon', '2026-12-10', null],
        ['supportWaiting', 2, 'waiting', null, null],
      ],
    );
    assert.equal(items.at(-1)!.since, '2026-11-07', 'waiting since the longest wait began');
  });

  it('asks a local authority only to agree matches at the stages where its agreement is needed, not yet given', () => {
    const matches = [
      { stage: 'linked', stageSince: '2026-11-01', panelDate: null, agreedByAuthority: false },
      { stage: 'matching_panel', stageSince: '2026-11-15', panelDate: '2026-12-20', agreedByAuthority: false },
      { stage: 'agency_decision', stageSince: '2026-11-20', panelDate: '2026-11-25', agreedByAuthority: true },
    ];
    assert.deepEqual(
      workItems({ today, matches: { items: matches, authority: true } }).map((i) => [i.key, i.count, i.due]),
      [['matchesToAgree', 1, '2026-12-20']],
    );
    assert.deepEqual(
      workItems({ today, matches: { items: matches, authority: false } }).map((i) => [i.key, i.count, i.level]),
      [
        ['matchesAtPanel', 1, 'due_soon'],
        ['linksWaiting', 1, 'waiting'],
      ],
    );
  });

  it('counts only the links of children allocated to the family finder, when the source says whose they are', () => {
    const matches = [
      { stage: 'linked', stageSince: '2026-11-01', panelDate: null, agreedByAuthority: false, mine: true },
      { stage: 'visits', stageSince: '2026-10-01', panelDate: null, agreedByAuthority: false, mine: false },
    ];
    assert.deepEqual(
      workItems({ today, matches: { items: matches, authority: false } }).map((i) => [i.key, i.count, i.since]),
      [['linksWaiting', 1, '2026-11-01']],
    );
  });

  it('tells a psychologist what they have to write and an assessing worker their checks and visits, each since or by when', () => {
    const items = workItems({
      today,
      writing: { consultations: ['2026-11-20', '2026-11-02'], formulations: ['2026-10-15'] },
      assessment: { checksRequested: ['2026-11-10', '2026-09-30'], visits: ['2026-12-09', '2026-12-07'] },
    });
    assert.deepEqual(
      items.map((i) => [i.key, i.count, i.level, i.due ?? i.since]),
      [
        ['visitsDue', 2, 'due_today', '2026-12-07'],
        ['consultationsToWrite', 2, 'waiting', '2026-11-02'],
        ['formulationsToWrite', 1, 'waiting', '2026-10-15'],
        ['checksAwaited', 2, 'waiting', '2026-09-30'],
      ],
    );
    assert.deepEqual(workItems({ today, writing: { consultations: [], formulations: [] }, assessment: { checksRequested: [], visits: [] } }), []);
  });

  it('tells the family each document asked of them, late ones first, and their unread messages', () => {
    const items = workItems({
      today,
      family: {
        documents: [
          { kind: 'medical_form', dueOn: '2026-12-20' },
          { kind: 'proof_of_identity', dueOn: '2026-12-01' },
          { kind: 'reference_letter', dueOn: null },
        ],
        unread: 2,
      },
    });
    assert.deepEqual(
      items.map((i) => [i.key, i.detail ?? i.count, i.level]),
      [
        ['familyDocument', 'proof_of_identity', 'overdue'],
        ['familyDocument', 'medical_form', 'due_soon'],
        ['familyDocument', 'reference_letter', 'waiting'],
        ['familyMessages', 2, 'waiting'],
      ],
    );
  });
});
