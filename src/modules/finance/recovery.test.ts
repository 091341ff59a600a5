import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { costRecovery, type IncomeView } from './recovery.ts';
import type { CostLine } from './costs.ts';

const line = (pence: number, childIds: string[], financialYear = 2025): CostLine => ({
  activity: childIds.length ? 'tac_meeting' : 'home_study_visit',
  financialYear,
  childIds,
  records: 1,
  minutes: 60,
  defaulted: 0,
  pence,
});

const income: IncomeView = {
  byChild: new Map([['a', { invoicedPence: 800_000, receivedPence: 600_000 }]]),
  byAuthority: new Map([['la1', { invoicedPence: 800_000, receivedPence: 600_000 }]]),
  byAgreement: new Map([['ag1', { invoicedPence: 800_000, receivedPence: 600_000 }]]),
  byYear: new Map([[2025, { invoicedPence: 800_000, receivedPence: 600_000 }]]),
};

describe('cost recovery', () => {
  const report = costRecovery({
    lines: [line(30_000, ['a']), line(10_001, ['b']), line(50_001, [])],
    childLocalAuthority: new Map([
      ['a', 'la1'],
      ['b', 'la2'],
    ]),
    directCosts: [
      { incurredOn: '2025-05-01', amountPence: 12_000, category: 'interpreter', localAuthorityId: 'la2' },
      { incurredOn: '2026-05-01', amountPence: 2_000, category: 'venue', localAuthorityId: null },
    ],
    income,
    agreements: [{ id: 'ag1', authorityIds: ['la1'] }],
    reinvestments: [{ reinvestedOn: '2026-01-10', amountPence: 100_000 }],
  });

  it('shares the shared work equally among the children worked with, to the penny', () => {
    // Shared: 50,001 staff + 2,000 venue = 52,001 → 26,001 + 26,000
    assert.equal(report.total.sharedPence, 52_001);
    const [a, b] = report.children;
    assert.deepEqual([a!.sharedPence, b!.sharedPence], [26_001, 26_000]);
    assert.equal(a!.costPence, 56_001);
    assert.equal(a!.surplusPence, 800_000 - 56_001);
    assert.equal(a!.outstandingPence, 200_000);
  });

  it('adds up: the authorities’ costs are the whole cost', () => {
    const laTotal = report.localAuthorities.reduce((n, r) => n + r.costPence, 0);
    assert.equal(laTotal, report.total.costPence);
    assert.equal(report.total.costPence, 30_000 + 10_001 + 50_001 + 12_000 + 2_000);
    const la2 = report.localAuthorities.find((r) => r.localAuthorityId === 'la2')!;
    assert.equal(la2.costPence, 10_001 + 26_000 + 12_000);
    assert.equal(la2.surplusPence, -la2.costPence);
  });

  it('gives an agreement the cost of the authorities it covers, and splits the years from April', () => {
    assert.equal(report.agreements[0]!.costPence, 56_001);
    assert.deepEqual(
      report.years.map((y) => [y.financialYear, y.costPence]),
      [
        [2025, 30_000 + 10_001 + 50_001 + 12_000],
        [2026, 2_000],
      ],
    );
  });

  it('keeps what is left to reinvest, never below nothing', () => {
    assert.equal(report.reinvestedPence, 100_000);
    assert.equal(report.toReinvestPence, report.total.surplusPence - 100_000);
  });
});
