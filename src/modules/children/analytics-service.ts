import type { Tx } from '../../platform/db/pool.ts';
import { DomainError } from '../../platform/http/errors.ts';
import { type RequestContext } from '../../platform/policy/actor.ts';
import { authorize } from '../../platform/policy/policy.ts';
import { cohortStatistics, STANDARD_ACES } from './aces.ts';
import * as acesRepo from './aces-repository.ts';
import { loadChildrenConfig, settingsOwner } from './settings-service.ts';
import { thresholdsOf } from './settings.ts';
import { cohortFiltersChosen, type AceAnalyticsFilters } from './inputs.ts';
import { discloseCohort, type Cell } from '../reporting/index.ts';
import type { ChildrenContext } from './service-context.ts';

/** ACE analysis over a cohort, disclosure-controlled for readers outside the agency. */
export function createAnalyticsUseCases(context: ChildrenContext) {
  const { run, runner, today, defaults } = context;

  /**
   * Cohort ACE analysis. The agency sees exact figures over the children it may see; a local
   * authority sees its own children; funders and researchers see every child, as aggregates only.
   * Everyone outside the agency gets disclosure-controlled figures, as fixed tables: filtered
   * views compared with each other would give back the counts suppressed in each.
   */
  async function aceAnalytics(ctx: RequestContext, filters: AceAnalyticsFilters) {
    authorize(ctx.actor, 'analytics.aces');
    const actor = ctx.actor;
    const insideAgency = actor.kind === 'system' || (actor.kind === 'user' && actor.organisationType === 'agency');
    const chosen = cohortFiltersChosen(filters);
    if (!insideAgency && chosen.length) {
      await runner.recordStandalone(ctx, { action: 'analytics.aces', resourceType: 'cohort', outcome: 'denied', detail: { filters: chosen.join(',') } });
      throw new DomainError(403, 'children:errors.analytics.fixedTablesOnly');
    }
    const aggregateOnly = actor.kind === 'user' && (actor.organisationType === 'funder' || actor.organisationType === 'research_partner');
    const on = today();
    const owner = settingsOwner(actor);
    const compute = async (tx: Tx) => {
      const config = await loadChildrenConfig(tx, owner, defaults);
      const rows = await acesRepo.aceDistribution(tx, filters, on, {
        organisationId: actor.kind === 'user' && actor.organisationType === 'local_authority' ? actor.organisationId : undefined,
        thresholds: config.priority,
      });
      return { rows, config };
    };
    // Funders never see a row: the aggregate runs as the platform and only counts leave it.
    const { rows, config } = aggregateOnly ? await runner.runAsSystemJob('aggregateAces', ctx, compute) : await run(ctx, compute);
    const distribution = Array.from({ length: STANDARD_ACES.length + 1 }, (_, k) => rows.find((r) => r.count === k)?.children ?? 0);
    const counts = distribution.flatMap((n, k) => Array.from({ length: n }, () => k));
    const stats = cohortStatistics(counts);
    await runner.recordStandalone(ctx, { action: 'analytics.aces', resourceType: 'cohort', detail: { children: stats.children, disclosed: !insideAgency } });
    if (insideAgency) {
      return {
        disclosed: false,
        children: stats.children as Cell,
        mean: stats.mean as Cell | null,
        median: stats.median as Cell | null,
        distribution: distribution as Cell[],
        comparatorMean: config.comparatorMeanAces,
        comparatorLabel: config.comparatorLabel,
        disclosure: config.disclosure,
        thresholds: thresholdsOf(config),
        measure: filters.measure,
      };
    }
    const disclosed = discloseCohort(distribution, { mean: stats.mean, median: stats.median }, config.disclosure);
    return {
      disclosed: true,
      children: disclosed.total,
      mean: disclosed.statistics.mean,
      median: disclosed.statistics.median,
      distribution: disclosed.cells,
      comparatorMean: config.comparatorMeanAces,
      comparatorLabel: config.comparatorLabel,
      disclosure: config.disclosure,
      thresholds: thresholdsOf(config),
      measure: filters.measure,
    };
  }

  return { aceAnalytics };
}
