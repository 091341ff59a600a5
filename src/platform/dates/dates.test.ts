import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { addDays, addMonths, ageInYears, dateInWales, daysBetween, isIsoDate, monthsBetween, startedMoreThanMonthsBefore } from './dates.ts';

describe('calendar dates of a child’s journey', () => {
  it('counts a leap-day birthday on 1 March in ordinary years', () => {
    assert.equal(ageInYears('2020-02-29', '2024-02-28'), 3);
    assert.equal(ageInYears('2020-02-29', '2024-02-29'), 4);
    assert.equal(ageInYears('2020-02-29', '2025-02-28'), 4);
    assert.equal(ageInYears('2020-02-29', '2025-03-01'), 5);
  });

  it('turns four on the fourth birthday, not the day before', () => {
    assert.equal(ageInYears('2022-06-15', '2026-06-14'), 3);
    assert.equal(ageInYears('2022-06-15', '2026-06-15'), 4);
  });

  it('counts days across a leap February and a clock change without drift', () => {
    assert.equal(daysBetween('2024-02-28', '2024-03-01'), 2);
    assert.equal(daysBetween('2026-03-28', '2026-03-30'), 2);
    assert.equal(daysBetween('2026-01-01', '2025-12-31'), -1);
  });

  it('adds months and falls back to the end of a short month', () => {
    assert.equal(addMonths('2025-01-31', 1), '2025-02-28');
    assert.equal(addMonths('2024-01-31', 1), '2024-02-29');
    assert.equal(addMonths('2025-08-31', 6), '2026-02-28');
    assert.equal(addMonths('2025-11-15', 14), '2027-01-15');
  });

  it('counts whole months waited', () => {
    assert.equal(monthsBetween('2025-01-15', '2025-07-14'), 5);
    assert.equal(monthsBetween('2025-01-15', '2025-07-15'), 6);
    assert.equal(monthsBetween('2025-07-15', '2025-01-15'), 0);
  });

  it('takes today’s date in Wales, across midnight in summer time', () => {
    assert.equal(dateInWales(new Date('2026-06-30T23:30:00Z')), '2026-07-01');
    assert.equal(dateInWales(new Date('2026-12-31T23:30:00Z')), '2026-12-31');
  });

  it('refuses dates that do not exist', () => {
    assert.equal(isIsoDate('2025-02-29'), false);
    assert.equal(isIsoDate('2024-02-29'), true);
    assert.equal(isIsoDate('2024-13-01'), false);
    assert.equal(isIsoDate('24-01-01'), false);
  });

  it('refuses to count with what is not a date', () => {
    for (const bad of ['2024-1-01', '2024-01-1', '2024/01/01', '2024-01-01 ', ' 2024-01-01', '２０２４-01-01', '2024-0a-01', '']) {
      assert.throws(() => daysBetween(bad, '2024-01-01'), RangeError, bad);
      assert.throws(() => addMonths(bad, 1), RangeError, bad);
    }
  });

  it('adds months and days as the calendar does, on any day of four centuries', () => {
    // The reference: JavaScript's own calendar (Date), which the arithmetic replaced for speed.
    const day = fc.integer({ min: Date.UTC(1800, 0, 1) / 86_400_000, max: Date.UTC(2199, 11, 31) / 86_400_000 }).map((n) => new Date(n * 86_400_000));
    const iso = (d: Date) => d.toISOString().slice(0, 10);
    fc.assert(
      fc.property(day, fc.integer({ min: -400, max: 400 }), (date, months) => {
        const y = date.getUTCFullYear();
        const m = date.getUTCMonth() + months;
        const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
        assert.equal(addMonths(iso(date), months), iso(new Date(Date.UTC(y, m, Math.min(date.getUTCDate(), lastDay)))));
      }),
      { numRuns: 5000 },
    );
    fc.assert(
      fc.property(day, fc.integer({ min: -20_000, max: 20_000 }), (date, days) => {
        const later = addDays(iso(date), days);
        assert.equal(later, iso(new Date(date.getTime() + days * 86_400_000)));
        assert.equal(daysBetween(iso(date), later), days);
      }),
      { numRuns: 5000 },
    );
  });

  it('finds the day before which a wait has lasted more than so many months, around the ends of months', () => {
    // 31 August + 3 months = 30 November: on 1 December a wait begun on 29, 30 or 31 August has lasted more than 3 months.
    assert.equal(startedMoreThanMonthsBefore('2026-12-01', 3), '2026-09-01');
    assert.equal(startedMoreThanMonthsBefore('2026-11-30', 3), '2026-08-30');
    assert.equal(startedMoreThanMonthsBefore('2026-02-28', 1), '2026-01-28');
    assert.equal(startedMoreThanMonthsBefore('2026-03-01', 1), '2026-02-01');
    const day = fc
      .integer({ min: Date.UTC(1900, 0, 1) / 86_400_000, max: Date.UTC(2100, 11, 31) / 86_400_000 })
      .map((n) => new Date(n * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(day, fc.integer({ min: 0, max: 40 }), fc.integer({ min: -70, max: 70 }), (on, months, offset) => {
        const cutoff = startedMoreThanMonthsBefore(on, months);
        const since = addDays(cutoff, offset);
        assert.equal(addMonths(since, months) < on, since < cutoff);
      }),
      { numRuns: 5000 },
    );
  });
});
