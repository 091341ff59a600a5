import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lastFinancialYear } from './reports.ts';

describe('the demo funder report’s period', () => {
  it('is the last financial year that has ended, April to March', () => {
    assert.deepEqual(lastFinancialYear('2026-12-07'), { from: '2025-04-01', to: '2026-03-31' });
    assert.deepEqual(lastFinancialYear('2026-04-01'), { from: '2025-04-01', to: '2026-03-31' });
    assert.deepEqual(lastFinancialYear('2026-03-31'), { from: '2024-04-01', to: '2025-03-31' });
  });
});
