import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runMatch } from './match-command.ts';
import { ProblemError } from './problem.ts';

describe('together match (the command behind it)', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'together-match-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    const full = path.join(dir, name);
    writeFileSync(full, text);
    return full;
  };
  const problem = {
    groups: [{ id: 'g1', size: 2 }],
    families: [{ id: 'f1', capacity: 1 }],
    pairs: [{ group: 'g1', family: 'f1', score: 73.5 }],
  };
  const expected = { assignments: [{ group: 'g1', family: 'f1', score: 73.5 }], matchedGroups: 1, matchedChildren: 2, totalScore: 73.5 };

  it('solves the problem in the file and answers the result as one line of JSON', () => {
    const { json } = runMatch({ input: file('problem.json', JSON.stringify(problem)) });
    assert.deepEqual(JSON.parse(json), expected);
    assert.equal(json.trimEnd().split('\n').length, 1);
  });

  it('writes the result to the output file when one is given', () => {
    const output = path.join(dir, 'result.json');
    runMatch({ input: file('problem2.json', JSON.stringify(problem)), output });
    assert.deepEqual(JSON.parse(readFileSync(output, 'utf8')), expected);
  });

  it('names the file and the problem in one line for bad input and a missing file', () => {
    const bad = file('bad.json', JSON.stringify({ ...problem, pairs: [{ group: 'g1', family: 'f9', score: 1 }] }));
    assert.throws(
      () => runMatch({ input: bad }),
      (error: Error) => error instanceof ProblemError && error.message === `${bad}: pairs[0].family: unknown family "f9"`,
    );
    const missing = path.join(dir, 'nowhere.json');
    assert.throws(
      () => runMatch({ input: missing }),
      (error: Error) => error instanceof ProblemError && error.message === `cannot read ${missing}: no such file`,
    );
  });
});
