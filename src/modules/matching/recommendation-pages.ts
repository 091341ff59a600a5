import { z } from 'zod';
import { route, type Call } from '../../server/route.ts';
import type { Services } from '../../server/services.ts';
import { fields } from '../../platform/http/validation.ts';
import { can } from '../../platform/policy/policy.ts';
import { explainSections } from './compatibility-explain.ts';
import type { CompatibilityResult } from './compatibility.ts';
import type { Unit } from './pool.ts';
import { childRecommendationsOut, householdRecommendationsOut, matchingOverviewOut } from './responses.ts';

const idParams = z.object({ id: fields.uuid() });

function unitText(unit: Unit, t: Call['t']): string {
  const ages = unit.children.map((c) => (c.ageYears === null ? '?' : String(c.ageYears))).join(', ');
  return t('matches:recommend.unit', { names: unit.childNames.join(', '), ages, count: Math.floor(unit.waitingDays / 30.4375) });
}

function explained(result: CompatibilityResult, t: Call['t']) {
  const s = explainSections(result, t);
  return { score: result.score, summary: s.summary, exclusions: s.exclusions, reasons: s.reasons, missing: s.missing };
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
          eligible: found.eligible.map((r) => ({ id: r.family.id, name: `${r.family.names.join(' & ')} (${r.family.reference})`, ...explained(r.result, t) })),
          excluded: found.excluded.map((r) => ({ id: r.family.id, name: `${r.family.names.join(' & ')} (${r.family.reference})`, ...explained(r.result, t) })),
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
          eligible: found.eligible.map((r) => ({ childId: r.unit.children[0]!.id, name: unitText(r.unit, t), ...explained(r.result, t) })),
          excluded: found.excluded.map((r) => ({ childId: r.unit.children[0]!.id, name: unitText(r.unit, t), ...explained(r.result, t) })),
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
          unmatched: o.unmatched.map((u) => ({ unitId: u.unit.id, childIds: u.unit.children.map((c) => c.id), blocking: u.blocking })),
        };
      },
    }),
  ];
}
