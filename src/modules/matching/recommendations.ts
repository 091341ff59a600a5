import { recordAudit } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/pool.ts';
import { NotFoundError, ValidationError } from '../../platform/http/errors.ts';
import type { RequestContext } from '../../platform/policy/actor.ts';
import { authorize } from '../../platform/policy/policy.ts';
import type { UseCaseRunner } from '../../platform/use-case.ts';
import { dateInWales } from '../../platform/dates/add-days.ts';
import { greedyAssignment, solveAssignment } from './assignment.ts';
import { score, type CompatibilityResult, type ExclusionCode } from './compatibility.ts';
import { eligiblePairs, pairList } from './compatibility-matrix.ts';
import { DEFAULT_MATCHING_CONFIG, type MatchingConfig } from './matching-config.ts';
import { familiesOf, recruitmentProfile, unitsOf, waitingBonus, type Family, type Unit } from './pool.ts';
import * as poolRepo from './pool-repository.ts';
import { configVersions } from './settings-repository.ts';

/** The assignment's priority for waiting: points per month waited, up to a cap (configurable). */
export type PriorityConfig = { bonusPerMonth: number; maxBonus: number };
export const DEFAULT_PRIORITY: PriorityConfig = { bonusPerMonth: 0.5, maxBonus: 10 };

/**
 * Recommendations (ranked, with every reason), the optimal global assignment against the greedy
 * baseline, and the recruitment gap. People decide: nothing here links or matches anyone.
 */
export function createRecommendationsService(runner: UseCaseRunner, priority: PriorityConfig = DEFAULT_PRIORITY, clock: () => Date = () => new Date()) {
  const { run } = runner;
  const today = () => dateInWales(clock());

  async function loadPool(tx: Tx, ctx: RequestContext) {
    if (ctx.actor.kind !== 'user') throw new NotFoundError();
    const organisationId = ctx.actor.organisationId;
    const childRows = await poolRepo.waitingChildren(tx);
    const householdRows = await poolRepo.availableHouseholds(tx, organisationId);
    const centroids = await poolRepo.centroids(tx);
    const saved = await configVersions.current(tx, organisationId);
    const config: MatchingConfig = saved.value ?? DEFAULT_MATCHING_CONFIG;
    const units = unitsOf(childRows, today());
    const { families, withoutProfile } = familiesOf(householdRows.map((h) => ({ ...h, profile: h.profile ? { ...h.profile, needs: h.profile.needs } : null })));
    return { units, families, withoutProfile, centroids, config, configVersion: saved.version };
  }

  /** Families for a child's unit, best first, with the reasons; excluded families with why not. */
  async function forChild(ctx: RequestContext, childId: string) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'matching.recommendations');
      const pool = await loadPool(tx, ctx);
      const unit = pool.units.find((u) => u.children.some((c) => c.id === childId));
      if (!unit) throw new NotFoundError();
      const results = pool.families.map((family) => ({ family, result: score(unit, family, pool.config, pool.centroids) }));
      await recordAudit(tx, ctx, { action: 'matching.recommendations', resourceType: 'child', resourceId: childId, detail: { families: results.length } });
      return { unit, configVersion: pool.configVersion, ...rank(results), withoutProfile: pool.withoutProfile };
    });
  }

  /** Children's units for a family, best first, with the reasons; excluded units with why not. */
  async function forHousehold(ctx: RequestContext, householdId: string) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'matching.recommendations');
      const pool = await loadPool(tx, ctx);
      const family = pool.families.find((f) => f.id === householdId);
      if (!family) {
        if (pool.withoutProfile.some((h) => h.id === householdId)) throw new ValidationError([{ field: 'householdId', key: 'matches:recommend.noProfile' }]);
        throw new NotFoundError();
      }
      const results = pool.units.map((unit) => ({ unit, result: score(unit, family, pool.config, pool.centroids) }));
      const eligible = results.filter((r) => r.result.eligible).sort((a, b) => b.result.score! - a.result.score! || b.unit.waitingDays - a.unit.waitingDays);
      const excluded = results.filter((r) => !r.result.eligible);
      await recordAudit(tx, ctx, { action: 'matching.recommendations', resourceType: 'household', resourceId: householdId, detail: { units: results.length } });
      return { family, eligible, excluded };
    });
  }

  /**
   * The whole picture: the assignment placing the most children, then the highest total score
   * (with the waiting bonus), against each worker taking the best family for their own child in
   * turn (longest waiting first); who is left, and what blocks them.
   */
  async function overview(ctx: RequestContext) {
    return run(ctx, async (tx) => {
      authorize(ctx.actor, 'matching.overview');
      const pool = await loadPool(tx, ctx);
      const { units, families } = pool;
      const pairs = pairList(eligiblePairs(units, families, pool.config, { centroids: pool.centroids }), units, families);
      const bonusOf = new Map(units.map((u) => [u.id, waitingBonus(u.waitingDays, priority.bonusPerMonth, priority.maxBonus)]));
      const problem = {
        groups: units.map((u) => ({ id: u.id, size: u.children.length })),
        families: families.map((f) => ({ id: f.id, capacity: f.capacity ?? 1 })),
        pairs: pairs.map((p) => ({ ...p, score: p.score + bonusOf.get(p.group)! })),
      };
      const optimal = solveAssignment(problem);
      const greedy = greedyAssignment(
        problem,
        units.map((u) => u.id),
      );
      const unitById = new Map(units.map((u) => [u.id, u]));
      const familyById = new Map(families.map((f) => [f.id, f]));
      const compatibility = new Map(pairs.map((p) => [`${p.group}|${p.family}`, p.score]));
      const matched = new Set(optimal.assignments.map((a) => a.group));
      const unmatched = units.filter((u) => !matched.has(u.id));
      await recordAudit(tx, ctx, {
        action: 'matching.overview',
        resourceType: 'match',
        detail: { units: units.length, families: families.length, pairs: pairs.length },
      });
      return {
        configVersion: pool.configVersion,
        waitingUnits: units.length,
        waitingChildren: units.reduce((n, u) => n + u.children.length, 0),
        families: families.length,
        familiesWithoutProfile: pool.withoutProfile,
        allowedPairs: pairs.length,
        optimal: { matchedGroups: optimal.matchedGroups, matchedChildren: optimal.matchedChildren },
        greedy: { matchedGroups: greedy.matchedGroups, matchedChildren: greedy.matchedChildren },
        assignments: optimal.assignments.map((a) => ({
          unit: unitById.get(a.group)!,
          family: familyById.get(a.family)!,
          compatibility: compatibility.get(`${a.group}|${a.family}`)!,
          bonus: bonusOf.get(a.group)!,
        })),
        unmatched: unmatched.map((unit) => ({ unit, blocking: blockingLimits(unit, families, pool) })),
        gaps: recruitmentGaps(unmatched),
      };
    });
  }

  return { forChild, forHousehold, overview };
}

function rank(results: { family: Family; result: CompatibilityResult }[]) {
  const eligible = results
    .filter((r) => r.result.eligible)
    .sort((a, b) => b.result.score! - a.result.score! || a.family.reference.localeCompare(b.family.reference));
  const excluded = results
    .filter((r) => !r.result.eligible)
    .sort((a, b) => a.result.exclusions.length - b.result.exclusions.length || a.family.reference.localeCompare(b.family.reference));
  return { eligible, excluded };
}

/** For a unit left unmatched: how many families each hard limit shuts out ("37 families exclude sibling groups of 3"). */
export function blockingLimits(
  unit: Unit,
  families: readonly Family[],
  pool: { config: MatchingConfig; centroids: ReadonlyMap<string, { lat: number; lon: number }> },
) {
  const counts = new Map<ExclusionCode, number>();
  let eligibleButTaken = 0;
  for (const family of families) {
    const result = score(unit, family, pool.config, pool.centroids);
    if (result.eligible) {
      eligibleButTaken += 1;
      continue;
    }
    for (const code of new Set(result.exclusions.map((e) => e.code))) counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  return { byLimit: [...counts.entries()].map(([code, families]) => ({ code, families })).sort((a, b) => b.families - a.families), eligibleButTaken };
}

/** The family profiles that would place the most waiting children: unmatched units by size and age, most children first. */
export function recruitmentGaps(unmatched: readonly Unit[]) {
  const byProfile = new Map<string, { size: string; oldestAge: string; units: number; children: number; needs: Map<string, number> }>();
  for (const unit of unmatched) {
    const profile = recruitmentProfile(unit);
    const key = `${profile.size}|${profile.oldestAge}`;
    const entry = byProfile.get(key) ?? { size: profile.size, oldestAge: profile.oldestAge, units: 0, children: 0, needs: new Map<string, number>() };
    entry.units += 1;
    entry.children += unit.children.length;
    for (const need of profile.needs) entry.needs.set(need, (entry.needs.get(need) ?? 0) + 1);
    byProfile.set(key, entry);
  }
  return [...byProfile.values()]
    .map((e) => ({
      size: e.size,
      oldestAge: e.oldestAge,
      units: e.units,
      children: e.children,
      needs: [...e.needs.entries()].sort((a, b) => b[1] - a[1]).map(([need, units]) => ({ need, units })),
    }))
    .sort((a, b) => b.children - a.children || b.units - a.units);
}

export type RecommendationsService = ReturnType<typeof createRecommendationsService>;
