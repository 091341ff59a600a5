import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dueFor } from './timescales.ts';

const household = { stage: 'stage1' as const, stage1Date: '2026-01-15', breakDate: null, stage2Date: null };

describe('timescales', () => {
  it('gives Stage 1 two months and warns in the last fortnight', () => {
    assert.deepEqual(dueFor(household, '2026-02-01'), { clock: 'stage1', since: '2026-01-15', due: '2026-03-15', daysLeft: 42, level: 'ok' });
    assert.equal(dueFor(household, '2026-03-05')?.level, 'due_soon');
    assert.equal(dueFor(household, '2026-03-16')?.level, 'overdue');
    assert.equal(dueFor(household, '2026-03-16')?.daysLeft, -1);
  });

  it('gives Stage 2 four months and a break at most six, from configuration', () => {
    assert.equal(dueFor({ ...household, stage: 'stage2', stage2Date: '2026-04-01' }, '2026-05-01')?.due, '2026-08-01');
    assert.equal(dueFor({ ...household, stage: 'break', breakDate: '2026-04-01' }, '2026-05-01')?.due, '2026-10-01');
    assert.equal(
      dueFor({ ...household, stage: 'stage2', stage2Date: '2026-04-01' }, '2026-05-01', {
        stage1Months: 2,
        stage2Months: 3,
        breakMaxMonths: 6,
        warningDays: 14,
      })?.due,
      '2026-07-01',
    );
  });

  it('has no due date at stages without a statutory timescale', () => {
    assert.equal(dueFor({ ...household, stage: 'approved' }, '2026-05-01'), undefined);
  });
});
