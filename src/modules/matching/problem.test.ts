import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseAssignmentProblem, parseAssignmentProblemJson, ProblemError } from './problem.ts';

const valid = {
  groups: [
    { id: 'g1', size: 2 },
    { id: 'g2', size: 1 },
  ],
  families: [{ id: 'f1', capacity: 2 }, { id: 'f2' }],
  pairs: [
    { group: 'g1', family: 'f1', score: 73.5 },
    { group: 'g2', family: 'f2', score: -4 },
  ],
};

/** The one line a person reads for `change` applied to a copy of the valid problem. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each change breaks the problem's shape on purpose
function problemWith(change: (p: any) => void): string {
  const copy = structuredClone(valid);
  change(copy);
  try {
    parseAssignmentProblem(copy);
  } catch (error) {
    assert.ok(error instanceof ProblemError, String(error));
    assert.ok(!error.message.includes('\n'), error.message);
    return error.message;
  }
  assert.fail('the problem was accepted');
}

describe('reading an assignment problem', () => {
  it('accepts a valid problem, a family without a capacity taking one group', () => {
    const problem = parseAssignmentProblem(valid);
    assert.deepEqual(problem.families, [
      { id: 'f1', capacity: 2 },
      { id: 'f2', capacity: 1 },
    ]);
    assert.deepEqual(problem.pairs, valid.pairs);
  });

  it('names a pair with an unknown family or group', () => {
    assert.equal(
      problemWith((p) => (p.pairs[1].family = 'f9')),
      'pairs[1].family: unknown family "f9"',
    );
    assert.equal(
      problemWith((p) => (p.pairs[0].group = 'nobody')),
      'pairs[0].group: unknown group "nobody"',
    );
  });

  it('names duplicate ids and a pair listed twice', () => {
    assert.equal(
      problemWith((p) => p.groups.push({ id: 'g1', size: 1 })),
      'groups[2].id: duplicate id "g1" (also groups[0])',
    );
    assert.equal(
      problemWith((p) => p.families.push({ id: 'f2' })),
      'families[2].id: duplicate id "f2" (also families[1])',
    );
    assert.equal(
      problemWith((p) => p.pairs.push({ group: 'g1', family: 'f1', score: 1 })),
      'pairs[2]: the pair "g1" – "f1" is already listed at pairs[0]',
    );
  });

  it('refuses sizes and capacities below one or not whole, and scores that are not finite numbers', () => {
    assert.equal(
      problemWith((p) => (p.groups[1].size = 0)),
      'groups[1].size: must be a whole number from 1 to 1000000',
    );
    assert.equal(
      problemWith((p) => (p.groups[0].size = 1.5)),
      'groups[0].size: must be a whole number from 1 to 1000000',
    );
    assert.equal(
      problemWith((p) => (p.families[0].capacity = 0)),
      'families[0].capacity: must be a whole number of at least 1',
    );
    assert.equal(
      problemWith((p) => (p.pairs[1].score = Infinity)),
      'pairs[1].score: must be a finite number',
    );
    assert.equal(
      problemWith((p) => (p.pairs[1].score = '12')),
      'pairs[1].score: must be a finite number',
    );
    assert.equal(
      problemWith((p) => delete p.pairs[0].score),
      'pairs[0].score: must be a finite number',
    );
  });

  it('refuses a misspelt field rather than silently using a default', () => {
    assert.equal(
      problemWith((p) => (p.families[1] = { id: 'f2', capcity: 3 })),
      'families[1]: unknown field "capcity"',
    );
  });

  it('says what a problem looks like when the shape is wrong', () => {
    assert.equal(
      problemWith((p) => delete p.pairs),
      'pairs: must be a list of allowed pairs',
    );
    assert.equal(
      problemWith((p) => (p.groups[0] = 'g1')),
      'groups[0]: must be a group, like {"id": "g1", "size": 2}',
    );
    assert.equal(
      problemWith((p) => (p.groups[0].id = '')),
      'groups[0].id: must be a non-empty string',
    );
    assert.throws(() => parseAssignmentProblem([]), { message: 'input: must be the problem, like {"groups": [...], "families": [...], "pairs": [...]}' });
  });

  it('reads JSON text, reporting malformed JSON and 1e999 (which JSON reads as Infinity) in one line', () => {
    assert.deepEqual(parseAssignmentProblemJson(JSON.stringify(valid)).groups, valid.groups);
    assert.throws(
      () => parseAssignmentProblemJson('{"groups": ['),
      (error: Error) => error instanceof ProblemError && /^not valid JSON: /.test(error.message) && !error.message.includes('\n'),
    );
    const infinite = JSON.stringify(valid).replace('73.5', '1e999');
    assert.throws(() => parseAssignmentProblemJson(infinite), { message: 'pairs[0].score: must be a finite number' });
  });
});
