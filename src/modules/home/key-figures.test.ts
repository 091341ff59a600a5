import assert from 'node:assert/strict';
import { test } from 'node:test';
import { financialYearStart, improvementShare, lastTwelveMonths, median, previousPeriod, supervisionCompliance, waiting } from './key-figures.ts';

test('the median is the middle value, or the mean of the two middle ones', () => {
  assert.equal(median([]), null);
  assert.equal(median([5]), 5);
  assert.equal(median([9, 1, 5]), 5);
  assert.equal(median([10, 2, 4, 8]), 6);
});

test('the financial year starts on 1 April', () => {
  assert.equal(financialYearStart('2026-12-07'), '2026-04-01');
  assert.equal(financialYearStart('2026-04-01'), '2026-04-01');
  assert.equal(financialYearStart('2027-03-31'), '2026-04-01');
  assert.equal(financialYearStart('2026-01-15'), '2025-04-01');
});

test('waiting counts the days from each date to today and takes the median', () => {
  assert.deepEqual(waiting([], '2026-12-07'), { count: 0, medianDays: null });
  assert.deepEqual(waiting(['2026-12-01', '2026-11-07', '2026-12-07'], '2026-12-07'), { count: 3, medianDays: 6 });
});

test('supervision compliance is the share of workers not overdue', () => {
  assert.deepEqual(supervisionCompliance([]), { workers: 0, compliant: 0, percent: null });
  assert.deepEqual(supervisionCompliance(['ok', 'due_soon', 'overdue']), { workers: 3, compliant: 2, percent: 67 });
});

test('the trend covers the last twelve months, the current one to today', () => {
  const months = lastTwelveMonths('2026-12-07');
  assert.equal(months.length, 12);
  assert.deepEqual(months[0], { month: '2026-01', from: '2026-01-01', to: '2026-01-31' });
  assert.deepEqual(months[1], { month: '2026-02', from: '2026-02-01', to: '2026-02-28' });
  assert.deepEqual(months.at(-1), { month: '2026-12', from: '2026-12-01', to: '2026-12-07' });
  assert.deepEqual(previousPeriod({ from: '2026-04-01', to: '2026-12-07' }), { from: '2025-04-01', to: '2025-12-07' });
});

test('the share reliably improved is withheld when a count is small enough to identify children', () => {
  const disclose = (row: number[]) => row.map((n) => (n > 0 && n < 5 ? ('c' as const) : n));
  assert.deepEqual(improvementShare(12, 20, disclose), { improved: 12, children: 20, percent: 60, suppressed: false });
  assert.deepEqual(improvementShare(3, 20, disclose), { improved: 3, children: 20, percent: null, suppressed: true });
  assert.deepEqual(improvementShare(0, 0, disclose), { improved: 0, children: 0, percent: null, suppressed: false });
});
