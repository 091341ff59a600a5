import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  childReturn,
  discountFactorText,
  discountTable,
  discountedCarePence,
  eighteenthBirthday,
  financialReturn,
  sensitivityScenarios,
  upliftedWeeklyPence,
  weeksToEighteen,
  type PlacedChild,
  type ReturnAssumptions,
} from './financial-return.ts';
import { DEFAULT_PRICE_INDEX, DEFAULT_UNIT_COSTS } from './costs-vocabulary.ts';

const assumptions: ReturnAssumptions = {
  reportYear: 2026,
  discountBasisPoints: 350,
  unitCosts: DEFAULT_UNIT_COSTS,
  priceIndex: DEFAULT_PRICE_INDEX,
  defaultRouteFeePence: 800_000,
};

const child = (over: Partial<PlacedChild> = {}): PlacedChild => ({
  childId: 'c1',
  localAuthorityId: 'la1',
  dateOfBirth: '2019-06-15',
  placementDate: '2025-06-15',
  careKind: 'foster_care',
  feesPence: null,
  supportCostPence: 0,
  ...over,
});

describe('care costs avoided until 18', () => {
  it('counts whole weeks from placement to the 18th birthday', () => {
    // 15 June 2025 → 15 June 2037: 12 years with 3 leap days = 4,383 days = 626 weeks and 1 day.
    assert.equal(weeksToEighteen('2019-06-15', '2025-06-15'), 626);
    assert.equal(weeksToEighteen('2000-01-01', '2025-06-15'), 0);
    // A 29 February birthday turns 18 on 1 March in a common year.
    assert.equal(eighteenthBirthday('2008-02-29'), '2026-03-01');
    // Placed on 1 March 2025: 365 days to 1 March 2026 are 52 whole weeks (the 28 February reading would give 52 too, 364 days).
    assert.equal(weeksToEighteen('2008-02-29', '2025-03-01'), 52);
    assert.equal(weeksToEighteen('2008-02-29', '2025-03-02'), 52);
    assert.equal(weeksToEighteen('2008-02-29', '2025-03-03'), 51);
  });

  it('uplifts a 2017 unit cost to the report’s year by the price index, rounded to the penny', () => {
    // £646 × 133.300 / 100.000 = £861.118 → £861.12
    assert.equal(upliftedWeeklyPence(DEFAULT_UNIT_COSTS[0]!, 2026, DEFAULT_PRICE_INDEX), 86_112);
    // Residential £3,000 × 1.265 = £3,795.00 exactly in 2024–25
    assert.equal(upliftedWeeklyPence(DEFAULT_UNIT_COSTS[1]!, 2024, DEFAULT_PRICE_INDEX), 379_500);
  });

  it('discounts year t by 1 / 1.035^t, worked by hand', () => {
    const table = discountTable(350);
    // £100 a week for 104 weeks: year 0 = 52 × £100 = £5,200.00; year 1 = £5,200 / 1.035 = £5,024.154589…
    // total £10,224.154589… → £10,224.15
    assert.equal(discountedCarePence(10_000, 104, table), 1_022_415);
    // 53 weeks: £5,200 + £100 / 1.035 = £5,200 + £96.618357… = £5,296.62
    assert.equal(discountedCarePence(10_000, 53, table), 529_662);
    // At 0% nothing is discounted.
    assert.equal(discountedCarePence(10_000, 104, discountTable(0)), 1_040_000);
    // Three years at 1.5%: £5,200 × (1 + 1/1.015 + 1/1.030225) = £5,200 × 2.955883… = £15,370.594 → £15,370.59
    assert.equal(discountedCarePence(10_000, 156, discountTable(150)), 1_537_059);
    assert.equal(discountFactorText(350, 2), '0.933511');
  });

  it('takes the route’s cost off: the fees recorded, or the default fee, and the support', () => {
    const table = discountTable(350);
    const assumed = childReturn(child({ supportCostPence: 120_000 }), assumptions, table);
    assert.equal(assumed.feeAssumed, true);
    assert.equal(assumed.routeCostPence, 920_000);
    assert.equal(assumed.netPence, assumed.discountedPence - 920_000);
    const recorded = childReturn(child({ feesPence: 600_000 }), assumptions, table);
    assert.equal(recorded.routeCostPence, 600_000);
    assert.equal(recorded.ageAtPlacement, 6);
  });

  it('comes to the order of the case study’s £14.4M for 25 children placed at 6 from foster care', () => {
    const placed = Array.from({ length: 25 }, (_, i) => child({ childId: `c${i}`, dateOfBirth: '2019-06-15', placementDate: '2025-06-14' }));
    const report = financialReturn(placed, assumptions);
    // 626 weeks each at £861.12 undiscounted: 25 × 626 × 86,112p
    assert.equal(report.totals.undiscountedPence, 25 * 626 * 86_112);
    assert.ok(report.totals.netPence > 1_000_000_000 && report.totals.netPence < 2_000_000_000, `${report.totals.netPence}`);
    assert.equal(report.byYear.length, 1);
    assert.equal(report.byLocalAuthority[0]!.children, 25);
  });

  it('adds up each year of placement and each authority from the children’s own pence', () => {
    // A seeded mix: three authorities, placements over three financial years, both kinds of care, fees recorded or assumed.
    let seed = 7;
    const next = (n: number) => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) % n;
    const placed = Array.from({ length: 300 }, (_, i) =>
      child({
        childId: `c${i}`,
        localAuthorityId: `la${next(3)}`,
        dateOfBirth: `${2010 + next(14)}-0${1 + next(9)}-1${next(10)}`,
        placementDate: `${2023 + next(3)}-0${1 + next(9)}-2${next(9)}`,
        careKind: next(5) === 0 ? 'residential_care' : 'foster_care',
        feesPence: next(2) === 0 ? null : 500_000 + next(400_000),
        supportCostPence: next(90_000),
      }),
    );
    const report = financialReturn(placed, assumptions);
    const figures = ['discountedPence', 'undiscountedPence', 'routeCostPence', 'netPence'] as const;
    const sumOf = (rows: typeof report.children) => ({
      children: rows.length,
      ...Object.fromEntries(figures.map((f) => [f, rows.reduce((sum, r) => sum + r[f], 0)])),
    });
    assert.deepEqual(report.totals, sumOf(report.children));
    type Row = (typeof report.children)[number];
    const grouped = <K extends string | number>(keyOf: (r: Row) => K) =>
      [...new Set(report.children.map(keyOf))]
        .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
        .map((key) => ({ key, ...sumOf(report.children.filter((r) => keyOf(r) === key)) }));
    assert.deepEqual(
      report.byYear,
      grouped((r) => r.placementYear),
    );
    assert.deepEqual(
      report.byLocalAuthority,
      grouped((r) => r.localAuthorityId),
    );
    assert.deepEqual(
      report.byYear.map((g) => g.key),
      [2022, 2023, 2024, 2025],
    );
    assert.deepEqual(
      report.byLocalAuthority.map((g) => g.key),
      ['la0', 'la1', 'la2'],
    );
  });

  it('shows the sensitivity of the total to unit costs, the discount rate and years avoided', () => {
    const placed = [child(), child({ childId: 'c2', careKind: 'residential_care', dateOfBirth: '2015-01-01' })];
    const report = financialReturn(placed, assumptions);
    const at = (u: number, bp: number, less = 0) =>
      report.sensitivity.find((s) => s.unitCostPercent === u && s.discountBasisPoints === bp && s.weeksLess === less)!;
    assert.equal(sensitivityScenarios(350).length, 12);
    assert.equal(at(100, 350).netPence, report.totals.netPence);
    assert.ok(at(120, 350).netPence > at(100, 350).netPence && at(100, 350).netPence > at(80, 350).netPence);
    assert.ok(at(100, 0).netPence > at(100, 150).netPence && at(100, 150).netPence > at(100, 350).netPence);
    assert.ok(at(100, 350, 104).netPence < at(100, 350).netPence);
    // +20% on the weekly cost: £861.12 × 1.2 = £1,033.344 → £1,033.34 a week, undiscounted at 0%.
    // Residential: £3,000 × 1.333 = £3,999.00, × 1.2 = £4,798.80 a week.
    assert.equal(at(120, 0).discountedPence, 103_334 * 626 + 479_880 * weeksToEighteen('2015-01-01', '2025-06-15'));
  });

  it('gives each sensitivity row the sum of the children’s own figures under that scenario', () => {
    const placed = [
      child(),
      child({ childId: 'c2', careKind: 'residential_care', dateOfBirth: '2015-01-01', feesPence: 1_200_000 }),
      child({ childId: 'c3', dateOfBirth: '2019-06-15', supportCostPence: 45_678 }),
      child({ childId: 'c4', dateOfBirth: '2008-02-29', placementDate: '2025-03-01' }),
    ];
    const report = financialReturn(placed, assumptions);
    for (const s of report.sensitivity) {
      const rows = placed.map((c) => childReturn(c, assumptions, discountTable(s.discountBasisPoints), s));
      assert.equal(
        s.discountedPence,
        rows.reduce((sum, r) => sum + r.discountedPence, 0),
      );
      assert.equal(
        s.netPence,
        rows.reduce((sum, r) => sum + r.netPence, 0),
      );
    }
  });
});
