import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { classify, reliableChange, wilsonInterval } from './rci.ts';
import { SDQ_PARENT } from './definitions.ts';

const scale = (code: string) => SDQ_PARENT.scales.find((s) => s.code === code)!;
const close = (actual: number, expected: number, digits = 4) => assert.ok(Math.abs(actual - expected) < 10 ** -digits, `${actual} ≠ ${expected}`);

describe('reliable change index (Jacobson & Truax)', () => {
  it('counts a fall of 10 in total difficulties as reliable improvement, with the working shown', () => {
    // By hand: SE = 5.8 × √(1 − 0.82) = 5.8 × 0.424264 = 2.460733; SEdiff = √2 × 2.460733 = 3.480000; RCI = −10 / 3.48 = −2.873563.
    const change = reliableChange(scale('total'), 22, 12)!;
    close(change.standardError, 2.460733);
    close(change.standardErrorOfDifference, 3.48, 3);
    close(change.rci, -2.873563, 3);
    assert.equal(change.difference, -10);
    assert.equal(change.change, 'improved');
  });

  it('counts a fall of 3 in total difficulties as no reliable change', () => {
    // RCI = −3 / 3.48 = −0.862: within ±1.96.
    assert.equal(reliableChange(scale('total'), 20, 17)!.change, 'no_reliable_change');
  });

  it('respects the direction of prosocial behaviour: a rise is an improvement, a fall a deterioration', () => {
    // SEdiff = √2 × 1.6 × √0.35 = 1.338656; +3 → RCI 2.241 (improved); −3 → −2.241 (deteriorated).
    const up = reliableChange(scale('prosocial'), 5, 8)!;
    close(up.rci, 2.241055, 3);
    assert.equal(up.change, 'improved');
    assert.equal(reliableChange(scale('prosocial'), 8, 5)!.change, 'deteriorated');
  });

  it('counts a rise in emotional symptoms beyond the threshold as deterioration', () => {
    // SEdiff = √2 × 2.0 × √0.33 = 1.624807; +4 → RCI 2.462 → deteriorated.
    assert.equal(reliableChange(scale('emotional'), 3, 7)!.change, 'deteriorated');
  });

  it('works out no index for a scale without published reliability', () => {
    assert.equal(reliableChange(scale('impact'), 0, 6), undefined);
  });

  it('treats exactly 1.96 as not yet reliable', () => {
    assert.equal(classify(1.96, false), 'no_reliable_change');
    assert.equal(classify(1.9601, false), 'deteriorated');
  });
});

describe('Wilson 95% interval', () => {
  it('matches a worked example: 8 of 20', () => {
    // By hand, z = 1.96: p = 0.4, z²/n = 0.19208, denominator 1.19208;
    // centre = (0.4 + 0.09604) / 1.19208 = 0.416113; half = 1.96 × √(0.012 + 0.0024010) / 1.19208 = 0.197301.
    const w = wilsonInterval(8, 20, 1.96)!;
    close(w.share, 0.4);
    close(w.lower, 0.218812, 4);
    close(w.upper, 0.613414, 4);
  });

  it('stays inside 0 and 1 when none or all succeed', () => {
    // 0 of 10: upper = z²/n / (1 + z²/n) = 0.38416 / 1.38416 = 0.277533.
    const none = wilsonInterval(0, 10, 1.96)!;
    assert.equal(none.lower, 0);
    close(none.upper, 0.277533, 4);
    const all = wilsonInterval(10, 10, 1.96)!;
    assert.equal(all.upper, 1);
    close(all.lower, 1 - 0.277533, 4);
  });

  it('has no interval for an empty group', () => {
    assert.equal(wilsonInterval(0, 0), undefined);
  });
});
