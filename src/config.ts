import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** The only reader of process.env: everything else receives a typed Config. */
const booleanish = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes');

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// connection URL')
    .optional(),
  /** The password of the app's login role together_app (set by the migrator); see appPasswordFor. */
  APP_DATABASE_PASSWORD: z.string().min(16, 'must be at least 16 characters').optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: booleanish.default(false),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Signs checkpoints of the audit chain (kept outside the database); generated into DATA_DIR when unset. */
  AUDIT_CHECKPOINT_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Where signed checkpoints are appended: another disk or mount is better than the database's. */
  AUDIT_CHECKPOINT_FILE: z.string().min(1).optional(),
  AUDIT_CHECKPOINT_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(10),
  /** Idle minutes after which a signed-in session ends. */
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  /** The default number of days before a training session its booked places are reminded, for an agency that has not chosen its own on /training/settings (training/reminders-service.ts). */
  TRAINING_REMINDER_DAYS: z.coerce.number().int().min(1).max(60).default(7),
  /**
   * The secret every research agreement's pseudonym key is derived from (research/keys.ts); generated
   * into DATA_DIR when unset. Keep it with the server's other secrets: never in the repository.
   */
  RESEARCH_PSEUDONYM_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /**
   * A command that scans an uploaded document (file on stdin; exit 0 clean, 1 infected), e.g.
   * "clamdscan --no-summary --fdpass -". Unset: no scan (src/platform/documents/README.md).
   */
  DOCUMENT_SCAN_COMMAND: z.string().min(1).optional(),
  /** Where e-mail goes out: an SMTP relay (smtp://user:pass@host:587, smtps://... for TLS from the start). */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/]+/, 'must be an smtp:// or smtps:// URL')
    .optional(),
  /** Or an HTTP e-mail API: each message is POSTed as JSON to this URL (see platform/mail/sender.ts)... */
  MAIL_API_URL: z
    .string()
    .regex(/^https?:\/\/[^/]+/, 'must be an http:// or https:// URL')
    .optional(),
  /** ...with this bearer token. */
  MAIL_API_TOKEN: z.string().min(8, 'must be at least 8 characters').optional(),
  /** The sender's address on every e-mail ("Adopting Together <no-reply@agency.example>"). */
  MAIL_FROM: z
    .string()
    .regex(/^(.+<)?[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+>?$/, 'must be an e-mail address')
    .optional(),
  /**
   * Staff sign-in through the agency's identity provider (OpenID Connect: Microsoft Entra ID, Google
   * Workspace, ...). All of ISSUER_URL, CLIENT_ID, CLIENT_SECRET, REDIRECT_URL and ORGANISATION, or none.
   */
  OIDC_ISSUER_URL: z.url({ error: 'must be the identity provider’s issuer URL' }).optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  /** Issued by the identity provider to this installation: from the environment or a secret store, never the repository. */
  OIDC_CLIENT_SECRET: z.string().min(8, 'must be at least 8 characters').optional(),
  /** This service's address the provider sends people back to: https://<host>/sign-in/organisation/callback, registered with the provider. */
  OIDC_REDIRECT_URL: z
    .url({ error: 'must be a URL ending /sign-in/organisation/callback' })
    .refine((v) => new URL(v).pathname === '/sign-in/organisation/callback', 'must be a URL ending /sign-in/organisation/callback')
    .optional(),
  /** The organisation (its slug) whose staff sign in this way: an e-mail address is matched only to that organisation's accounts. */
  OIDC_ORGANISATION: z.string().min(1).optional(),
  /** E-mail domains the provider may vouch for, comma-separated (stdavids.example,familyplace.example); unset: any. */
  /**
   * true: OIDC_ORGANISATION's staff must sign in through its provider; their e-mail and password are
   * refused (adopters and every other organisation keep their passwords). One provider per installation.
   */
  OIDC_REQUIRED: z.enum(['true', 'false'], { error: 'must be true or false' }).default('false'),
  /**
   * Who does the staff's second factor after a sign-in through the provider: `claims` (the default)
   * asks for the platform's authenticator code unless the ID token's `amr` says the provider used a
   * second factor; `provider` never asks (the provider is known to require one for everybody);
   * `platform` always asks.
   */
  OIDC_SECOND_FACTOR: z.enum(['claims', 'provider', 'platform'], { error: 'must be claims, provider or platform' }).default('claims'),
  OIDC_ALLOWED_DOMAINS: z
    .string()
    .regex(/^\s*[a-z0-9.-]+\.[a-z]{2,}\s*(,\s*[a-z0-9.-]+\.[a-z]{2,}\s*)*$/i, 'must be e-mail domains separated by commas')
    .optional(),
});

/** The identity provider staff of one organisation sign in through (OpenID Connect, authorisation code with PKCE). */
export type OrganisationSignInConfig = {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  redirectUrl: URL;
  organisationSlug: string;
  /** Lower-case e-mail domains accepted; empty: any address the provider vouches for. */
  allowedDomains: string[];
  /** The organisation's staff may not sign in with a password (OIDC_REQUIRED). */
  required: boolean;
  /** Whether the platform asks for its own authenticator code after the provider (OIDC_SECOND_FACTOR). */
  secondFactor: 'claims' | 'provider' | 'platform';
};

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  appDatabasePassword: string | undefined;
  dataDir: string;
  sessionSecret: string;
  logLevel: z.infer<typeof envSchema>['LOG_LEVEL'];
  trustProxy: boolean;
  production: boolean;
  sessionIdleMinutes: number;
  trainingReminderDays: number;
  auditCheckpoint: { file: string; key: string | undefined; minutes: number };
  researchPseudonymSecret: string | undefined;
  /** How `serve` delivers the outbox: SMTP, an HTTP e-mail API, or (development only) the log, by outbox id. */
  mail: { kind: 'smtp'; url: string; from: string } | { kind: 'http'; url: string; token: string; from: string } | { kind: 'development' };
  documentScanCommand: string | undefined;
  /** Staff sign-in through the organisation's identity provider; undefined: e-mail and password only. */
  oidc: OrganisationSignInConfig | undefined;
};

export class ConfigError extends Error {}

/** Reads and validates configuration; a bad value names the variable and stops start-up. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(`Configuration error: ${String(issue.path[0])} ${issue.message}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  if (e.SMTP_URL && !e.MAIL_FROM) throw new ConfigError('Configuration error: MAIL_FROM must be set when SMTP_URL is (the sender of every e-mail)');
  if (e.SMTP_URL && e.MAIL_API_URL) throw new ConfigError('Configuration error: MAIL_API_URL must not be set when SMTP_URL is (choose one way to send e-mail)');
  if (e.MAIL_API_URL && !e.MAIL_API_TOKEN) throw new ConfigError('Configuration error: MAIL_API_TOKEN must be set when MAIL_API_URL is');
  if (e.MAIL_API_URL && !e.MAIL_FROM) throw new ConfigError('Configuration error: MAIL_FROM must be set when MAIL_API_URL is (the sender of every e-mail)');
  // In production an invitation must reach the person; the development sender only notes it happened.
  if (production && !e.SMTP_URL && !e.MAIL_API_URL)
    throw new ConfigError('Configuration error: SMTP_URL must be set when NODE_ENV is production (no e-mail could be sent), or MAIL_API_URL');
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    appDatabasePassword: e.APP_DATABASE_PASSWORD,
    dataDir,
    sessionSecret: e.SESSION_SECRET ?? sessionSecretFromDataDir(dataDir),
    logLevel: e.LOG_LEVEL,
    trustProxy: e.TRUST_PROXY,
    production,
    sessionIdleMinutes: e.SESSION_IDLE_MINUTES,
    trainingReminderDays: e.TRAINING_REMINDER_DAYS,
    auditCheckpoint: {
      file: path.resolve(e.AUDIT_CHECKPOINT_FILE ?? path.join(dataDir, 'audit-checkpoints.jsonl')),
      key: e.AUDIT_CHECKPOINT_KEY,
      minutes: e.AUDIT_CHECKPOINT_MINUTES,
    },
    researchPseudonymSecret: e.RESEARCH_PSEUDONYM_SECRET,
    mail:
      e.SMTP_URL && e.MAIL_FROM
        ? { kind: 'smtp', url: e.SMTP_URL, from: e.MAIL_FROM }
        : e.MAIL_API_URL && e.MAIL_API_TOKEN && e.MAIL_FROM
          ? { kind: 'http', url: e.MAIL_API_URL, token: e.MAIL_API_TOKEN, from: e.MAIL_FROM }
          : { kind: 'development' },
    documentScanCommand: e.DOCUMENT_SCAN_COMMAND,
    oidc: organisationSignInFrom(e, production),
  };
}

const OIDC_SETTINGS = ['OIDC_ISSUER_URL', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_REDIRECT_URL', 'OIDC_ORGANISATION'] as const;

/** All the OIDC settings or none; plain http only to a provider on this machine, and never in production. */
function organisationSignInFrom(e: z.infer<typeof envSchema>, production: boolean): OrganisationSignInConfig | undefined {
  const given = OIDC_SETTINGS.filter((name) => e[name] !== undefined);
  if (given.length === 0) {
    if (e.OIDC_ALLOWED_DOMAINS) throw new ConfigError('Configuration error: OIDC_ALLOWED_DOMAINS is set but OIDC_ISSUER_URL is not');
    // Requiring a provider that is not there would lock the staff out, not protect them.
    if (e.OIDC_REQUIRED === 'true') throw new ConfigError('Configuration error: OIDC_REQUIRED is true but OIDC_ISSUER_URL is not set');
    return undefined;
  }
  const missing = OIDC_SETTINGS.find((name) => e[name] === undefined);
  if (missing) throw new ConfigError(`Configuration error: ${missing} must be set when ${given[0]} is (staff sign-in through the organisation’s provider)`);
  const issuer = new URL(e.OIDC_ISSUER_URL!);
  const redirectUrl = new URL(e.OIDC_REDIRECT_URL!);
  for (const [name, url] of [
    ['OIDC_ISSUER_URL', issuer],
    ['OIDC_REDIRECT_URL', redirectUrl],
  ] as const) {
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    if (url.protocol !== 'https:' && (url.protocol !== 'http:' || !loopback || production)) {
      throw new ConfigError(`Configuration error: ${name} must be an https:// URL (plain http only to this machine, outside production)`);
    }
  }
  return {
    issuer,
    clientId: e.OIDC_CLIENT_ID!,
    clientSecret: e.OIDC_CLIENT_SECRET!,
    redirectUrl,
    organisationSlug: e.OIDC_ORGANISATION!,
    allowedDomains: (e.OIDC_ALLOWED_DOMAINS ?? '')
      .split(',')
      .map((d) => d.trim().toLowerCase())
      .filter(Boolean),
    required: e.OIDC_REQUIRED === 'true',
    secondFactor: e.OIDC_SECOND_FACTOR,
  };
}

/** When SESSION_SECRET is unset, one is generated once into the data folder (never into the repo). */
function sessionSecretFromDataDir(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}

/** Where integration tests find the external server (second pass). */
export function testDatabaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
}
