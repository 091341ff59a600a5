/**
 * `npm run deploy:rehearse`: the deployment of deploy/compose.yaml, rehearsed on a machine with no
 * Docker engine. It follows the Dockerfile's own instructions (FROM, WORKDIR, COPY, RUN, ENV, USER,
 * HEALTHCHECK, CMD, read from the file, so the rehearsal cannot drift from it) in folders instead of
 * image layers, then runs what compose runs: the one-off `migrate`, two app processes as an
 * unprivileged user in production mode on one PostgreSQL, and Caddy in front with deploy/Caddyfile
 * (its upstreams and port pointed at this machine). It checks the image's files are enough to run
 * (no dev dependency, no source newer than dist/), the health check, round robin through the proxy,
 * and a page in both languages; then stops everything and removes its folders.
 *
 * What it cannot rehearse: the base image (it uses this machine's node; the image uses node:22) and
 * PostgreSQL 16 (it starts the embedded server of the development tree). Needs the npm registry
 * (the build stage's `npm ci`) and Caddy (`apt-get install -y caddy` where missing, as root).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbedded } from '../src/platform/db/embedded.ts';

const root = path.resolve(import.meta.dirname, '..');
/** The host's stand-in for the image's `node` user: no home, no shell, owns nothing but the data folder. */
const RUN_AS = 'nobody';

type Stage = { name: string; dir: string; workdir: string; env: Record<string, string>; user?: string; healthcheck?: string[]; cmd?: string[] };

class RehearsalFailed extends Error {}

/** Stops the rehearsal; `main` still stops the processes it started and removes its folders. */
function fail(message: string): never {
  throw new RehearsalFailed(message);
}

function check(ok: boolean, what: string): void {
  if (!ok) fail(what);
  console.log(`  ok  ${what}`);
}

/** Dockerfile lines, continuations joined, comments and blanks dropped. */
function instructions(dockerfile: string): { op: string; args: string }[] {
  const joined = dockerfile.replace(/\\\n\s*/g, ' ');
  return joined
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const at = line.indexOf(' ');
      return { op: line.slice(0, at).toUpperCase(), args: line.slice(at + 1).trim() };
    });
}

/** An absolute path of the image, in the stage's folder. */
function inStage(stage: Stage, imagePath: string): string {
  return path.join(stage.dir, path.posix.isAbsolute(imagePath) ? imagePath : path.posix.join(stage.workdir, imagePath));
}

function run(command: string, cwd: string, env: Record<string, string> = {}): void {
  const result = spawnSync('sh', ['-c', command], { cwd, stdio: 'inherit', env: { ...process.env, ...env } });
  if (result.status !== 0) fail(`RUN ${command} (exit ${result.status})`);
}

/** Builds every stage of the Dockerfile in folders under `work`; returns the last (the image). */
function build(work: string, context: string): Stage {
  const stages = new Map<string, Stage>();
  let stage: Stage | undefined;
  for (const { op, args } of instructions(readFileSync(path.join(root, 'Dockerfile'), 'utf8'))) {
    if (op === 'FROM') {
      const [, name] = args.split(/\s+as\s+/i);
      stage = { name: name ?? `stage-${stages.size}`, dir: path.join(work, name ?? `stage-${stages.size}`), workdir: '/', env: {} };
      mkdirSync(stage.dir, { recursive: true });
      stages.set(stage.name, stage);
      console.log(`\n== stage ${stage.name} (${args.split(/\s+/)[0]}: this machine's node stands in)`);
      continue;
    }
    if (!stage) fail(`${op} before FROM`);
    if (op === 'WORKDIR') {
      stage.workdir = args;
      mkdirSync(inStage(stage, '.'), { recursive: true });
    } else if (op === 'ENV') {
      for (const [, key, value] of args.matchAll(/(\w+)=(\S+)/g)) stage.env[key!] = value!;
    } else if (op === 'COPY') {
      const words = args.split(/\s+/);
      const from = words[0]!.startsWith('--from=') ? stages.get(words.shift()!.slice(7)) : undefined;
      const destination = words.pop()!;
      for (const source of words) {
        const sourcePath = from ? inStage(from, source) : path.join(context, source);
        const target =
          destination.endsWith('/') || words.length > 1 ? path.join(inStage(stage, destination), path.basename(source)) : inStage(stage, destination);
        // Docker keeps files' times, and bin/together.js compares dist/ with src/ by them.
        cpSync(source === '.' ? context : sourcePath, source === '.' ? inStage(stage, destination) : target, { recursive: true, preserveTimestamps: true });
      }
    } else if (op === 'RUN') {
      // The image's /data is the stage's own folder; its `node` user is this machine's unprivileged one.
      const command = args.replace(/(^|\s)\/data\b/g, `$1${path.join(stage.dir, 'data')}`).replace(/\bnode:node\b/g, `${RUN_AS}:nogroup`);
      console.log(`RUN ${args}`);
      run(command, inStage(stage, '.'));
    } else if (op === 'USER') {
      stage.user = args;
    } else if (op === 'HEALTHCHECK') {
      stage.healthcheck = JSON.parse(args.slice(args.indexOf('CMD') + 3).trim()) as string[];
    } else if (op === 'CMD') {
      stage.cmd = JSON.parse(args) as string[];
    } else if (op !== 'EXPOSE') fail(`the rehearsal does not know the Dockerfile instruction ${op}`);
  }
  if (!stage) fail('the Dockerfile has no stage');
  return stage;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(url: string, seconds: number): Promise<boolean> {
  for (let i = 0; i < seconds * 4; i++) {
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

function ensureCaddy(): string {
  const found = spawnSync('sh', ['-c', 'command -v caddy'], { encoding: 'utf8' }).stdout.trim();
  if (found) return found;
  if (process.getuid?.() !== 0) fail('Caddy is missing: apt-get install -y caddy');
  spawnSync('apt-get', ['install', '-y', '--no-install-recommends', 'caddy'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  return spawnSync('sh', ['-c', 'command -v caddy'], { encoding: 'utf8' }).stdout.trim() || fail('Caddy could not be installed');
}

async function main(): Promise<void> {
  if (process.getuid?.() !== 0) fail('run as root: the app processes are started as the unprivileged user, as in the image');
  const caddy = ensureCaddy();
  const work = mkdtempSync(path.join(tmpdir(), 'together-rehearsal-'));
  chmodSync(work, 0o755);
  const processes: ChildProcess[] = [];
  const database = await startEmbedded(path.join(work, 'postgres'), { shareRunning: false, throwaway: true });
  try {
    // The build context: what git holds (node_modules, dist and data are in .dockerignore and not committed).
    const context = path.join(work, 'context');
    mkdirSync(context);
    run(`git -C ${JSON.stringify(root)} archive HEAD | tar -x -C ${JSON.stringify(context)}`, root);
    const image = build(work, context);
    check(image.user === 'node', 'the image runs as the unprivileged node user (here: nobody)');
    // (tsx is a dependency: `together` falls back to it when dist/ is older than src/, which the image never is.)
    const devOnly = ['eslint', 'prettier', 'playwright-core', 'oidc-provider', 'drizzle-kit', 'autocannon'];
    check(
      devOnly.every((name) => !existsSync(inStage(image, `node_modules/${name}`))),
      `the image holds no dev dependency (${devOnly.join(', ')} absent)`,
    );

    const given: string[] = [];
    const secrets = () => {
      const secret = randomBytes(36).toString('base64url');
      given.push(secret);
      return secret;
    };
    // Over TCP, as a container reaches its database (the embedded server's socket folder is its owner's only).
    const url = new URL(database.url);
    url.hostname = '127.0.0.1';
    url.searchParams.delete('host');
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      ...image.env,
      DATA_DIR: path.join(image.dir, 'data'),
      DATABASE_URL: url.toString(),
      APP_DATABASE_PASSWORD: secrets(),
      SESSION_SECRET: secrets(),
      AUDIT_CHECKPOINT_KEY: secrets(),
      RESEARCH_PSEUDONYM_SECRET: secrets(),
      SMTP_URL: 'smtp://127.0.0.1:9',
      MAIL_FROM: 'Adopting Together <no-reply@rehearsal.invalid>',
      TRUST_PROXY: 'true',
      LOG_LEVEL: 'info',
    };
    const asUser = (args: string[], extra: Record<string, string> = {}) =>
      spawn('setpriv', ['--reuid', RUN_AS, '--regid', 'nogroup', '--clear-groups', '--', process.execPath, ...args.slice(1)], {
        cwd: inStage(image, '.'),
        env: { ...env, ...extra },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    const finished = (child: ChildProcess) => new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)));

    console.log(`\n== compose: migrate once, then app1 and app2 (${url.hostname}:${url.port}), then the proxy`);
    const migrate = asUser(['node', 'bin/together.js', 'migrate']);
    migrate.stderr.pipe(process.stderr);
    check((await finished(migrate)) === 0, '`together migrate` ran once before the apps, as the unprivileged user');

    const logs: string[] = ['', ''];
    const ports = [await freePort(), await freePort()];
    for (const [i, port] of ports.entries()) {
      const app = asUser(image.cmd!, { PORT: String(port), HOST: '127.0.0.1' });
      app.stdout.on('data', (chunk: Buffer) => (logs[i] += chunk.toString()));
      app.stderr.on('data', (chunk: Buffer) => (logs[i] += chunk.toString()));
      processes.push(app);
    }
    for (const [i, port] of ports.entries()) check(await waitFor(`http://127.0.0.1:${port}/readyz`, 60), `app${i + 1} is ready (/readyz) in production mode`);
    for (const [i, port] of ports.entries()) {
      const health = spawnSync(image.healthcheck![0]!, image.healthcheck!.slice(1), { env: { ...env, PORT: String(port) } });
      check(health.status === 0, `the image's HEALTHCHECK passes on app${i + 1}`);
    }

    const proxyPort = await freePort();
    const caddyfile = readFileSync(path.join(root, 'deploy/Caddyfile'), 'utf8')
      .replace('app1:3000', `127.0.0.1:${ports[0]}`)
      .replace('app2:3000', `127.0.0.1:${ports[1]}`)
      .replace(/^:80 \{/m, `:${proxyPort} {`);
    writeFileSync(path.join(work, 'Caddyfile'), caddyfile);
    const proxy = spawn(caddy, ['run', '--adapter', 'caddyfile', '--config', path.join(work, 'Caddyfile')], {
      stdio: 'ignore',
      env: { ...process.env, XDG_DATA_HOME: path.join(work, 'caddy'), XDG_CONFIG_HOME: path.join(work, 'caddy') },
    });
    processes.push(proxy);
    const front = `http://127.0.0.1:${proxyPort}`;
    check(await waitFor(`${front}/readyz`, 30), 'Caddy answers /readyz in front of both');

    const before = logs.map((log) => log.split('\n').length);
    for (let i = 0; i < 10; i++) await fetch(`${front}/healthz`);
    const grown = logs.map((log, i) => log.split('\n').length - before[i]!);
    check(
      grown.every((lines) => lines > 0),
      `round robin: both processes answered requests through the proxy (log lines ${grown.join(' and ')})`,
    );
    const signIn = await fetch(`${front}/sign-in`, { redirect: 'manual' });
    check(signIn.status === 303 && signIn.headers.get('location') === '/setup', 'a new installation sends the first visitor to set up its administrator');
    const english = await fetch(`${front}/setup`);
    const welsh = await fetch(`${front}/setup?lang=cy`);
    check(english.status === 200 && (await english.text()).includes('<html lang="en"'), `the set-up page through the proxy, in English (${english.status})`);
    check(welsh.status === 200 && (await welsh.text()).includes('<html lang="cy"'), `and in Welsh (${welsh.status})`);
    check(Boolean(english.headers.get('strict-transport-security')), 'production headers (HSTS) are on');
    check(
      logs.every((log) => !log.includes('Mewngofnodi') && given.every((secret) => !log.includes(secret))),
      'the logs hold no page text and no secret',
    );
    console.log('\nrehearsal passed: the Dockerfile builds and runs as compose would run it (base image and PostgreSQL 16 aside)');
  } finally {
    for (const child of processes) child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 1000));
    await database.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

try {
  await main();
  process.exit(0);
} catch (error) {
  if (!(error instanceof RehearsalFailed)) throw error;
  console.error(`rehearsal FAILED: ${error.message}`);
  process.exit(1);
}
