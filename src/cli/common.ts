import type { Config } from '../config.ts';
import type { OpenDatabase } from '../platform/db/open.ts';
import type { RequestContext } from '../platform/policy/actor.ts';
import type { Services } from '../server/services.ts';

/**
 * What every `together` command shares: how it is described, how it loads the configuration and the
 * services (only when it runs: `together --help` loads none of them), who it acts as, and its mistakes.
 */

export const loadConfig = async (): Promise<Config> => (await import('../config.ts')).loadConfig();
export const translate = async () => (await import('../platform/i18n/i18n.ts')).translator('en');
export const validated = async <T>(schema: 'organisation' | 'user', input: unknown): Promise<T> => {
  const [{ parse }, { organisationInput, userInput }] = await Promise.all([
    import('../platform/http/validation.ts'),
    import('../modules/organisations/index.ts'),
  ]);
  return parse(schema === 'organisation' ? organisationInput : userInput, input) as T;
};

/** A mistake in how the command was called: one line on stderr, exit 2. */
export class UsageError extends Error {}

export type Command = {
  usage: string;
  help: string;
  options: Record<string, { type: 'string' | 'boolean' }>;
  run: (values: Record<string, string | boolean | undefined>, positionals: string[]) => Promise<number>;
};

// The operator of the server (policy/system-jobs.ts says what that job may do), loaded with the services.
let systemJobContext: typeof import('../platform/policy/actor.ts').systemJobContext;
export const cliContext = (): RequestContext => systemJobContext('operator', { requestId: `cli-${process.pid}-${Date.now()}`, channel: 'cli', language: 'en' });

export async function withServices<T>(config: Config, work: (services: Services, database: OpenDatabase) => Promise<T>): Promise<T> {
  const [{ openDatabase }, { createServices }, jobs] = await Promise.all([
    import('../platform/db/open.ts'),
    import('../server/services.ts'),
    import('../platform/policy/actor.ts'),
  ]);
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
export async function cliActor(
  services: Services,
  values: Record<string, unknown>,
  options: { access: 'read' | 'write'; email: boolean } = { access: 'write', email: true },
) {
  const token = typeof values.token === 'string' ? values.token : process.env.TOGETHER_TOKEN;
  if (token && values.email) throw new UsageError('give --token or --email, not both');
  if (!token) {
    if (!options.email) throw new UsageError("give an administrator's personal access token with --token or TOGETHER_TOKEN");
    return services.organisations.actorForEmail(cliContext(), required(values, 'email'));
  }
  const identity = await services.auth.authenticateBearer(token);
  if (!identity) throw new UsageError('the token is unknown, expired or revoked');
  if (options.access === 'write' && !identity.scopes.includes('write')) throw new UsageError('the token may only read: create one with --access write');
  return identity.actor;
}

export function required(values: Record<string, unknown>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || value.length === 0) throw new UsageError(`missing --${name}`);
  return value;
}

export async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** "30d", "12h" or a number of days. */
export function parseDuration(text: string): number {
  const match = text.match(/^(\d+)([dh]?)$/);
  if (!match) throw new UsageError(`--expires must look like 30d or 12h, not "${text}"`);
  const n = Number(match[1]);
  const ms = match[2] === 'h' ? n * 3600_000 : n * 24 * 3600_000;
  if (n < 1 || ms > 366 * 24 * 3600_000) throw new UsageError('--expires must be between 1h and 366d');
  return ms;
}

export async function serve(config: Config, options: import('../server/serve.ts').ServeOptions): Promise<number> {
  return (await import('../server/serve.ts')).serve(config, options);
}
