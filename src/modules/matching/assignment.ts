/**
 * The optimal global assignment of waiting sibling groups to available households (pure, no I/O).
 *
 * Each group (a sibling group, or one child: `size` children, never split) takes at most one family;
 * each family takes at most `capacity` groups; only the listed pairs are allowed. The assignment
 * placing the most children is chosen, and among those the one with the highest total score:
 * a lexicographic objective, solved exactly, never by weighting children with a "big number"
 * (which loses the scores' precision once totals are large).
 *
 * Method: min-cost flow by successive shortest augmenting paths (the sparse Hungarian /
 * Jonker–Volgenant scheme). Every group has a private "stays unmatched" option of cost (0, 0) and
 * a pair costs (−size, −score); costs and distances are pairs compared lexicographically, whose
 * children part is an exact integer. Groups enter one at a time; each entry runs Dijkstra on
 * reduced costs (potentials on families only: a matched group's potential follows from its pair)
 * from the new group until the cheapest way out is known: a family with a free place, or a
 * group giving its family up. The search stops early, so most entries touch a few dozen pairs.
 * Families' places only fill, never empty, and a group once left unmatched is never worth
 * re-entering (its only way back is through the sink), which keeps the bookkeeping small.
 */
import { PairHeap, settleNearest } from './pair-heap.ts';

export type AssignmentGroup = { id: string; size: number };
export type AssignmentFamily = { id: string; capacity?: number };
export type AssignmentPair = { group: string; family: string; score: number };
export type AssignmentProblem = { groups: readonly AssignmentGroup[]; families: readonly AssignmentFamily[]; pairs: readonly AssignmentPair[] };

export type Assignment = { group: string; family: string; score: number };
export type AssignmentResult = { assignments: Assignment[]; matchedGroups: number; matchedChildren: number; totalScore: number };

/**
 * The same problem by index, pairs grouped by group (compressed rows): the pairs of group g are
 * pairStart[g] .. pairStart[g+1]-1. What the app and the benchmark hand in without building ids.
 */
export type IndexedAssignmentProblem = {
  groupSizes: ArrayLike<number>;
  familyCapacities: ArrayLike<number>;
  pairStart: Int32Array;
  pairFamily: Int32Array;
  pairScore: Float64Array;
};

/** For each group the index of its chosen pair (in the compressed rows), or −1 when unmatched. */
export type IndexedAssignment = { pairOfGroup: Int32Array; matchedGroups: number; matchedChildren: number; totalScore: number };

const FREE_FAMILY = 1;
const GIVE_UP = 2;

/** The exact optimum: most children placed, then the highest total score. Assumes a valid problem (see problem.ts). */
export function solveAssignment(problem: AssignmentProblem): AssignmentResult {
  const indexed = indexProblem(problem);
  return describe(problem, indexed, solveIndexedAssignment(indexed));
}

/** The exact optimum on an indexed problem. */
export function solveIndexedAssignment(problem: IndexedAssignmentProblem): IndexedAssignment {
  return solveWithPotentials(problem).solved;
}

/**
 * The optimum with the duals that prove it (for recruitment-gap.ts, which adds families to it):
 * each family's potential (children part, score part, in scores × `scale`). Reduced costs
 * c(g, f) − σ(g) − π(f) are never negative, where a pair costs (−size, −score × scale), a matched
 * group's σ is its own pair's cost less its family's potential and an unmatched group's σ is 0;
 * a family with a free place has potential (0, 0).
 */
export function solveWithPotentials(problem: IndexedAssignmentProblem): {
  solved: IndexedAssignment;
  potC: Float64Array;
  potS: Float64Array;
  scale: number;
} {
  const { groupSizes: size, familyCapacities, pairStart, pairFamily } = problem;
  const groups = size.length;
  const families = familyCapacities.length;
  const pairs = pairFamily.length;

  // Scores scaled by a power of two into [−1, 1]: exact, and sums of potentials cannot overflow.
  let largest = 0;
  for (let e = 0; e < pairs; e++) largest = Math.max(largest, Math.abs(problem.pairScore[e]!));
  const scale = largest > 0 ? 2 ** -Math.ceil(Math.log2(largest)) : 1;
  const score = new Float64Array(pairs);
  for (let e = 0; e < pairs; e++) score[e] = problem.pairScore[e]! * scale;

  // A family never takes more groups than it has pairs: its places, as slots in one array.
  const degree = new Int32Array(families);
  for (let e = 0; e < pairs; e++) degree[pairFamily[e]!]!++;
  const places = new Int32Array(families);
  const slotStart = new Int32Array(families + 1);
  for (let f = 0; f < families; f++) {
    places[f] = Math.min(familyCapacities[f]!, degree[f]!);
    slotStart[f + 1] = slotStart[f]! + places[f]!;
  }
  const slotGroup = new Int32Array(slotStart[families]!);
  const load = new Int32Array(families);
  const slotOf = new Int32Array(groups);
  const pairOf = new Int32Array(groups).fill(-1);

  // Potentials (children part, score part) of families; a family with a free place keeps (0, 0).
  const potC = new Float64Array(families);
  const potS = new Float64Array(families);
  // Dijkstra labels of families: distance, the pair that reached it, 0 untouched / 1 labelled / 2 done.
  const distC = new Float64Array(families);
  const distS = new Float64Array(families);
  const via = new Int32Array(families);
  const state = new Uint8Array(families);
  const touched = new Int32Array(families);
  const done = new Int32Array(families);
  const heap = new PairHeap(pairs + 1);
  const pairGroup = new Int32Array(pairs);
  for (let g = 0; g < groups; g++) for (let e = pairStart[g]!; e < pairStart[g + 1]!; e++) pairGroup[e] = g;

  for (let g = 0; g < groups; g++) {
    if (pairStart[g + 1] === pairStart[g]) continue;
    let touchedCount = 0;
    let doneCount = 0;
    // The best way out found so far, and its distance; the new group staying unmatched costs (0, 0).
    // Distances are shifted by the new group's own potential: its pairs start at −cost − potential.
    let bestC = 0;
    let bestS = 0;
    let bestKind = GIVE_UP;
    let bestAt = g; // a group (GIVE_UP) or a pair (FREE_FAMILY)
    // The family being settled (−1: none yet, the new group is scanned) and its distance.
    let from = -1;
    let c = 0;
    let s = 0;
    let slot = 0;
    let end = 1;
    for (;;) {
      for (; slot < end; slot++) {
        let h: number;
        let baseC: number;
        let baseS: number;
        if (from < 0) {
          h = g;
          baseC = -size[g]!;
          baseS = 0;
        } else {
          // Every group in a settled family is at the family's distance (its pair's reduced cost is zero).
          h = slotGroup[slot]!;
          baseC = c + potC[from]!;
          baseS = s + potS[from]! + score[pairOf[h]!]!;
          // h gives its family up and stays unmatched.
          const giveC = baseC + size[h]!;
          if (giveC < bestC || (giveC === bestC && baseS < bestS)) {
            bestC = giveC;
            bestS = baseS;
            bestKind = GIVE_UP;
            bestAt = h;
          }
        }
        // h takes (or moves to) another of its families.
        for (let e = pairStart[h]!, last = pairStart[h + 1]!; e < last; e++) {
          const to = pairFamily[e]!;
          if (to === from || state[to] === 2) continue;
          const kc = baseC - potC[to]!;
          let ks = baseS - score[e]! - potS[to]!;
          // Reduced costs are never negative; rounding of the score part may say −1e-17.
          if (from >= 0 && kc === c && ks < s) ks = s;
          // No nearer than the best way out found so far: it will never be settled (and that way only gets nearer).
          if (!(kc < bestC || (kc === bestC && ks < bestS))) continue;
          if (load[to]! < places[to]!) {
            bestC = kc;
            bestS = ks;
            bestKind = FREE_FAMILY;
            bestAt = e;
          } else if (state[to] === 0) {
            state[to] = 1;
            touched[touchedCount++] = to;
            distC[to] = kc;
            distS[to] = ks;
            via[to] = e;
            heap.push(kc, ks, to);
          } else if (kc < distC[to]! || (kc === distC[to]! && ks < distS[to]!)) {
            distC[to] = kc;
            distS[to] = ks;
            via[to] = e;
            heap.push(kc, ks, to);
          }
        }
      }
      // Settle the nearest family not yet settled, while it is nearer than the best way out.
      from = settleNearest(heap, state, distC, distS, bestC, bestS);
      if (from < 0) break;
      c = distC[from]!;
      s = distS[from]!;
      state[from] = 2;
      done[doneCount++] = from;
      slot = slotStart[from]!;
      end = slot + load[from]!;
    }
    heap.clear();

    // Potentials: families settled nearer than the way out move by their distance to it.
    for (let i = 0; i < doneCount; i++) {
      const f = done[i]!;
      potC[f] = potC[f]! + distC[f]! - bestC;
      potS[f] = potS[f]! + distS[f]! - bestS;
    }
    for (let i = 0; i < touchedCount; i++) state[touched[i]!] = 0;

    // Augment: walk back from the way out to the new group, each group taking the pair that reached the next family.
    let group: number;
    let pair: number;
    let place: number;
    if (bestKind === GIVE_UP) {
      if (bestAt === g) continue;
      const leaving = bestAt;
      place = slotOf[leaving]!;
      const left = pairFamily[pairOf[leaving]!]!;
      pairOf[leaving] = -1;
      pair = via[left]!;
      group = pairGroup[pair]!;
    } else {
      pair = bestAt;
      group = pairGroup[pair]!;
      const f = pairFamily[pair]!;
      place = slotStart[f]! + load[f]!;
      load[f]!++;
    }
    for (;;) {
      const previous = pairOf[group]!;
      const previousSlot = slotOf[group]!;
      pairOf[group] = pair;
      slotGroup[place] = group;
      slotOf[group] = place;
      if (group === g) break;
      pair = via[pairFamily[previous]!]!;
      group = pairGroup[pair]!;
      place = previousSlot;
    }
  }

  let matchedGroups = 0;
  let matchedChildren = 0;
  let totalScore = 0;
  for (let g = 0; g < groups; g++) {
    const e = pairOf[g]!;
    if (e < 0) continue;
    matchedGroups++;
    matchedChildren += size[g]!;
    totalScore += problem.pairScore[e]!;
  }
  return { solved: { pairOfGroup: pairOf, matchedGroups, matchedChildren, totalScore }, potC, potS, scale };
}

/**
 * The greedy baseline: each group in turn (by `order`, a list of group ids, e.g. longest waiting
 * first; groups it leaves out follow in input order) takes its best-scored family that still has a
 * place. What workers each taking the best family for their own child would reach.
 */
export function greedyAssignment(problem: AssignmentProblem, order: readonly string[] = []): AssignmentResult {
  const indexed = indexProblem(problem);
  const groupIndex = new Map(problem.groups.map((g, i) => [g.id, i]));
  const sequence: number[] = [];
  const queued = new Uint8Array(problem.groups.length);
  for (const id of [...order, ...problem.groups.map((g) => g.id)]) {
    const g = groupIndex.get(id);
    if (g === undefined) throw new Error(`greedy order names unknown group "${id}"`);
    if (queued[g]) continue;
    queued[g] = 1;
    sequence.push(g);
  }
  const left = Float64Array.from(indexed.familyCapacities);
  const pairOf = new Int32Array(problem.groups.length).fill(-1);
  let matchedGroups = 0;
  let matchedChildren = 0;
  let totalScore = 0;
  for (const g of sequence) {
    let best = -1;
    for (let e = indexed.pairStart[g]!; e < indexed.pairStart[g + 1]!; e++) {
      // Ties go to the pair listed first.
      if (left[indexed.pairFamily[e]!]! > 0 && (best < 0 || indexed.pairScore[e]! > indexed.pairScore[best]!)) best = e;
    }
    if (best < 0) continue;
    left[indexed.pairFamily[best]!]!--;
    pairOf[g] = best;
    matchedGroups++;
    matchedChildren += indexed.groupSizes[g]!;
    totalScore += indexed.pairScore[best]!;
  }
  return describe(problem, indexed, { pairOfGroup: pairOf, matchedGroups, matchedChildren, totalScore });
}

/** Ids to indices; pairs into compressed rows, each group's pairs in input order. */
export function indexProblem(problem: AssignmentProblem): IndexedAssignmentProblem {
  const groups = problem.groups.length;
  const groupIndex = new Map<string, number>();
  problem.groups.forEach((g, i) => groupIndex.set(g.id, i));
  const familyIndex = new Map<string, number>();
  problem.families.forEach((f, i) => familyIndex.set(f.id, i));
  const pairs = problem.pairs.length;
  const groupOfPair = new Int32Array(pairs);
  const pairStart = new Int32Array(groups + 1);
  problem.pairs.forEach((p, i) => {
    const g = groupIndex.get(p.group);
    if (g === undefined || !familyIndex.has(p.family)) throw new Error(`pairs[${i}] names an unknown group or family`);
    groupOfPair[i] = g;
    pairStart[g + 1]!++;
  });
  for (let g = 0; g < groups; g++) pairStart[g + 1] = pairStart[g + 1]! + pairStart[g]!;
  const next = pairStart.slice(0, groups);
  const pairFamily = new Int32Array(pairs);
  const pairScore = new Float64Array(pairs);
  problem.pairs.forEach((p, i) => {
    const at = next[groupOfPair[i]!]!++;
    pairFamily[at] = familyIndex.get(p.family)!;
    pairScore[at] = p.score;
  });
  return {
    groupSizes: Int32Array.from(problem.groups, (g) => g.size),
    familyCapacities: Float64Array.from(problem.families, (f) => f.capacity ?? 1),
    pairStart,
    pairFamily,
    pairScore,
  };
}

function describe(problem: AssignmentProblem, indexed: IndexedAssignmentProblem, solved: IndexedAssignment): AssignmentResult {
  const assignments: Assignment[] = [];
  solved.pairOfGroup.forEach((e, g) => {
    if (e >= 0) assignments.push({ group: problem.groups[g]!.id, family: problem.families[indexed.pairFamily[e]!]!.id, score: indexed.pairScore[e]! });
  });
  return { assignments, matchedGroups: solved.matchedGroups, matchedChildren: solved.matchedChildren, totalScore: solved.totalScore };
}
