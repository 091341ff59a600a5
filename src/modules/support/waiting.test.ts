import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { daysWaiting, monthlyWaits, orderWaitingList, waitingLevel, waitingSummary, type RequestFacts } from './waiting.ts';

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

describe('waiting times month by month', () => {
  const now = new Date('2026-03-10T09:00:00Z');
  const allocated = (id: string, requestedAt: string, allocatedAt: string) =>
    request(id, requestedAt, { status: 'allocated', allocatedAt: new Date(allocatedAt) });

  it('gives twelve calendar months, this month last', () => {
    const months = monthlyWaits([], now);
    assert.equal(months.length, 12);
    assert.equal(months[0]!.month, '2025-04');
    assert.equal(months.at(-1)!.month, '2026-03');
    assert.ok(months.every((m) => m.allocated === 0 && m.medianDays === null && m.waitingAtEnd === 0));
  });

  it('puts each family in the month a worker was allocated, with the median and longest days waited', () => {
    const months = monthlyWaits(
      [
        allocated('a', '2026-01-05T10:00:00Z', '2026-02-04T10:00:00Z'), // 30 days
        allocated('b', '2026-01-20T10:00:00Z', '2026-02-09T10:00:00Z'), // 20 days
        allocated('c', '2026-02-01T10:00:00Z', '2026-02-11T10:00:00Z'), // 10 days
        allocated('d', '2026-02-01T10:00:00Z', '2026-03-02T10:00:00Z'), // 29 days, in March
      ],
      now,
    );
    const february = months.find((m) => m.month === '2026-02')!;
    assert.deepEqual([february.allocated, february.medianDays, february.longestDays], [3, 20, 30]);
    assert.deepEqual([months.at(-1)!.allocated, months.at(-1)!.medianDays], [1, 29]);
  });

  it('counts who was still waiting at each month’s end, leaving out those allocated or closed by then', () => {
    const months = monthlyWaits(
      [
        allocated('a', '2026-01-05T10:00:00Z', '2026-02-04T10:00:00Z'),
        request('b', '2026-01-20T10:00:00Z', { status: 'closed', closedAt: new Date('2026-03-01T10:00:00Z') }),
        request('c', '2026-02-20T10:00:00Z'),
      ],
      now,
    );
    const at = (month: string) => months.find((m) => m.month === month)!.waitingAtEnd;
    assert.equal(at('2025-12'), 0);
    assert.equal(at('2026-01'), 2, 'a and b');
    assert.equal(at('2026-02'), 2, 'b (closed in March) and c');
    assert.equal(at('2026-03'), 1, 'c, still waiting today');
  });
});
