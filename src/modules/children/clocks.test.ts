import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { clockLevel, clocksFor, thresholdsPassed, worstLevel } from './clocks.ts';

describe('waiting clocks', () => {
  it('warns at six months and is urgent at twelve, to the day', () => {
    assert.equal(clockLevel('2025-03-31', '2025-09-29'), 'ok');
    assert.equal(clockLevel('2025-03-31', '2025-09-30'), 'warning');
    assert.equal(clockLevel('2025-03-31', '2026-03-30'), 'warning');
    assert.equal(clockLevel('2025-03-31', '2026-03-31'), 'urgent');
  });

  it('treats a placement order on 29 February fairly in the following year', () => {
    assert.equal(clockLevel('2024-02-29', '2025-02-27'), 'warning');
    assert.equal(clockLevel('2024-02-29', '2025-02-28'), 'urgent');
  });

  it('runs only the clocks whose start is known and not in the future', () => {
    const clocks = clocksFor(
      { enteredCareDate: '2024-01-10', placementOrderDate: '2025-11-01', referralDate: '2026-02-01', adoptionPlanDate: null },
      '2026-01-15',
    );
    assert.deepEqual(
      clocks.map((c) => [c.name, c.days, c.level]),
      [
        ['enteredCare', 736, 'urgent'],
        ['placementOrder', 75, 'ok'],
      ],
    );
    assert.equal(worstLevel(clocks), 'urgent');
  });

  it('follows the agency’s thresholds', () => {
    assert.equal(clockLevel('2025-10-15', '2026-01-15', { warningMonths: 3, urgentMonths: 9 }), 'warning');
  });

  it('dates the days a clock passed its warning and urgent levels, only those already reached', () => {
    const passed = thresholdsPassed(
      { enteredCareDate: '2025-01-15', placementOrderDate: '2025-09-01', referralDate: null, adoptionPlanDate: null },
      '2026-03-01',
    );
    assert.deepEqual(
      passed.map((p) => `${p.name} ${p.level} ${p.on}`),
      ['enteredCare warning 2025-07-15', 'enteredCare urgent 2026-01-15', 'placementOrder warning 2026-03-01'],
    );
  });
});
