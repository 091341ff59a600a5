/**
 * The recruitment gap over today's pool (pure): today's optimal assignment (the same problem as
 * the /matching overview, waiting bonus included), then for each candidate profile and K = 1…5
 * families of it the children the optimum would place beyond today's, exactly (gap-solver.ts),
 * the candidates ranked by children placed per family, and the greedy plan for a campaign of N
 * families. A what-if over today's waiting children and today's weights, nothing more.
 */
import { indexProblem } from './assignment.ts';
import { eligiblePairs, pairList } from './compatibility-matrix.ts';
import { candidateHousehold, type Candidate } from './gap-profiles.ts';
import { greedyPlan, marginalGains, prepareGap, type CandidatePairs, type GapBase } from './gap-solver.ts';
import type { CentroidLookup } from './geography.ts';
import type { MatchingConfig } from './matching-config.ts';
import { waitingBonus, type Family, type Unit } from './pool.ts';

export const MAX_FAMILIES = 5;

export type GapInput = {
  units: readonly Unit[];
  families: readonly Family[];
  config: MatchingConfig;
  centroids?: CentroidLookup;
  priority: { bonusPerMonth: number; maxBonus: number };
  /**
   * The profiles to weigh: a list, or made from the units today's optimum leaves waiting (so the
   * optimum is solved once for both).
   */
  candidates: readonly Candidate[] | ((leftWaiting: readonly Unit[]) => readonly Candidate[]);
  planTarget: number;
};

export type CandidateGap = {
  candidate: Candidate;
  /** Waiting units (placed today or not) within every limit of the profile. */
  eligibleUnits: number;
  /** For K = 1…5 families: the units newly placed (in the order the families took them) and their children. */
  gains: { families: number; moreChildren: number; units: Unit[] }[];
  /** The best children placed per family over K = 1…5, and the K that gives it (the smallest). */
  perFamily: number;
  atFamilies: number;
};

export type GapAnalysis = {
  units: readonly Unit[];
  waitingUnits: number;
  waitingChildren: number;
  families: number;
  placedToday: { units: number; children: number };
  /** Units today's optimum leaves waiting. */
  leftWaiting: Unit[];
  candidates: CandidateGap[];
  plan: { candidate: Candidate; unit: Unit; moreChildren: number; totalMoreChildren: number }[];
};

/** Today's optimum (waiting bonus included) and the units it leaves waiting: the start of every what-if. */
export function todaysOptimum(input: Omit<GapInput, 'candidates' | 'planTarget'>): { bonus: number[]; base: GapBase; leftWaiting: Unit[] } {
  const { units, families, config, centroids, priority } = input;
  const bonus = units.map((u) => waitingBonus(u.waitingDays, priority.bonusPerMonth, priority.maxBonus));
  const bonusOf = new Map(units.map((u, i) => [u.id, bonus[i]!]));
  const pairs = pairList(eligiblePairs(units, families, config, { centroids }), units, families);
  const indexed = indexProblem({
    groups: units.map((u) => ({ id: u.id, size: u.children.length })),
    families: families.map((f) => ({ id: f.id, capacity: f.capacity ?? 1 })),
    pairs: pairs.map((p) => ({ ...p, score: p.score + bonusOf.get(p.group)! })),
  });
  const base = prepareGap(indexed);
  return { bonus, base, leftWaiting: units.filter((_, g) => base.groupFamily[g]! < 0) };
}

export function analyseGap(input: GapInput): GapAnalysis {
  const { units, families, config, centroids } = input;
  const { bonus, base, leftWaiting } = todaysOptimum(input);
  const candidates = typeof input.candidates === 'function' ? input.candidates(leftWaiting) : input.candidates;

  const candidatePairs: CandidatePairs[] = candidates.map((candidate) => {
    const found = eligiblePairs(units, [candidateHousehold(candidate)], config, { centroids });
    const groups: number[] = [];
    const scores: number[] = [];
    for (let g = 0; g < found.groupCount; g++)
      for (let i = found.offsets[g]!; i < found.offsets[g + 1]!; i++) {
        groups.push(g);
        scores.push(found.tenths[i]! / 10 + bonus[g]!);
      }
    return { groups, scores };
  });

  const ranked = candidates.map((candidate, c): CandidateGap => {
    const gains = marginalGains(base, candidatePairs[c]!, MAX_FAMILIES).map((g) => ({
      families: g.families,
      moreChildren: g.moreChildren,
      units: g.groups.map((i) => units[i]!),
    }));
    let perFamily = 0;
    let atFamilies = 1;
    for (const g of gains)
      if (g.moreChildren / g.families > perFamily + 1e-12) {
        perFamily = g.moreChildren / g.families;
        atFamilies = g.families;
      }
    return { candidate, eligibleUnits: candidatePairs[c]!.groups.length, gains, perFamily, atFamilies };
  });
  ranked.sort(
    (a, b) =>
      b.perFamily - a.perFamily ||
      b.gains[MAX_FAMILIES - 1]!.moreChildren - a.gains[MAX_FAMILIES - 1]!.moreChildren ||
      (a.candidate.source === b.candidate.source ? 0 : a.candidate.source === 'manual' ? -1 : 1) ||
      a.candidate.id.localeCompare(b.candidate.id),
  );

  const plan = greedyPlan(base, candidatePairs, input.planTarget).map((step) => ({
    candidate: candidates[step.candidate]!,
    unit: units[step.group]!,
    moreChildren: step.moreChildren,
    totalMoreChildren: step.totalMoreChildren,
  }));

  return {
    units,
    waitingUnits: units.length,
    waitingChildren: units.reduce((n, u) => n + u.children.length, 0),
    families: families.length,
    placedToday: { units: base.matchedGroups, children: base.matchedChildren },
    leftWaiting,
    candidates: ranked,
    plan,
  };
}
