import type { Tx } from '../../platform/db/pool.ts';
import { AUTHORITY_SATISFACTION, WORKFORCE_SATISFACTION } from './partner-definitions.ts';
import * as partners from './partner-repository.ts';
import { financialYearsWithin, satisfactionCounts, type PartnerSatisfactionCounts } from './partner-rules.ts';
import { loadRegister } from './register.ts';

export type { GroupSatisfactionCounts, PartnerSatisfactionCounts } from './partner-rules.ts';

/**
 * The local authorities' and workers' satisfaction with the agency's service for a report's period,
 * read as the person issuing it (row-level security: the agency rated reads the answers about it).
 * Authorities' answers count when given in the period (one authority's own for a commissioner's
 * report); workers' answers, which hold only their financial year, count when that year lies wholly
 * inside the period (`financialYearsWithin`).
 */
export async function satisfactionReportCounts(
  tx: Tx,
  scope: { agencyId: string; from: string; to: string; localAuthorityId?: string },
): Promise<PartnerSatisfactionCounts> {
  const register = await loadRegister(tx);
  const authority = register.latest(AUTHORITY_SATISFACTION.code)!;
  const workforce = register.latest(WORKFORCE_SATISFACTION.code)!;
  const given = await partners.authorityAnswersGivenBetween(tx, { ...scope, instrumentCode: authority.code });
  const years = financialYearsWithin(scope.from, scope.to);
  const workers = await partners.workerAnswersOfYears(tx, { agencyId: scope.agencyId, instrumentCode: workforce.code, periods: years });
  return { localAuthorities: satisfactionCounts(authority, given), workers: satisfactionCounts(workforce, workers) };
}
