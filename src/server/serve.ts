/**
 * `together serve` (and `demo --serve`): migrate, build the app, listen, and run the platform's
 * housekeeping (sealing the audit chain, delivering the outbox) until SIGINT or SIGTERM; then stop
 * in order, so nothing in flight is cut off and the process leaves with 0 and one line.
 */
import type pg from 'pg';
import type { Config } from '../config.ts';
import { openDatabase } from '../platform/db/open.ts';
import { senderFor } from '../platform/mail/sender.ts';
import { assertWelshLocaleData } from '../platform/i18n/welsh.ts';
import { addDays, dateInWales } from '../platform/dates/dates.ts';
import type { RequestContext } from '../platform/policy/actor.ts';
import { systemJobContext } from '../platform/policy/actor.ts';
import { seedDemo, formatSignIns } from '../demo.ts';
import { composeDigest } from '../modules/notifications/index.ts';
import { buildApp } from './app.ts';
import { createServices } from './services.ts';

export type ServeOptions = { demo: boolean; children?: number; families?: number; seed?: number };

const serveContext = (): RequestContext => systemJobContext('operator', { requestId: `cli-${process.pid}-${Date.now()}`, channel: 'cli', language: 'en' });

/** A database error named by its code and the connection's server process, never its text or a stack. */
function describeDatabaseError(error: unknown, client?: pg.PoolClient | pg.Client): Record<string, unknown> {
  // A database's message can quote the row's values (a duplicate key names the key): the code only.
  const e = error as { code?: string; name?: string };
  return { code: e.code ?? 'none', error: e.name ?? typeof error, backendPid: (client as { processID?: number } | undefined)?.processID ?? null };
}

/** Serves until a signal; resolves with the exit code once everything has stopped. */
export async function serve(config: Config, options: ServeOptions): Promise<number> {
  assertWelshLocaleData();
  const database = await openDatabase(config, { owner: true, poolSize: 20, log: undefined });
  const services = createServices(database.db, config);
  let signIns: string | undefined;
  if (options.demo) {
    const seeded = await seedDemo(services, config.dataDir, { children: options.children, families: options.families, seed: options.seed });
    signIns = formatSignIns(seeded.signIns, `http://localhost:${config.port}`);
  }
  const app = await buildApp(services, config);
  const log = app.log;

  // A connection that breaks (the database restarting, or stopping with Ctrl+C in a terminal, which
  // reaches PostgreSQL too) is logged by its code and server process, whether it was idle in the
  // pool or lent out between two queries: never an unhandled 'error' that ends the process.
  // While stopping that is expected, and noted only at debug level.
  let stopping = false;
  const watched = new WeakSet<object>();
  const lost = (error: unknown, client?: pg.PoolClient) =>
    log[stopping ? 'debug' : 'warn']({ db: describeDatabaseError(error, client) }, 'database connection lost');
  // The app's own login and the owner's connections (system functions, sealing) alike.
  for (const pool of [database.db.pool, database.db.owner.pool]) {
    pool.on('error', lost);
    pool.on('acquire', (client) => {
      if (watched.has(client)) return;
      watched.add(client);
      client.on('error', (error) => lost(error, client));
    });
  }

  // Housekeeping runs one tick at a time, and shutdown waits for the tick under way.
  // The demo never sends, whatever the configuration says: its people and addresses are synthetic.
  const sender = await senderFor(config, log, { demo: options.demo });
  const ticks = new Set<Promise<unknown>>();
  const every = (ms: number, name: string, work: () => Promise<unknown>, options: { atStart?: boolean } = {}) => {
    let running = false;
    const tickOnce = () => {
      if (running) return;
      running = true;
      const tick = work()
        .catch((error: unknown) => log.error({ db: describeDatabaseError(error) }, `${name} failed`))
        .finally(() => {
          running = false;
          ticks.delete(tick);
        });
      ticks.add(tick);
    };
    const timer = setInterval(tickOnce, ms);
    timer.unref();
    if (options.atStart) tickOnce();
    return timer;
  };
  // The audit sealer chains the rows requests appended, about once a second.
  const sealer = every(1000, 'audit sealing', () => services.audit.seal());
  // Signed checkpoints of the chain head, outside the database (see platform/audit/checkpoint.ts).
  const checkpointer = every(config.auditCheckpoint.minutes * 60_000, 'audit checkpoint', () => services.audit.checkpoint());
  // The outbox: e-mail that committed changes queued, delivered every few seconds.
  const mailer = every(5000, 'e-mail delivery', () => services.outbox.deliver(sender));
  // Each year of adoption support begins on the placement's anniversary: support says so, finance
  // raises the year's fee once (saying it again changes nothing). At start, then every 6 hours,
  // looking back 400 days so a stop of the server misses no anniversary.
  const supportYears = every(
    6 * 3_600_000,
    'support years',
    () => services.support.beginSupportYears(serveContext(), { since: addDays(dateInWales(new Date()), -400) }),
    { atStart: true },
  );
  // Families' questionnaires that have fallen due: opened and reminded once each, every hour (the job
  // claims each questionnaire before queueing its e-mails, so a run repeated never reminds twice).
  // PUBLIC_URL is the address families reach the service at (behind a proxy); otherwise this server's own.
  const publicUrl = (process.env.PUBLIC_URL ?? `http://localhost:${config.port}`).replace(/\/+$/, '');
  const reminders = every(60 * 60_000, 'questionnaire reminders', () => services.outcomes.sendDueReminders(serveContext(), { baseUrl: publicUrl }));
  // Booked places on training sessions starting within the agency's reminder period (its training settings,
  // else TRAINING_REMINDER_DAYS): reminded once each, every hour (each booking is claimed before its e-mail
  // is queued, so a run repeated never reminds twice).
  const trainingReminders = every(60 * 60_000, 'training reminders', () => services.trainingReminders.sendDueReminders(serveContext()));
  // Daily digests: what was held for people who chose one, up to the start of today (UTC), becomes one message each.
  const digester = every(15 * 60_000, 'e-mail digests', () => services.outbox.gatherDigests(composeDigest, startOfDayUtc(new Date())));

  let resolveStopped: (code: number) => void = () => {};
  const stopped = new Promise<number>((resolve) => (resolveStopped = resolve));
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    clearInterval(sealer);
    clearInterval(checkpointer);
    clearInterval(mailer);
    clearInterval(supportYears);
    clearInterval(reminders);
    clearInterval(trainingReminders);
    clearInterval(digester);
    // Stop taking requests and let those in flight finish, then the housekeeping under way.
    await app.close().catch((error: unknown) => log.error({ err: { message: (error as Error).message } }, 'closing the server failed'));
    await Promise.allSettled([...ticks]);
    // Seal what the last requests wrote and anchor the head outside the database.
    await services.audit.checkpoint().catch((error: unknown) => log.error({ db: describeDatabaseError(error) }, 'audit checkpoint failed'));
    sender.close?.();
    await database.close().catch((error: unknown) => log.warn({ db: describeDatabaseError(error) }, 'closing the database failed'));
    process.stdout.write(`Adopting Together stopped (${signal}).\n`);
    resolveStopped(0);
  };
  // We own shutdown: the embedded server's library hooks these signals too and would stop
  // PostgreSQL at once, under the requests still in flight, and exit with 130.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.removeAllListeners(signal);
    process.on(signal, () => void stop(signal));
  }

  await app.listen({ port: config.port, host: config.host });
  const base = `http://localhost:${config.port}`;
  if (signIns) process.stdout.write(`\n${signIns}\n\n`);
  if (await services.organisations.needsFirstAdministrator(serveContext())) {
    process.stdout.write(`No accounts yet: open ${base}/setup to create the first administrator, or run "npx together user add ... --role administrator".\n`);
  }
  const mail =
    options.demo || config.mail.kind === 'development'
      ? 'e-mail not sent: together outbox show ID prints one'
      : config.mail.kind === 'smtp'
        ? 'e-mail through SMTP_URL'
        : 'e-mail through MAIL_API_URL';
  process.stdout.write(
    `Adopting Together is running at ${base} (${database.embedded ? `embedded PostgreSQL, data in ${config.dataDir}` : 'PostgreSQL at DATABASE_URL'}; ${mail}). Stop with Ctrl+C.\n`,
  );
  return stopped;
}

function startOfDayUtc(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
}
