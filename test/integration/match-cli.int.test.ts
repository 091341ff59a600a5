/**
 * `together match` run as a person runs it, in its own process. It needs no database, so the
 * child is given none.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

function together(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return run(process.execPath, ['bin/together.js', ...args]);
}

function run(file: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(DATABASE_URL|DATA_DIR|TEST_|NODE_TEST)/.test(key)) env[key] = value;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** A shell pipeline, as a person types it (the command's stdout is a pipe, not a file). */
function shell(line: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return run('/bin/sh', ['-c', line]);
}

describe('together match', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'together-match-cli-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const input = path.join(dir, 'problem.json');
  // g1 prefers f1, which is the only family g2 may go to: the optimum moves g1 to f2.
  writeFileSync(
    input,
    JSON.stringify({
      groups: [
        { id: 'g1', size: 1 },
        { id: 'g2', size: 2 },
      ],
      families: [{ id: 'f1' }, { id: 'f2', capacity: 1 }],
      pairs: [
        { group: 'g1', family: 'f1', score: 90 },
        { group: 'g1', family: 'f2', score: 60.5 },
        { group: 'g2', family: 'f1', score: 50 },
      ],
    }),
  );
  const expected = {
    assignments: [
      { group: 'g1', family: 'f2', score: 60.5 },
      { group: 'g2', family: 'f1', score: 50 },
    ],
    matchedGroups: 2,
    matchedChildren: 3,
    totalScore: 110.5,
  };

  it('prints the optimal assignment as JSON on standard output', async () => {
    const run = await together(['match', '--input', input]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, '');
    assert.deepEqual(JSON.parse(run.stdout), expected);
  });

  it('writes it to the --output file, printing nothing', async () => {
    const output = path.join(dir, 'result.json');
    const run = await together(['match', '--input', input, '--output', output]);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, '');
    assert.deepEqual(JSON.parse(readFileSync(output, 'utf8')), expected);
  });

  it('writes the whole result to a pipe before it exits (| cat, | jq)', async () => {
    // 6,000 groups with long ids: about 400 KiB of JSON, far past a pipe's 64 KiB buffer.
    const n = 6_000;
    const groups = Array.from({ length: n }, (_, i) => ({ id: `sibling-group-${String(i).padStart(6, '0')}`, size: 1 }));
    const families = Array.from({ length: n }, (_, i) => ({ id: `household-${String(i).padStart(6, '0')}` }));
    const pairs = groups.map((g, i) => ({ group: g.id, family: families[i]!.id, score: 50 + (i % 50) }));
    const large = path.join(dir, 'large.json');
    writeFileSync(large, JSON.stringify({ groups, families, pairs }));
    const run = await shell(`"${process.execPath}" bin/together.js match --input "${large}" | cat`);
    assert.equal(run.code, 0, run.stderr);
    assert.ok(run.stdout.length > 200 * 1024, `only ${run.stdout.length} bytes arrived`);
    const result = JSON.parse(run.stdout) as { matchedGroups: number; assignments: unknown[] };
    assert.equal(result.matchedGroups, n);
    assert.equal(result.assignments.length, n);
  });

  it('exits 2 with one line naming the problem in bad input', async () => {
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ groups: [{ id: 'g1', size: 0 }], families: [], pairs: [] }));
    const run = await together(['match', '--input', bad]);
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, `together: ${bad}: groups[0].size: must be a whole number from 1 to 1000000\n`);
  });
});
