import { z } from 'zod';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { fields } from '../../platform/http/validation.ts';
import { can } from '../../platform/policy/policy.ts';
import { barChartSvg } from '../../platform/views/chart.ts';
import { pointsChartSvg } from '../../platform/views/points-chart.ts';
import { explainSections } from './compatibility-explain.ts';
import type { CompatibilityResult } from './compatibility.ts';
import { CRITERIA } from './matching-config.ts';
import { childrenByMainReason, mainReasonOf } from './why-waiting.ts';
import type { Unit } from './pool.ts';
import { childRecommendationsOut, householdRecommendationsOut, matchingOverviewOut } from './responses.ts';

const idParams = z.object({ id: fields.uuid() });

function unitText(unit: Unit, t: Call['t']): string {
  const ages = unit.children.map((c) => (c.ageYears === null ? '?' : String(c.ageYears))).join(', ');
  return t('matches:recommend.unit', { names: unit.childNames.join(', '), ages, count: Math.floor(unit.waitingDays / 30.4375) });
}

/** A criterion's points for the comparison table: "7.5 of 12.5", or null when it was not counted. */
const counted = (r: CompatibilityResult['reasons'][number]) => r.available > 0;

/**
 * One explained score: the sentences, and for a pair that was scored a chart of the points each
 * criterion earned out of what it could (the sentences carry the same figures) and the criteria's
 * points for the comparison table.
 */
function explained(result: CompatibilityResult, t: Call['t'], chartId: string, name: string) {
  const s = explainSections(result, t);
  const assessed = result.reasons.filter(counted);
  const figure = (r: CompatibilityResult['reasons'][number]) => t('matches:recommend.chartFigure', { earned: r.contribution, available: r.available });
  const criterion = (r: CompatibilityResult['reasons'][number]) => t(`matches:settings.criteria.${r.criterion}`);
  const chart =
    result.eligible && assessed.length
      ? pointsChartSvg({
          id: chartId,
          title: t('matches:recommend.chartTitle', { name }),
          description: t('matches:recommend.chartDescription', {
            score: result.score,
            parts: assessed.map((r) => `${criterion(r)} ${figure(r)}`).join('; '),
          }),
          rows: assessed.map((r) => ({ label: criterion(r), earned: r.contribution, available: r.available, figure: figure(r) })),
          // Drawn for half a column: a narrower picture keeps its text near the page's size.
          width: 440,
        })
      : null;
  const byCriterion = new Map(result.reasons.map((r) => [r.criterion, r]));
  return {
    score: result.score,
    summary: s.summary,
    exclusions: s.exclusions,
    reasons: s.reasons,
    missing: s.missing,
    chart,
    points: CRITERIA.map((c) => {
      const r = byCriterion.get(c);
      return r && counted(r) ? figure(r) : '–';
    }),
  };
}

/** The comparison table's head: the name column, the score, then each criterion. */
function comparisonHead(t: Call['t'], nameHeading: string) {
  return [
    { text: nameHeading },
    { text: t('matches:recommend.compareScore'), format: 'numeric' },
    ...CRITERIA.map((c) => ({ text: t(`matches:settings.criteria.${c}`), format: 'numeric' })),
  ];
}

/** The children still waiting by main reason: a chart, and the table with the same figures. */
function whyWaiting(unmatched: readonly { unit: Unit; blocking: Parameters<typeof childrenByMainReason>[0][number]['blocking'] }[], t: Call['t']) {
  const rows = childrenByMainReason(unmatched.map((u) => ({ children: u.unit.children.length, blocking: u.blocking }))).map((r) => ({
    reason: t(`matches:overview.mainReason.${r.reason}`),
    children: r.children,
  }));
  if (!rows.length) return null;
  const total = rows.reduce((n, r) => n + r.children, 0);
  return {
    rows,
    total,
    chart: barChartSvg({
      id: 'why-waiting-chart',
      title: t('matches:overview.whyChart.title'),
      description: t('matches:overview.whyChart.description', { count: total, top: rows[0]!.reason }),
      xAxisLabel: t('matches:overview.whyChart.x'),
      yAxisLabel: t('matches:overview.whyChart.y'),
      bars: rows.map((r) => ({ label: r.reason, value: r.children })),
    }),
  };
}

/** Recommendations for a child or a family, the whole picture, and the JSON of each. */
export function recommendationRoutes(services: Services) {
  const recommendations = services.recommendations;
  return [
    route({
      method: 'GET',
      url: '/children/:id/recommendations',
      kind: 'page',
      action: 'matching.recommendations',
      summary: 'Families for a child (and their brothers and sisters), best first, each score explained; why not for the others',
      params: idParams,
      handler: async (call) => {
        const t = call.t;
        const found = await recommendations.forChild(call.ctx, call.params.id);
        return call.render('matching/views/recommendations-child.njk', {
          pageTitle: t('matches:recommend.childTitle'),
          caption: unitText(found.unit, t),
          childId: call.params.id,
          canLink: can(call.actor, 'matches.create'),
          eligible: found.eligible.map((r) => {
            const name = `${r.family.names.join(' & ')} (${r.family.reference})`;
            return { id: r.family.id, name, ...explained(r.result, t, `points-${r.family.id}`, name) };
          }),
          excluded: found.excluded.map((r) => {
            const name = `${r.family.names.join(' & ')} (${r.family.reference})`;
            return { id: r.family.id, name, ...explained(r.result, t, `points-${r.family.id}`, name) };
          }),
          comparisonHead: comparisonHead(t, t('matches:recommend.compareFamily')),
          withoutProfile: found.withoutProfile.map((h) => `${h.names.join(' & ')} (${h.reference})`),
        });
      },
    }),
    route({
      method: 'GET',
      url: '/households/:id/recommendations',
      kind: 'page',
      action: 'matching.recommendations',
      summary: 'Children a family could be matched with, best first, each score explained; why not for the others',
      params: idParams,
      handler: async (call) => {
        const t = call.t;
        const found = await recommendations.forHousehold(call.ctx, call.params.id);
        return call.render('matching/views/recommendations-household.njk', {
          pageTitle: t('matches:recommend.householdTitle'),
          caption: `${found.family.names.join(' & ')} (${found.family.reference})`,
          householdId: call.params.id,
          canLink: can(call.actor, 'matches.create'),
          eligible: found.eligible.map((r) => {
            const name = unitText(r.unit, t);
            return { childId: r.unit.children[0]!.id, name, ...explained(r.result, t, `points-${r.unit.id}`, name) };
          }),
          excluded: found.excluded.map((r) => {
            const name = unitText(r.unit, t);
            return { childId: r.unit.children[0]!.id, name, ...explained(r.result, t, `points-${r.unit.id}`, name) };
          }),
          comparisonHead: comparisonHead(t, t('matches:recommend.compareChildren')),
        });
      },
    }),
    route({
      method: 'GET',
      url: '/matching',
      kind: 'page',
      action: 'matching.overview',
      summary: 'The whole picture: the assignment placing the most children, the greedy baseline, who is left and the recruitment gap',
      handler: async (call) => {
        const t = call.t;
        const o = await recommendations.overview(call.ctx);
        return call.render('matching/views/overview.njk', {
          pageTitle: t('matches:overview.title'),
          canConfigure: can(call.actor, 'matching.configure'),
          o,
          more: o.optimal.matchedChildren - o.greedy.matchedChildren,
          assignments: o.assignments.map((a) => ({
            unit: unitText(a.unit, t),
            childId: a.unit.children[0]!.id,
            family: `${a.family.names.join(' & ')} (${a.family.reference})`,
            familyId: a.family.id,
            compatibility: a.compatibility.toFixed(1),
            bonus: a.bonus.toFixed(1),
          })),
          whyWaiting: whyWaiting(o.unmatched, t),
          unmatched: o.unmatched.map((u) => ({
            unit: unitText(u.unit, t),
            childId: u.unit.children[0]!.id,
            blocking: u.blocking.byLimit.map((b) => t(`matches:overview.limit.${b.code}`, { count: b.families })),
            taken: u.blocking.eligibleButTaken,
          })),
          gaps: o.gaps.map((g) => ({
            profile: t('matches:overview.gapProfile', { count: Number.parseInt(g.size, 10), size: g.size, age: g.oldestAge }),
            units: g.units,
            children: g.children,
            needs: g.needs.map((n) => `${t(`children:vocabulary.need.${n.need}`)} (${n.units})`).join(', '),
          })),
        });
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/children/:id/recommendations',
      kind: 'api',
      action: 'matching.recommendations',
      summary: 'Families for a child’s unit with scores, reasons and exclusions (structured; explain with the matching locale keys)',
      params: idParams,
      response: childRecommendationsOut,
      handler: async (call) => {
        const found = await recommendations.forChild(call.ctx, call.params.id);
        return {
          unit: { id: found.unit.id, childIds: found.unit.children.map((c) => c.id), waitingDays: found.unit.waitingDays },
          configVersion: found.configVersion,
          eligible: found.eligible.map((r) => ({ ...r.result, reference: r.family.reference })),
          excluded: found.excluded.map((r) => ({ ...r.result, reference: r.family.reference })),
        };
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/households/:id/recommendations',
      kind: 'api',
      action: 'matching.recommendations',
      summary: 'Children’s units for a family with scores, reasons and exclusions',
      params: idParams,
      response: householdRecommendationsOut,
      handler: async (call) => {
        const found = await recommendations.forHousehold(call.ctx, call.params.id);
        return {
          eligible: found.eligible.map((r) => ({ unitId: r.unit.id, childIds: r.unit.children.map((c) => c.id), ...r.result })),
          excluded: found.excluded.map((r) => ({ unitId: r.unit.id, childIds: r.unit.children.map((c) => c.id), ...r.result })),
        };
      },
    }),
    route({
      method: 'GET',
      url: '/api/v1/matching/overview',
      kind: 'api',
      action: 'matching.overview',
      summary: 'The optimal assignment, the greedy baseline, unmatched children with blocking limits, recruitment gaps',
      response: matchingOverviewOut,
      handler: async (call) => {
        const o = await recommendations.overview(call.ctx);
        return {
          ...o,
          assignments: o.assignments.map((a) => ({
            unitId: a.unit.id,
            childIds: a.unit.children.map((c) => c.id),
            householdId: a.family.id,
            compatibility: a.compatibility,
            bonus: a.bonus,
          })),
          unmatched: o.unmatched.map((u) => ({
            unitId: u.unit.id,
            childIds: u.unit.children.map((c) => c.id),
            blocking: u.blocking,
            mainReason: mainReasonOf(u.blocking),
          })),
        };
      },
    }),
  ];
}
