import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { cpdHoursByYear, cpdYearLabel, cpdYearOf, cpdYearRange, formatHours, hoursToTenths } from './cpd.ts';

const calendarYears = { yearStartMonth: 1, targetHoursPerYear: 30 };

describe('CPD hours per year', () => {
  it('adds hours exactly, without floating-point drift', () => {
    const records = Array.from({ length: 10 }, () => ({ completedDate: '2026-02-01', hours: '0.1' }));
    const [year] = cpdHoursByYear(records, '2026-06-01', calendarYears);
    assert.equal(year!.tenths, 10);
    assert.equal(formatHours(year!.tenths), '1');
    assert.equal(formatHours(hoursToTenths('7.5') + hoursToTenths(3)), '10.5');
  });

  it('totals each calendar year separately, latest first, and says whether the target was met', () => {
    const years = cpdHoursByYear(
      [
        { completedDate: '2025-03-01', hours: '20.0' },
        { completedDate: '2025-12-31', hours: '12.5' },
        { completedDate: '2026-01-01', hours: '6' },
      ],
      '2026-06-01',
      calendarYears,
    );
    assert.deepEqual(
      years.map((y) => [y.startYear, formatHours(y.tenths), y.records, y.targetMet]),
      [
        [2026, '6', 1, false],
        [2025, '32.5', 2, true],
      ],
    );
    assert.deepEqual([years[1]!.from, years[1]!.to], ['2025-01-01', '2025-12-31']);
  });

  it('always lists the current year, even before anything is recorded', () => {
    assert.deepEqual(
      cpdHoursByYear([], '2026-06-01', calendarYears).map((y) => [y.startYear, y.tenths, y.targetMet]),
      [[2026, 0, false]],
    );
  });

  it('follows a CPD year that starts in April', () => {
    assert.equal(cpdYearOf('2026-03-31', 4), 2025);
    assert.equal(cpdYearOf('2026-04-01', 4), 2026);
    assert.deepEqual(cpdYearRange(2025, 4), { from: '2025-04-01', to: '2026-03-31' });
    assert.deepEqual(cpdYearRange(2027, 3), { from: '2027-03-01', to: '2028-02-29' });
    const years = cpdHoursByYear(
      [
        { completedDate: '2026-03-31', hours: 4 },
        { completedDate: '2026-04-01', hours: 2 },
      ],
      '2026-05-01',
      { yearStartMonth: 4, targetHoursPerYear: 30 },
    );
    assert.deepEqual(
      years.map((y) => [y.startYear, y.tenths]),
      [
        [2026, 20],
        [2025, 40],
      ],
    );
    assert.equal(cpdYearLabel(2025, 4, 'to'), '2025 to 2026');
    assert.equal(cpdYearLabel(2025, 1, 'to'), '2025');
  });
});
