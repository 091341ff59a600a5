/**
 * How long a person waits for the `together` command, as whole processes (issue 18, item 12):
 *
 *   A  `together --help`                                  target < 0.5 s
 *   B  `together serve` on a warm data folder, from start until /readyz answers 200
 *      (the embedded PostgreSQL started and migrations checked)         target < 3 s
 *   C  `together match` of 3,000 groups × 3,000 households (seeded), its JSON read to the end
 *                                                                        target < 2 s
 * Each is the median of a few runs, with the ratio to its target (below 1 is met). They run
 * bin/together.js as a person does, which uses the compiled dist/ when it is current (`npm ci`
 * or `npm run build` makes it) and the sources through tsx otherwise; the run says which, and
 * `together --help` through tsx is measured too, for comparison.
 *
 * It uses none of the environment's database, so it also runs on its own:
 * `node --import tsx bench/cli-start.ts`.
 */
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { syntheticIndexedProblem, withIds } from '../src/modules/matching/assignment-check.ts';
// Only the type from support.ts, which builds the platform's services: this benchmark needs none.
import type { Benchmark } from './support.ts';

const root = path.resolve(import.meta.dirname, '..');
const TARGETS = { help: 0.5, serve: 3, match: 2 };
const RUNS = { help: 5, serve: 3, match: 3 };

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** The environment of a child: none of the caller's database settings. */
function childEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(DATABASE_URL|DATA_DIR|TEST_|NODE_TEST|PORT|NODE_ENV|SMTP_URL|MAIL_FROM|LOG_LEVEL)/.test(key)) env[key] = value;
  }
  return { ...env, LOG_LEVEL: 'warn', ...extra };
}

/** Runs a command to its end, reading all its output; wall milliseconds and the exit code. */
function timedRun(args: string[]): Promise<{ ms: number; code: number | null; bytes: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, env: childEnv(), stdio: ['ignore', 'pipe', 'inherit'] });
    let bytes = 0;
    child.stdout.on('data', (chunk: Buffer) => (bytes += chunk.length));
    child.on('error', reject);
    child.on('close', (code) => resolve({ ms: performance.now() - started, code, bytes }));
  });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Starts serve, waits (bounded) for /readyz to answer 200, stops it with SIGTERM; the wait in ms. */
async function serveOnce(dataDir: string): Promise<{ ms: number; ok: boolean }> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['bin/together.js', 'serve'], {
    cwd: root,
    env: childEnv({ DATA_DIR: dataDir, PORT: String(port) }),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  let ready = false;
  let ms = 0;
  for (let i = 0; i < 1200 && child.exitCode === null; i++) {
    const answer = await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined);
    if (answer?.status === 200) {
      ms = performance.now() - started;
      ready = true;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  child.kill('SIGTERM');
  const code = await exited;
  return { ms, ok: ready && code === 0 };
}

/** Which code bin/together.js runs: the compiled dist/ when it is current, else the sources. */
function mode(): string {
  try {
    const builtAt = statSync(path.join(root, 'dist/cli.js')).mtimeMs;
    const inputs = JSON.parse(readFileSync(path.join(root, 'dist/inputs.json'), 'utf8')) as string[];
    if (inputs.every((file) => statSync(path.join(root, file)).mtimeMs <= builtAt)) return 'compiled dist/';
    return 'sources through tsx (dist/ is older than src/: npm run build)';
  } catch {
    return 'sources through tsx (no dist/: npm run build)';
  }
}

function line(what: string, ms: number[], target: number): string {
  const m = median(ms) / 1000;
  return `${what.padEnd(44)} median ${seconds(m * 1000).padStart(7)} (runs ${ms.map(seconds).join(', ')}); target < ${target} s, ratio ${(m / target).toFixed(2)} ${m < target ? 'met' : 'NOT met'}`;
}

export const cliStartBenchmark: Benchmark = {
  name: 'start-up: together --help, serve and match as whole processes',
  async run() {
    let ok = true;
    console.log(`bin/together.js runs the ${mode()}; load average ${os.loadavg()[0]!.toFixed(1)} on ${os.cpus().length} cores`);

    const help: number[] = [];
    const helpTsx: number[] = [];
    for (let i = 0; i < RUNS.help; i++) {
      const run = await timedRun(['bin/together.js', '--help']);
      ok &&= run.code === 0;
      help.push(run.ms);
      helpTsx.push((await timedRun(['--import', 'tsx', 'src/cli.ts', '--help'])).ms);
    }
    console.log(line('A  together --help', help, TARGETS.help));
    console.log(
      `${'   the same through tsx (no dist/)'.padEnd(44)} median ${seconds(median(helpTsx)).padStart(7)}: ${(median(helpTsx) / median(help)).toFixed(1)}× the compiled start`,
    );

    const dir = mkdtempSync(path.join(os.tmpdir(), 'together-bench-start-'));
    // PostgreSQL runs as its own user when the benchmark runs as root: it must reach the folder.
    chmodSync(dir, 0o755);
    try {
      const cold = await serveOnce(dir);
      ok &&= cold.ok;
      const warm: number[] = [];
      for (let i = 0; i < RUNS.serve; i++) {
        const run = await serveOnce(dir);
        ok &&= run.ok;
        warm.push(run.ms);
      }
      console.log(`${'B  together serve, first start (initdb)'.padEnd(44)} ${seconds(cold.ms)}`);
      console.log(line('B  together serve, warm, until /readyz', warm, TARGETS.serve));

      const problem = path.join(dir, 'problem.json');
      writeFileSync(problem, JSON.stringify(withIds(syntheticIndexedProblem({ groups: 3_000, families: 3_000, pairsPerGroup: 50, seed: 1 }))));
      const match: number[] = [];
      let bytes = 0;
      for (let i = 0; i < RUNS.match; i++) {
        const run = await timedRun(['bin/together.js', 'match', '--input', problem]);
        ok &&= run.code === 0;
        bytes = run.bytes;
        match.push(run.ms);
      }
      console.log(line(`C  together match 3,000 × 3,000 (${Math.round(bytes / 1024)} KiB out)`, match, TARGETS.match));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    return { ok };
  },
};

if (import.meta.url === `file://${process.argv[1]}`) {
  cliStartBenchmark.run(undefined as never, undefined as never).then(
    (result) => process.exit(result.ok ? 0 : 1),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
