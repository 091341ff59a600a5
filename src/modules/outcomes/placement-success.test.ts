import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  averageDays,
  movedInWithinMonths,
  placedWithSiblings,
  placementSuccess,
  waitedMoreThan,
  type ChildPlacement,
  type PlacementSuccessFacts,
} from './placement-success.ts';
import { disclosePlacementSuccess } from './placement-success-disclosure.ts';

/** A child's placement, moved in on `placementDate`, on their own unless said. */
function placed(childId: string, placementDate: string, more: Partial<ChildPlacement> = {}): ChildPlacement {
  return {
    childId,
    matchId: `match-${childId}`,
    matchChildIds: [childId],
    placementDate,
    adoptionOrderDate: null,
    disruptionDate: null,
    disruptionReasons: null,
    enteredCareDate: null,
    inSiblingGroup: false,
    placedAsGroup: false,
    ...more,
  };
}

const none: PlacementSuccessFacts = { placements: [], decisions: [], waiting: [], planChanges: [], families: [] };
const YEAR_2024 = { from: '2024-01-01', to: '2024-12-31' };

describe('timeliness', () => {
  it('averages the days from entering care to moving in, a leap year counting its 29 February', () => {
    const figures = placementSuccess(
      {
        ...none,
        placements: [
          // 2023-01-01 → 2023-12-01: 334 days; 2023-03-01 → 2024-03-01: 366 days (2024 is a leap year).
          placed('a', '2024-01-10', { enteredCareDate: '2023-02-10' }),
          placed('b', '2024-03-01', { enteredCareDate: '2023-03-01' }),
          placed('c', '2024-05-01'),
        ],
      },
      YEAR_2024,
      '2025-01-01',
    );
    // a: 2023-02-10 → 2024-01-10 = 334 days; b: 366 days; average 350; c has no date entered care.
    assert.deepEqual(figures.careToMovedIn, { children: 2, averageDays: 350, leftOut: 1 });
    assert.deepEqual(
      figures.lists.careToMovedIn.map((r) => [r.childId, r.days]),
      [
        ['a', 334],
        ['b', 366],
      ],
    );
  });

  it('counts a child who moved in on the first or the last day of the period, and no one outside it', () => {
    const figures = placementSuccess(
      {
        ...none,
        placements: ['2023-12-31', '2024-01-01', '2024-12-31', '2025-01-01'].map((d, i) => placed(`p${i}`, d, { enteredCareDate: '2023-06-01' })),
      },
      YEAR_2024,
      '2025-06-01',
    );
    assert.deepEqual(
      figures.lists.careToMovedIn.map((r) => r.childId),
      ['p1', 'p2'],
    );
  });

  it('counts exactly 14 months after entering care as within 14 months, and the next day as not', () => {
    assert.equal(movedInWithinMonths('2023-01-15', '2024-03-15'), true);
    assert.equal(movedInWithinMonths('2023-01-15', '2024-03-16'), false);
  });

  it('takes the last day of February 14 months after the end of a month, in a leap year and not', () => {
    // 31 December 2022 + 14 months = 29 February 2024 (leap); 31 December 2023 + 14 months = 28 February 2025.
    assert.equal(movedInWithinMonths('2022-12-31', '2024-02-29'), true);
    assert.equal(movedInWithinMonths('2022-12-31', '2024-03-01'), false);
    assert.equal(movedInWithinMonths('2023-12-31', '2025-02-28'), true);
    assert.equal(movedInWithinMonths('2023-12-31', '2025-03-01'), false);
  });

  it('gives the share who moved in within 14 months, leaving out children with no date entered care', () => {
    const figures = placementSuccess(
      {
        ...none,
        placements: [
          placed('on-time', '2024-02-29', { enteredCareDate: '2022-12-31' }),
          placed('late', '2024-03-01', { enteredCareDate: '2022-12-31' }),
          placed('late-too', '2024-06-01', { enteredCareDate: '2022-01-01' }),
          placed('unknown', '2024-06-01'),
        ],
      },
      YEAR_2024,
      '2025-01-01',
    );
    assert.deepEqual(figures.movedInWithin14Months, { children: 3, within: 1, percent: 33, leftOut: 1 });
    assert.deepEqual(
      figures.lists.movedInWithin14Months.map((r) => [r.childId, r.counted]),
      [
        ['on-time', true],
        ['late', false],
        ['late-too', false],
      ],
    );
  });

  it('averages the days from the placement order to the match decision over decisions made in the period', () => {
    const figures = placementSuccess(
      {
        ...none,
        decisions: [
          // 10 January → 10 April 2024: 21 + 29 + 31 + 10 = 91 days.
          { childId: 'a', matchId: 'm1', decisionDate: '2024-04-10', placementOrderDate: '2024-01-10' },
          // 1 March 2023 → 1 March 2024: 366 days.
          { childId: 'b', matchId: 'm2', decisionDate: '2024-03-01', placementOrderDate: '2023-03-01' },
          { childId: 'consent', matchId: 'm3', decisionDate: '2024-05-01', placementOrderDate: null },
          { childId: 'last-year', matchId: 'm4', decisionDate: '2023-12-31', placementOrderDate: '2023-01-01' },
        ],
      },
      YEAR_2024,
      '2025-01-01',
    );
    assert.deepEqual(figures.orderToDecision, { children: 2, averageDays: Math.round((91 + 366) / 2), leftOut: 1 });
  });

  it('has no average when nobody is counted', () => {
    assert.equal(averageDays([]), null);
    const figures = placementSuccess(none, YEAR_2024, '2025-01-01');
    assert.deepEqual(figures.careToMovedIn, { children: 0, averageDays: null, leftOut: 0 });
    assert.equal(figures.movedInWithin14Months.percent, null);
  });
});

describe('children and families waiting', () => {
  it('counts a wait of exactly 6 months as not more than 6 months, and the day after as more', () => {
    assert.equal(waitedMoreThan('2024-01-31', 6, '2024-07-31'), false);
    assert.equal(waitedMoreThan('2024-01-31', 6, '2024-08-01'), true);
    // 31 August + 6 months = 29 February 2024 (leap year): that day is exactly six months.
    assert.equal(waitedMoreThan('2023-08-31', 6, '2024-02-29'), false);
    assert.equal(waitedMoreThan('2023-08-31', 6, '2024-03-01'), true);
  });

  it('counts children waiting more than 6 and more than 12 months on the last day of the period, the longest waiting first', () => {
    const figures = placementSuccess(
      {
        ...none,
        waiting: [
          // 1 July + 6 months = 1 January 2025: on 31 December the wait is not yet 6 months.
          { childId: 'not-quite-six', since: '2024-07-01' },
          { childId: 'seven', since: '2024-05-31' },
          { childId: 'thirteen', since: '2023-11-30' },
          { childId: 'twelve-exactly', since: '2023-12-31' },
          { childId: 'two', since: '2024-10-31' },
        ],
      },
      YEAR_2024,
      '2025-01-01',
    );
    assert.deepEqual(figures.waiting, { over6Months: 3, over12Months: 1 });
    assert.deepEqual(
      figures.lists.waitingOver6Months.map((r) => r.childId),
      ['thirteen', 'twelve-exactly', 'seven'],
    );
    assert.deepEqual(
      figures.lists.waitingOver12Months.map((r) => [r.childId, r.days]),
      [['thirteen', 397]],
    );
  });

  it('counts approved families waiting more than 3 months on the last day, and none for a reader who may not see families', () => {
    const families = [
      { householdId: 'h1', reference: 'F-1', approvedDate: '2024-09-30' },
      { householdId: 'h2', reference: 'F-2', approvedDate: '2024-09-29' },
      { householdId: 'h3', reference: 'F-3', approvedDate: '2024-12-01' },
    ];
    const figures = placementSuccess({ ...none, families }, YEAR_2024, '2025-01-01');
    // 30 September + 3 months = 30 December: by 31 December both September families waited more than 3 months.
    assert.equal(figures.familiesWaitingOver3Months, 2);
    assert.equal(placementSuccess({ ...none, families }, { from: '2024-01-01', to: '2024-12-30' }, '2025-01-01').familiesWaitingOver3Months, 1);
    assert.equal(placementSuccess({ ...none, families: null }, YEAR_2024, '2025-01-01').familiesWaitingOver3Months, null);
  });
});

describe('plans changed and brothers and sisters', () => {
  it('counts plans changed away from adoption in the period by outcome, with the reasons in the list', () => {
    const figures = placementSuccess(
      {
        ...none,
        planChanges: [
          { childId: 'a', outcome: 'plan_changed_long_term_fostering', reason: 'Fictional: settled with foster carers', outcomeDate: '2024-02-01' },
          { childId: 'b', outcome: 'plan_changed_long_term_fostering', reason: null, outcomeDate: '2024-12-31' },
          { childId: 'c', outcome: 'returned_home', reason: 'Fictional: returned to a grandparent', outcomeDate: '2024-06-01' },
          { childId: 'd', outcome: 'returned_home', reason: null, outcomeDate: '2025-01-01' },
        ],
      },
      YEAR_2024,
      '2025-01-01',
    );
    assert.equal(figures.planChanges.total, 3);
    assert.deepEqual(figures.planChanges.byOutcome, [
      { outcome: 'plan_changed_long_term_fostering', children: 2 },
      { outcome: 'returned_home', children: 1 },
    ]);
    assert.equal(figures.lists.planChanges.find((r) => r.childId === 'c')?.reason, 'Fictional: returned to a grandparent');
  });

  it('says brothers and sisters were placed together only when their group moved in as one', () => {
    assert.equal(placedWithSiblings({ inSiblingGroup: true, placedAsGroup: true }), true);
    assert.equal(placedWithSiblings({ inSiblingGroup: true, placedAsGroup: false }), false);
    assert.equal(placedWithSiblings({ inSiblingGroup: false, placedAsGroup: false }), null);
    const group = ['x', 'y', 'z'];
    const figures = placementSuccess(
      {
        ...none,
        placements: [
          ...group.map((id) => placed(id, '2024-04-01', { matchId: 'together', matchChildIds: group, inSiblingGroup: true, placedAsGroup: true })),
          placed('d', '2024-05-01', { inSiblingGroup: true }),
          placed('alone', '2024-05-01'),
        ],
      },
      YEAR_2024,
      '2025-01-01',
    );
    assert.deepEqual(figures.siblings, { together: 3, separated: 1 });
  });
});

describe('disruptions and stability', () => {
  const facts: PlacementSuccessFacts = {
    ...none,
    placements: [
      // Open-ended: no order yet, still together.
      placed('open', '2024-01-15'),
      // Ended before the order, 5 months in: disrupted at 6 and 12 months.
      placed('early', '2024-02-01', { disruptionDate: '2024-07-01', disruptionReasons: 'Fictional reasons' }),
      // Ended after the adoption order: not a disruption.
      placed('adopted', '2024-01-20', { adoptionOrderDate: '2024-08-01', disruptionDate: '2024-11-01' }),
      // Ended on the 12-month anniversary itself: not open at 12 months.
      placed('anniversary', '2023-06-01', { disruptionDate: '2024-06-01' }),
      // Moved in too recently to reach 6 months.
      placed('recent', '2024-12-01'),
    ],
  };

  it('counts disruptions before the order dated in the period, whenever the child moved in', () => {
    const figures = placementSuccess(facts, YEAR_2024, '2025-01-10');
    assert.equal(figures.disruptionsBeforeOrder, 2);
    assert.deepEqual(
      figures.lists.disruptionsBeforeOrder.map((r) => [r.childId, r.days]),
      [
        ['anniversary', 366],
        ['early', 151],
      ],
    );
  });

  it('counts placements begun in the period that reached 6, 12 and 24 months, open-ended ones as stable', () => {
    const figures = placementSuccess(facts, YEAR_2024, '2025-02-01');
    const at = (months: number) => figures.windows.find((w) => w.months === months)!;
    // By 1 February 2025: open (15 Jan 2024), adopted (20 Jan) and early (1 Feb) have reached 12 months; recent has not reached 6.
    assert.deepEqual(at(6), { months: 6, reached: 3, open: 2, disrupted: 1, openPercent: 67 });
    assert.deepEqual(at(12), { months: 12, reached: 3, open: 2, disrupted: 1, openPercent: 67 });
    assert.deepEqual(at(24), { months: 24, reached: 0, open: 0, disrupted: 0, openPercent: null });
    assert.deepEqual(
      figures.lists.disruptedWithin12Months.map((r) => r.childId),
      ['early'],
    );
    assert.deepEqual(
      figures.lists.stableAt12Months.map((r) => r.childId),
      ['open', 'adopted'],
    );
  });

  it('does not count a placement at 12 months before its anniversary, even one already disrupted', () => {
    const reached = (asOf: string) => placementSuccess(facts, YEAR_2024, asOf).windows.find((w) => w.months === 12)!.reached;
    assert.equal(reached('2025-01-14'), 0);
    assert.equal(reached('2025-01-15'), 1, 'the placement of 15 January 2024 reaches 12 months on 15 January 2025');
    assert.equal(reached('2025-01-31'), 2, 'the placement disrupted in July is counted at 12 months only from 1 February 2025');
  });
});

describe('outside the agency', () => {
  it('hides small counts, a second cell that would give one back, and an average over too few children', () => {
    const figures = placementSuccess(
      {
        ...none,
        placements: [
          ...Array.from({ length: 3 }, (_, i) => placed(`a${i}`, '2024-03-01', { enteredCareDate: '2023-06-01' })),
          ...Array.from({ length: 20 }, (_, i) => placed(`b${i}`, '2024-03-01', { enteredCareDate: '2022-01-01' })),
        ],
        waiting: Array.from({ length: 12 }, (_, i) => ({ childId: `w${i}`, since: i < 2 ? '2023-01-01' : '2024-05-01' })),
      },
      YEAR_2024,
      '2025-01-01',
    );
    const { lists: _lists, ...withoutLists } = figures;
    const disclosed = disclosePlacementSuccess(withoutLists, { minimumCount: 5, roundTotalsTo: 5 });
    // 3 within 14 months, 20 not: the 3 is hidden, and so is the 20 (it would give the 3 back from the total), and the percentage.
    assert.deepEqual(disclosed.movedInWithin14Months, { children: 25, within: 'c', percent: 'c' });
    assert.deepEqual(disclosed.careToMovedIn, { children: 23, averageDays: figures.careToMovedIn.averageDays });
    // 12 waiting more than 6 months, 2 of them more than 12: both the 2 and the 10 are hidden; the total is rounded.
    assert.deepEqual(disclosed.waiting, { over6Months: 10, over12Months: 'c' });
    assert.equal(disclosed.disruptionsBeforeOrder, 0);
  });
});
