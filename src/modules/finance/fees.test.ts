import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  divideHalfEven,
  financialYearOf,
  interAgencyRateOn,
  priceFee,
  scalePence,
  uplifted,
  vatOn,
  versionInForce,
  type AgreementTerms,
  type FeeInput,
} from './fees.ts';

const RATES = [
  { effectiveFrom: '2011-04-01', firstChildPence: 2_700_000, siblingPence: 1_600_000, description: '2011' },
  { effectiveFrom: '2019-04-01', firstChildPence: 3_162_000, siblingPence: 1_900_000, description: 'Voluntary agencies 2019' },
  { effectiveFrom: '2025-04-01', firstChildPence: 3_924_500, siblingPence: 2_354_700, description: 'From April 2025' },
];

/** The Adopting Together model: £2,000 when the referral is accepted (£1,500 a brother or sister), £6,000 at placement. */
const TERMS: AgreementTerms = {
  agreementId: 'a',
  versionId: 'v',
  effectiveFrom: '2024-04-01',
  feeSchedule: [
    { trigger: 'referral_accepted', amountPence: 200_000, siblingAmountPence: 150_000 },
    { trigger: 'placement', amountPence: 600_000, vatStatus: 'exempt' },
    { trigger: 'support_year', amountPence: 120_000 },
  ],
  uplift: { kind: 'none' },
  childCapPerYear: 10,
};

const input = (over: Partial<FeeInput>): FeeInput => ({
  trigger: 'referral_accepted',
  occurredOn: '2024-06-01',
  siblingPosition: 1,
  terms: TERMS,
  childAlreadyCounted: false,
  childrenCountedThisYear: 0,
  rates: RATES,
  ...over,
});

describe('rounding to the penny, half to even', () => {
  it('sends an exact half penny to the even penny and every other fraction to the nearest', () => {
    assert.equal(divideHalfEven(25n, 2n), 12n, '12.5p → 12p');
    assert.equal(divideHalfEven(27n, 2n), 14n, '13.5p → 14p');
    assert.equal(divideHalfEven(26n, 10n), 3n, '2.6p → 3p');
    assert.equal(divideHalfEven(24n, 10n), 2n, '2.4p → 2p');
    assert.equal(divideHalfEven(-25n, 2n), -12n, 'a credit rounds the same way as a charge');
    assert.equal(divideHalfEven(-27n, 2n), -14n);
  });

  it('never moves a result by more than half a penny, and is exact whenever the division is', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -1_000_000_000_000n, max: 1_000_000_000_000n }), fc.bigInt({ min: 1n, max: 1_000_000n }), (n, d) => {
        const q = divideHalfEven(n, d);
        const error = q * d - n;
        assert.ok(2n * (error < 0n ? -error : error) <= d);
        if (n % d === 0n) assert.equal(q, n / d);
      }),
    );
  });

  it('works VAT at 20% per line, rounded half-even', () => {
    assert.equal(vatOn(63, 'standard'), 13, '12.6p → 13p');
    assert.equal(vatOn(62, 'standard'), 12, '12.4p → 12p');
    assert.equal(scalePence(125, 1000, 10_000), 12, '12.5p → 12p (half to even)');
    assert.equal(vatOn(600_000, 'exempt'), 0);
    assert.equal(vatOn(600_000, 'standard'), 120_000);
  });
});

describe('the April uplift', () => {
  it('counts financial years from 1 April', () => {
    assert.equal(financialYearOf('2025-03-31'), 2024);
    assert.equal(financialYearOf('2025-04-01'), 2025);
  });

  it('raises a price by its percentage each April after the version began, each year rounded half-even', () => {
    const rule = { kind: 'percentage' as const, basisPoints: 250 };
    assert.deepEqual(uplifted(200_000, rule, '2024-04-01', '2025-03-31'), { pence: 200_000, steps: [] }, 'no April has passed');
    assert.equal(uplifted(200_000, rule, '2024-04-01', '2025-04-01').pence, 205_000);
    // 205,000 × 1.025 = 210,125 exactly; 210,125 × 1.025 = 215,378.125 → 215,378.
    assert.equal(uplifted(200_000, rule, '2024-04-01', '2027-06-01').pence, 215_378);
  });

  it('holds a percentage to its cap', () => {
    assert.equal(uplifted(200_000, { kind: 'percentage', basisPoints: 900, capBasisPoints: 300 }, '2024-04-01', '2025-05-01').pence, 206_000);
  });

  it('follows an index entered each April, capped, and makes no uplift for a year without a figure or a fall', () => {
    const rule = {
      kind: 'index' as const,
      capBasisPoints: 500,
      figures: [
        { year: 2024, value: 100 },
        { year: 2025, value: 103.2 },
        { year: 2026, value: 112 },
        { year: 2028, value: 90 },
      ],
    };
    const one = uplifted(100_000, rule, '2024-04-01', '2025-04-01');
    assert.deepEqual(one, { pence: 103_200, steps: [{ year: 2025, basisPoints: 320 }] });
    // 2026: 112/103.2 is 8.5%, capped at 5%: 103,200 × 1.05 = 108,360. 2027 has no figure; 2028 has no 2027 to compare with.
    assert.equal(uplifted(100_000, rule, '2024-04-01', '2028-05-01').pence, 108_360);
  });
});

describe('the fee a step raises', () => {
  it('charges £2,000 when a referral is accepted and £6,000 at placement under the Adopting Together agreement', () => {
    assert.equal(priceFee(input({}))?.amountPence, 200_000);
    assert.equal(priceFee(input({ trigger: 'placement' }))?.amountPence, 600_000);
    assert.equal(priceFee(input({ trigger: 'support_year' }))?.amountPence, 120_000);
  });

  it('charges nothing for a step the schedule does not name', () => {
    assert.equal(priceFee(input({ trigger: 'match_approved' })), null);
    assert.equal(priceFee(input({ trigger: 'adoption_order' })), null);
  });

  it('charges the second and further children of a group at the sibling rate, where the schedule has one', () => {
    const second = priceFee(input({ siblingPosition: 2 }));
    assert.equal(second?.amountPence, 150_000);
    assert.equal(second?.explanation.sibling, true);
    assert.equal(priceFee(input({ trigger: 'placement', siblingPosition: 3 }))?.amountPence, 600_000, 'no sibling rate: the full fee');
  });

  it('prices a placement outside any agreement at the inter-agency fee in force on its date', () => {
    const outside = (occurredOn: string, siblingPosition = 1) => priceFee(input({ trigger: 'placement', terms: null, occurredOn, siblingPosition }));
    assert.equal(outside('2012-01-01')?.amountPence, 2_700_000);
    assert.equal(outside('2019-06-01')?.amountPence, 3_162_000);
    assert.equal(outside('2025-03-31')?.amountPence, 3_162_000, 'the day before the April 2025 rate');
    assert.equal(outside('2025-04-01')?.amountPence, 3_924_500);
    assert.equal(outside('2025-04-01', 2)?.amountPence, 2_354_700, 'sibling rate');
    assert.equal(outside('2025-04-01')?.basis, 'inter_agency');
    assert.equal(priceFee(input({ terms: null })), null, 'outside an agreement only the placement is charged');
    assert.equal(outside('2010-01-01'), null, 'before any rate');
  });

  it('treats a child beyond the agreement’s yearly cap as outside it, but not a child already counted this year', () => {
    const over = priceFee(input({ trigger: 'placement', occurredOn: '2025-06-01', childrenCountedThisYear: 10 }));
    assert.equal(over?.basis, 'inter_agency');
    assert.equal(over?.explanation.overCap, true);
    assert.equal(priceFee(input({ childrenCountedThisYear: 10 })), null, 'no recruitment fee for a child beyond the cap');
    assert.equal(priceFee(input({ trigger: 'placement', childrenCountedThisYear: 10, childAlreadyCounted: true }))?.basis, 'agreement');
  });

  it('picks the agreement version in force on the step’s date, within its period', () => {
    const versions = [
      { id: 1, effectiveFrom: '2024-04-01', periodStart: '2024-04-01', periodEnd: '2027-03-31' },
      { id: 2, effectiveFrom: '2025-04-01', periodStart: '2024-04-01', periodEnd: '2027-03-31' },
    ];
    assert.equal(versionInForce(versions, '2025-03-31')?.id, 1, 'the old version still prices what happened under it');
    assert.equal(versionInForce(versions, '2025-04-01')?.id, 2);
    assert.equal(versionInForce(versions, '2024-03-31'), null);
    assert.equal(versionInForce(versions, '2027-04-01'), null, 'after the agreement ended');
    assert.equal(interAgencyRateOn(RATES, '2019-04-01')?.description, 'Voluntary agencies 2019');
  });
});
