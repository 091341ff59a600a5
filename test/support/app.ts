import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { loadConfig, type Config } from '../../src/config.ts';
import { buildApp } from '../../src/server/app.ts';
import { createServices, type Services } from '../../src/server/services.ts';
import type { RequestContext } from '../../src/platform/policy/actor.ts';
import { fixturesContext } from './system.ts';
import { TOTP_DRIFT_STEPS, newTotpSecret, totpForStep, totpStep } from '../../src/platform/auth/totp.ts';
import { needsSecondFactor, type Role } from '../../src/platform/policy/roles.ts';
import type { OrganisationType } from '../../src/platform/auth/schema.ts';
import { createTestDatabase, filledTemplate, type TestDatabase } from './database.ts';
import { seedDemo, type DemoSignIn } from '../../src/demo.ts';
import { dateInWales } from '../../src/platform/dates/dates.ts';
import { allRoutes } from '../../src/server/registry.ts';
import { checkResponses } from './response-check.ts';

export const TEST_PASSWORD = 'correct horse battery staple';

export type TestUser = { id: string; email: string; roles: Role[]; organisationId: string; totpSecret?: string };

export type TestApp = {
  app: FastifyInstance;
  services: Services;
  database: TestDatabase;
  config: Config;
  system: RequestContext;
  organisation: (slug: string, type: OrganisationType) => Promise<string>;
  user: (roles: Role[], organisationId: string, email?: string) => Promise<TestUser>;
  /** Signs the person in from a new browser (one that says it is `userAgent`, when given). */
  signIn: (user: TestUser, options?: { userAgent?: string }) => Promise<Browser>;
  /**
   * A code from the user's authenticator app that the service has not accepted yet: each code is
   * good once, so signing the same person in again within 30 s needs the next one (or, when the
   * service has accepted every code of now, the harness forgets the ones it used, not waiting).
   */
  nextCode: (user: TestUser) => Promise<string>;
  token: (user: TestUser, access?: 'read' | 'write') => Promise<string>;
  close: () => Promise<void>;
};

/** A cookie-keeping client over app.inject, like a browser that submits forms. */
export class Browser {
  private cookies = new Map<string, string>();
  /** Headers every request sends, as a browser sends its user agent. */
  constructor(
    private readonly app: FastifyInstance,
    private readonly headers: Record<string, string> = {},
  ) {}

  private remember(response: LightMyRequestResponse) {
    for (const cookie of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = cookie.maxAge === 0 || (cookie.expires && cookie.expires.getTime() < Date.now()) || cookie.value === '';
      if (expired) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
  }

  /**
   * The same browser (its cookies, shared) sending what a browser sends with its own navigations,
   * a form sent or a link followed: such a form sent back with its mistakes is answered with a
   * redirect to its page (POST-redirect-GET, src/server/form-replay.ts), not with the page itself.
   */
  navigating(): Browser {
    const copy = new Browser(this.app, { ...this.headers, 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document', 'sec-fetch-site': 'same-origin' });
    copy.cookies = this.cookies;
    return copy;
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(url: string, headers: Record<string, string> = {}): Promise<LightMyRequestResponse> {
    const response = await this.app.inject({ method: 'GET', url, headers: { ...this.headers, cookie: this.cookieHeader(), ...headers } });
    this.remember(response);
    return response;
  }

  /** The CSRF token of the form on a page. */
  async csrfFrom(url: string): Promise<string> {
    const page = await this.get(url);
    const match = page.body.match(/name="_csrf" value="([^"]+)"/);
    if (!match) throw new Error(`no form with a CSRF token on ${url} (status ${page.statusCode})`);
    return match[1]!;
  }

  async post(url: string, form: Record<string, string | string[]>, options: { csrfFrom?: string; csrf?: string | null } = {}): Promise<LightMyRequestResponse> {
    const csrf = options.csrf === null ? undefined : (options.csrf ?? (await this.csrfFrom(options.csrfFrom ?? url)));
    const body = new URLSearchParams();
    if (csrf) body.append('_csrf', csrf);
    for (const [key, value] of Object.entries(form)) for (const v of [value].flat()) body.append(key, v);
    const response = await this.app.inject({
      method: 'POST',
      url,
      headers: { ...this.headers, cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
    this.remember(response);
    return response;
  }
}

let counter = 0;

/** Every file the demo's seeding depends on, hashed: a change to any names a new demo template. */
function sourceHash(): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else hash.update(full).update(readFileSync(full));
    }
  };
  for (const dir of ['src', 'migrations']) walk(path.join(import.meta.dirname, '..', '..', dir));
  return hash.digest('hex');
}

/**
 * The demo (`seedDemo` with seed 1, as `npm run demo` fills it, or a smaller one as `size` says),
 * seeded once per server, source and day into a template database, for the files that test against
 * it: each still gets a database of its own (a copy), where seeding it again took each of them half a
 * minute or more of a busy machine. The seeding is the real one (it must create the demo, not find it);
 * the files it left in its data folder (the sign-ins it printed) are kept with the template, so each
 * copy gets a data folder as the seed left it.
 */
async function demoTemplate(size: DemoSize): Promise<{ template: string; signIns: DemoSignIn[]; files: Record<string, string> }> {
  const key = `demo ${JSON.stringify(size)}, sign-ins and data folder, ${sourceHash()}`;
  const { name, facts } = await filledTemplate(key, dateInWales(new Date()), async (database) => {
    const t = await startTestApp({ database });
    const dataDir = mkdtempSync(path.join(tmpdir(), 'together-demo-template-'));
    try {
      const seeded = await seedDemo(t.services, dataDir, size);
      if (!seeded.created) throw new Error('seedDemo found a demo in a fresh database instead of creating one');
      const files = Object.fromEntries(readdirSync(dataDir).map((file) => [file, readFileSync(path.join(dataDir, file), 'utf8')]));
      return JSON.stringify({ signIns: seeded.signIns, files });
    } finally {
      await t.app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
  return { template: name, ...(JSON.parse(facts) as { signIns: DemoSignIn[]; files: Record<string, string> }) };
}

/** What `seedDemo` is asked for: the demo's seed, and how many children and families when not the demo's own. */
export type DemoSize = { seed: number; children?: number; families?: number };

/** A demo small enough for the files that move all of it (backup and restore, transfer), the same for both. */
export const SMALL_DEMO: DemoSize = { seed: 7, children: 6, families: 4 };

/**
 * A test app on the demo's data (a copy of it of its own; `size` for a smaller demo than `npm run
 * demo`'s), with the demo people's sign-ins and `dataDir`, a data folder of its own holding what the
 * seeding left there (removed by `close`).
 */
export async function startDemoApp(
  options: { env?: Record<string, string>; size?: DemoSize } = {},
): Promise<TestApp & { signIns: DemoSignIn[]; dataDir: string }> {
  const { template, signIns, files } = await demoTemplate(options.size ?? { seed: 1 });
  const t = await startTestApp({ env: options.env, database: await createTestDatabase({ template }) });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'together-demo-'));
  for (const [file, content] of Object.entries(files)) writeFileSync(path.join(dataDir, file), content, { mode: 0o600 });
  const close = t.close;
  return Object.assign(t, {
    signIns,
    dataDir,
    close: async () => {
      await close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

/**
 * A test app on a fresh database; `env` adds settings as the environment would give them (e.g. the
 * OIDC_* ones); `database` when the database is made elsewhere (the demo's copy).
 */
export async function startTestApp(options: { env?: Record<string, string>; database?: TestDatabase } = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const config: Config = {
    ...loadConfig({
      DATA_DIR: '/tmp/together-test-unused',
      SESSION_SECRET: 'test-secret-that-is-long-enough-to-pass',
      LOG_LEVEL: 'silent',
      // Each test database its own checkpoint file, so one test's checkpoints never judge another's chain.
      AUDIT_CHECKPOINT_FILE: `/tmp/together-test-unused/checkpoints-${database.name}.jsonl`,
      AUDIT_CHECKPOINT_KEY: 'test-checkpoint-key-that-is-long-enough',
      RESEARCH_PSEUDONYM_SECRET: 'test-research-pseudonym-secret-long-enough',
      ...options.env,
    }),
  };
  const services = createServices(database, config);
  const app = await buildApp(services, config, { logger: false });
  // Every test that calls the API also checks that each answer is what its route documents.
  checkResponses(app, allRoutes(services));
  await app.ready();
  const system: RequestContext = fixturesContext();
  const organisations = new Map<string, string>();

  const testApp: TestApp = {
    app,
    services,
    database,
    config,
    system,
    async organisation(slug, type) {
      const existing = organisations.get(slug);
      if (existing) return existing;
      const created = await services.organisations.createOrganisation(system, { slug, name: `Test ${slug}`, type, region: null });
      organisations.set(slug, created.id);
      return created.id;
    },
    async user(roles, organisationId, email) {
      const totpSecret = needsSecondFactor(roles) ? newTotpSecret() : undefined;
      const address = email ?? `person${++counter}.${Date.now().toString(36)}@test.invalid`;
      const created = await services.organisations.createUser(
        system,
        { email: address, name: `Test Person ${counter}`, organisationId, roles, preferredLanguage: 'en', password: TEST_PASSWORD },
        { totpSecret },
      );
      return { id: created.id, email: address, roles, organisationId, totpSecret };
    },
    async signIn(user, options = {}) {
      const browser = new Browser(app, options.userAgent === undefined ? {} : { 'user-agent': options.userAgent });
      const response = await browser.post('/sign-in', { email: user.email, password: TEST_PASSWORD });
      if (response.statusCode !== 303) throw new Error(`sign-in failed: ${response.statusCode}`);
      if (user.totpSecret) {
        const second = await browser.post('/sign-in/second-factor', { code: await testApp.nextCode(user) });
        if (second.statusCode !== 303) throw new Error(`second factor failed: ${second.statusCode}`);
      }
      return browser;
    },
    async nextCode(user) {
      if (!user.totpSecret) throw new Error(`${user.email} has no authenticator app`);
      const { rows } = await database.adminQuery('select totp_last_step from users where id = $1', [user.id]);
      const last = rows[0]?.totp_last_step == null ? undefined : Number(rows[0].totp_last_step);
      const now = totpStep();
      // Never the previous step's code: it could expire between here and the check.
      const step = last === undefined ? now : Math.max(now, last + 1);
      if (step <= now + TOTP_DRIFT_STEPS) return totpForStep(user.totpSecret, step);
      // Every code the service accepts right now was used. A person would wait up to 30 s for the
      // next one; a test signing the same person in again (a page per language, per step) has no
      // reason to, so the harness forgets the steps used since the current one. The rule that a
      // code is good once is tested on its own, through the sign-in form (sign-in.int.test.ts).
      await database.adminQuery('update users set totp_last_step = $2 where id = $1', [user.id, now - 1]);
      return totpForStep(user.totpSecret, now);
    },
    async token(user, access = 'write') {
      return services.auth.createAccessToken(system, user.id, {
        name: 'test',
        scopes: access === 'write' ? ['read', 'write'] : ['read'],
        expiresAt: new Date(Date.now() + 3600_000),
      });
    },
    async close() {
      await app.close();
      await database.drop();
      rmSync(config.auditCheckpoint.file, { force: true });
    },
  };
  return testApp;
}
