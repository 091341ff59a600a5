/**
 * The assignment problem as `together match` reads it (JSON), checked with zod. A mistake is
 * reported as one line naming the place and the problem, e.g. `pairs[3].family: unknown family "f9"`,
 * so a person can find it in a file of thousands of pairs.
 */
import { z } from 'zod';
import type { AssignmentProblem } from './assignment.ts';

/** The problem is not a valid assignment problem; the message is the one line to show. */
export class ProblemError extends Error {}

/** Sizes are whole children; the cap keeps every sum of sizes exact in a double. */
export const MAX_GROUP_SIZE = 1_000_000;

const id = z.string({ error: 'must be a non-empty string' }).min(1, 'must be a non-empty string');

const group = z.strictObject(
  {
    id,
    size: z
      .number({ error: `must be a whole number from 1 to ${MAX_GROUP_SIZE}` })
      .int(`must be a whole number from 1 to ${MAX_GROUP_SIZE}`)
      .min(1, `must be a whole number from 1 to ${MAX_GROUP_SIZE}`)
      .max(MAX_GROUP_SIZE, `must be a whole number from 1 to ${MAX_GROUP_SIZE}`),
  },
  { error: objectError('a group', '{"id": "g1", "size": 2}') },
);

const family = z.strictObject(
  {
    id,
    capacity: z
      .number({ error: 'must be a whole number of at least 1' })
      .int('must be a whole number of at least 1')
      .min(1, 'must be a whole number of at least 1')
      .default(1),
  },
  { error: objectError('a family', '{"id": "f1", "capacity": 1}') },
);

const pair = z.strictObject(
  {
    group: id,
    family: id,
    // JSON has no Infinity, but 1e999 reads as one.
    score: z.number({ error: 'must be a finite number' }),
  },
  { error: objectError('a pair', '{"group": "g1", "family": "f1", "score": 73.5}') },
);

export const assignmentProblemSchema = z
  .strictObject(
    {
      groups: z.array(group, { error: 'must be a list of groups' }),
      families: z.array(family, { error: 'must be a list of families' }),
      pairs: z.array(pair, { error: 'must be a list of allowed pairs' }),
    },
    { error: objectError('the problem', '{"groups": [...], "families": [...], "pairs": [...]}') },
  )
  .superRefine((problem, ctx) => {
    const groups = firstIndexes(
      problem.groups.map((g) => g.id),
      'groups',
      ctx,
    );
    const families = firstIndexes(
      problem.families.map((f) => f.id),
      'families',
      ctx,
    );
    // Pairs already listed, by group index × number of families + family index (numbers hash fast).
    const seen = new Map<number, number>();
    problem.pairs.forEach((p, i) => {
      const g = groups.get(p.group);
      const f = families.get(p.family);
      if (g === undefined) ctx.addIssue({ code: 'custom', path: ['pairs', i, 'group'], message: `unknown group ${JSON.stringify(p.group)}` });
      if (f === undefined) ctx.addIssue({ code: 'custom', path: ['pairs', i, 'family'], message: `unknown family ${JSON.stringify(p.family)}` });
      if (g === undefined || f === undefined) return;
      const key = g * problem.families.length + f;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, i);
      else
        ctx.addIssue({
          code: 'custom',
          path: ['pairs', i],
          message: `the pair ${JSON.stringify(p.group)} – ${JSON.stringify(p.family)} is already listed at pairs[${first}]`,
        });
    });
  });

/** Checks an already-parsed value; throws ProblemError with the first problem found. */
export function parseAssignmentProblem(input: unknown): AssignmentProblem {
  const result = assignmentProblemSchema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new ProblemError(`${place(issue.path)}: ${issue.message}`);
}

/** Reads the JSON text of a problem; throws ProblemError on malformed JSON or an invalid problem. */
export function parseAssignmentProblemJson(text: string): AssignmentProblem {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ProblemError(`not valid JSON: ${(error as Error).message.split('\n')[0]}`);
  }
  return parseAssignmentProblem(value);
}

/** `groups[2].size` from zod's path ["groups", 2, "size"]. */
function place(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) text += typeof part === 'number' ? `[${part}]` : `${text ? '.' : ''}${String(part)}`;
  return text || 'input';
}

function objectError(what: string, example: string) {
  return (issue: { code: string; keys?: readonly string[] }) =>
    issue.code === 'unrecognized_keys' ? `unknown field ${issue.keys!.map((k) => JSON.stringify(k)).join(', ')}` : `must be ${what}, like ${example}`;
}

function firstIndexes(ids: string[], list: string, ctx: z.RefinementCtx): Map<string, number> {
  const first = new Map<string, number>();
  ids.forEach((value, i) => {
    const earlier = first.get(value);
    if (earlier === undefined) first.set(value, i);
    else ctx.addIssue({ code: 'custom', path: [list, i, 'id'], message: `duplicate id ${JSON.stringify(value)} (also ${list}[${earlier}])` });
  });
  return first;
}
