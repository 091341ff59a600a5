import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { DataDirInUseError, startEmbedded } from '../../src/platform/db/embedded.ts';
import { Browser, startTestApp, type TestApp } from '../support/app.ts';
import { together } from '../support/cli.ts';
import type { Role } from '../../src/platform/policy/roles.ts';

const lines = (text: string) => text.split('\n').filter((line) => line.length > 0);

describe('the together command', () => {
  let t: TestApp;
  let dataDir: string;
  let env: Record<string, string>;
  const cli = (args: string[], input?: string) => together(args, { env, input });

  before(async () => {
    t = await startTestApp();
    dataDir = mkdtempSync(path.join(tmpdir(), 'together-cli-'));
    env = { DATABASE_URL: t.database.url, DATA_DIR: dataDir };
    await t.organisation('cli-agency', 'agency');
  });
  after(async () => {
    await t.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function signsIn(email: string, password: string): Promise<boolean> {
    const response = await new Browser(t.app).post('/sign-in', { email, password });
    return response.statusCode === 303;
  }

  const me = (token: string) => t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });

  it('explains every command with --help and exits 0', async () => {
    const overview = await cli(['--help']);
    assert.equal(overview.code, 0);
    // Commands are the words after "together" up to the first option or placeholder.
    const commands = lines(overview.stdout)
      .filter((line) => line.startsWith('  together '))
      .map((line) =>
        line
          .trim()
          .split(/\s+/)
          .slice(1)
          .filter((_word, i, words) => words.slice(0, i + 1).every((w) => /^[a-z][a-z-]*$/.test(w))),
      );
    assert.ok(commands.length >= 10, `found only ${commands.length} commands in the help`);
    const runs = await Promise.all(commands.map((words) => cli([...words, '--help'])));
    commands.forEach((words, i) => {
      const run = runs[i]!;
      assert.equal(run.code, 0, `together ${words.join(' ')} --help exited ${run.code}: ${run.stderr}`);
      assert.ok(run.stdout.startsWith(`Usage: together ${words.join(' ')}`), `together ${words.join(' ')} --help: ${run.stdout}`);
      assert.equal(run.stderr, '');
    });
  });

  it('answers a mistake with one line on stderr and a non-zero exit', async () => {
    // Each run starts a whole process, so one of each kind: unknown command, unknown option,
    // missing option, a value the rules refuse, a bad duration, and a record that does not exist.
    const mistakes = [
      ['user', 'remove', '--email', 'a@test.invalid'],
      ['org', 'add', '--slug', 'x', '--colour', 'red'],
      ['org', 'add', '--slug', 'only-a-slug'],
      ['org', 'add', '--slug', 'a-charity', '--name', 'A charity', '--type', 'charity'],
      ['token', 'create', '--email', 'a@test.invalid', '--expires', 'soon'],
      ['user', 'disable', '--email', 'nobody@test.invalid'],
    ];
    const runs = await Promise.all(mistakes.map((args) => cli(args, '')));
    mistakes.forEach((args, i) => {
      const run = runs[i]!;
      const what = `together ${args.join(' ')}`;
      assert.notEqual(run.code, 0, `${what} exited 0`);
      assert.equal(lines(run.stderr).length, 1, `${what} printed: ${run.stderr}`);
      assert.match(run.stderr, /^together: \S/, what);
      assert.doesNotMatch(run.stderr, /\bat \S+:\d+:\d+/, `${what} printed a stack trace`);
      assert.equal(run.stdout, '', what);
    });
    const slugs = await t.database.adminQuery("select slug from organisations where slug in ('only-a-slug', 'a-charity', 'x')");
    assert.equal(slugs.rowCount, 0, 'no mistaken command added anything');
  });

  it('adds an organisation, then a person whose password comes from standard input', async () => {
    const org = await cli(['org', 'add', '--slug', 'cyngor-ceredigion', '--name', 'Cyngor Ceredigion', '--type', 'local_authority', '--region', 'West Wales']);
    assert.equal(org.code, 0, org.stderr);
    const [orgId] = lines(org.stdout);
    assert.match(orgId!, /^[0-9a-f-]{36}$/);
    const stored = await t.database.adminQuery('select slug, type, region from organisations where id = $1', [orgId]);
    assert.deepEqual(stored.rows[0], { slug: 'cyngor-ceredigion', type: 'local_authority', region: 'West Wales' });

    const password = 'a long passphrase from stdin';
    const user = await cli(
      [
        'user',
        'add',
        '--email',
        'Elin.Referrer@Test.invalid',
        '--name',
        'Elin Referrer',
        '--org',
        'cyngor-ceredigion',
        '--role',
        'la_referrer',
        '--language',
        'cy',
      ],
      `${password}\n`,
    );
    assert.equal(user.code, 0, user.stderr);
    assert.equal(lines(user.stdout).length, 1, 'only the new id: the password given is never echoed');
    assert.ok(!user.stdout.includes(password));
    const person = await t.database.adminQuery('select organisation_id, roles, preferred_language from users where id = $1', [lines(user.stdout)[0]]);
    assert.deepEqual(person.rows[0], { organisation_id: orgId, roles: ['la_referrer'], preferred_language: 'cy' });
    assert.ok(await signsIn('elin.referrer@test.invalid', password), 'signs in with the password given');
  });

  it('generates a password when none is given and prints it once', async () => {
    const run = await cli(['user', 'add', '--email', 'dafydd.adopter@test.invalid', '--name', 'Dafydd Adopter', '--org', 'cli-agency', '--role', 'adopter']);
    assert.equal(run.code, 0, run.stderr);
    const [id, passwordLine] = lines(run.stdout);
    assert.match(id!, /^[0-9a-f-]{36}$/);
    const password = passwordLine?.match(/^password: (\S+)$/)?.[1];
    assert.ok(password && password.length >= 12, `a generated password line: ${run.stdout}`);
    assert.equal(run.stdout.split(password).length - 1, 1, 'printed exactly once');
    assert.ok(!run.stderr.includes(password));
    assert.ok(await signsIn('dafydd.adopter@test.invalid', password));
  });

  it('creates a token that opens the API and prints nothing else; revoking it closes the API', async () => {
    const person = await t.user(['family_finder'], await t.organisation('cli-agency', 'agency'));
    const created = await cli(['token', 'create', '--email', person.email, '--name', 'reporting script', '--expires', '7d']);
    assert.equal(created.code, 0, created.stderr);
    assert.match(created.stdout, /^atp_[A-Za-z0-9_-]+\n$/, 'only the token on stdout, so a script can capture it');
    const token = created.stdout.trim();

    const answer = await me(token);
    assert.equal(answer.statusCode, 200);
    assert.equal(JSON.parse(answer.body).email, person.email);

    // The listing says what the token may do in words (the API keeps the codes), in Welsh too, never the token.
    const [listed, listedCy] = await Promise.all([
      cli(['token', 'list', '--email', person.email]),
      cli(['token', 'list', '--email', person.email, '--language', 'cy']),
    ]);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /\treporting script\tAccess: Read only\tExpires: .+\tLast used: .+\tStatus: Active\n$/);
    assert.doesNotMatch(listed.stdout, /\bread\b|atp_/);
    assert.match(listedCy.stdout, /\treporting script\tMynediad: .+\tStatws: .+\n$/);
    assert.doesNotMatch(listedCy.stdout, /Read only|Active/);

    const revoked = await cli(['token', 'revoke', '--email', person.email]);
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.match(revoked.stdout, /Revoked 1 token/);
    assert.equal((await me(token)).statusCode, 401);
  });

  it('prints one queued e-mail to an administrator (outbox show), and to nobody else', async () => {
    const agency = await t.organisation('cli-agency', 'agency');
    const queued = await t.database.adminQuery(
      "insert into outbox (organisation_id, recipient, language, template, subject, body) values ($1, 'morwenna@test.invalid', 'cy', 'portal.invitation', 'Dilynwch eich cais', 'Helo\n\nhttp://localhost:3000/invitations/abc_DEF?lang=cy\n') returning id",
      [agency],
    );
    const id = (queued.rows[0] as { id: string }).id;
    const tokenOf = async (roles: Role[]) => (await cli(['token', 'create', '--email', (await t.user(roles, agency)).email])).stdout.trim();

    const administrator = await tokenOf(['administrator']);
    const shown = await together(['outbox', 'show', id], { env: { ...env, TOGETHER_TOKEN: administrator } });
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, new RegExp(`^Outbox id: ${id}$`, 'm'));
    assert.match(shown.stdout, /^To: morwenna@test\.invalid$/m);
    assert.ok(shown.stdout.includes('http://localhost:3000/invitations/abc_DEF?lang=cy'), shown.stdout);
    const audited = await t.database.adminQuery("select outcome from audit_log where action = 'outbox.view' and resource_id = $1", [id]);
    assert.deepEqual(audited.rows, [{ outcome: 'success' }]);

    for (const roles of [['service_manager'], ['family_finder'], ['social_worker']] as Role[][]) {
      const refused = await cli(['outbox', 'show', id, '--token', await tokenOf(roles)]);
      assert.equal(refused.code, 1, `${roles.join()}: ${refused.stdout}`);
      assert.equal(refused.stdout, '', `${roles.join()} saw the message`);
      assert.match(refused.stderr, /^together: /);
    }
    const anonymous = await cli(['outbox', 'show', id]);
    assert.equal(anonymous.code, 2);
    assert.equal(anonymous.stdout, '');
    assert.match(anonymous.stderr, /--token or TOGETHER_TOKEN/);
    const unknown = await cli(['outbox', 'show', '00000000-0000-4000-8000-000000000000', '--token', administrator]);
    assert.equal(unknown.code, 1);
    assert.equal(unknown.stdout, '');
  });

  it('disables a person: their session ends at their next request and their token stops working', async () => {
    const person = await t.user(['social_worker'], await t.organisation('cli-agency', 'agency'));
    const browser = await t.signIn(person);
    assert.equal((await browser.get('/account')).statusCode, 200);
    const token = (await cli(['token', 'create', '--email', person.email])).stdout.trim();
    assert.equal((await me(token)).statusCode, 200);

    const run = await cli(['user', 'disable', '--email', person.email]);
    assert.equal(run.code, 0, run.stderr);

    const next = await browser.get('/account');
    assert.equal(next.statusCode, 303);
    assert.equal(next.headers.location, '/sign-in?next=%2Faccount');
    assert.equal((await me(token)).statusCode, 401);
    assert.equal(await signsIn(person.email, 'correct horse battery staple'), false, 'and cannot sign in again');
  });

  it('verifies the audit log: exit 0 when intact, exit 1 naming the entry after tampering', async () => {
    const intact = await cli(['audit', 'verify']);
    assert.equal(intact.code, 0, intact.stderr);
    assert.match(intact.stdout, /intact/);

    const target = (await t.database.adminQuery("select id, action from audit_log where action = 'users.create' order by id limit 1")).rows[0] as {
      id: string;
      action: string;
    };
    const tamper = async (action: string) => {
      await t.database.adminQuery('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
      try {
        await t.database.adminQuery('update audit_log set action = $2 where id = $1', [target.id, action]);
      } finally {
        await t.database.adminQuery('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
      }
    };
    await tamper('organisations.list');
    try {
      const broken = await cli(['audit', 'verify']);
      assert.equal(broken.code, 1);
      assert.match(broken.stdout, new RegExp(`BROKEN at entry ${target.id}\\b`));
      // The result is kept for the administrator's home page: when, that it failed, and where.
      const kept = (await t.database.adminQuery('select passed, broken_at::text, channel from audit_verifications order by id desc limit 1')).rows[0];
      assert.deepEqual(kept, { passed: false, broken_at: String(target.id), channel: 'cli' });
    } finally {
      await tamper(target.action);
    }
    assert.equal((await cli(['audit', 'verify'])).code, 0, 'restored, it is intact again');
  });
});

describe('the together command beside a running embedded server', () => {
  it('migrates and adds an organisation through the cluster another process owns, which refuses a second owner', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'together-embedded-'));
    // As root, PostgreSQL runs as the "postgres" user, who must be able to reach the folder.
    chmodSync(dataDir, 0o755);
    const server = await startEmbedded(dataDir, { shareRunning: false });
    try {
      const env = { DATA_DIR: dataDir };
      const migrated = await together(['migrate'], { env });
      assert.equal(migrated.code, 0, migrated.stderr);
      assert.match(migrated.stdout, /Migrations applied/);

      const added = await together(['org', 'add', '--slug', 'embedded-agency', '--name', 'Embedded Agency', '--type', 'agency'], { env });
      assert.equal(added.code, 0, added.stderr);
      const client = new pg.Client({ connectionString: server.url });
      await client.connect();
      try {
        const found = await client.query('select id, name from organisations where slug = $1', ['embedded-agency']);
        assert.deepEqual(found.rows, [{ id: added.stdout.trim(), name: 'Embedded Agency' }]);
      } finally {
        await client.end();
      }

      await assert.rejects(startEmbedded(dataDir, { shareRunning: false }), (error: unknown) => {
        assert.ok(error instanceof DataDirInUseError, String(error));
        assert.ok(error.message.includes(dataDir), error.message);
        return true;
      });
    } finally {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
