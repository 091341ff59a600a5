import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { daysWaiting, orderWaitingList, waitingLevel, waitingSummary, type RequestFacts } from './waiting.ts';

const thresholds = { waitingLongDays: 28, waitingVeryLongDays: 56 };
const request = (id: string, requestedAt: string, extra: Partial<RequestFacts> = {}): RequestFacts => ({
  id,
  status: 'waiting',
  requestedAt: new Date(requestedAt),
  allocatedAt: null,
  closedAt: null,
  ...extra,
});

describe('days waiting for support', () => {
  const now = new Date('2026-03-10T09:00:00Z');

  it('counts whole days in Wales from the request to today while the family waits', () => {
    assert.equal(daysWaiting(request('a', '2026-03-01T16:00:00Z'), now), 9);
    assert.equal(daysWaiting(request('a', '2026-03-10T08:00:00Z'), now), 0);
  });

  it('counts a request made late in the evening in summer on the day it was made in Wales', () => {
    // 23:30 UTC on 30 June is 00:30 on 1 July in Wales.
    assert.equal(daysWaiting(request('a', '2026-06-30T23:30:00Z'), new Date('2026-07-02T10:00:00Z')), 1);
  });

  it('stops counting when a worker is allocated', () => {
    assert.equal(daysWaiting(request('a', '2026-01-01T10:00:00Z', { status: 'allocated', allocatedAt: new Date('2026-01-15T10:00:00Z') }), now), 14);
  });

  it('stops counting when a request is closed without allocation', () => {
    assert.equal(daysWaiting(request('a', '2026-01-01T10:00:00Z', { status: 'closed', closedAt: new Date('2026-01-05T10:00:00Z') }), now), 4);
  });

  it('never counts a negative wait', () => {
    assert.equal(daysWaiting(request('a', '2026-04-01T10:00:00Z'), now), 0);
  });

  it('marks long and very long waits at the configured thresholds', () => {
    assert.equal(waitingLevel(27, thresholds), 'normal');
    assert.equal(waitingLevel(28, thresholds), 'long');
    assert.equal(waitingLevel(56, thresholds), 'very_long');
  });
});

describe('the waiting list', () => {
  const now = new Date('2026-03-10T09:00:00Z');
  const list = [
    request('b', '2026-03-01T10:00:00Z'),
    request('a', '2026-01-01T10:00:00Z'),
    request('c', '2026-03-01T09:00:00Z'),
    request('d', '2026-02-01T10:00:00Z', { status: 'allocated', allocatedAt: new Date('2026-02-03T10:00:00Z') }),
  ];

  it('puts the longest wait first, earlier requests first among equal waits', () => {
    assert.deepEqual(
      orderWaitingList(list, now).map((r) => r.id),
      ['a', 'c', 'b', 'd'],
    );
  });

  it('sums up who still waits: how many, the longest and median wait, how many too long', () => {
    assert.deepEqual(waitingSummary(list, now, thresholds), { waiting: 3, longestDays: 68, medianDays: 9, waitingLong: 1 });
  });

  it('has no figures when nobody waits', () => {
    assert.deepEqual(waitingSummary([], now, thresholds), { waiting: 0, longestDays: null, medianDays: null, waitingLong: 0 });
  });
});
