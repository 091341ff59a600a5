import { spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');

export type CliRun = { code: number | null; stdout: string; stderr: string };

/** Runs the real `together` command as a person would, in its own process. */
export function together(args: string[], options: { env: Record<string, string>; input?: string }): Promise<CliRun> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    // The child sees only what the test gives it: no database of the test runner's own.
    if (value !== undefined && !/^(DATABASE_URL|DATA_DIR|TEST_|NODE_TEST)/.test(key)) env[key] = value;
  }
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/together.js', ...args], {
      cwd: root,
      env: { ...env, ...options.env },
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (chunk) => (stdout += chunk));
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    if (options.input !== undefined) child.stdin!.end(options.input);
  });
}
