import type { RequestContext } from '../../platform/policy/actor.ts';
import type { Tx } from '../../platform/db/pool.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { aceDistributionOf, childrenReportCounts, createChildrenSettingsService } from '../children/index.ts';
import { createFinanceCostsService } from '../finance/index.ts';
import { lastingPlacements, matchingReportCounts } from '../matching/index.ts';
import { listOrganisations } from '../organisations/index.ts';
import { createOutcomesService, createPlacementSuccessService, satisfactionReportCounts, type GroupSatisfactionCounts } from '../outcomes/index.ts';
import { recruitmentReportCounts } from '../recruitment/index.ts';
import { DEFAULT_DISCLOSURE, type DisclosureConfig } from '../reporting/index.ts';
import { deliveredSupportByMonth, supportReportCounts } from '../support/index.ts';
import { preparationCompletedCount, trainingDeliveredByMonth } from '../training/index.ts';
import { staffTrainingReportCounts, supervisionByMonth } from '../workforce/index.ts';
import { emptyFacts, type GroupSatisfaction, type ReportFacts } from './facts.ts';

/** Whom a report is about: the agency's whole work for a funder, one authority's children for a commissioner. */
export type GatherScope = { agencyId: string; from: string; to: string; localAuthorityId?: string };

export type Gathered = { facts: ReportFacts; disclosure: DisclosureConfig };

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** Outcomes' counts of one group's answers, as the report's facts (counts and sums, never an answer). */
const groupFacts = (g: GroupSatisfactionCounts): GroupSatisfaction => ({
  responses: g.responses,
  scoreSum: g.scoreSum,
  min: g.min,
  max: g.max,
  statements: g.statements.map((s) => ({ item: s.text, agreed: s.agreed, answered: s.answered })),
});

/**
 * Gathers a report's facts through each module's front door, as the person issuing it (the agency's
 * service manager, who may read every figure behind it). Each read is a count over the period; the
 * figures are disclosure-controlled later, by the builder, before anything leaves the agency.
 */
export function createGatherer(runner: UseCaseRunner, options: { clock?: () => Date } = {}) {
  const placementSuccess = createPlacementSuccessService(runner, options);
  const outcomes = createOutcomesService(runner, options);
  const costs = createFinanceCostsService(runner);
  const childrenSettings = createChildrenSettingsService(runner);

  /** Fills the facts counted straight from the modules' named reads; answers the children placed who stayed. */
  async function counts(tx: Tx, scope: GatherScope, facts: ReportFacts): Promise<number> {
    const children = await childrenReportCounts(tx, scope);
    const matching = await matchingReportCounts(tx, scope);
    const organisations = (await listOrganisations(tx)).items;
    const name = new Map(organisations.map((o) => [o.id, o]));
    const authorities = new Set([...children.referred.keys(), ...children.accepted.keys(), ...matching.byAuthority.map((m) => m.authority)]);
    if (scope.localAuthorityId) authorities.add(scope.localAuthorityId);
    facts.flow = [...authorities]
      .map((id) => {
        const m = matching.byAuthority.find((row) => row.authority === id);
        return {
          authority: name.get(id)?.name ?? id,
          authorityCy: name.get(id)?.nameCy ?? null,
          referred: children.referred.get(id) ?? 0,
          accepted: children.accepted.get(id) ?? 0,
          matched: m?.matched ?? 0,
          placed: m?.placed ?? 0,
          adopted: m?.adopted ?? 0,
        };
      })
      .sort((a, b) => a.authority.localeCompare(b.authority));
    facts.priorityReasons = children.priorityReasons.sort((a, b) => b.children - a.children || a.code.localeCompare(b.code));
    facts.aces.distribution = await aceDistributionOf(tx, matching.placedChildIds);
    const work = { from: scope.from, to: scope.to, organisationIds: [scope.agencyId] };
    const recruitment = await recruitmentReportCounts(tx, { from: scope.from, to: scope.to, organisationId: scope.agencyId });
    const training = await trainingDeliveredByMonth(tx, work);
    facts.recruitment = {
      ...recruitment,
      preparationCompleted: await preparationCompletedCount(tx, { from: scope.from, to: scope.to, organisationId: scope.agencyId }),
      trainingSessions: sum(training.map((t) => t.records)),
      trainingMinutes: sum(training.map((t) => t.recordedMinutes)),
    };
    const sessions = await deliveredSupportByMonth(tx, work);
    const support = await supportReportCounts(tx, work);
    facts.support = { ...support, sessions: sum(sessions.map((s) => s.records)), minutes: sum(sessions.map((s) => s.recordedMinutes)) };
    const supervision = await supervisionByMonth(tx, work);
    facts.workforce = {
      ...(await staffTrainingReportCounts(tx, work)),
      supervisionSessions: sum(supervision.map((s) => s.records)),
      supervisionMinutes: sum(supervision.map((s) => s.recordedMinutes)),
    };
    // Local authorities' answers (one authority's own for a commissioner) and workers' anonymous ones about the agency.
    const partners = await satisfactionReportCounts(tx, scope);
    facts.partnerSatisfaction = { localAuthorities: groupFacts(partners.localAuthorities), workers: groupFacts(partners.workers) };
    const lasting = await lastingPlacements(tx, work);
    return sum(lasting.filter((p) => !scope.localAuthorityId || p.localAuthorityId === scope.localAuthorityId).map((p) => p.childIds.length));
  }

  /** The facts of a report's period, and the agency's disclosure settings. */
  async function gather(ctx: RequestContext, scope: GatherScope): Promise<Gathered> {
    const facts = emptyFacts();
    const settings = await childrenSettings.current(ctx);
    facts.aces.comparatorMean = settings.settings.comparator.meanAces;
    facts.aces.comparatorLabel = settings.settings.comparator.label;
    const lasting = await runner.run(ctx, (tx) => counts(tx, scope, facts));

    const success = await placementSuccess.placementSuccessReport(ctx, { from: scope.from, to: scope.to, localAuthorityId: scope.localAuthorityId });
    if (!success.disclosed) {
      const f = success.figures;
      const twelve = f.windows.find((w) => w.months === 12);
      facts.siblingGroups = { together: f.siblings.together, apart: f.siblings.separated };
      facts.timeliness = {
        careToMovedIn: { children: f.careToMovedIn.children, averageDays: f.careToMovedIn.averageDays },
        orderToDecision: { children: f.orderToDecision.children, averageDays: f.orderToDecision.averageDays },
        movedInWithin14Months: { met: f.movedInWithin14Months.within, of: f.movedInWithin14Months.children },
        stableAt12Months: { met: twelve?.open ?? 0, of: twelve?.reached ?? 0 },
        disruptionsBeforeOrder: f.disruptionsBeforeOrder,
      };
    }

    const cohort = await outcomes.cohort(ctx, { from: scope.from, to: scope.to, localAuthorityId: scope.localAuthorityId });
    facts.outcomes = cohort.scales.map((s) => {
      const n = (cell: number | 'c') => (typeof cell === 'number' ? cell : 0);
      return { scale: s.scale.name, improved: n(s.counts.improved), noChange: n(s.counts.no_reliable_change), deteriorated: n(s.counts.deteriorated) };
    });

    if (!scope.localAuthorityId) {
      // Satisfaction is the families' (not one authority's children's): a funder's report carries it.
      const satisfaction = await outcomes.satisfactionReport(ctx, { from: scope.from, to: scope.to });
      facts.satisfaction = satisfaction.items.map((item) => ({ item: item.text, answered: item.overall.responses, agreed: item.overall.agreed }));
    }

    const money = await costs.costRecoveryReport(ctx, { from: scope.from, to: scope.to });
    const figures = scope.localAuthorityId ? money.report.localAuthorities.find((la) => la.localAuthorityId === scope.localAuthorityId) : money.report.total;
    facts.money = { incomePence: figures?.invoicedPence ?? 0, costPence: figures?.costPence ?? 0, placementsLasting: lasting };
    return { facts, disclosure: settings.settings.disclosure ?? DEFAULT_DISCLOSURE };
  }

  return { gather };
}
