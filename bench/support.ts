/**
 * Shared parts of `npm run bench`: a throw-away embedded PostgreSQL with the platform's services
 * on it, a load generator in a child process, and plain-text tables for the figures.
 *
 * Every benchmark file (bench/*.bench.ts) exports a Benchmark; bench/run.ts starts one
 * environment and runs them in turn, so a benchmark seeds what it needs under its own names.
 */
import { fork } from 'node:child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type autocannon from 'autocannon';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../src/config.ts';
import { runningCluster, startEmbedded, type EmbeddedServer } from '../src/platform/db/embedded.ts';
import { migrateDatabase } from '../src/platform/db/migrate.ts';
import { appPasswordFor, connect, type Db } from '../src/platform/db/pool.ts';
import type { RequestContext } from '../src/platform/policy/actor.ts';
import { systemJobContext } from '../src/platform/policy/actor.ts';
import { createServices, type Services } from '../src/server/services.ts';

export type BenchEnvironment = {
  /** The temporary folder holding the cluster; removed by close(). */
  dir: string;
  db: Db;
  services: Services;
  config: Config;
  /** The platform itself, as the CLI and scheduled work act: audited, all organisations. */
  system: RequestContext;
  /** A query as the connecting (owner) role, outside row-level security: for seeding and checks. */
  admin: <R extends Record<string, unknown> = Record<string, unknown>>(text: string, values?: unknown[]) => Promise<R[]>;
  postgresVersion: string;
  /** The postmaster of this cluster: its children are the backends whose CPU time is counted. */
  postmasterPid: number | undefined;
  close: () => Promise<void>;
};

export type Benchmark = {
  name: string;
  /** Runs, prints its own figures and returns whether every request succeeded. */
  run: (env: BenchEnvironment, load: LoadSettings) => Promise<{ ok: boolean }>;
};

export const POOL_SIZE = 20;

/** A fresh cluster in a temporary folder, migrated, with the platform's services built on it. */
export async function startEnvironment(log: (line: string) => void = () => {}): Promise<BenchEnvironment> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'together-bench-'));
  // mkdtemp makes the folder 0700; run as root, PostgreSQL runs as its own user and must traverse it.
  chmodSync(dir, 0o711);
  let server: EmbeddedServer | undefined;
  let db: Db | undefined;
  const close = async () => {
    await db?.close().catch(() => {});
    await server?.stop().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    server = await startEmbedded(dir, { shareRunning: false, log });
    db = connect(server.url, { max: POOL_SIZE, ownerMax: POOL_SIZE, appPassword: appPasswordFor(server.url, { dataDir: dir }) });
    await migrateDatabase(db);
    const config = loadConfig({ DATA_DIR: dir, SESSION_SECRET: 'x'.repeat(40), LOG_LEVEL: 'silent' });
    const services = createServices(db, config);
    const pool = db.owner.pool;
    const admin = async <R extends Record<string, unknown>>(text: string, values?: unknown[]) => (await pool.query<R>(text, values as unknown[])).rows;
    const [{ server_version }] = (await admin<{ server_version: string }>('show server_version')) as [{ server_version: string }];
    const system: RequestContext = systemJobContext('testFixtures', { requestId: 'bench', channel: 'system', language: 'en' });
    const postmasterPid = runningCluster(dir)?.pid;
    return { dir, db, services, config, system, admin, postgresVersion: server_version, postmasterPid, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Listens on a free loopback port and answers the base URL. */
export async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address() as AddressInfo;
  return `http://127.0.0.1:${address.port}`;
}

export type LoadSettings = { connections: number; durationSeconds: number; warmupSeconds: number };

/** 50 connections, 10 s measured after 2 s of warm-up; BENCH_CONNECTIONS / BENCH_DURATION / BENCH_WARMUP override. */
export function loadSettings(env: NodeJS.ProcessEnv = process.env): LoadSettings {
  const number = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
    return value;
  };
  return {
    connections: number('BENCH_CONNECTIONS', 50),
    durationSeconds: number('BENCH_DURATION', 10),
    warmupSeconds: number('BENCH_WARMUP', 2),
  };
}

export type Measurement = {
  label: string;
  path: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  /** Responses counted in the measured window (2xx only). */
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  /** Requests completed during the warm-up (also checked for failures). */
  warmupOk: number;
  warmupFailures: number;
  statusCodes: Record<string, number>;
  cpu: CpuSplit | undefined;
};

/**
 * Where the machine's CPU went during one endpoint's run (warm-up included), in cores busy on
 * average: the server process, this cluster's PostgreSQL processes, the load generator, and
 * everything else on the machine (other work running at the same time skews a figure).
 */
export type CpuSplit = { seconds: number; cores: number; server: number; postgres: number; loadGenerator: number; other: number; idle: number };

export const TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux of note

/** CPU ticks of the postmaster and its children (backends, WAL writer, checkpointer...), ended ones included. */
export function postgresTicks(postmasterPid: number | undefined): number {
  if (!postmasterPid) return 0;
  let ticks = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const pid = Number(entry);
      if (pid === postmasterPid) {
        // Its own time plus that of the children it has reaped (backends that ended count still).
        ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
      } else if (Number(fields[1]) === postmasterPid) {
        ticks += Number(fields[11]) + Number(fields[12]);
      }
    } catch {
      /* a process that ended while we looked */
    }
  }
  return ticks;
}

/**
 * CPU time spent since `start()` by this process (the server's JS) and by this cluster's
 * PostgreSQL processes, in ms: beside a wall time taken on a busy machine, it says how much of
 * the wait was our own work.
 */
export function cpuClock(postmasterPid: number | undefined) {
  // PostgreSQL's ticks first: reading /proc costs this process tens of ms on a busy machine, not the work's.
  const pg0 = process.platform === 'linux' ? postgresTicks(postmasterPid) : 0;
  const node0 = process.cpuUsage();
  return () => {
    const node = process.cpuUsage(node0);
    const pg = process.platform === 'linux' ? postgresTicks(postmasterPid) - pg0 : 0;
    return { nodeMs: (node.user + node.system) / 1000, postgresMs: (pg * 1000) / TICKS_PER_SECOND };
  };
}

/** Busy and idle ticks of the whole machine. */
function machineTicks(): { busy: number; idle: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = line;
  return { busy: user + nice + system + irq + softirq + steal, idle: idle + iowait };
}

function cpuProbe(postmasterPid: number | undefined) {
  if (process.platform !== 'linux') return undefined;
  try {
    return { at: process.hrtime.bigint(), server: process.cpuUsage(), postgres: postgresTicks(postmasterPid), machine: machineTicks() };
  } catch {
    return undefined;
  }
}

function cpuSplit(before: ReturnType<typeof cpuProbe>, postmasterPid: number | undefined, loadGeneratorMs: number | undefined): CpuSplit | undefined {
  const after = cpuProbe(postmasterPid);
  if (!before || !after || loadGeneratorMs === undefined) return undefined;
  const seconds = Number(after.at - before.at) / 1e9;
  const serverUsage = process.cpuUsage(before.server);
  const server = (serverUsage.user + serverUsage.system) / 1e6;
  const postgres = (after.postgres - before.postgres) / TICKS_PER_SECOND;
  const loadGenerator = loadGeneratorMs / 1000;
  const busy = (after.machine.busy - before.machine.busy) / TICKS_PER_SECOND;
  const idle = (after.machine.idle - before.machine.idle) / TICKS_PER_SECOND;
  return {
    seconds,
    cores: os.cpus().length,
    server: server / seconds,
    postgres: postgres / seconds,
    loadGenerator: loadGenerator / seconds,
    other: Math.max(0, busy - server - postgres - loadGenerator) / seconds,
    idle: idle / seconds,
  };
}

/**
 * Drives `path` with autocannon from a child process: the client's parsing and bookkeeping
 * then run on their own event loop, not on the server's (both still share the machine's cores
 * with PostgreSQL, which is said in the printed output).
 */
export async function measure(
  env: Pick<BenchEnvironment, 'postmasterPid'>,
  baseUrl: string,
  label: string,
  urlPath: string,
  headers: Record<string, string>,
  load: LoadSettings,
): Promise<Measurement> {
  // `warmup` is honoured by autocannon 9's promise API but missing from @types/autocannon.
  const options: autocannon.Options & { warmup: { connections: number; duration: number } } = {
    url: baseUrl + urlPath,
    headers,
    connections: load.connections,
    duration: load.durationSeconds,
    warmup: { connections: load.connections, duration: load.warmupSeconds },
    timeout: 10,
  };
  const child = fork(path.join(import.meta.dirname, 'load-worker.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const before = cpuProbe(env.postmasterPid);
  const reply = await new Promise<{ result?: autocannon.Result & { warmup?: autocannon.Result }; cpuMs?: number; error?: string }>((resolve, reject) => {
    child.once('message', (message) => resolve(message as never));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`load generator exited with code ${code} before reporting`)));
    child.send(options);
  });
  const cpu = cpuSplit(before, env.postmasterPid, reply.cpuMs);
  child.removeAllListeners('exit');
  if (!reply.result) throw new Error(`load generator failed on ${urlPath}: ${reply.error}`);
  const r = reply.result;
  const statusCodes: Record<string, number> = {};
  for (const [code, stat] of Object.entries(r.statusCodeStats ?? {})) statusCodes[code] = Number((stat as { count: number }).count);
  const warm = r.warmup;
  return {
    label,
    path: urlPath,
    // Completed 2xx responses over the measured seconds (autocannon's per-second mean agrees within rounding).
    requestsPerSecond: r['2xx'] / r.duration,
    p50: r.latency.p50,
    p99: r.latency.p99,
    max: r.latency.max,
    ok: r['2xx'],
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    warmupOk: warm ? warm['2xx'] : 0,
    warmupFailures: warm ? warm.non2xx + warm.errors + warm.timeouts : 0,
    statusCodes,
    cpu,
  };
}

export function failures(m: Measurement): number {
  return m.non2xx + m.errors + m.timeouts + m.warmupFailures;
}

/** A plain-text table: first column left-aligned, the others right-aligned. */
export function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export const fixed = (value: number, digits = 0) => value.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** One line about the machine, so a figure is never read without it. */
export function machineLine(env: BenchEnvironment): string {
  const cpus = os.cpus();
  return `machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${fixed(os.totalmem() / 2 ** 30, 1)} GiB RAM, Node ${process.version}, PostgreSQL ${env.postgresVersion} (embedded, fsync and synchronous_commit at their defaults)`;
}

/** What the cluster's client backends were doing, on average over samples taken while `work` ran. */
export type BackendStates = { samples: number; average: { state: string; backends: number }[] };

/**
 * Samples pg_stat_activity every 50 ms on a connection of its own (not one of the app's pool)
 * while `work` runs: backends waiting on a lock point at serialisation, "idle in transaction"
 * ones at transactions waiting for the server's next statement.
 */
export async function sampleBackends<T>(env: Pick<BenchEnvironment, 'db'>, work: () => Promise<T>): Promise<{ result: T; states: BackendStates }> {
  const client = new pg.Client({ connectionString: env.db.url });
  await client.connect();
  const totals = new Map<string, number>();
  let samples = 0;
  let running = true;
  const sampler = (async () => {
    while (running) {
      const { rows } = await client.query<{ what: string; n: number }>(
        `select state || coalesce(' (' || wait_event_type || ': ' || wait_event || ')', '') as what, count(*)::int as n
           from pg_stat_activity
          where backend_type = 'client backend' and datname = current_database() and pid <> pg_backend_pid()
          group by 1`,
      );
      samples++;
      for (const row of rows) totals.set(row.what, (totals.get(row.what) ?? 0) + row.n);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  try {
    const result = await work();
    return {
      result,
      states: {
        samples,
        average: [...totals].map(([state, n]) => ({ state, backends: n / Math.max(1, samples) })).sort((a, b) => b.backends - a.backends),
      },
    };
  } finally {
    running = false;
    await sampler.catch(() => {});
    await client.end().catch(() => {});
  }
}
