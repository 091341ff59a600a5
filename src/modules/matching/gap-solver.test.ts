/**
 * The recruitment gap's incremental what-if against solving again from scratch: for every
 * candidate and every K, the children placed (exactly) and the total score (within 1e-6) are the
 * solver's on the pool with K families of the candidate added; on the tiniest pools, also brute
 * force over every assignment.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { indexProblem, solveAssignment, type AssignmentProblem } from './assignment.ts';
import { bruteForce, seededRandom } from './assignment-check.ts';
import { GapRun, greedyPlan, marginalGains, prepareGap, type CandidatePairs } from './gap-solver.ts';

type Candidate = { pairs: { group: string; score: number }[] };

/** The pool with K families of the candidate added (ids n1…nK), solved from scratch. */
function withCandidate(problem: AssignmentProblem, candidate: Candidate, k: number): AssignmentProblem {
  const added = Array.from({ length: k }, (_, i) => `n${i + 1}`);
  return {
    groups: problem.groups,
    families: [...problem.families, ...added.map((id) => ({ id, capacity: 1 }))],
    pairs: [...problem.pairs, ...added.flatMap((family) => candidate.pairs.map((p) => ({ group: p.group, family, score: p.score })))],
  };
}

function candidatePairs(problem: AssignmentProblem, candidate: Candidate): CandidatePairs {
  const index = new Map(problem.groups.map((g, i) => [g.id, i]));
  return { groups: candidate.pairs.map((p) => index.get(p.group)!), scores: candidate.pairs.map((p) => p.score) };
}

function checkAgainstScratch(problem: AssignmentProblem, candidates: Candidate[], maxK: number, brute = false) {
  const base = prepareGap(indexProblem(problem));
  const today = solveAssignment(problem);
  assert.equal(base.matchedChildren, today.matchedChildren);
  for (const candidate of candidates) {
    const run = new GapRun(base, maxK);
    const pairs = candidatePairs(problem, candidate);
    for (let k = 1; k <= maxK; k++) {
      run.add(pairs);
      const expected = brute ? bruteForce(withCandidate(problem, candidate, k)) : solveAssignment(withCandidate(problem, candidate, k));
      const where = `K=${k} candidate ${JSON.stringify(candidate)} on ${JSON.stringify(problem)}`;
      assert.equal(run.matchedChildren, expected.matchedChildren, `children placed, ${where}`);
      assert.ok(Math.abs(run.totalScore - expected.totalScore) <= 1e-6, `total score ${run.totalScore} ≠ ${expected.totalScore}, ${where}`);
      // The assignment the run holds is a real one: each placed group in a family it may take, no family over its places.
      const load = new Map<number, number>();
      run.groupFamily.forEach((f) => f >= 0 && load.set(f, (load.get(f) ?? 0) + 1));
      for (const [f, n] of load)
        assert.ok(n <= (f < problem.families.length ? (problem.families[f]!.capacity ?? 1) : 1), `family ${f} over capacity, ${where}`);
    }
  }
}

/** A random pool of `groups` sibling groups and `families` families, and `candidates` candidate profiles. */
function randomPool(seed: number, groups: number, families: number, candidates: number, density: number) {
  const random = seededRandom(seed);
  const problem: AssignmentProblem = {
    groups: Array.from({ length: groups }, (_, g) => ({ id: `g${g}`, size: 1 + Math.floor(random() * 3) })),
    families: Array.from({ length: families }, (_, f) => ({ id: `f${f}`, capacity: random() < 0.2 ? 2 : 1 })),
    pairs: [],
  };
  const pairs: { group: string; family: string; score: number }[] = [];
  for (let g = 0; g < groups; g++)
    for (let f = 0; f < families; f++) if (random() < density) pairs.push({ group: `g${g}`, family: `f${f}`, score: Math.round(random() * 1000) / 10 });
  const made: Candidate[] = Array.from({ length: candidates }, () => ({
    pairs: problem.groups.filter(() => random() < density * 1.5).map((g) => ({ group: g.id, score: Math.round(random() * 1000) / 10 })),
  }));
  return { problem: { ...problem, pairs }, candidates: made };
}

describe('recruitment gap: the exact marginal gain', () => {
  it('on a hand-made pool: a family for three brothers and sisters places them; a second places nobody more', () => {
    const problem: AssignmentProblem = {
      groups: [
        { id: 'siblings', size: 3 },
        { id: 'toddler', size: 1 },
        { id: 'teen', size: 1 },
      ],
      families: [{ id: 'f1' }],
      pairs: [
        { group: 'toddler', family: 'f1', score: 80 },
        { group: 'teen', family: 'f1', score: 60 },
      ],
    };
    const base = prepareGap(indexProblem(problem));
    assert.equal(base.matchedChildren, 1);
    const gains = marginalGains(base, { groups: [0], scores: [70] }, 3);
    assert.deepEqual(
      gains.map((g) => [g.moreChildren, g.groups]),
      [
        [3, [0]],
        [3, [0]],
        [3, [0]],
      ],
    );
    checkAgainstScratch(problem, [{ pairs: [{ group: 'siblings', score: 70 }] }], 5, true);
  });

  it('a candidate that moves a placed child on, so that a waiting child is placed, counts that child', () => {
    // f1 can take a or b; only a can take the new family. Today f1 takes one of them; with the new family both are placed.
    const problem: AssignmentProblem = {
      groups: [
        { id: 'a', size: 1 },
        { id: 'b', size: 2 },
      ],
      families: [{ id: 'f1' }],
      pairs: [
        { group: 'a', family: 'f1', score: 90 },
        { group: 'b', family: 'f1', score: 50 },
      ],
    };
    checkAgainstScratch(problem, [{ pairs: [{ group: 'a', score: 10 }] }, { pairs: [{ group: 'b', score: 99 }] }], 5, true);
    const base = prepareGap(indexProblem(problem));
    assert.deepEqual(marginalGains(base, { groups: [0], scores: [10] }, 1)[0]!.moreChildren, 1);
  });

  it('a candidate that can take nobody gains 0 for every K', () => {
    const { problem } = randomPool(7, 8, 5, 0, 0.3);
    const base = prepareGap(indexProblem(problem));
    const gains = marginalGains(base, { groups: [], scores: [] }, 5);
    assert.deepEqual(
      gains.map((g) => g.moreChildren),
      [0, 0, 0, 0, 0],
    );
    assert.ok(gains.every((g) => g.groups.length === 0));
  });

  it('on tiny random pools equals brute force for every candidate and K = 1…3', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const { problem, candidates } = randomPool(seed, 5, 2, 3, 0.45);
      checkAgainstScratch(problem, candidates, 3, true);
    }
  });

  it('on small random pools equals solving again from scratch for every candidate and K = 1…5', () => {
    for (let seed = 100; seed < 160; seed++) {
      const { problem, candidates } = randomPool(seed, 14, 8, 4, 0.3);
      checkAgainstScratch(problem, candidates, 5);
    }
  });

  it('the greedy plan adds, at each step, a family that places the most children then', () => {
    const { problem, candidates } = randomPool(3, 14, 4, 5, 0.3);
    const base = prepareGap(indexProblem(problem));
    const pairs = candidates.map((c) => candidatePairs(problem, c));
    const steps = greedyPlan(base, pairs, 4);
    let grown = problem;
    steps.forEach((step, n) => {
      const before = solveAssignment(grown).matchedChildren;
      const best = Math.max(
        ...candidates.map((c) => {
          const one = withCandidate(grown, c, 1);
          return solveAssignment({
            ...one,
            families: one.families.map((f) => (f.id === 'n1' ? { ...f, id: `p${n}` } : f)),
            pairs: one.pairs.map((p) => (p.family === 'n1' ? { ...p, family: `p${n}` } : p)),
          }).matchedChildren;
        }),
      );
      assert.equal(step.moreChildren, best - before);
      const chosen = withCandidate(grown, candidates[step.candidate]!, 1);
      grown = {
        ...chosen,
        families: chosen.families.map((f) => (f.id === 'n1' ? { ...f, id: `p${n}` } : f)),
        pairs: chosen.pairs.map((p) => (p.family === 'n1' ? { ...p, family: `p${n}` } : p)),
      };
      assert.equal(solveAssignment(grown).matchedChildren - base.matchedChildren, step.totalMoreChildren);
    });
  });

  it('adding a family never lowers the number placed (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 5 }),
        fc.double({ min: 0.1, max: 0.7, noNaN: true }),
        (seed, groups, families, density) => {
          const { problem, candidates } = randomPool(seed, groups, families, 2, density);
          const base = prepareGap(indexProblem(problem));
          for (const candidate of candidates) {
            const run = new GapRun(base, 3);
            let before = run.matchedChildren;
            for (let k = 0; k < 3; k++) {
              run.add(candidatePairs(problem, candidate));
              assert.ok(run.matchedChildren >= before);
              before = run.matchedChildren;
            }
            assert.equal(run.matchedChildren, solveAssignment(withCandidate(problem, candidate, 3)).matchedChildren);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
