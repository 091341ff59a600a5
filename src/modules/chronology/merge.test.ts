import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ChronologyEntry } from '../../platform/chronology/entry.ts';
import { kindsFrom, kindsPresent, mergeChronology } from './merge.ts';

const entry = (on: string, kind: ChronologyEntry['kind'], recordedAt?: string): ChronologyEntry => ({
  on,
  kind,
  recordedAt: recordedAt ? new Date(recordedAt) : null,
  text: { key: `${kind}.${on}` },
});

describe('a case chronology', () => {
  it('orders entries from every source by the day they happened, not the day they were typed', () => {
    const children = [entry('2025-03-01', 'referral', '2025-03-01T10:00:00Z'), entry('2025-06-10', 'aces', '2025-06-10T09:00:00Z')];
    // A meeting typed in on 20 June about a meeting held on 2 May sits in May.
    const preparation = [entry('2025-05-02', 'tac', '2025-06-20T12:00:00Z')];
    const merged = mergeChronology([children, preparation]);
    assert.deepEqual(
      merged.map((e) => e.on),
      ['2025-03-01', '2025-05-02', '2025-06-10'],
    );
  });

  it('keeps the same day’s entries in the order they were written, then the order of a case', () => {
    const merged = mergeChronology([
      [entry('2025-03-01', 'decision'), entry('2025-03-01', 'referral')],
      [entry('2025-03-01', 'record', '2025-03-01T15:00:00Z')],
    ]);
    assert.deepEqual(
      merged.map((e) => e.kind),
      ['referral', 'decision', 'record'],
    );
  });

  it('shows only the kinds asked for, and every kind when none is', () => {
    const all = [entry('2025-01-01', 'referral'), entry('2025-02-01', 'match'), entry('2025-03-01', 'support')];
    assert.deepEqual(
      mergeChronology([all], ['match', 'support']).map((e) => e.kind),
      ['match', 'support'],
    );
    assert.equal(mergeChronology([all], []).length, 3);
  });

  it('reads the kinds asked for from a query, leaving out names it does not know', () => {
    assert.deepEqual(kindsFrom(['match', 'nonsense', 'tac']), ['tac', 'match']);
    assert.deepEqual(kindsFrom('clock'), ['clock']);
    assert.deepEqual(kindsFrom(undefined), []);
  });

  it('offers as filters only the kinds the chronology holds', () => {
    assert.deepEqual(kindsPresent([entry('2025-01-01', 'match'), entry('2025-01-02', 'referral')]), ['referral', 'match']);
  });
});
