import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { anchorsOf, dueDates, scheduleFor } from './schedule.ts';
import { SDQ_PARENT, DEVELOPMENTAL_CHECK } from './definitions.ts';

const sdq = SDQ_PARENT.schedule;

describe('when instruments are due', () => {
  it('falls due at baseline and 6, 12 and 24 months after placement, a month end falling back to the last day', () => {
    assert.deepEqual(
      dueDates(sdq, { referralAcceptedOn: null, placementDate: '2025-08-31' }).map((p) => p.dueOn),
      ['2025-08-31', '2026-02-28', '2026-08-31', '2027-08-31'],
    );
  });

  it('keeps 29 February in a leap year and falls back to 28 February otherwise', () => {
    assert.deepEqual(
      dueDates(sdq, { referralAcceptedOn: null, placementDate: '2023-08-29' }).map((p) => p.dueOn),
      ['2023-08-29', '2024-02-29', '2024-08-29', '2025-08-29'],
    );
    assert.deepEqual(
      dueDates(sdq, { referralAcceptedOn: null, placementDate: '2024-02-29' }).map((p) => p.dueOn),
      ['2024-02-29', '2024-08-29', '2025-02-28', '2026-02-28'],
    );
  });

  it('takes the baseline of a worker’s check from the referral’s acceptance', () => {
    assert.deepEqual(dueDates(DEVELOPMENTAL_CHECK.schedule, { referralAcceptedOn: '2025-01-10', placementDate: null }), [{ months: 0, dueOn: '2025-01-10' }]);
  });

  it('says due inside the window, overdue after it, missed once the next window opens, done when completed in it', () => {
    const anchors = { referralAcceptedOn: null, placementDate: '2025-01-15' };
    // Baseline window: 28 days before to 42 after 15 January 2025.
    assert.equal(scheduleFor(sdq, anchors, [], '2025-01-20')[0]!.state, 'due');
    assert.equal(scheduleFor(sdq, anchors, [], '2025-02-27')[0]!.state, 'overdue');
    // The 6-month point (15 July) opens its window on 17 June: the baseline is missed from then.
    assert.equal(scheduleFor(sdq, anchors, [], '2025-06-17')[0]!.state, 'missed');
    const done = scheduleFor(sdq, anchors, ['2025-01-02', '2025-07-20'], '2025-08-01');
    assert.deepEqual(
      done.map((p) => p.state),
      ['done', 'done', 'upcoming', 'upcoming'],
    );
  });

  it('counts a check completed late for the point that was overdue, so a child not yet placed is not overdue for ever', () => {
    const anchors = { referralAcceptedOn: '2025-01-10', placementDate: null };
    // Window closed on 21 February; nothing recorded: overdue a year later.
    assert.equal(scheduleFor(DEVELOPMENTAL_CHECK.schedule, anchors, [], '2026-01-10')[0]!.state, 'overdue');
    const late = scheduleFor(DEVELOPMENTAL_CHECK.schedule, anchors, ['2025-09-01'], '2026-01-10')[0]!;
    assert.deepEqual([late.state, late.completedOn], ['done', '2025-09-01']);
  });

  it('does not give a late administration to a missed point when it falls in the next point’s window', () => {
    const anchors = { referralAcceptedOn: null, placementDate: '2025-01-15' };
    // Completed on 20 July: inside the 6-month window, so the baseline stays missed.
    const points = scheduleFor(sdq, anchors, ['2025-07-20'], '2025-08-01');
    assert.deepEqual(
      points.slice(0, 2).map((p) => p.state),
      ['missed', 'done'],
    );
  });
});

describe('the anchors of a child’s schedule', () => {
  it('takes the accepted referral for the developmental baseline, else the referral date on the child’s record', () => {
    assert.deepEqual(anchorsOf({ referralAcceptedOn: '2025-03-04', referredOn: '2025-02-01' }, undefined), {
      referralAcceptedOn: '2025-03-04',
      placementDate: null,
    });
    assert.deepEqual(anchorsOf({ referralAcceptedOn: null, referredOn: '2025-02-01' }, { placementDate: '2025-09-30' }), {
      referralAcceptedOn: '2025-02-01',
      placementDate: '2025-09-30',
    });
    assert.deepEqual(dueDates(DEVELOPMENTAL_CHECK.schedule, anchorsOf({ referralAcceptedOn: null, referredOn: '2025-02-01' }, undefined)), [
      { months: 0, dueOn: '2025-02-01' },
    ]);
  });
});
