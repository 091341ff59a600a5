import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hoursDelivered, hoursOf, type SessionFacts } from './hours.ts';

const session = (
  householdId: string,
  workerId: string,
  durationMinutes: number,
  startsAt: string,
  status: SessionFacts['status'] = 'delivered',
): SessionFacts => ({ householdId, workerId, durationMinutes, startsAt: new Date(startsAt), status });

describe('hours of support delivered', () => {
  const sessions = [
    session('family-1', 'worker-a', 90, '2026-01-05T10:00:00Z'),
    session('family-1', 'worker-b', 60, '2026-01-12T10:00:00Z'),
    session('family-2', 'worker-a', 45, '2026-02-02T10:00:00Z'),
    session('family-2', 'worker-a', 60, '2026-02-09T10:00:00Z', 'planned'),
    session('family-3', 'worker-b', 120, '2026-02-10T10:00:00Z', 'cancelled'),
  ];

  it('counts only sessions delivered, per family and per worker, most hours first', () => {
    const hours = hoursDelivered(sessions);
    assert.equal(hours.sessions, 3);
    assert.equal(hours.minutes, 195);
    assert.deepEqual(hours.byHousehold, [
      { id: 'family-1', sessions: 2, minutes: 150 },
      { id: 'family-2', sessions: 1, minutes: 45 },
    ]);
    assert.deepEqual(hours.byWorker, [
      { id: 'worker-a', sessions: 2, minutes: 135 },
      { id: 'worker-b', sessions: 1, minutes: 60 },
    ]);
  });

  it('keeps to a period of days in Wales, both ends included', () => {
    const january = hoursDelivered(sessions, { from: '2026-01-01', to: '2026-01-31' });
    assert.equal(january.minutes, 150);
    assert.equal(hoursDelivered(sessions, { from: '2026-01-12', to: '2026-01-12' }).minutes, 60);
    assert.equal(hoursDelivered(sessions, { from: '2026-02-01' }).minutes, 45);
  });

  it('puts a session just after midnight in summer on its day in Wales', () => {
    // 23:30 UTC on 31 May is 00:30 on 1 June in Wales.
    const late = [session('family-1', 'worker-a', 60, '2026-05-31T23:30:00Z')];
    assert.equal(hoursDelivered(late, { from: '2026-06-01', to: '2026-06-30' }).minutes, 60);
    assert.equal(hoursDelivered(late, { from: '2026-05-01', to: '2026-05-31' }).minutes, 0);
  });

  it('says minutes as hours to one decimal place', () => {
    assert.equal(hoursOf(90), 1.5);
    assert.equal(hoursOf(195), 3.3);
    assert.equal(hoursOf(0), 0);
  });
});
