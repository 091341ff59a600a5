import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addShares, divideHalfEven, percentText, poundsText, shareEvenly, wholeHalfEven } from './costs-money.ts';

describe('rounding money to the penny, half to even', () => {
  it('rounds a half penny to the even penny, and anything past a half up', () => {
    assert.equal(divideHalfEven(5n, 2n), 2n); // 2.5 → 2
    assert.equal(divideHalfEven(7n, 2n), 4n); // 3.5 → 4
    assert.equal(divideHalfEven(251n, 100n), 3n); // 2.51 → 3
    assert.equal(divideHalfEven(249n, 100n), 2n);
    assert.equal(divideHalfEven(-5n, 2n), -2n);
    assert.equal(divideHalfEven(-7n, 2n), -4n);
  });

  it('never drifts: rounding every whole-and-a-half from 0 to 999 loses nothing overall', () => {
    let exact = 0n;
    let rounded = 0n;
    for (let n = 0n; n < 1000n; n++) {
      exact += 2n * n + 1n; // (2n+1)/2 summed, doubled
      rounded += 2n * divideHalfEven(2n * n + 1n, 2n);
    }
    assert.equal(rounded, exact);
  });

  it('shares pence so the shares add up to the whole', () => {
    assert.deepEqual(shareEvenly(100, 3), [34, 33, 33]);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 9 }), (pence, n) => {
        const shares = shareEvenly(pence, n);
        assert.equal(
          shares.reduce((a, b) => a + b, 0),
          pence,
        );
        assert.ok(Math.max(...shares) - Math.min(...shares) <= 1);
      }),
    );
  });

  it('adds each child’s share into a running total exactly as shareEvenly shares, however many times', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 12 }), (pence, n, times) => {
        const ids = Array.from({ length: n }, (_, i) => `child-${i}`);
        const byChild = new Map([['child-0', 7]]);
        addShares(byChild, ids, pence, times);
        const shares = shareEvenly(pence, n);
        assert.deepEqual(
          ids.map((id) => byChild.get(id)),
          shares.map((share, i) => share * times + (i === 0 ? 7 : 0)),
        );
      }),
    );
  });

  it('writes pounds for people without floating point', () => {
    assert.equal(poundsText(1_440_000_000), '£14,400,000.00');
    assert.equal(poundsText(-1205), '-£12.05');
    assert.equal(poundsText(150, { wholePounds: true }), '£2');
    assert.equal(percentText(350), '3.5%');
    assert.equal(percentText(0), '0%');
    assert.equal(percentText(125), '1.25%');
  });
});

describe('the same rule in ordinary numbers', () => {
  it('agrees with the exact rule on every safe numerator and denominator tried', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: 1, max: 100_000 }), (n, d) => {
        assert.equal(wholeHalfEven(n, d), Number(divideHalfEven(BigInt(n), BigInt(d))));
      }),
    );
    assert.equal(wholeHalfEven(659_970, 60), 10_999 + 1); // 10,999.5 → 11,000 (to even)
    assert.equal(wholeHalfEven(150, 60), 2); // 2.5 → 2
  });
});
