import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cohortStatistics, countAces, STANDARD_ACES, type AceEntry } from './aces.ts';

const entry = (category: string, status: AceEntry['status']): AceEntry => ({ category, status, source: 'court bundle', recordedOn: '2025-10-01' });

describe('ACE counts for a child', () => {
  it('counts known, and known or suspected, over the standard ten only', () => {
    const counts = countAces([
      entry('physical_abuse', 'known'),
      entry('emotional_neglect', 'known'),
      entry('domestic_violence', 'suspected'),
      entry('parental_separation', 'none'),
      entry('household_imprisonment', 'not_known'),
      entry('bereavement', 'known'),
    ]);
    assert.equal(counts.known, 2);
    assert.equal(counts.knownOrSuspected, 3);
    assert.equal(counts.extendedKnown, 1);
    // 1 recorded as not known + 5 standard categories never recorded
    assert.equal(counts.notKnown, 6);
  });

  it('treats a child with nothing recorded as all ten not known, not as zero ACEs known to be absent', () => {
    const counts = countAces([]);
    assert.equal(counts.known, 0);
    assert.equal(counts.notKnown, STANDARD_ACES.length);
  });
});

describe('ACE statistics for a cohort', () => {
  it('gives mean, median and distribution', () => {
    const stats = cohortStatistics([7, 4, 9, 7, 3, 10]);
    assert.equal(stats.children, 6);
    assert.equal(stats.mean, 6.7);
    assert.equal(stats.median, 7);
    assert.equal(stats.distribution[7], 2);
    assert.equal(
      stats.distribution.reduce((a, b) => a + b, 0),
      6,
    );
  });

  it('takes the middle value of an odd cohort', () => {
    assert.equal(cohortStatistics([1, 8, 2]).median, 2);
  });

  it('has no mean or median for an empty cohort', () => {
    assert.deepEqual(cohortStatistics([]).mean, null);
    assert.deepEqual(cohortStatistics([]).median, null);
  });
});
