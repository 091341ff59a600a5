/**
 * The solver against independent answers on random problems: brute force over every assignment
 * of tiny problems, and the HiGHS LP/MIP solver on problems up to 300 groups × 300 families.
 * The same objective every time (children exactly, total score within 1e-6), and every answer
 * a feasible assignment.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { greedyAssignment, solveAssignment, type AssignmentProblem } from './assignment.ts';
import { assertFeasible, bruteForce, seededRandom, solveWithHighs, type Objective } from './assignment-check.ts';

function assertSameObjective(actual: Objective, expected: Objective, problem: AssignmentProblem) {
  const where = () => `on ${JSON.stringify(problem).slice(0, 2000)}`;
  assert.equal(actual.matchedChildren, expected.matchedChildren, `children placed ${where()}`);
  assert.ok(Math.abs(actual.totalScore - expected.totalScore) <= 1e-6, `total score ${actual.totalScore}, expected ${expected.totalScore} ${where()}`);
}

/** Scores with many ties (small integers), any sign, and arbitrary doubles. */
const score = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.integer({ min: -100, max: 100 }),
  fc.double({ min: -1000, max: 1000, noNaN: true, noDefaultInfinity: true }),
);

/** Up to 6 groups of 1–4 children and 4 families of capacity 1–3, each pair allowed or not. */
const tinyProblem: fc.Arbitrary<AssignmentProblem> = fc
  .record({ sizes: fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 6 }), capacities: fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 4 }) })
  .chain(({ sizes, capacities }) =>
    fc.array(fc.option(score, { freq: 2 }), { minLength: sizes.length * capacities.length, maxLength: sizes.length * capacities.length }).map((cells) => ({
      groups: sizes.map((size, g) => ({ id: `g${g}`, size })),
      families: capacities.map((capacity, f) => ({ id: `f${f}`, capacity })),
      pairs: cells.flatMap((cell, i) =>
        cell === null ? [] : [{ group: `g${Math.floor(i / capacities.length)}`, family: `f${i % capacities.length}`, score: cell }],
      ),
    })),
  );

/** A random problem from a few numbers, so fast-check shrinks the numbers. */
function randomProblem(p: {
  groups: number;
  families: number;
  pairsPerGroup: number;
  twoPlaces: number;
  scores: 'hundredths' | 'ties' | 'any';
  seed: number;
}): AssignmentProblem {
  const random = seededRandom(p.seed);
  const groups = Array.from({ length: p.groups }, (_, g) => ({ id: `g${g}`, size: 1 + Math.floor(random() * 4) }));
  const families = Array.from({ length: p.families }, (_, f) => ({ id: `f${f}`, capacity: random() < p.twoPlaces ? 2 : 1 }));
  const pairs: AssignmentProblem['pairs'][number][] = [];
  for (const g of groups) {
    const taken = new Set<number>();
    const wanted = Math.min(p.pairsPerGroup, p.families);
    while (taken.size < wanted) taken.add(Math.floor(random() * p.families));
    for (const f of taken) {
      const r = random();
      const value = p.scores === 'hundredths' ? Math.round(r * 10000) / 100 : p.scores === 'ties' ? Math.floor(r * 7) - 3 : (r - 0.5) * 2000;
      pairs.push({ group: g.id, family: `f${f}`, score: value });
    }
  }
  return { groups, families, pairs };
}

describe('the optimal assignment on random problems', () => {
  it('reaches the brute-force optimum on every tiny problem, with a feasible assignment', () => {
    fc.assert(
      fc.property(tinyProblem, (problem) => {
        const result = solveAssignment(problem);
        assertFeasible(problem, result);
        assertSameObjective(result, bruteForce(problem), problem);
      }),
      { numRuns: 400 },
    );
  });

  it('answers the same optimum whatever order groups, families and pairs come in', () => {
    fc.assert(
      fc.property(tinyProblem, fc.integer({ min: 1, max: 2 ** 30 }), (problem, seed) => {
        const random = seededRandom(seed);
        const shuffle = <T>(list: readonly T[]) =>
          list
            .map((item) => ({ item, key: random() }))
            .sort((a, b) => a.key - b.key)
            .map((x) => x.item);
        const shuffled = { groups: shuffle(problem.groups), families: shuffle(problem.families), pairs: shuffle(problem.pairs) };
        const result = solveAssignment(shuffled);
        assertFeasible(shuffled, result);
        assertSameObjective(result, solveAssignment(problem), problem);
      }),
      { numRuns: 200 },
    );
  });

  it('never does worse than the greedy baseline, which is feasible too', () => {
    fc.assert(
      fc.property(tinyProblem, (problem) => {
        const optimal = solveAssignment(problem);
        const greedy = greedyAssignment(
          problem,
          [...problem.groups].reverse().map((g) => g.id),
        );
        assertFeasible(problem, greedy);
        assert.ok(
          greedy.matchedChildren < optimal.matchedChildren ||
            (greedy.matchedChildren === optimal.matchedChildren && greedy.totalScore <= optimal.totalScore + 1e-6),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('reaches the optimum HiGHS finds (as an LP) on problems up to 300 groups × 300 families', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          groups: fc.integer({ min: 1, max: 300 }),
          families: fc.integer({ min: 1, max: 300 }),
          pairsPerGroup: fc.integer({ min: 1, max: 30 }),
          twoPlaces: fc.constantFrom(0, 0.1, 0.5),
          scores: fc.constantFrom('hundredths' as const, 'ties' as const, 'any' as const),
          seed: fc.integer({ min: 1, max: 2 ** 30 }),
        }),
        async (parameters) => {
          const problem = randomProblem(parameters);
          const result = solveAssignment(problem);
          assertFeasible(problem, result);
          assertSameObjective(result, await solveWithHighs(problem), problem);
        },
      ),
      // The largest always, then random sizes: each HiGHS solve takes up to a second.
      { numRuns: 12, examples: [[{ groups: 300, families: 300, pairsPerGroup: 30, twoPlaces: 0.1, scores: 'hundredths', seed: 5 }]] },
    );
  });

  it('reaches the optimum HiGHS finds with every pair a binary variable (a MIP)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          groups: fc.integer({ min: 1, max: 30 }),
          families: fc.integer({ min: 1, max: 30 }),
          pairsPerGroup: fc.integer({ min: 1, max: 6 }),
          twoPlaces: fc.constantFrom(0, 0.3),
          scores: fc.constantFrom('hundredths' as const, 'ties' as const, 'any' as const),
          seed: fc.integer({ min: 1, max: 2 ** 30 }),
        }),
        async (parameters) => {
          const problem = randomProblem(parameters);
          const result = solveAssignment(problem);
          assertFeasible(problem, result);
          assertSameObjective(result, await solveWithHighs(problem, { binary: true }), problem);
        },
      ),
      { numRuns: 6 },
    );
  });
});
