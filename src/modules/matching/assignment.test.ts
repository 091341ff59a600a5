import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { greedyAssignment, solveAssignment, type AssignmentProblem } from './assignment.ts';
import { assertFeasible } from './assignment-check.ts';

const group = (id: string, size = 1) => ({ id, size });
const family = (id: string, capacity = 1) => ({ id, capacity });
const pair = (g: string, f: string, score: number) => ({ group: g, family: f, score });

/** The optimum, checked to be a feasible assignment of the problem. */
function solve(problem: AssignmentProblem) {
  const result = solveAssignment(problem);
  assertFeasible(problem, result);
  return result;
}

const chosen = (result: { assignments: { group: string; family: string }[] }) => result.assignments.map((a) => `${a.group}→${a.family}`);

describe('the optimal assignment', () => {
  it('answers in the shape the command prints, assignments in the order the groups were given', () => {
    const problem = { groups: [group('g2'), group('g1', 2)], families: [family('f1'), family('f2')], pairs: [pair('g1', 'f1', 73.5), pair('g2', 'f2', 10)] };
    assert.deepEqual(solve(problem), {
      assignments: [
        { group: 'g2', family: 'f2', score: 10 },
        { group: 'g1', family: 'f1', score: 73.5 },
      ],
      matchedGroups: 2,
      matchedChildren: 3,
      totalScore: 83.5,
    });
  });

  it('places a child the greedy baseline leaves without a family, by moving another child to their second choice', () => {
    // g1 likes f1 best, but f1 is the only family allowed for g2.
    const problem = {
      groups: [group('g1'), group('g2')],
      families: [family('f1'), family('f2')],
      pairs: [pair('g1', 'f1', 90), pair('g1', 'f2', 60), pair('g2', 'f1', 50)],
    };
    const greedy = greedyAssignment(problem);
    assertFeasible(problem, greedy);
    assert.deepEqual(chosen(greedy), ['g1→f1']);
    assert.equal(greedy.matchedChildren, 1);
    const optimal = solve(problem);
    assert.deepEqual(chosen(optimal), ['g1→f2', 'g2→f1']);
    assert.equal(optimal.matchedChildren, 2);
    assert.equal(optimal.totalScore, 110);
  });

  it('re-routes a chain of earlier choices when a later group can only go one way', () => {
    // Each group prefers the family the next one needs: the last group forces every earlier one to move.
    const problem = {
      groups: [group('a'), group('b'), group('c'), group('d')],
      families: [family('f1'), family('f2'), family('f3'), family('f4')],
      pairs: [pair('a', 'f1', 99), pair('a', 'f2', 1), pair('b', 'f2', 99), pair('b', 'f3', 1), pair('c', 'f3', 99), pair('c', 'f4', 1), pair('d', 'f1', 5)],
    };
    const result = solve(problem);
    assert.equal(result.matchedGroups, 4);
    assert.deepEqual(chosen(result), ['a→f2', 'b→f3', 'c→f4', 'd→f1']);
    assert.equal(greedyAssignment(problem).matchedGroups, 3);
  });

  it('gives a family approved for two groups two groups, and never a third', () => {
    const problem = {
      groups: [group('g1'), group('g2'), group('g3')],
      families: [family('f1', 2)],
      pairs: [pair('g1', 'f1', 10), pair('g2', 'f1', 30), pair('g3', 'f1', 20)],
    };
    const result = solve(problem);
    assert.deepEqual(chosen(result), ['g2→f1', 'g3→f1']);
    assert.equal(result.totalScore, 50);
  });

  it('keeps a sibling group of three together with one family rather than placing two single children who compete for it', () => {
    const problem = {
      groups: [group('single1'), group('siblings', 3), group('single2')],
      families: [family('f1')],
      pairs: [pair('single1', 'f1', 99), pair('siblings', 'f1', 5), pair('single2', 'f1', 98)],
    };
    const result = solve(problem);
    assert.deepEqual(chosen(result), ['siblings→f1']);
    assert.equal(result.matchedChildren, 3);
  });

  it('places two sibling pairs (four children) rather than a pair and a single child with a higher total score', () => {
    const problem = {
      groups: [group('pair', 2), group('single'), group('two', 2)],
      families: [family('f1'), family('f2')],
      pairs: [pair('pair', 'f1', 1000), pair('pair', 'f2', 1000), pair('single', 'f1', 500), pair('two', 'f1', 1), pair('two', 'f2', 1)],
    };
    // Two of the three groups fit: pair + two = 4 children (score 1001) beats pair + single = 3 (score 1500).
    const result = solve(problem);
    assert.equal(result.matchedChildren, 4);
    assert.equal(result.totalScore, 1001);
  });

  it('places children with a negative score rather than leave them waiting', () => {
    const problem = { groups: [group('g1', 2)], families: [family('f1')], pairs: [pair('g1', 'f1', -40.25)] };
    assert.deepEqual(solve(problem), { assignments: [{ group: 'g1', family: 'f1', score: -40.25 }], matchedGroups: 1, matchedChildren: 2, totalScore: -40.25 });
  });

  it('among equal numbers of children, takes the higher total even when it means lower scores for some', () => {
    const problem = {
      groups: [group('g1'), group('g2')],
      families: [family('f1'), family('f2')],
      pairs: [pair('g1', 'f1', -1), pair('g1', 'f2', -50), pair('g2', 'f1', -2), pair('g2', 'f2', -100)],
    };
    const result = solve(problem);
    assert.deepEqual(chosen(result), ['g1→f2', 'g2→f1']);
    assert.equal(result.totalScore, -52);
  });

  it('lets children count first however large the scores are: no weighting trick loses them', () => {
    // With children weighted by a fixed big number, 1e15 of score could outweigh a child.
    const problem = {
      groups: [group('favourite'), group('siblings', 2)],
      families: [family('f1')],
      pairs: [pair('favourite', 'f1', 1e15), pair('siblings', 'f1', -1e15)],
    };
    assert.deepEqual(chosen(solve(problem)), ['siblings→f1']);
    // And tiny differences still decide between equal numbers of children.
    const tiny = {
      groups: [group('g1'), group('g2')],
      families: [family('f1')],
      pairs: [pair('g1', 'f1', 1e-9), pair('g2', 'f1', 2e-9)],
    };
    assert.deepEqual(chosen(solve(tiny)), ['g2→f1']);
  });

  it('answers the same for the same problem when two assignments are equally good', () => {
    const problem = {
      groups: [group('g1'), group('g2')],
      families: [family('f1'), family('f2')],
      pairs: [pair('g1', 'f1', 50), pair('g1', 'f2', 50), pair('g2', 'f1', 50), pair('g2', 'f2', 50)],
    };
    const first = solve(problem);
    assert.equal(first.matchedGroups, 2);
    assert.equal(first.totalScore, 100);
    assert.deepEqual(solve(problem), first);
  });

  it('leaves out groups and families with no allowed pair, and solves an empty problem', () => {
    assert.deepEqual(solve({ groups: [], families: [], pairs: [] }), { assignments: [], matchedGroups: 0, matchedChildren: 0, totalScore: 0 });
    const problem = { groups: [group('alone', 2), group('g1')], families: [family('unwanted'), family('f1')], pairs: [pair('g1', 'f1', 0)] };
    assert.deepEqual(chosen(solve(problem)), ['g1→f1']);
  });

  it('gives a family with a capacity above its number of pairs only the groups it may take', () => {
    const problem = { groups: [group('g1'), group('g2')], families: [family('f1', 5)], pairs: [pair('g1', 'f1', 1), pair('g2', 'f1', 2)] };
    assert.equal(solve(problem).matchedGroups, 2);
  });
});

describe('the greedy baseline', () => {
  const problem = {
    groups: [group('g1'), group('g2')],
    families: [family('f1'), family('f2')],
    pairs: [pair('g1', 'f1', 90), pair('g1', 'f2', 10), pair('g2', 'f1', 80)],
  };

  it('lets each group in turn take its best family that still has a place', () => {
    assert.deepEqual(chosen(greedyAssignment(problem)), ['g1→f1']);
  });

  it('follows the order it is given (e.g. longest waiting first), the groups it leaves out after', () => {
    const result = greedyAssignment(problem, ['g2']);
    assertFeasible(problem, result);
    assert.deepEqual(chosen(result), ['g1→f2', 'g2→f1']);
    assert.equal(result.totalScore, 90);
  });

  it('refuses an order naming a group that is not in the problem', () => {
    assert.throws(() => greedyAssignment(problem, ['g9']), /unknown group "g9"/);
  });
});
