/**
 * The recruitment gap, exactly: how many more waiting children today's optimal assignment would
 * place if K more families of one profile were approved (pure, no I/O).
 *
 * Adding one family to an optimal assignment changes it by at most one augmenting path that ends
 * in the new family (the flow gains one unit of capacity; every other way of improving it was
 * already used, which the duals prove). So instead of solving again from scratch, each new family
 * runs one Dijkstra search from itself on reduced costs, with the optimum's potentials
 * (assignment.ts, solveWithPotentials): the new family takes a group; that group leaves its family,
 * which may take another group, and so on, until a group that was waiting is placed or a family
 * keeps the place free. Potentials are then moved so that the next family starts from a proved
 * optimum again. The objective is the solver's: most children placed, then the highest total
 * score, children compared exactly. A group, once placed, is never left out again (the search
 * never gives a group up), so the children placed never go down.
 */
import type { IndexedAssignmentProblem } from './assignment.ts';
import { solveWithPotentials } from './assignment.ts';
import { PairHeap, settleNearest } from './pair-heap.ts';

/** The pairs of a candidate family: group indices and their scores (unscaled, as in the problem). */
export type CandidatePairs = { groups: ArrayLike<number>; scores: ArrayLike<number> };

/** Today's optimum, ready for families to be added (shared, never changed: each run copies what it changes). */
export type GapBase = {
  groupSizes: Int32Array;
  families: number;
  /** Pairs by family (compressed columns): the pairs of family f are colStart[f] .. colStart[f+1]−1. */
  colStart: Int32Array;
  colGroup: Int32Array;
  colScore: Float64Array;
  groupFamily: Int32Array;
  groupScore: Float64Array;
  potC: Float64Array;
  potS: Float64Array;
  scale: number;
  matchedChildren: number;
  matchedGroups: number;
  totalScore: number;
};

export function prepareGap(problem: IndexedAssignmentProblem): GapBase {
  const { solved, potC, potS, scale } = solveWithPotentials(problem);
  const groups = problem.groupSizes.length;
  const families = problem.familyCapacities.length;
  const pairs = problem.pairFamily.length;
  const colStart = new Int32Array(families + 1);
  for (let e = 0; e < pairs; e++) colStart[problem.pairFamily[e]! + 1]!++;
  for (let f = 0; f < families; f++) colStart[f + 1] = colStart[f + 1]! + colStart[f]!;
  const next = colStart.slice(0, families);
  const colGroup = new Int32Array(pairs);
  const colScore = new Float64Array(pairs);
  const groupFamily = new Int32Array(groups).fill(-1);
  const groupScore = new Float64Array(groups);
  for (let g = 0; g < groups; g++) {
    for (let e = problem.pairStart[g]!; e < problem.pairStart[g + 1]!; e++) {
      const at = next[problem.pairFamily[e]!]!++;
      colGroup[at] = g;
      colScore[at] = problem.pairScore[e]!;
    }
    const chosen = solved.pairOfGroup[g]!;
    if (chosen >= 0) {
      groupFamily[g] = problem.pairFamily[chosen]!;
      groupScore[g] = problem.pairScore[chosen]!;
    }
  }
  return {
    groupSizes: Int32Array.from(problem.groupSizes),
    families,
    colStart,
    colGroup,
    colScore,
    groupFamily,
    groupScore,
    potC,
    potS,
    scale,
    matchedChildren: solved.matchedChildren,
    matchedGroups: solved.matchedGroups,
    totalScore: solved.totalScore,
  };
}

/** Search arrays, shared by every run on one base (runs are used one at a time). */
type Scratch = {
  families: number;
  heapCapacity: number;
  distC: Float64Array;
  distS: Float64Array;
  viaGroup: Int32Array;
  viaTo: Int32Array;
  viaScore: Float64Array;
  state: Uint8Array;
  touched: Int32Array;
  heap: PairHeap;
};
const scratches = new WeakMap<GapBase, Scratch>();

function scratchFor(base: GapBase, families: number, addedPairs = 0): Scratch {
  const heapCapacity = base.colGroup.length + addedPairs + 1;
  const known = scratches.get(base);
  if (known && known.families >= families && known.heapCapacity >= heapCapacity) return known;
  const f = Math.max(families, known?.families ?? 0);
  const h = Math.max(heapCapacity, known?.heapCapacity ?? 0);
  const made: Scratch = {
    families: f,
    heapCapacity: h,
    distC: new Float64Array(f),
    distS: new Float64Array(f),
    viaGroup: new Int32Array(f),
    viaTo: new Int32Array(f),
    viaScore: new Float64Array(f),
    state: new Uint8Array(f),
    touched: new Int32Array(f),
    heap: new PairHeap(h),
  };
  scratches.set(base, made);
  return made;
}

const NONE = 0;
const PLACE_GROUP = 1;
const FREE_PLACE = 2;

/**
 * One what-if: today's optimum with families added one at a time (each taking at most one group).
 * `add` returns the group newly placed (−1 when none: the family changed nobody's count).
 */
export class GapRun {
  readonly groupFamily: Int32Array;
  readonly groupScore: Float64Array;
  matchedChildren: number;
  matchedGroups: number;
  totalScore: number;
  private families: number;
  private potC: Float64Array;
  private potS: Float64Array;
  private extra: CandidatePairs[] = [];
  private scratch: Scratch;

  constructor(
    private readonly base: GapBase,
    maxAdded: number,
  ) {
    const capacity = base.families + maxAdded;
    this.families = base.families;
    this.groupFamily = base.groupFamily.slice();
    this.groupScore = base.groupScore.slice();
    this.potC = new Float64Array(capacity);
    this.potS = new Float64Array(capacity);
    this.potC.set(base.potC);
    this.potS.set(base.potS);
    this.matchedChildren = base.matchedChildren;
    this.matchedGroups = base.matchedGroups;
    this.totalScore = base.totalScore;
    this.scratch = scratchFor(base, capacity);
  }

  /** The assignment as it stands, with room for `maxAdded` more families. */
  copy(maxAdded: number): GapRun {
    const run = new GapRun(this.base, this.families - this.base.families + maxAdded);
    run.groupFamily.set(this.groupFamily);
    run.groupScore.set(this.groupScore);
    run.potC.set(this.potC.subarray(0, this.families));
    run.potS.set(this.potS.subarray(0, this.families));
    run.families = this.families;
    run.extra = [...this.extra];
    run.matchedChildren = this.matchedChildren;
    run.matchedGroups = this.matchedGroups;
    run.totalScore = this.totalScore;
    return run;
  }

  /** Adds one family with these pairs; the group it lets the optimum place, or −1. */
  add(pairs: CandidatePairs): number {
    const base = this.base;
    const size = base.groupSizes;
    const scale = base.scale;
    const { groupFamily, groupScore, potC, potS } = this;
    if (this.families >= potC.length) throw new RangeError('more families added than the run was made for');
    const added = this.families++;
    this.extra.push(pairs);
    this.scratch = scratchFor(
      base,
      potC.length,
      this.extra.reduce((n, list) => n + list.groups.length, 0),
    );
    const { distC, distS, viaGroup, viaTo, viaScore, state, touched, heap } = this.scratch;

    // The new family's potential: as low as keeps every reduced cost of its pairs at zero or more, and never above 0.
    let startC = 0;
    let startS = 0;
    for (let i = 0; i < pairs.groups.length; i++) {
      const g = pairs.groups[i]!;
      const [sigmaC, sigmaS] = this.sigma(g);
      const kc = -size[g]! - sigmaC;
      const ks = -pairs.scores[i]! * scale - sigmaS;
      if (kc < startC || (kc === startC && ks < startS)) {
        startC = kc;
        startS = ks;
      }
    }
    potC[added] = startC;
    potS[added] = startS;
    // Nothing to gain: no group prefers the new family to where it is.
    if (startC === 0 && startS >= 0) {
      potS[added] = 0;
      return -1;
    }

    // The best way to end found so far: doing nothing costs (0, 0).
    let bestC = 0;
    let bestS = 0;
    let bestKind = NONE;
    let bestGroup = -1;
    let bestTo = -1;
    let bestScore = 0;
    let bestFamily = -1;
    let touchedCount = 0;

    let from = added;
    let c = startC;
    let s = startS;
    state[added] = 2;
    touched[touchedCount++] = added;
    distC[added] = startC;
    distS[added] = startS;
    for (;;) {
      // The family `from` (vacated, or the new one) takes one of the groups it may take.
      const fromC = potC[from]!;
      const fromS = potS[from]!;
      let lo: number;
      let hi: number;
      let list: CandidatePairs | null = null;
      if (from < base.families) {
        lo = base.colStart[from]!;
        hi = base.colStart[from + 1]!;
      } else {
        list = this.extra[from - base.families]!;
        lo = 0;
        hi = list.groups.length;
      }
      for (let i = lo; i < hi; i++) {
        const g = list ? list.groups[i]! : base.colGroup[i]!;
        const sc = list ? list.scores[i]! : base.colScore[i]!;
        const at = groupFamily[g]!;
        if (at === from) continue;
        const [sigmaC, sigmaS] = this.sigma(g);
        const kc = c - size[g]! - sigmaC - fromC;
        let ks = s - sc * scale - sigmaS - fromS;
        // Reduced costs are never negative; rounding of the score part may say −1e-17.
        if (kc === c && ks < s) ks = s;
        if (!(kc < bestC || (kc === bestC && ks < bestS))) continue;
        if (at < 0) {
          bestC = kc;
          bestS = ks;
          bestKind = PLACE_GROUP;
          bestGroup = g;
          bestTo = from;
          bestScore = sc;
          continue;
        }
        if (state[at] === 2) continue;
        if (state[at] === 0) {
          state[at] = 1;
          touched[touchedCount++] = at;
        } else if (!(kc < distC[at]! || (kc === distC[at]! && ks < distS[at]!))) continue;
        distC[at] = kc;
        distS[at] = ks;
        viaGroup[at] = g;
        viaTo[at] = from;
        viaScore[at] = sc;
        heap.push(kc, ks, at);
        // The family `at` keeps the place its group leaves.
        const endC = kc - potC[at]!;
        const endS = ks - potS[at]!;
        if (endC < bestC || (endC === bestC && endS < bestS)) {
          bestC = endC;
          bestS = endS;
          bestKind = FREE_PLACE;
          bestFamily = at;
        }
      }
      from = settleNearest(heap, state, distC, distS, bestC, bestS);
      if (from < 0) break;
      c = distC[from]!;
      s = distS[from]!;
      state[from] = 2;
    }
    heap.clear();

    // Potentials: families settled nearer than the end move up by the difference; the new family's is the end's distance.
    for (let i = 0; i < touchedCount; i++) {
      const f = touched[i]!;
      if (state[f] === 2 && f !== added) {
        potC[f] = potC[f]! + bestC - distC[f]!;
        potS[f] = potS[f]! + bestS - distS[f]!;
      }
      state[f] = 0;
    }
    potC[added] = bestC;
    potS[added] = bestS;
    if (bestKind === NONE) {
      potC[added] = 0;
      potS[added] = 0;
      return -1;
    }

    // Augment: walk back from the end to the new family, each group moving to the family that took it.
    let cur: number;
    let placed = -1;
    if (bestKind === PLACE_GROUP) {
      placed = bestGroup;
      groupFamily[bestGroup] = bestTo;
      groupScore[bestGroup] = bestScore;
      this.matchedChildren += size[bestGroup]!;
      this.matchedGroups += 1;
      this.totalScore += bestScore;
      cur = bestTo;
    } else {
      cur = bestFamily;
    }
    while (cur !== added) {
      const h = viaGroup[cur]!;
      const to = viaTo[cur]!;
      this.totalScore += viaScore[cur]! - groupScore[h]!;
      groupFamily[h] = to;
      groupScore[h] = viaScore[cur]!;
      cur = to;
    }
    return placed;
  }

  /** A group's dual: its pair's cost less its family's potential when placed, (0, 0) when waiting. */
  private sigma(g: number): [number, number] {
    const f = this.groupFamily[g]!;
    if (f < 0) return [0, 0];
    return [-this.base.groupSizes[g]! - this.potC[f]!, -this.groupScore[g]! * this.base.scale - this.potS[f]!];
  }
}

export type MarginalGain = {
  /** Families of the profile added (1…K). */
  families: number;
  /** Children placed beyond today's optimum. */
  moreChildren: number;
  /** The groups (indices) newly placed, in the order the families took them. */
  groups: number[];
};

/** For K = 1…maxK families of one profile added to today's pool: the children placed beyond today's optimum, and which. */
export function marginalGains(base: GapBase, candidate: CandidatePairs, maxK: number): MarginalGain[] {
  const run = new GapRun(base, maxK);
  const gains: MarginalGain[] = [];
  const groups: number[] = [];
  for (let k = 1; k <= maxK; k++) {
    const placed = run.add(candidate);
    if (placed >= 0) groups.push(placed);
    gains.push({ families: k, moreChildren: run.matchedChildren - base.matchedChildren, groups: [...groups] });
  }
  return gains;
}

export type PlanStep = { candidate: number; moreChildren: number; group: number; totalMoreChildren: number };

/**
 * The greedy campaign plan for a target of N families: add the family whose profile places the
 * most children now (exactly, on the assignment as it stands after the families before it; ties to
 * the earlier candidate), then the next. Steps that place nobody are left out: the plan ends early.
 */
export function greedyPlan(base: GapBase, candidates: readonly CandidatePairs[], target: number): PlanStep[] {
  const run = new GapRun(base, target);
  const steps: PlanStep[] = [];
  for (let n = 0; n < target; n++) {
    let best = -1;
    let bestGain = 0;
    let bestGroup = -1;
    for (let i = 0; i < candidates.length; i++) {
      // A trial on a copy: the assignment so far plus one family of this profile.
      const trial = run.copy(1);
      const placed = trial.add(candidates[i]!);
      const gain = placed >= 0 ? base.groupSizes[placed]! : 0;
      if (gain > bestGain) {
        best = i;
        bestGain = gain;
        bestGroup = placed;
      }
    }
    if (best < 0) break;
    run.add(candidates[best]!);
    steps.push({ candidate: best, moreChildren: bestGain, group: bestGroup, totalMoreChildren: run.matchedChildren - base.matchedChildren });
  }
  return steps;
}
