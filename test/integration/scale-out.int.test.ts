/**
 * Several app processes on one PostgreSQL, as the compose file runs them: two `together migrate`
 * started at once apply each migration once (an advisory lock), and two `together serve` processes
 * on two ports share everything a person notices: a session made on one works on the other, the
 * sign-in and enquiry limits count across both, and the audit chain holds after both wrote at once.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { codeSchemaVersion } from '../../src/platform/db/migrate.ts';
import { startTestApp, TEST_PASSWORD, type TestApp, type TestUser } from '../support/app.ts';
import { together } from '../support/cli.ts';
import { serverUrl } from '../support/database.ts';

const root = path.resolve(import.meta.dirname, '../..');
const CHECKPOINT_KEY = 'test-checkpoint-key-that-is-long-enough';

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

type Served = { child: ChildProcess; base: string; exited: Promise<number | null>; output: () => string };

/** `together serve` on a port of its own, on the test's database; waits (bounded) for /readyz. */
async function startServe(databaseUrl: string, appPassword: string, dataDir: string): Promise<Served> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value !== undefined && !/^(DATABASE_URL|DATA_DIR|TEST_|NODE_TEST|PORT|NODE_ENV|SMTP_URL|MAIL_FROM)/.test(key)) env[key] = value;
  }
  const port = await freePort();
  const child = spawn(process.execPath, ['bin/together.js', 'serve'], {
    cwd: root,
    env: {
      ...env,
      DATABASE_URL: databaseUrl,
      APP_DATABASE_PASSWORD: appPassword,
      DATA_DIR: dataDir,
      PORT: String(port),
      // Both processes are one deployment: one session secret, behind one proxy that names the client.
      SESSION_SECRET: 'scale-out-test-session-secret-long-enough',
      TRUST_PROXY: 'true',
      AUDIT_CHECKPOINT_KEY: CHECKPOINT_KEY,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;
  let gone = false;
  void exited.then(() => (gone = true));
  for (let i = 0; ; i++) {
    if (gone) throw new Error(`serve exited before it was ready: ${output}`);
    if (i > 1200) throw new Error(`serve was not ready: ${output}`);
    const ready = await fetch(`${base}/readyz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ready) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { child, base, exited, output: () => output };
}

/** A cookie-keeping client over real HTTP, with a client address for the proxy header. */
class HttpBrowser {
  private cookies = new Map<string, string>();
  constructor(private readonly address: string) {}

  /** Another browser holding the same cookies (a copy of the session cookie kept aside). */
  clone(): HttpBrowser {
    const copy = new HttpBrowser(this.address);
    for (const [k, v] of this.cookies) copy.cookies.set(k, v);
    return copy;
  }

  private remember(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const [name, ...value] = pair!.split('=');
      if (value.join('=') === '' || /max-age=0/i.test(line)) this.cookies.delete(name!.trim());
      else this.cookies.set(name!.trim(), value.join('='));
    }
  }

  private headers(extra: Record<string, string> = {}) {
    return { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-forwarded-for': this.address, ...extra };
  }

  async get(url: string): Promise<Response> {
    const response = await fetch(url, { headers: this.headers(), redirect: 'manual' });
    this.remember(response);
    return response;
  }

  async post(url: string, form: Record<string, string>, csrfFrom: string): Promise<Response> {
    const page = await (await this.get(csrfFrom)).text();
    const csrf = page.match(/name="_csrf" value="([^"]+)"/)?.[1];
    const body = new URLSearchParams({ ...(csrf ? { _csrf: csrf } : {}), ...form });
    const response = await fetch(url, {
      method: 'POST',
      headers: this.headers({ 'content-type': 'application/x-www-form-urlencoded' }),
      body: body.toString(),
      redirect: 'manual',
    });
    this.remember(response);
    return response;
  }

  /**
   * A form sent as a browser's own navigation (Sec-Fetch-Mode: navigate). Over node:http, not fetch:
   * fetch sends its own `sec-fetch-mode: cors` whatever it is given.
   */
  async navigatePost(url: string, form: Record<string, string>, csrfFrom: string): Promise<{ status: number; location: string | undefined }> {
    const page = await (await this.get(csrfFrom)).text();
    const csrf = page.match(/name="_csrf" value="([^"]+)"/)?.[1];
    const body = new URLSearchParams({ ...(csrf ? { _csrf: csrf } : {}), ...form }).toString();
    const headers = this.headers({ 'content-type': 'application/x-www-form-urlencoded', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' });
    const answer = await new Promise<http.IncomingMessage>((resolve, reject) => {
      const request = http.request(url, { method: 'POST', headers }, resolve);
      request.on('error', reject);
      request.end(body);
    });
    answer.resume();
    for (const line of answer.headers['set-cookie'] ?? []) {
      const [name, ...value] = line.split(';')[0]!.split('=');
      this.cookies.set(name!.trim(), value.join('='));
    }
    return { status: answer.statusCode ?? 0, location: answer.headers.location };
  }
}

const enquiry = (n: number) =>
  JSON.stringify({
    givenNames: 'Synthetic',
    familyName: `Enquirer ${n}`,
    email: `scale.${n}@example.invalid`,
    postcode: 'cf10 1aa',
    preferredLanguage: 'en',
    consent: true,
  });

const enquire = (base: string, n: number, address: string) =>
  fetch(`${base}/api/v1/enquiries`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': address }, body: enquiry(n) });

describe('two app processes on one database', () => {
  let t: TestApp;
  let dataDir: string;
  let adopter: TestUser;
  const servers: Served[] = [];
  const drops: (() => Promise<void>)[] = [];

  before(async () => {
    t = await startTestApp();
    dataDir = mkdtempSync(path.join(tmpdir(), 'together-scale-'));
    const agency = await t.organisation('scale-agency', 'agency');
    adopter = await t.user(['adopter'], agency);
    await t.user(['adopter'], agency, 'locked.adopter@example.invalid');
    // Two processes starting at the same moment, as a deployment's do.
    servers.push(...(await Promise.all([0, 1].map(() => startServe(t.database.url, t.database.appPassword, dataDir)))));
  });
  after(async () => {
    for (const server of servers) {
      server.child.kill('SIGTERM');
      await server.exited;
    }
    for (const drop of drops) await drop();
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs each migration once when two migrators start at the same moment', async () => {
    const name = `together_migrate_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl() });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    drops.push(async () => {
      const client = new pg.Client({ connectionString: serverUrl() });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    });
    const url = new URL(serverUrl());
    url.pathname = `/${name}`;
    const env = { DATABASE_URL: url.toString(), DATA_DIR: dataDir, APP_DATABASE_PASSWORD: t.database.appPassword };
    const runs = await Promise.all([together(['migrate'], { env }), together(['migrate'], { env })]);
    for (const run of runs) assert.equal(run.code, 0, run.stderr);
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      const { rows } = await client.query<{ n: number; distinct: number }>(
        'select count(*)::int as n, count(distinct created_at)::int as distinct from drizzle.__drizzle_migrations',
      );
      const code = await codeSchemaVersion();
      assert.deepEqual(rows[0], { n: code.migrations, distinct: code.migrations });
    } finally {
      await client.end();
    }
  });

  it('keeps a session made on one process signed in on the other', async () => {
    const [a, b] = servers as [Served, Served];
    const browser = new HttpBrowser('203.0.113.20');
    const signedIn = await browser.post(`${a.base}/sign-in`, { email: adopter.email, password: TEST_PASSWORD }, `${a.base}/sign-in`);
    assert.equal(signedIn.status, 303, await signedIn.text());
    const home = await browser.get(`${b.base}/`);
    assert.equal(home.status, 200, `the other process sent ${home.status} ${home.headers.get('location')}`);
    // Signing out on the second ends the session on the first too, even for a copy of its cookie.
    const kept = browser.clone();
    const out = await browser.post(`${b.base}/sign-out`, {}, `${b.base}/`);
    assert.equal(out.status, 200);
    const after = await kept.get(`${a.base}/`);
    assert.equal(after.status, 303);
    assert.match(after.headers.get('location') ?? '', /^\/sign-in/);
  });

  it('shows a form sent back with its mistakes on one process at the GET the other answers', async () => {
    const [a, b] = servers as [Served, Served];
    const browser = new HttpBrowser('203.0.113.40');
    const sent = await browser.navigatePost(
      `${a.base}/enquire`,
      { givenNames: 'Synthetic', familyName: 'Kept', email: 'kept@example.invalid' },
      `${a.base}/enquire`,
    );
    assert.deepEqual(sent, { status: 303, location: '/enquire' }, 'answered with a redirect to the form’s page');
    const shown = await browser.get(`${b.base}/enquire`);
    assert.equal(shown.status, 400);
    assert.match(await shown.text(), /value="Kept"/);
  });

  it('counts failed sign-ins and enquiries across both processes', async () => {
    const [a, b] = servers as [Served, Served];
    const attempt = (base: string) =>
      new HttpBrowser('203.0.113.30').post(`${base}/sign-in`, { email: 'locked.adopter@example.invalid', password: 'not the password' }, `${base}/sign-in`);
    const failures = [];
    for (const base of [a.base, b.base, a.base, b.base, a.base]) failures.push((await attempt(base)).status);
    assert.deepEqual(failures, [401, 401, 401, 401, 401]);
    // The sixth, on the process that saw only two of the five, is refused, even with the right password.
    const sixth = await new HttpBrowser('203.0.113.31').post(
      `${b.base}/sign-in`,
      { email: 'locked.adopter@example.invalid', password: TEST_PASSWORD },
      `${b.base}/sign-in`,
    );
    assert.equal(sixth.status, 429);

    const statuses = [];
    for (const [i, base] of [a.base, b.base, a.base, b.base, a.base, b.base].entries()) statuses.push((await enquire(base, 100 + i, '198.51.100.77')).status);
    assert.deepEqual(statuses, [202, 202, 202, 202, 202, 429]);

    // Ten at the same moment from one address, five to each process: exactly five get through.
    const burst = await Promise.all(Array.from({ length: 10 }, (_, i) => enquire(i % 2 ? a.base : b.base, 200 + i, '198.51.100.78')));
    const accepted = burst.filter((r) => r.status === 202).length;
    assert.equal(accepted, 5, burst.map((r) => r.status).join(', '));
    assert.ok(burst.every((r) => r.status === 202 || r.status === 429));
  });

  it('keeps the audit chain whole after both processes wrote at the same time', async () => {
    const [a, b] = servers as [Served, Served];
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => enquire(i % 2 ? a.base : b.base, 1000 + i, `192.0.2.${i + 1}`)));
    assert.deepEqual(
      answers.map((r) => r.status),
      answers.map(() => 202),
    );
    const { rows } = await t.database.adminQuery(`select count(*)::int as n from enquiries where email like 'scale.10__@example.invalid'`);
    assert.equal(rows[0].n, 40);
    const verified = await together(['audit', 'verify'], {
      env: { DATABASE_URL: t.database.url, DATA_DIR: dataDir, APP_DATABASE_PASSWORD: t.database.appPassword, AUDIT_CHECKPOINT_KEY: CHECKPOINT_KEY },
    });
    assert.equal(verified.code, 0, verified.stdout + verified.stderr);
    assert.match(verified.stdout, /Audit log intact/);
    for (const server of servers) assert.doesNotMatch(server.output(), /"level":50|Error/, server.output());
  });
});
