import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'drizzle-orm';
import { inActorTransaction } from '../../src/platform/db/transaction.ts';
import { recordAudit } from '../../src/platform/audit/audit.ts';
import { fixturesActor } from '../support/system.ts';
import { translator } from '../../src/platform/i18n/i18n.ts';
import { auditNameKey } from '../../src/platform/audit/names.ts';
import { addDays, dateInWales } from '../../src/platform/dates/dates.ts';
import { startTestApp, TEST_PASSWORD, type Browser, type TestApp, type TestUser } from '../support/app.ts';
import { rejectsWithDatabaseError } from '../support/assertions.ts';

type AuditRow = {
  id: string;
  user_id: string | null;
  organisation_id: string | null;
  action: string;
  resource_type: string | null;
  resource_id: string | null;
  outcome: string;
  channel: string;
  detail: Record<string, unknown> | null;
};

/** A person whose name and e-mail are easy to spot if they ever leak into the log. */
const PERSON = { name: 'Gwenllian Audit-Subject', email: 'gwenllian.subject@test.invalid' };

describe('audit log', () => {
  let t: TestApp;
  let agency: string;
  let council: string;
  let admin: TestUser;
  let adminBrowser: Browser;
  let adminCsrf: string;
  let adminToken: string;
  let familyFinder: TestUser;
  let personId: string;

  before(async () => {
    t = await startTestApp();
    agency = await t.organisation('audit-agency', 'agency');
    council = await t.organisation('audit-council', 'local_authority');
    admin = await t.user(['administrator'], agency);
    familyFinder = await t.user(['family_finder'], agency);
    const created = await t.services.organisations.createUser(t.system, {
      ...PERSON,
      organisationId: agency,
      roles: ['adopter'],
      preferredLanguage: 'cy',
      password: TEST_PASSWORD,
    });
    personId = created.id;
    adminBrowser = await t.signIn(admin);
    adminCsrf = await adminBrowser.csrfFrom('/account');
    adminToken = await t.token(admin, 'write');
  });
  after(async () => t.close());

  async function lastId(): Promise<number> {
    const result = await t.database.adminQuery('select coalesce(max(id), 0)::int as id from audit_log');
    return result.rows[0].id as number;
  }

  /** Does the request, then returns it with the rows it appended. */
  async function withRows(work: () => Promise<LightMyRequestResponse>): Promise<{ response: LightMyRequestResponse; rows: AuditRow[] }> {
    const since = await lastId();
    const response = await work();
    const result = await t.database.adminQuery('select * from audit_log where id > $1 order by id', [since]);
    return { response, rows: result.rows as AuditRow[] };
  }

  function api(method: string, url: string, options: { token?: string; payload?: object; headers?: Record<string, string> } = {}) {
    return t.app.inject({
      method: method as 'GET',
      url,
      headers: { authorization: `Bearer ${options.token ?? adminToken}`, ...options.headers },
      ...(options.payload ? { payload: options.payload } : {}),
    });
  }

  function only(rows: AuditRow[], action: string): AuditRow {
    const matching = rows.filter((r) => r.action === action);
    assert.equal(matching.length, 1, `one ${action} row expected, found: ${rows.map((r) => r.action).join(', ') || 'none'}`);
    return matching[0]!;
  }

  /** By reference: the row names the record's type and id, never what the record says. */
  function assertNoPersonalData(row: AuditRow, ...people: { name: string; email: string }[]) {
    const text = JSON.stringify(row).toLowerCase();
    for (const person of people) {
      assert.ok(!text.includes(person.email.toLowerCase()), `row ${row.id} (${row.action}) copies an e-mail address`);
      assert.ok(!text.includes(person.name.toLowerCase()), `row ${row.id} (${row.action}) copies a name`);
    }
  }

  async function personFor(id: string) {
    const user = await t.services.organisations.getUser(t.system, id);
    return { name: user.name, email: user.email };
  }

  it('records every read of a person’s record by reference, on the pages and in the API', async () => {
    const reads: [string, () => Promise<LightMyRequestResponse>, string][] = [
      ['web', () => adminBrowser.get(`/admin/users/${personId}`), 'GET /admin/users/:id'],
      ['web', () => adminBrowser.get(`/admin/users/${personId}/edit`), 'GET /admin/users/:id/edit'],
      ['api', () => api('GET', `/api/v1/users/${personId}`), 'GET /api/v1/users/:id'],
    ];
    for (const [channel, read, name] of reads) {
      const { response, rows } = await withRows(read);
      assert.equal(response.statusCode, 200, name);
      assert.ok(response.body.includes(PERSON.email), `${name} shows the person`);
      const row = only(rows, 'users.view');
      assert.deepEqual(
        { user: row.user_id, type: row.resource_type, id: row.resource_id, outcome: row.outcome, channel: row.channel },
        { user: admin.id, type: 'user', id: personId, outcome: 'success', channel },
        name,
      );
      assertNoPersonalData(row, PERSON);
    }
  });

  it('records each list of people as a search with a count, naming nobody on it', async () => {
    for (const [channel, list] of [
      ['web', () => adminBrowser.get('/admin/users')],
      ['api', () => api('GET', '/api/v1/users?limit=200')],
    ] as const) {
      const { response, rows } = await withRows(list);
      assert.equal(response.statusCode, 200);
      assert.ok(response.body.includes(PERSON.email), 'the list shows the person');
      const row = only(rows, 'users.list');
      assert.equal(row.user_id, admin.id);
      assert.equal(row.resource_type, 'user');
      assert.equal(row.channel, channel);
      assert.equal(typeof row.detail?.rows, 'number');
      assert.ok((row.detail!.rows as number) >= 3);
      assertNoPersonalData(row, PERSON, await personFor(admin.id), await personFor(familyFinder.id));
    }
  });

  it('records every change to people, organisations and tokens with the record’s id', async () => {
    const newcomer = { name: 'Iolo Newcomer', email: 'iolo.newcomer@test.invalid' };
    const created = await withRows(() =>
      adminBrowser.post('/admin/users', { ...newcomer, organisationId: agency, roles: 'social_worker', preferredLanguage: 'en' }, { csrf: adminCsrf }),
    );
    assert.equal(created.response.statusCode, 200);
    const newcomerId = (await t.database.adminQuery('select id from users where email = $1', [newcomer.email])).rows[0].id as string;

    const version = async (table: 'users' | 'organisations', id: string) =>
      String((await t.database.adminQuery(`select version from ${table} where id = $1`, [id])).rows[0].version);

    const apiPerson = { name: 'Nia Api-Created', email: 'nia.api@test.invalid' };
    const writes: { name: string; expect: number; action: string; type: string; id?: () => string; work: () => Promise<LightMyRequestResponse> }[] = [
      {
        name: 'change a person (page)',
        expect: 303,
        action: 'users.edit',
        type: 'user',
        id: () => newcomerId,
        work: async () =>
          adminBrowser.post(
            `/admin/users/${newcomerId}/edit`,
            { name: 'Iolo Renamed', roles: 'family_finder', preferredLanguage: 'cy', version: await version('users', newcomerId) },
            { csrf: adminCsrf },
          ),
      },
      {
        name: 'disable a person',
        expect: 303,
        action: 'users.disable',
        type: 'user',
        id: () => newcomerId,
        work: () => adminBrowser.post(`/admin/users/${newcomerId}/disable`, {}, { csrf: adminCsrf }),
      },
      {
        name: 'enable a person',
        expect: 303,
        action: 'users.enable',
        type: 'user',
        id: () => newcomerId,
        work: () => adminBrowser.post(`/admin/users/${newcomerId}/enable`, {}, { csrf: adminCsrf }),
      },
      {
        name: 'add a person (API)',
        expect: 201,
        action: 'users.create',
        type: 'user',
        work: () => api('POST', '/api/v1/users', { payload: { ...apiPerson, organisationId: agency, roles: ['adopter'] } }),
      },
      {
        name: 'change a person (API)',
        expect: 200,
        action: 'users.edit',
        type: 'user',
        id: () => newcomerId,
        work: async () =>
          api('PATCH', `/api/v1/users/${newcomerId}`, {
            payload: { name: 'Iolo Again', roles: ['social_worker'], preferredLanguage: 'en' },
            headers: { 'if-match': `"v${await version('users', newcomerId)}"` },
          }),
      },
      {
        name: 'add an organisation (page)',
        expect: 303,
        action: 'organisations.create',
        type: 'organisation',
        work: () => adminBrowser.post('/admin/organisations', { slug: 'audit-trust', name: 'Audit Trust', type: 'funder' }, { csrf: adminCsrf }),
      },
      {
        name: 'add an organisation (API)',
        expect: 201,
        action: 'organisations.create',
        type: 'organisation',
        work: () => api('POST', '/api/v1/organisations', { payload: { slug: 'audit-university', name: 'Audit University', type: 'research_partner' } }),
      },
      {
        name: 'change an organisation',
        expect: 303,
        action: 'organisations.edit',
        type: 'organisation',
        id: () => council,
        work: async () =>
          adminBrowser.post(
            `/admin/organisations/${council}/edit`,
            { name: 'Audit Council Renamed', region: 'West', version: await version('organisations', council) },
            { csrf: adminCsrf },
          ),
      },
      {
        name: 'create a token',
        expect: 200,
        action: 'auth.token-create',
        type: 'access_token',
        work: () => adminBrowser.post('/account/tokens', { name: 'audit token', access: 'read', expiresInDays: '7' }, { csrf: adminCsrf }),
      },
    ];
    for (const write of writes) {
      const { response, rows } = await withRows(write.work);
      assert.equal(
        response.statusCode,
        write.expect,
        `${write.name}: ${response.body
          .replace(/<[^>]+>/g, ' ')
          .replace(/\s+/g, ' ')
          .slice(-600)}`,
      );
      const row = only(rows, write.action);
      assert.equal(row.outcome, 'success', write.name);
      assert.equal(row.user_id, admin.id, write.name);
      assert.equal(row.resource_type, write.type, write.name);
      if (write.id) assert.equal(row.resource_id, write.id(), write.name);
      else assert.match(row.resource_id ?? '', /^[0-9a-f-]{36}$/, `${write.name} names the new record`);
      assertNoPersonalData(row, newcomer, apiPerson, PERSON, { name: 'Iolo Renamed', email: newcomer.email });
    }
    assertNoPersonalData(only(created.rows, 'users.create'), newcomer);
    assert.equal(only(created.rows, 'users.create').resource_id, newcomerId);

    // Revoking the token just made, and a person changing their own password.
    const tokenId = (await t.database.adminQuery("select id from access_tokens where user_id = $1 and name = 'audit token'", [admin.id])).rows[0].id as string;
    const revoked = await withRows(() => adminBrowser.post(`/account/tokens/${tokenId}/revoke`, {}, { csrf: adminCsrf }));
    assert.equal(revoked.response.statusCode, 303);
    assert.equal(only(revoked.rows, 'auth.token-revoke').resource_id, tokenId);

    const ffBrowser = await t.signIn(familyFinder);
    const changed = await withRows(() =>
      ffBrowser.post(
        '/account/password',
        { currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase', confirmPassword: 'a brand new passphrase' },
        { csrfFrom: '/account' },
      ),
    );
    assert.equal(changed.response.statusCode, 303);
    const row = only(changed.rows, 'auth.password-change');
    assert.deepEqual([row.user_id, row.resource_id], [familyFinder.id, familyFinder.id]);
    assert.ok(!JSON.stringify(row).includes('passphrase'));
  });

  it('records a refused request with the outcome "denied"', async () => {
    const outsider = await t.user(['family_finder'], agency);
    const browser = await t.signIn(outsider);
    const page = await withRows(() => browser.get('/admin/users'));
    assert.equal(page.response.statusCode, 403);
    assert.deepEqual(
      page.rows.filter((r) => r.outcome === 'denied').map((r) => [r.user_id, r.action, r.channel]),
      [[outsider.id, 'users.list', 'web']],
    );

    const outsiderToken = await t.token(outsider, 'read');
    const apiDenied = await withRows(() => api('GET', `/api/v1/users/${personId}`, { token: outsiderToken }));
    assert.equal(apiDenied.response.statusCode, 403);
    const denied = only(apiDenied.rows, 'users.view');
    assert.deepEqual([denied.outcome, denied.user_id, denied.channel], ['denied', outsider.id, 'api']);

    // A read-only token may not write, even for an administrator.
    const readOnly = await t.token(admin, 'read');
    const write = await withRows(() =>
      api('POST', '/api/v1/organisations', { token: readOnly, payload: { slug: 'never-made', name: 'Never', type: 'funder' } }),
    );
    assert.equal(write.response.statusCode, 403);
    assert.equal(only(write.rows, 'organisations.create').outcome, 'denied');

    // Outside one's organisation the answer is "not found", but the log still says what was tried.
    const elsewhere = await t.user(['service_manager'], council);
    const scoped = await withRows(async () => (await t.signIn(elsewhere)).get(`/admin/users/${personId}`));
    assert.equal(scoped.response.statusCode, 404);
    const attempt = only(scoped.rows, 'users.view');
    assert.deepEqual([attempt.outcome, attempt.user_id, attempt.resource_type, attempt.resource_id], ['denied', elsewhere.id, 'user', personId]);
  });

  it('keeps a change and its audit row together: a change whose row cannot be written does not happen, and a failed change leaves no row', async () => {
    const count = async (slug: string) =>
      (await t.database.adminQuery('select count(*)::int as n from organisations where slug = $1', [slug])).rows[0].n as number;
    const since = await lastId();
    // The audit row goes to the database with the COMMIT: a row the database refuses (no action) takes the change with it.
    await assert.rejects(
      t.services.runner.run(t.system, async (tx) => {
        await tx.execute(sql`insert into organisations (slug, name, type) values ('audit-lost', 'Never kept (fictional)', 'funder')`);
        await recordAudit(tx, t.system, { action: undefined as unknown as string, resourceType: 'organisation' });
      }),
    );
    assert.equal(await count('audit-lost'), 0, 'the change rolled back with its audit row');
    // Work that fails after recording its row leaves neither.
    await assert.rejects(
      t.services.runner.run(t.system, async (tx) => {
        await tx.execute(sql`insert into organisations (slug, name, type) values ('work-failed', 'Never kept (fictional)', 'funder')`);
        await recordAudit(tx, t.system, { action: 'organisations.create', resourceType: 'organisation', detail: { marker: 'work-failed' } });
        throw new Error('the work failed after recording');
      }),
      /the work failed/,
    );
    assert.equal(await count('work-failed'), 0);
    const rows = (await t.database.adminQuery('select * from audit_log where id > $1', [since])).rows as AuditRow[];
    assert.ok(!rows.some((r) => JSON.stringify(r.detail ?? {}).includes('work-failed')), 'no audit row for work that did not happen');
    // And a change that commits has its row, with values (quotes, backslashes, Welsh letters) kept exactly.
    await t.services.runner.run(t.system, async (tx) => {
      await tx.execute(sql`insert into organisations (slug, name, type) values ('kept-with-row', 'Kept (fictional)', 'funder')`);
      await recordAudit(tx, t.system, {
        action: 'organisations.create',
        resourceType: 'organisation',
        resourceId: "O'Brien \\ ŵ ŷ $1",
        detail: { marker: 'kept-with-row', quote: "it's \\ $2", n: 3, ok: true, none: null },
      });
    });
    const kept = (await t.database.adminQuery("select * from audit_log where id > $1 and detail->>'marker' = 'kept-with-row'", [since])).rows as AuditRow[];
    assert.equal(kept.length, 1);
    assert.equal(kept[0]!.resource_id, "O'Brien \\ ŵ ŷ $1");
    assert.deepEqual(kept[0]!.detail, { marker: 'kept-with-row', quote: "it's \\ $2", n: 3, ok: true, none: null });
    assert.equal(await count('kept-with-row'), 1);
  });

  it('verifies the whole chain after all this activity', async () => {
    // Counted, not read off the last id: a transaction that rolled back leaves a gap in the ids.
    const rows = (await t.database.adminQuery('select count(*)::int as n from audit_log')).rows[0].n as number;
    assert.ok(rows > 20, `only ${rows} rows`);
    const result = await t.services.audit.verify(t.system);
    assert.equal(result.break, undefined);
    assert.equal(result.rows, rows);
  });

  /** The owner may change rows only by first switching the append-only trigger off. */
  async function behindTheAppsBack(statement: string, values: unknown[]) {
    await t.database.adminQuery('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update');
    try {
      await t.database.adminQuery(statement, values);
    } finally {
      await t.database.adminQuery('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update');
    }
  }

  it('names the first altered entry when a row is rewritten, and shows it to the administrator', async () => {
    const target = (
      await t.database.adminQuery("select id, resource_id from audit_log where action = 'users.view' and resource_id = $1 order by id limit 1", [personId])
    ).rows[0] as {
      id: string;
      resource_id: string;
    };
    // Someone hides who looked at the person by pointing the entry at another record.
    await behindTheAppsBack('update audit_log set resource_id = $2 where id = $1', [target.id, familyFinder.id]);
    try {
      const result = await t.services.audit.verify(t.system);
      assert.equal(result.break?.id, Number(target.id));

      const verified = await adminBrowser.post('/admin/audit/verify', {}, { csrf: adminCsrf });
      assert.equal(verified.statusCode, 303);
      const page = await adminBrowser.get('/admin/audit');
      assert.ok(page.body.includes(translator('en')('admin:audit.verify.broken', { id: Number(target.id) })), 'the page names the broken entry');
    } finally {
      await behindTheAppsBack('update audit_log set resource_id = $2 where id = $1', [target.id, target.resource_id]);
    }
    assert.equal((await t.services.audit.verify(t.system)).break, undefined, 'restored, the chain holds again');
  });

  it('notices when the newest entry is deleted', async () => {
    // Rows are chained by the sealer moments after they commit (the server runs it every second);
    // from then on removing even the newest one breaks the chain.
    await t.services.audit.seal();
    const newest = await lastId();
    const position = Number((await t.database.adminQuery('select seq from audit_log where id = $1', [newest])).rows[0].seq);
    await t.database.adminQuery('create table audit_log_removed as select * from audit_log where id = $1', [newest]);
    await behindTheAppsBack('delete from audit_log where id = $1', [newest]);
    try {
      const result = await t.services.audit.verify(t.system);
      // No row is left to name, so the break is named by its position in the chain.
      assert.equal(result.break?.id, position);
    } finally {
      await t.database.adminQuery('insert into audit_log select * from audit_log_removed');
      await t.database.adminQuery('drop table audit_log_removed');
    }
    assert.equal((await t.services.audit.verify(t.system)).break, undefined, 'put back, the chain holds again');
  });

  it('lets the app role append but never change, delete or empty the log', async () => {
    const asApp = (statement: ReturnType<typeof sql>) => inActorTransaction(t.database.db, fixturesActor(), (tx) => tx.execute(statement));
    await rejectsWithDatabaseError(asApp(sql`update audit_log set action = 'nothing happened'`), /permission denied/);
    await rejectsWithDatabaseError(asApp(sql`delete from audit_log`), /permission denied/);
    await rejectsWithDatabaseError(asApp(sql`truncate audit_log`), /permission denied/);
    // Even the owner is stopped by the trigger unless they switch it off first.
    await assert.rejects(t.database.adminQuery("update audit_log set action = 'nothing happened'"), /append-only/);
    await assert.rejects(t.database.adminQuery('delete from audit_log'), /append-only/);
    await assert.rejects(t.database.adminQuery('truncate audit_log'), /append-only/);
    assert.equal((await t.services.audit.verify(t.system)).break, undefined);
  });

  /** The rows of the audit page's table, as a person reads them. */
  const en = translator('en');
  const named = (action: string) => en(auditNameKey('actions', action));

  function tableRows(html: string) {
    const body = html.slice(html.indexOf('<tbody'), html.indexOf('</tbody>'));
    return [...body.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].map((match) => {
      const cells = [...match[1]!.matchAll(/<td class="govuk-table__cell">([\s\S]*?)<\/td>/g)].map((c) => c[1]!.trim());
      return {
        who: cells[1]?.match(/userId=([0-9a-f-]{36})/)?.[1] ?? cells[1],
        whoName: cells[1]?.match(/>([^<]+)<\/a>/)?.[1],
        action: cells[2]?.replace(/&#39;|&rsquo;/g, '’'),
        record: cells[3]?.replace(/<br><span class="govuk-body-s">/, ' ').replace(/<\/span>/, ''),
        outcome: cells[4],
      };
    });
  }

  it('lets the administrator see what one person did, and who touched one record, in words', async () => {
    const byUser = await adminBrowser.get(`/admin/audit?userId=${familyFinder.id}`);
    assert.equal(byUser.statusCode, 200);
    const theirs = tableRows(byUser.body);
    assert.ok(theirs.length >= 2, 'the family finder signed in and changed their password');
    assert.deepEqual([...new Set(theirs.map((r) => r.who))], [familyFinder.id]);
    const familyFinderName = (await t.database.adminQuery('select name from users where id = $1', [familyFinder.id])).rows[0].name as string;
    assert.deepEqual([...new Set(theirs.map((r) => r.whoName))], [familyFinderName], 'each entry names the person, not their account id');
    assert.ok(theirs.some((r) => r.action === named('auth.password-change')));
    assert.ok(theirs.some((r) => r.action === 'Sign in'));
    assert.ok(!theirs.some((r) => /^[a-z]+[.-][a-z]/.test(r.action ?? '')), 'no raw action code on the page');

    const byRecord = await adminBrowser.get(`/admin/audit?resourceType=user&resourceId=${personId}`);
    assert.equal(byRecord.statusCode, 200);
    const touches = tableRows(byRecord.body);
    assert.deepEqual([...new Set(touches.map((r) => r.record))], [`Person ${personId}`]);
    const actions = new Set(touches.map((r) => r.action));
    for (const action of ['users.create', 'users.view']) assert.ok(actions.has(named(action)), `${action} is listed by its name`);
    assert.ok(
      touches.some((r) => r.who === admin.id && r.action === named('users.view')),
      'the administrator’s own look is listed',
    );
    assert.ok(!byRecord.body.includes(PERSON.email), 'the log page names the record, not the person');

    // Looking at the trail is itself on the trail.
    const looked = (
      await t.database.adminQuery("select resource_type, resource_id from audit_log where action = 'audit.view' and user_id = $1 order by id desc limit 1", [
        admin.id,
      ])
    ).rows[0];
    assert.deepEqual(looked, { resource_type: 'user', resource_id: personId });
  });

  it('finds a person’s entries by part of their name and within dates, in Welsh too, and downloads them as CSV', async () => {
    const familyFinderName = (await t.database.adminQuery('select name from users where id = $1', [familyFinder.id])).rows[0].name as string;
    const part = familyFinderName.slice(5).toLowerCase(); // "person 2": part of the name, in other letters' case
    const today = dateInWales(new Date());
    const [y, m, d] = today.split('-');
    const dates = `from-day=${d}&from-month=${m}&from-year=${y}&to-day=${d}&to-month=${m}&to-year=${y}`;
    const found = tableRows((await adminBrowser.get(`/admin/audit?personName=${encodeURIComponent(part)}&${dates}`)).body);
    assert.ok(found.length >= 2);
    assert.deepEqual([...new Set(found.map((r) => r.whoName))], [familyFinderName]);

    const yesterday = addDays(today, -1).split('-');
    const before = await adminBrowser.get(
      `/admin/audit?personName=${encodeURIComponent(part)}&to-day=${yesterday[2]}&to-month=${yesterday[1]}&to-year=${yesterday[0]}`,
    );
    assert.equal(tableRows(before.body).length, 0, 'nothing of today before today');
    assert.match(before.body, /data-testid="audit-empty"/);

    const wrongWay = await adminBrowser.get(
      `/admin/audit?from-day=${d}&from-month=${m}&from-year=${y}&to-day=${yesterday[2]}&to-month=${yesterday[1]}&to-year=${yesterday[0]}`,
    );
    assert.equal(wrongWay.statusCode, 200);
    assert.ok(
      wrongWay.body.includes(en('admin:audit.errors.toBeforeFrom').replace(/‘|’/g, '&#39;')) || wrongWay.body.includes(en('admin:audit.errors.toBeforeFrom')),
    );

    const welsh = tableRows((await adminBrowser.get(`/admin/audit?userId=${familyFinder.id}&lang=cy`)).body);
    assert.ok(
      welsh.some((r) => r.action === 'Mewngofnodi'),
      'signing in is named in Welsh',
    );

    const csv = await adminBrowser.get(`/admin/audit/export.csv?personName=${encodeURIComponent(part)}&lang=cy`);
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-type']), /text\/csv/);
    assert.match(String(csv.headers['content-disposition']), /log-archwilio\.csv/);
    const lines = csv.body
      .replace(/^\ufeff/, '')
      .trim()
      .split('\n');
    assert.equal(lines[0], 'Pryd,Pwy,Rôl,Gweithred,Math o gofnod,Cyfeirnod y cofnod,Canlyniad,Drwy');
    assert.ok(lines.length - 1 >= 2);
    assert.ok(lines.slice(1).every((line) => line.includes(familyFinderName)));
    assert.ok(lines.some((line) => line.includes('Mewngofnodi')));
  });
});
