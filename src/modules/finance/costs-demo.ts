import type { RequestContext } from '../../platform/policy/actor.ts';
import { addDays, type IsoDate } from '../../platform/dates/dates.ts';
import { financialYearOf } from './costs.ts';
import { COSTED_ROLES, DEFAULT_HOURLY_RATES_PENCE } from './costs-vocabulary.ts';
import type { FinanceCostsService } from './costs-service.ts';
import type { FinanceCostSettingsService } from './costs-settings-service.ts';

/**
 * The demo's cost side, kept by its service manager: hourly rates for the last four financial years
 * (rising 3% each April from the starting rates), a few direct costs (a venue for preparation
 * groups, an interpreter at a north authority child's meeting, travel), the surplus reinvested in a
 * therapeutic parenting group, and the alternative care of each child the story placed, read from
 * the plan at referral (the demo's children were all in foster care when referred). Synthetic.
 */
export async function seedDemoFinanceCosts(
  services: { settings: FinanceCostSettingsService; reports: FinanceCostsService },
  manager: RequestContext,
  options: { today: IsoDate; northAuthorityId: string },
): Promise<void> {
  const { settings, reports } = services;
  const current = financialYearOf(options.today);
  for (const role of COSTED_ROLES) {
    let pence = DEFAULT_HOURLY_RATES_PENCE[role];
    for (let year = current - 3; year <= current; year++) {
      await settings.setHourlyRate(manager, { role, financialYear: year, pencePerHour: pence }, 0);
      pence = Math.round((pence * 103) / 100); // whole pence by construction: the next April's rate as published
    }
  }
  const day = (daysAgo: number) => addDays(options.today, -daysAgo);
  await settings.recordDirectCost(manager, {
    incurredOn: day(200),
    category: 'venue',
    description: 'Hall for two preparation group days (fictional)',
    amountPence: 36_000,
  });
  await settings.recordDirectCost(manager, {
    incurredOn: day(120),
    category: 'interpreter',
    description: 'British Sign Language interpreter for a Team Around the Child meeting (fictional)',
    amountPence: 18_500,
    localAuthorityId: options.northAuthorityId,
  });
  await settings.recordDirectCost(manager, {
    incurredOn: day(60),
    category: 'travel',
    description: 'Mileage for introductions (fictional)',
    amountPence: 9_240,
  });
  await settings.recordReinvestment(manager, {
    reinvestedOn: day(30),
    amountPence: 1_200_000,
    purpose: 'A therapeutic parenting group for adoptive families, run for a year (fictional)',
  });
  for (const childId of await reports.placedChildIds(manager)) {
    await settings.setCareChoice(
      manager,
      childId,
      { careKind: 'foster_care', reason: 'Plan at referral: foster care with demo carers (fictional)' },
      0,
      new Set([childId]),
    );
  }
}
