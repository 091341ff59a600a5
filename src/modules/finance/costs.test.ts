import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { costByChild, costLines, financialYearOf, rateFor, supportCostByChild, type ActivityWork, type CostSettings, type MonthOfWork } from './costs.ts';
import { DEFAULT_ACTIVITY_SETTINGS, DEFAULT_HOURLY_RATES_PENCE } from './costs-vocabulary.ts';
import { shareEvenly } from './costs-money.ts';

const settings: CostSettings = {
  activities: DEFAULT_ACTIVITY_SETTINGS,
  rates: [
    { role: 'clinical_psychologist', financialYear: 2024, pencePerHour: 7_000 },
    { role: 'clinical_psychologist', financialYear: 2025, pencePerHour: 7_333 },
    { role: 'social_worker', financialYear: 2025, pencePerHour: 4_500 },
  ],
};
/** One month of one kind of work. */
const total = ({ activity, ...month }: Partial<MonthOfWork> & Pick<MonthOfWork, 'month'> & Pick<ActivityWork, 'activity'>): ActivityWork => ({
  activity,
  rows: [{ childIds: [], records: 1, recordedMinutes: 0, withoutDuration: 0, ...month }],
});

describe('what the work cost in staff time', () => {
  it('counts financial years from April', () => {
    assert.equal(financialYearOf('2025-03-31'), 2024);
    assert.equal(financialYearOf('2025-04-01'), 2025);
  });

  it('uses the rate set for the year, the latest earlier one, or the starting default', () => {
    assert.equal(rateFor(settings.rates, 'clinical_psychologist', 2025), 7_333);
    assert.equal(rateFor(settings.rates, 'clinical_psychologist', 2027), 7_333);
    assert.equal(rateFor(settings.rates, 'clinical_psychologist', 2024), 7_000);
    assert.equal(rateFor(settings.rates, 'clinical_psychologist', 2023), DEFAULT_HOURLY_RATES_PENCE.clinical_psychologist);
  });

  it('costs a recorded consultation as minutes × the psychologist’s rate ÷ 60, rounded half-even', () => {
    // 50 minutes at £73.33 an hour = 366,650 / 60 = 6,110.833… pence → £61.11
    const [line] = costLines([total({ activity: 'consultation', month: '2025-06-01', recordedMinutes: 50 })], settings);
    assert.equal(line!.pence, 6_111);
    // 45 minutes at £70.00 = 5,250p exactly (April 2024 belongs to 2024–25)
    assert.equal(costLines([total({ activity: 'consultation', month: '2024-04-01', recordedMinutes: 45 })], settings)[0]!.pence, 5_250);
  });

  it('stands the default duration in for records without one, for every role that attends', () => {
    // Two home-study visits, no durations: 2 × 180 minutes of a social worker at £45 = £270.00.
    const [visit] = costLines([total({ activity: 'home_study_visit', month: '2025-05-01', records: 2, withoutDuration: 2 })], settings);
    assert.equal(visit!.minutes, 360);
    assert.equal(visit!.defaulted, 2);
    assert.equal(visit!.pence, 27_000);
    // A 60-minute TAC meeting: psychologist £73.33 + therapeutic social worker £55 + family finder £50 (defaults) = £178.33
    const [tac] = costLines([total({ activity: 'tac_meeting', month: '2025-05-01', recordedMinutes: 60 })], settings);
    assert.equal(tac!.pence, 7_333 + 5_500 + 5_000);
  });

  it('shares a meeting about three children among them to the penny', () => {
    const lines = costLines([total({ activity: 'consultation', month: '2025-06-01', recordedMinutes: 1, childIds: ['a', 'b', 'c'] })], settings);
    // 1 minute at £73.33 = 122.2p → 122p, shared 41 + 41 + 40
    const byChild = costByChild(lines);
    assert.deepEqual([byChild.get('a'), byChild.get('b'), byChild.get('c')], [41, 41, 40]);
  });

  it('costs each month of a kind of work as its own line, at its own year’s rate, and shares it as shareEvenly does', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            month: fc.constantFrom('2024-03-01', '2024-04-01', '2025-03-01', '2025-06-01'),
            childIds: fc.subarray(['a', 'b', 'c', 'd']),
            recordedMinutes: fc.integer({ min: 0, max: 10_000 }),
            withoutDuration: fc.integer({ min: 0, max: 3 }),
          }),
          { maxLength: 30 },
        ),
        (months) => {
          const rows = months.map((m) => ({ ...m, records: 1 + m.withoutDuration }));
          const lines = costLines([{ activity: 'consultation', rows }], settings);
          const one = rows.map((r) => costLines([total({ activity: 'consultation', ...r })], settings)[0]!);
          assert.deepEqual(lines, one);
          const expected = new Map<string, number>();
          for (const line of lines) {
            const shares = shareEvenly(line.pence, line.childIds.length);
            line.childIds.forEach((id, i) => expected.set(id, (expected.get(id) ?? 0) + shares[i]!));
          }
          assert.deepEqual(costByChild(lines), expected);
        },
      ),
    );
  });

  it('costs placements’ support per child to the same penny as the lines of each month would', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            match: fc.constantFrom('m1', 'm2', 'm3', 'none'),
            month: fc.constantFrom('2024-03-01', '2024-11-01', '2025-04-01', '2025-05-01', '2026-02-01'),
            minutes: fc.oneof(fc.constantFrom(0, 1, 45, 60, 90), fc.integer({ min: 0, max: 10_000 })),
          }),
          { maxLength: 40 },
        ),
        fc.integer({ min: 1, max: 20_000 }),
        (rows, pencePerHour) => {
          const custom: CostSettings = { ...settings, rates: [...settings.rates, { role: 'therapeutic_social_worker', financialYear: 2025, pencePerHour }] };
          const childrenOf = new Map<string, string[]>([
            ['m1', ['a']],
            ['m2', ['b', 'c', 'd']],
            ['m3', []],
          ]);
          const months = rows.map((r) => ({ month: r.month, matchId: r.match === 'none' ? null : r.match, recordedMinutes: r.minutes }));
          const lines = costLines(
            months.flatMap((m) =>
              m.matchId && childrenOf.has(m.matchId)
                ? [
                    total({
                      activity: 'support_session',
                      month: m.month,
                      childIds: childrenOf.get(m.matchId)!,
                      recordedMinutes: m.recordedMinutes,
                    }),
                  ]
                : [],
            ),
            custom,
          );
          // As the support module gives them: months alike (placement, financial year, minutes) counted together.
          const alike = new Map<string, { matchId: string; financialYear: number; recordedMinutes: number; months: number }>();
          for (const m of months) {
            if (!m.matchId) continue;
            const financialYear = financialYearOf(m.month);
            const key = `${m.matchId}|${financialYear}|${m.recordedMinutes}`;
            const group = alike.get(key) ?? { matchId: m.matchId, financialYear, recordedMinutes: m.recordedMinutes, months: 0 };
            group.months += 1;
            alike.set(key, group);
          }
          assert.deepEqual(supportCostByChild([...alike.values()], childrenOf, custom), costByChild(lines));
        },
      ),
    );
  });
});
