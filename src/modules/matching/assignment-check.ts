/**
 * Independent checks of the assignment solver, for its tests and its benchmark (not used by the
 * app): a feasibility check, brute force over every assignment of a tiny problem, the HiGHS
 * LP/MIP solver on the same problem, and seeded random problems.
 */
import highsModule, { type Highs } from 'highs';
import type { AssignmentProblem, AssignmentResult, IndexedAssignmentProblem } from './assignment.ts';

export type Objective = { matchedChildren: number; totalScore: number };

/**
 * Throws unless `result` is an assignment of `problem`: listed pairs only with their own score,
 * each group once, no family over its capacity, and totals that add up.
 */
export function assertFeasible(problem: AssignmentProblem, result: AssignmentResult): void {
  const sizes = new Map(problem.groups.map((g) => [g.id, g.size]));
  const capacity = new Map(problem.families.map((f) => [f.id, f.capacity ?? 1]));
  const scores = new Map(problem.pairs.map((p) => [`${p.group}\u0000${p.family}`, p.score]));
  const seen = new Set<string>();
  const taken = new Map<string, number>();
  let children = 0;
  let total = 0;
  for (const a of result.assignments) {
    const score = scores.get(`${a.group}\u0000${a.family}`);
    if (score === undefined) throw new Error(`${a.group} → ${a.family} is not an allowed pair`);
    if (score !== a.score) throw new Error(`${a.group} → ${a.family} reports score ${a.score}, the pair has ${score}`);
    if (seen.has(a.group)) throw new Error(`${a.group} is assigned twice`);
    seen.add(a.group);
    taken.set(a.family, (taken.get(a.family) ?? 0) + 1);
    if (taken.get(a.family)! > capacity.get(a.family)!) throw new Error(`${a.family} takes more than its capacity`);
    children += sizes.get(a.group)!;
    total += a.score;
  }
  if (result.matchedGroups !== result.assignments.length) throw new Error(`matchedGroups ${result.matchedGroups} but ${result.assignments.length} assignments`);
  if (result.matchedChildren !== children) throw new Error(`matchedChildren ${result.matchedChildren} but the assignments place ${children}`);
  if (Math.abs(result.totalScore - total) > 1e-9 * Math.max(1, Math.abs(total)))
    throw new Error(`totalScore ${result.totalScore} but the assignments add up to ${total}`);
}

/** The best objective over every assignment, by enumeration (groups × (families + 1) small). */
export function bruteForce(problem: AssignmentProblem): Objective {
  const capacity = new Map(problem.families.map((f) => [f.id, f.capacity ?? 1]));
  const pairsOf = problem.groups.map((g) => problem.pairs.filter((p) => p.group === g.id));
  let best: Objective = { matchedChildren: 0, totalScore: 0 };
  const left = new Map(capacity);
  const walk = (i: number, children: number, score: number) => {
    if (i === problem.groups.length) {
      if (children > best.matchedChildren || (children === best.matchedChildren && score > best.totalScore))
        best = { matchedChildren: children, totalScore: score };
      return;
    }
    walk(i + 1, children, score);
    for (const p of pairsOf[i]!) {
      const places = left.get(p.family)!;
      if (places === 0) continue;
      left.set(p.family, places - 1);
      walk(i + 1, children + problem.groups[i]!.size, score + p.score);
      left.set(p.family, places);
    }
  };
  walk(0, 0, 0);
  return best;
}

// The package is CommonJS with ES-module builds; TypeScript reads its default export as the module.
const loadHighs = ((highsModule as unknown as { default?: unknown }).default ?? highsModule) as () => Promise<Highs>;
let highsInstance: Promise<Highs> | undefined;

/**
 * The same objective by HiGHS, in two phases on the CPLEX LP text of the problem, one variable
 * x per allowed pair: first the most children, then, with that many required, the highest total
 * score. The objective is read back from HiGHS's own x, each checked to be 0 or 1.
 *
 * `binary: true` declares every x binary (a MIP). Without it the same model is solved as an LP,
 * which is exact here: the constraints (each group once, each family up to its capacity) form a
 * bipartite, totally unimodular matrix, so the LP's optimal vertices are whole assignments, and
 * the second phase optimises over a face of that polytope, whose vertices are vertices of it.
 */
export async function solveWithHighs(problem: AssignmentProblem, options: { binary?: boolean } = {}): Promise<Objective & { seconds: number }> {
  highsInstance ??= loadHighs();
  const highs = await highsInstance;
  const started = performance.now();
  const sizes = new Map(problem.groups.map((g) => [g.id, g.size]));
  const byGroup = new Map<string, number[]>();
  const byFamily = new Map<string, number[]>();
  problem.pairs.forEach((p, i) => {
    (byGroup.get(p.group) ?? byGroup.set(p.group, []).get(p.group)!).push(i);
    (byFamily.get(p.family) ?? byFamily.set(p.family, []).get(p.family)!).push(i);
  });
  const sum = (terms: string[]) => (terms.length ? chunk(terms) : '0 x0');
  const constraints: string[] = [];
  let row = 0;
  for (const list of byGroup.values()) if (list.length > 1) constraints.push(` g${row++}: ${sum(list.map((i) => `x${i}`))} <= 1`);
  for (const f of problem.families) {
    const list = byFamily.get(f.id) ?? [];
    if (list.length > (f.capacity ?? 1)) constraints.push(` f${row++}: ${sum(list.map((i) => `x${i}`))} <= ${f.capacity ?? 1}`);
  }
  const columns = chunk(problem.pairs.map((_, i) => `x${i}`));
  const children = problem.pairs.map((p, i) => `${sizes.get(p.group)} x${i}`);
  const scores = problem.pairs.map((p, i) => `${p.score < 0 ? '-' : '+'} ${Math.abs(p.score).toPrecision(17)} x${i}`);
  const model = (objective: string, extra: string[]) =>
    `Maximize\n obj: ${objective}\nSubject To\n${[...constraints, ...extra].join('\n') || ' c0: 0 x0 >= 0'}\n${options.binary ? 'Binary' : 'Bounds'}\n ${options.binary ? columns : problem.pairs.map((_, i) => `x${i} <= 1`).join('\n ')}\nEnd\n`;
  if (problem.pairs.length === 0) return { matchedChildren: 0, totalScore: 0, seconds: 0 };

  const first = highs.solve(model(chunk(children.map((t) => `+ ${t}`)), []), { output_flag: false });
  if (first.Status !== 'Optimal') throw new Error(`HiGHS, most children: ${first.Status}`);
  const matchedChildren = Math.round(first.ObjectiveValue);
  const second = highs.solve(model(chunk(scores), [` most: ${chunk(children.map((t) => `+ ${t}`))} >= ${matchedChildren}`]), { output_flag: false });
  if (second.Status !== 'Optimal') throw new Error(`HiGHS, best score: ${second.Status}`);
  let children2 = 0;
  let totalScore = 0;
  problem.pairs.forEach((p, i) => {
    const x = (second.Columns[`x${i}`] as { Primal: number } | undefined)?.Primal ?? 0;
    if (Math.abs(x - Math.round(x)) > 1e-6) throw new Error(`HiGHS gave x${i} = ${x}`);
    if (Math.round(x) === 1) {
      children2 += sizes.get(p.group)!;
      totalScore += p.score;
    }
  });
  if (children2 !== matchedChildren) throw new Error(`HiGHS placed ${children2} children in phase 2, ${matchedChildren} in phase 1`);
  return { matchedChildren, totalScore, seconds: (performance.now() - started) / 1000 };
}

/** Terms on lines of ten: the LP format reader limits line length. */
function chunk(terms: string[]): string {
  const lines: string[] = [];
  for (let i = 0; i < terms.length; i += 10) lines.push(terms.slice(i, i + 10).join(' '));
  return lines.join('\n  ');
}

/** A small, fast, seeded generator (mulberry32), so a benchmark instance is the same every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A synthetic instance shaped like the agency's: `groups` sibling groups of 1–4 children (half of
 * them one child), `families` households approved for up to 1–4 children (few for 3 or 4), a
 * tenth of them for two groups; each group has `pairsPerGroup` allowed households chosen at
 * random among those approved for its size (so large groups compete for few households), with
 * scores 0–100 in hundredths.
 */
export function syntheticIndexedProblem(options: { groups: number; families: number; pairsPerGroup: number; seed: number }): IndexedAssignmentProblem {
  const random = seededRandom(options.seed);
  const { groups, families } = options;
  const groupSizes = new Int32Array(groups);
  for (let g = 0; g < groups; g++) {
    const r = random();
    groupSizes[g] = r < 0.5 ? 1 : r < 0.8 ? 2 : r < 0.95 ? 3 : 4;
  }
  // Households by the most children they are approved for, so eligible[s] = approved for s or more.
  const approvedFor = (r: number) => (r < 0.35 ? 1 : r < 0.75 ? 2 : r < 0.93 ? 3 : 4);
  const eligible: number[][] = [[], [], [], [], []];
  const familyCapacities = new Int32Array(families);
  for (let f = 0; f < families; f++) {
    const most = approvedFor(random());
    for (let s = 1; s <= most; s++) eligible[s]!.push(f);
    familyCapacities[f] = random() < 0.1 ? 2 : 1;
  }
  const pairStart = new Int32Array(groups + 1);
  const pairFamily = new Int32Array(groups * options.pairsPerGroup);
  const pairScore = new Float64Array(groups * options.pairsPerGroup);
  const chosen = new Int32Array(families).fill(-1);
  let e = 0;
  for (let g = 0; g < groups; g++) {
    pairStart[g] = e;
    const pool = eligible[groupSizes[g]!]!;
    const wanted = Math.min(options.pairsPerGroup, pool.length);
    for (let count = 0; count < wanted;) {
      const f = pool[Math.floor(random() * pool.length)]!;
      if (chosen[f] === g) continue;
      chosen[f] = g;
      pairFamily[e] = f;
      pairScore[e] = Math.round(random() * 10000) / 100;
      e++;
      count++;
    }
  }
  pairStart[groups] = e;
  return { groupSizes, familyCapacities, pairStart, pairFamily: pairFamily.slice(0, e), pairScore: pairScore.slice(0, e) };
}

/** The indexed problem with ids g0.. and f0.., as the command line and the app hand it in. */
export function withIds(problem: IndexedAssignmentProblem): AssignmentProblem {
  const groups = Array.from(problem.groupSizes, (size, g) => ({ id: `g${g}`, size }));
  const families = Array.from(problem.familyCapacities, (capacity, f) => ({ id: `f${f}`, capacity }));
  const pairs: AssignmentProblem['pairs'][number][] = [];
  for (let g = 0; g < groups.length; g++) {
    for (let e = problem.pairStart[g]!; e < problem.pairStart[g + 1]!; e++)
      pairs.push({ group: `g${g}`, family: `f${problem.pairFamily[e]!}`, score: problem.pairScore[e]! });
  }
  return { groups, families, pairs };
}
