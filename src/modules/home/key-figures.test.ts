import assert from 'node:assert/strict';
import { test } from 'node:test';
import { financialYearStart, median, supervisionCompliance, waiting } from './key-figures.ts';

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
