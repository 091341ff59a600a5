/**
 * `together match --input problem.json [--output result.json]`: the assignment solver the app
 * uses, on a problem in a file, for use outside the app and for checking its answers.
 * Needs no database.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { solveAssignment, type AssignmentResult } from './assignment.ts';
import { parseAssignmentProblemJson, ProblemError } from './problem.ts';

export { ProblemError };

/**
 * Reads, checks and solves the problem in `input`; writes the result to `output` (when given)
 * and returns it. Throws ProblemError (one line, naming the file) for a file that cannot be read
 * or is not a valid problem.
 */
export function runMatch(options: { input: string; output?: string }): { result: AssignmentResult; json: string } {
  let text: string;
  try {
    text = readFileSync(options.input, 'utf8');
  } catch (error) {
    throw new ProblemError(`cannot read ${options.input}: ${reason(error)}`);
  }
  let problem;
  try {
    problem = parseAssignmentProblemJson(text);
  } catch (error) {
    if (error instanceof ProblemError) throw new ProblemError(`${options.input}: ${error.message}`);
    throw error;
  }
  const result = solveAssignment(problem);
  const json = `${JSON.stringify(result)}\n`;
  if (options.output !== undefined) {
    try {
      writeFileSync(options.output, json);
    } catch (error) {
      throw new Error(`cannot write ${options.output}: ${reason(error)}`, { cause: error });
    }
  }
  return { result, json };
}

function reason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a folder';
  if (code === 'EACCES') return 'permission denied';
  return code ?? (error as Error).message;
}
