import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_DISCLOSURE } from '../reporting/index.ts';
import { discloseStability, isDisruption, stabilityCounts, windowDate, windowState, type PlacementFacts } from './stability.ts';

const placed = (placementDate: string, extra: Partial<PlacementFacts> = {}): PlacementFacts => ({
  placementDate,
  adoptionOrderDate: null,
  disruptionDate: null,
  ...extra,
});

describe('a disruption', () => {
  it('is a placement ending before the adoption order', () => {
    assert.equal(isDisruption(placed('2024-01-10', { disruptionDate: '2024-05-01' })), true);
    assert.equal(isDisruption(placed('2024-01-10', { adoptionOrderDate: '2024-09-01', disruptionDate: '2024-05-01' })), true);
  });

  it('is not an ending after the order, nor a placement that has not ended', () => {
    assert.equal(isDisruption(placed('2024-01-10', { adoptionOrderDate: '2024-09-01', disruptionDate: '2025-02-01' })), false);
    assert.equal(isDisruption(placed('2024-01-10', { adoptionOrderDate: '2024-09-01' })), false);
    assert.equal(isDisruption(placed('2024-01-10')), false);
  });

  it('counts an ending on the day of the order as after it (the order was made)', () => {
    assert.equal(isDisruption(placed('2024-01-10', { adoptionOrderDate: '2024-09-01', disruptionDate: '2024-09-01' })), false);
  });
});

describe('stability windows at 6, 12 and 24 months', () => {
  it('fall on the calendar anniversaries of the move, the last day of a short month when needed', () => {
    assert.equal(windowDate('2024-01-15', 6), '2024-07-15');
    assert.equal(windowDate('2024-01-15', 12), '2025-01-15');
    assert.equal(windowDate('2024-01-15', 24), '2026-01-15');
    assert.equal(windowDate('2023-08-31', 6), '2024-02-29');
  });

  it('say nothing of a window not yet reached, even after an early disruption', () => {
    assert.equal(windowState(placed('2025-01-15'), 6, '2025-07-14'), 'not_reached');
    assert.equal(windowState(placed('2025-01-15', { disruptionDate: '2025-03-01' }), 6, '2025-07-14'), 'not_reached');
  });

  it('count a placement open on the anniversary itself', () => {
    assert.equal(windowState(placed('2025-01-15'), 6, '2025-07-15'), 'open');
  });

  it('count a placement disrupted before or on the anniversary as disrupted there, and open at earlier windows', () => {
    const p = placed('2023-01-15', { disruptionDate: '2023-10-02' });
    assert.equal(windowState(p, 6, '2026-01-01'), 'open');
    assert.equal(windowState(p, 12, '2026-01-01'), 'disrupted');
    assert.equal(windowState(p, 24, '2026-01-01'), 'disrupted');
    assert.equal(windowState(placed('2023-01-15', { disruptionDate: '2023-07-15' }), 6, '2026-01-01'), 'disrupted');
  });

  it('keep counting a placement open after the adoption order, whatever happened later', () => {
    const p = placed('2023-01-15', { adoptionOrderDate: '2023-09-01', disruptionDate: '2024-06-01' });
    assert.equal(windowState(p, 24, '2026-01-01'), 'open');
  });
});

describe('the stability report’s counts', () => {
  const asOf = '2026-01-31';
  const placements = [
    placed('2023-02-01', { adoptionOrderDate: '2023-11-01' }), // order made; open at 6, 12, 24
    placed('2023-03-01', { disruptionDate: '2023-06-20' }), // disrupted before 6 months
    placed('2024-06-01', { disruptionDate: '2025-03-01' }), // open at 6, disrupted by 12; 24 not reached
    placed('2025-05-01'), // open at 6; 12 and 24 not reached
    placed('2025-12-01'), // nothing reached yet
    placed('2026-03-01'), // not placed yet on the date of the report
  ];
  const counts = stabilityCounts(placements, asOf, [6, 12, 24]);

  it('counts placements, disruptions before the order and orders made by the date', () => {
    assert.equal(counts.placements, 5);
    assert.equal(counts.disruptions, 2);
    assert.equal(counts.ordersMade, 1);
    assert.equal(counts.continuing, 2);
  });

  it('counts, at each window, the placements that reached it: open and disrupted', () => {
    assert.deepEqual(
      counts.windows.map((w) => [w.months, w.reached, w.open, w.disrupted, w.openPercent]),
      [
        [6, 4, 3, 1, 75],
        [12, 3, 1, 2, 33],
        [24, 2, 1, 1, 50],
      ],
    );
  });

  it('has no percentage for a window nobody has reached', () => {
    const none = stabilityCounts([placed('2025-12-01')], asOf, [6]);
    assert.deepEqual(none.windows[0], { months: 6, reached: 0, open: 0, disrupted: 0, openPercent: null });
  });
});

describe('the stability report outside the agency', () => {
  it('hides small counts, and a second cell where a hidden one could be worked out', () => {
    const many = Array.from({ length: 12 }, (_, i) => placed(`2023-0${1 + (i % 9)}-01`));
    const withTwoDisruptions = [...many, placed('2023-01-01', { disruptionDate: '2023-03-01' }), placed('2023-02-01', { disruptionDate: '2023-04-01' })];
    const disclosed = discloseStability(stabilityCounts(withTwoDisruptions, '2026-01-31', [6, 12]), DEFAULT_DISCLOSURE);
    const six = disclosed.windows[0]!;
    assert.equal(six.disrupted, 'c');
    assert.equal(six.open, 'c', 'the open count would give the disrupted one away from the total');
    assert.equal(six.openPercent, 'c');
    assert.equal(disclosed.disruptions, 'c');
    assert.equal(disclosed.placements, 15, 'totals rounded to 5');
  });

  it('shows counts of five and more as they are', () => {
    const ten = [
      ...Array.from({ length: 5 }, () => placed('2023-01-01')),
      ...Array.from({ length: 5 }, () => placed('2023-01-01', { disruptionDate: '2023-02-01' })),
    ];
    const disclosed = discloseStability(stabilityCounts(ten, '2026-01-31', [6]), DEFAULT_DISCLOSURE);
    assert.deepEqual(disclosed.windows[0], { months: 6, reached: 10, open: 5, disrupted: 5, openPercent: 50 });
  });
});
