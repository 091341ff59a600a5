import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { allRoutes } from '../../src/server/registry.ts';
import { ROLES } from '../../src/platform/policy/roles.ts';
import { startTestApp, type Browser, type TestApp, type TestUser } from '../support/app.ts';

const cy = JSON.parse(readFileSync(new URL('../../src/platform/i18n/locales/cy/common.json', import.meta.url), 'utf8')).errors;
const en = JSON.parse(readFileSync(new URL('../../src/platform/i18n/locales/en/common.json', import.meta.url), 'utf8')).errors;

type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance: string;
  requestId: string;
  errors?: { field: string; code: string; message: string }[];
  currentVersion?: number;
};

function assertProblem(response: LightMyRequestResponse, status: number): Problem {
  assert.equal(response.statusCode, status, response.body);
  assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
  const problem = response.json<Problem>();
  assert.equal(problem.status, status);
  assert.ok(problem.title.length > 0 && problem.detail.length > 0, 'a title and a detail a person can read');
  assert.ok(problem.requestId);
  return problem;
}

describe('the JSON API', () => {
  let t: TestApp;
  let agency: string;
  let council: string;
  let admin: TestUser;
  let writeToken: string;
  let readToken: string;

  type Options = { token?: string | null; body?: unknown; headers?: Record<string, string> };
  const call = (method: 'GET' | 'POST' | 'PATCH', url: string, options: Options = {}) => {
    const token = options.token === undefined ? writeToken : options.token;
    return t.app.inject({
      method,
      url,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...options.headers },
      ...(options.body !== undefined ? { payload: options.body as string } : {}),
    });
  };
  const userRow = async (id: string) => (await t.database.adminQuery('select name, roles, version from users where id = $1', [id])).rows[0];
  const count = async (table: 'users' | 'organisations') => Number((await t.database.adminQuery(`select count(*) from ${table}`)).rows[0].count);

  before(async () => {
    t = await startTestApp();
    agency = await t.organisation('agency', 'agency');
    council = await t.organisation('council', 'local_authority');
    admin = await t.user(['administrator'], agency);
    writeToken = await t.token(admin, 'write');
    readToken = await t.token(admin, 'read');
  });
  after(async () => t.close());

  describe('authentication', () => {
    it('answers 401 problem+json with WWW-Authenticate when no token is sent', async () => {
      for (const url of ['/api/v1/users', '/api/v1/me', '/api/v1/organisations']) {
        const response = await call('GET', url, { token: null });
        const problem = assertProblem(response, 401);
        assert.equal(response.headers['www-authenticate'], 'Bearer');
        assert.equal(problem.instance, url);
      }
      const basic = await call('GET', '/api/v1/users', { token: null, headers: { authorization: 'Basic YWRtaW46YWRtaW4=' } });
      assertProblem(basic, 401);
    });

    it('answers 401 for a token that is unknown, revoked or expired', async () => {
      assertProblem(await call('GET', '/api/v1/me', { token: 'atp_not-a-real-token' }), 401);
      assertProblem(await call('GET', '/api/v1/me', { token: 'not-even-the-prefix' }), 401);

      const revoked = await t.services.auth.createAccessToken(t.system, admin.id, {
        name: 'to revoke',
        scopes: ['read'],
        expiresAt: new Date(Date.now() + 3600_000),
      });
      assert.equal((await call('GET', '/api/v1/me', { token: revoked })).statusCode, 200);
      const listed = await t.services.auth.listAccessTokens(t.system, admin.id);
      const id = listed.find((tk) => tk.name === 'to revoke')!.id;
      assert.equal(await t.services.auth.revokeAccessToken(t.system, admin.id, id), true);
      const afterRevoke = await call('GET', '/api/v1/me', { token: revoked });
      assertProblem(afterRevoke, 401);
      assert.equal(afterRevoke.headers['www-authenticate'], 'Bearer');

      const expired = await t.services.auth.createAccessToken(t.system, admin.id, {
        name: 'expired',
        scopes: ['read', 'write'],
        expiresAt: new Date(Date.now() - 1000),
      });
      assertProblem(await call('GET', '/api/v1/me', { token: expired }), 401);
    });

    it('lets a read-only token read but not create or change anything', async () => {
      assert.equal((await call('GET', '/api/v1/users', { token: readToken })).statusCode, 200);
      const users = await count('users');
      const created = await call('POST', '/api/v1/users', {
        token: readToken,
        body: { email: 'read.only@test.invalid', name: 'Read Only', organisationId: agency, roles: ['adopter'] },
      });
      assertProblem(created, 403);
      assert.equal(await count('users'), users);
      const organisations = await count('organisations');
      assertProblem(await call('POST', '/api/v1/organisations', { token: readToken, body: { slug: 'read-only', name: 'Read only', type: 'funder' } }), 403);
      assert.equal(await count('organisations'), organisations);
      const patched = await call('PATCH', `/api/v1/users/${admin.id}`, {
        token: readToken,
        headers: { 'if-match': '"v1"' },
        body: { name: 'Renamed', roles: ['administrator'], preferredLanguage: 'en' },
      });
      assertProblem(patched, 403);
      assert.notEqual((await userRow(admin.id)).name, 'Renamed');
    });

    it('answers 403 to a role without the permission, and shows a person their own account', async () => {
      const adopter = await t.user(['adopter'], agency);
      const token = await t.token(adopter, 'write');
      assertProblem(await call('GET', '/api/v1/users', { token }), 403);
      const me = await call('GET', '/api/v1/me', { token });
      assert.equal(me.statusCode, 200);
      assert.equal(me.json().email, adopter.email);
    });
  });

  describe('malformed requests', () => {
    it('answers 400 problem+json (never 500) for a body that is not JSON', async () => {
      for (const body of ['{"email":', '{not json}', '[1,2', "{'single': 'quotes'}", '']) {
        const response = await call('POST', '/api/v1/users', { body, headers: { 'content-type': 'application/json' } });
        assertProblem(response, 400);
      }
      const patched = await call('PATCH', `/api/v1/users/${admin.id}`, {
        body: '{"name": "x",',
        headers: { 'content-type': 'application/json', 'if-match': '"v1"' },
      });
      assertProblem(patched, 400);
    });

    it('answers 400 for JSON that is not an object', async () => {
      for (const body of ['null', '42', '"text"', '[]', 'true']) {
        const response = await call('POST', '/api/v1/organisations', { body, headers: { 'content-type': 'application/json' } });
        assertProblem(response, 400);
      }
    });

    it('answers 415 for a body in a format it does not accept', async () => {
      for (const type of ['application/xml', 'text/plain', 'text/csv', 'application/octet-stream']) {
        const response = await call('POST', '/api/v1/users', { body: '<user/>', headers: { 'content-type': type } });
        const problem = assertProblem(response, 415);
        assert.equal(problem.detail, 'Send JSON (application/json) or a form.');
      }
    });

    it('answers 413 for a body that is too large', async () => {
      const body = JSON.stringify({ email: 'big@test.invalid', name: 'x'.repeat(1024 * 1024 + 10), organisationId: agency, roles: ['adopter'] });
      const before = await count('users');
      const problem = assertProblem(await call('POST', '/api/v1/users', { body, headers: { 'content-type': 'application/json' } }), 413);
      assert.equal(problem.detail, en.tooLarge.body);
      assert.equal(await count('users'), before);
    });

    it('lists every invalid field with a message', async () => {
      const problem = assertProblem(await call('POST', '/api/v1/users', { body: {} }), 400);
      const fields = Object.fromEntries(problem.errors!.map((e) => [e.field, e.message]));
      assert.deepEqual(fields, { email: en.email.required, name: en.name.required, organisationId: en.field.required, roles: en.role.required });
      for (const e of problem.errors!) assert.match(e.code, /^errors\./);

      const several = assertProblem(
        await call('POST', '/api/v1/users', {
          body: { email: 'nope', name: '', organisationId: 'x', roles: ['wizard'], preferredLanguage: 'fr', password: 'short' },
        }),
        400,
      );
      assert.deepEqual(several.errors!.map((e) => e.field).sort(), ['email', 'name', 'organisationId', 'password', 'preferredLanguage', 'roles.0']);
      assert.ok(
        several.errors!.every((e) => e.message.length > 0 && !e.message.startsWith('errors.')),
        'messages are words, not keys',
      );

      const organisation = assertProblem(await call('POST', '/api/v1/organisations', { body: { slug: 'Not A Slug' } }), 400);
      assert.deepEqual(Object.fromEntries(organisation.errors!.map((e) => [e.field, e.message])), {
        slug: en.slug.invalid,
        name: en.name.required,
        type: en.organisationType.invalid,
      });
    });

    it('gives the messages in Welsh to a client that asks for Welsh', async () => {
      const response = await call('POST', '/api/v1/users', {
        body: { email: 'nope', organisationId: council, roles: ['funder'] },
        headers: { 'accept-language': 'cy' },
      });
      const problem = assertProblem(response, 400);
      assert.equal(problem.title, cy.badRequest.title);
      assert.equal(problem.detail, cy.validation.summary);
      const fields = Object.fromEntries(problem.errors!.map((e) => [e.field, e.message]));
      assert.deepEqual(fields, { email: cy.email.invalid, name: cy.name.required });

      const role = assertProblem(
        await call('POST', '/api/v1/users', {
          body: { email: 'gwyn@test.invalid', name: 'Gwyn', organisationId: council, roles: ['funder'] },
          headers: { 'accept-language': 'cy-GB, en;q=0.5' },
        }),
        400,
      );
      assert.deepEqual(role.errors, [
        { field: 'roles', code: 'errors.role.notForOrganisation', message: 'Ni ellir rhoi’r rôl hon i rywun yn y sefydliad hwn' },
      ]);

      const unauthenticated = assertProblem(await call('GET', '/api/v1/users', { token: null, headers: { 'accept-language': 'cy' } }), 401);
      assert.equal(unauthenticated.detail, cy.unauthenticated.body);
      const tooLarge = await call('POST', '/api/v1/users', {
        body: JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 10) }),
        headers: { 'content-type': 'application/json', 'accept-language': 'cy' },
      });
      assert.equal(assertProblem(tooLarge, 413).detail, cy.tooLarge.body);
      const badJson = await call('POST', '/api/v1/users', { body: '{', headers: { 'content-type': 'application/json', 'accept-language': 'cy' } });
      assert.equal(assertProblem(badJson, 400).title, cy.badRequest.title);
    });
  });

  describe('people', () => {
    it('creates a person, answering 201 with the new record, its location and a password shown once', async () => {
      const response = await call('POST', '/api/v1/users', {
        body: { email: 'Api.Created@Test.Invalid', name: 'Api Created', organisationId: council, roles: ['la_referrer'] },
      });
      assert.equal(response.statusCode, 201);
      const body = response.json();
      assert.equal(body.email, 'api.created@test.invalid');
      assert.equal(response.headers.location, `/api/v1/users/${body.id}`);
      assert.equal(response.headers.etag, '"v1"');
      assert.ok(typeof body.generatedPassword === 'string' && body.generatedPassword.length >= 16);
      const again = await call('GET', `/api/v1/users/${body.id}`);
      assert.equal(again.json().generatedPassword, undefined);
      const duplicate = assertProblem(
        await call('POST', '/api/v1/users', { body: { email: 'api.created@test.invalid', name: 'Twice', organisationId: council, roles: ['la_referrer'] } }),
        400,
      );
      assert.deepEqual(
        duplicate.errors!.map((e) => e.field),
        ['email'],
      );
    });

    it('walks every page of people with nextCursor, with no duplicates or gaps', async () => {
      // Several people share a name, so the order must break ties by id.
      for (let i = 0; i < 14; i++) {
        await t.services.organisations.createUser(t.system, {
          email: `page.${i}@test.invalid`,
          name: i % 3 === 0 ? 'Same Name' : `Person ${String.fromCharCode(65 + (i % 7))}`,
          organisationId: i % 2 ? agency : council,
          roles: i % 2 ? ['adopter'] : ['social_worker'],
          preferredLanguage: 'en',
          password: 'a long enough password',
        });
      }
      const expected = (await t.database.adminQuery('select id from users')).rows.map((r) => r.id as string);
      const seen: { id: string; name: string }[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const url: string = `/api/v1/users?limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
        const response = await call('GET', url);
        assert.equal(response.statusCode, 200);
        const page = response.json<{ items: { id: string; name: string }[]; nextCursor: string | null }>();
        assert.ok(page.items.length <= 4);
        seen.push(...page.items);
        cursor = page.nextCursor;
        pages++;
        assert.ok(pages < 50, 'the walk ends');
      } while (cursor);
      const ids = seen.map((u) => u.id);
      assert.equal(new Set(ids).size, ids.length, 'no person appears twice');
      assert.deepEqual([...ids].sort(), [...expected].sort(), 'every person appears');
      const sorted = [...seen].sort((a, b) => (a.name === b.name ? (a.id < b.id ? -1 : 1) : a.name < b.name ? -1 : 1));
      assert.deepEqual(
        seen.map((u) => u.id),
        sorted.map((u) => u.id),
        'in name order, ties by id',
      );
    });

    it('limits a service manager’s list to their own organisation', async () => {
      const manager = await t.user(['service_manager'], council);
      const token = await t.token(manager, 'read');
      const response = await call('GET', '/api/v1/users?limit=200', { token });
      assert.equal(response.statusCode, 200);
      const items = response.json().items as { organisationId: string }[];
      assert.ok(items.length > 0);
      assert.ok(items.every((u) => u.organisationId === council));
    });

    it('refuses a garbage cursor or limit with 400', async () => {
      const forged = Buffer.from(JSON.stringify({ name: 'x', id: 'not-a-uuid' })).toString('base64url');
      for (const query of ['cursor=garbage!!', 'cursor=e30', `cursor=${forged}`, `cursor=${'A'.repeat(600)}`]) {
        const problem = assertProblem(await call('GET', `/api/v1/users?${query}`), 400);
        assert.deepEqual(
          problem.errors!.map((e) => e.field),
          ['cursor'],
          query,
        );
        assert.equal(problem.errors![0]!.message.length > 0, true);
      }
      const cursor = assertProblem(await call('GET', '/api/v1/users?cursor=garbage'), 400);
      assert.equal(cursor.errors![0]!.message, en.cursor.invalid);
      for (const query of ['limit=0', 'limit=201', 'limit=abc', 'limit=1.5', 'organisationId=nope']) {
        assertProblem(await call('GET', `/api/v1/users?${query}`), 400);
      }
    });

    it('gives a person’s record an ETag and changes it only with a matching If-Match', async () => {
      const person = await t.user(['social_worker'], agency);
      const read = await call('GET', `/api/v1/users/${person.id}`);
      assert.equal(read.statusCode, 200);
      const etag = read.headers.etag as string;
      assert.equal(etag, '"v1"');
      const change = { name: 'Changed By Api', roles: ['social_worker', 'family_finder'], preferredLanguage: 'cy' };

      const patched = await call('PATCH', `/api/v1/users/${person.id}`, { headers: { 'if-match': etag }, body: change });
      assert.equal(patched.statusCode, 200);
      assert.equal(patched.headers.etag, '"v2"');
      assert.deepEqual({ name: patched.json().name, version: patched.json().version }, { name: 'Changed By Api', version: 2 });
      assert.equal((await call('GET', `/api/v1/users/${person.id}`)).headers.etag, '"v2"');

      const stale = await call('PATCH', `/api/v1/users/${person.id}`, { headers: { 'if-match': etag }, body: { ...change, name: 'Lost Update' } });
      const problem = assertProblem(stale, 412);
      assert.equal(problem.currentVersion, 2);
      assert.deepEqual(await userRow(person.id), { name: 'Changed By Api', roles: ['social_worker', 'family_finder'], version: 2 });

      // If-Match compares strongly (RFC 9110 §13.1.1): a weak tag never matches, even of the current version.
      for (const header of ['v2', '"2"', 'garbage', 'W/"v2"']) {
        assertProblem(await call('PATCH', `/api/v1/users/${person.id}`, { headers: { 'if-match': header }, body: { ...change, name: 'Odd header' } }), 412);
      }
      assert.equal((await userRow(person.id)).name, 'Changed By Api');

      // `*` matches whatever version is current.
      const any = await call('PATCH', `/api/v1/users/${person.id}`, { headers: { 'if-match': '*' }, body: { ...change, name: 'Any Version' } });
      assert.equal(any.statusCode, 200);
      assert.equal(any.headers.etag, '"v3"');
      const byVersion = await call('PATCH', `/api/v1/users/${person.id}`, { body: { ...change, name: 'By Version', version: 3 } });
      assert.equal(byVersion.statusCode, 200, 'a version field works where a client cannot send If-Match');
      assert.equal(byVersion.headers.etag, '"v4"');
    });

    it('answers 428 to a change that says which version it is based on in neither way', async () => {
      const person = await t.user(['adopter'], agency);
      const response = await call('PATCH', `/api/v1/users/${person.id}`, { body: { name: 'Blind Write', roles: ['adopter'], preferredLanguage: 'en' } });
      const problem = assertProblem(response, 428);
      assert.equal(problem.detail, en.preconditionRequired.body);
      const row = await userRow(person.id);
      assert.equal(row.version, 1, 'nothing was changed');
      assert.notEqual(row.name, 'Blind Write');
    });

    it('answers 404 for an unknown or malformed id', async () => {
      for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', '1', "1' or '1'='1"]) {
        const url = `/api/v1/users/${encodeURIComponent(id)}`;
        assertProblem(await call('GET', url), 404);
        assertProblem(
          await call('PATCH', url, { headers: { 'if-match': '"v1"' }, body: { name: 'Nobody', roles: ['adopter'], preferredLanguage: 'en' } }),
          404,
        );
      }
      assertProblem(await call('GET', '/api/v1/no-such-route'), 404);
    });

    it('hides another organisation’s person from a service manager as 404', async () => {
      const manager = await t.user(['service_manager'], council);
      const other = await t.user(['adopter'], agency);
      const token = await t.token(manager, 'read');
      assertProblem(await call('GET', `/api/v1/users/${other.id}`, { token }), 404);
    });
  });

  describe('service documents and health', () => {
    it('publishes an OpenAPI 3.1 document listing every API route', async () => {
      const response = await call('GET', '/api/v1/openapi.json', { token: null });
      assert.equal(response.statusCode, 200);
      assert.match(String(response.headers['content-type']), /^application\/json/);
      const doc = response.json<{
        openapi: string;
        info: { title: string; version: string };
        paths: Record<string, Record<string, { operationId: string; responses: Record<string, unknown>; security?: unknown }>>;
        components: Record<string, unknown>;
      }>();
      assert.equal(doc.openapi, '3.1.0');
      assert.ok(doc.info.title && doc.info.version);
      const apiRoutes = allRoutes(t.services).filter((r) => r.url.startsWith('/api/v1/'));
      assert.ok(apiRoutes.length >= 8);
      const documented = new Set<string>();
      for (const [path, operations] of Object.entries(doc.paths))
        for (const method of Object.keys(operations)) documented.add(`${method.toUpperCase()} ${path}`);
      const expected = new Set(apiRoutes.map((r) => `${r.method} ${r.url.replace(/:([A-Za-z]+)/g, '{$1}')}`));
      assert.deepEqual([...documented].sort(), [...expected].sort());
      const operationIds = Object.values(doc.paths).flatMap((ops) => Object.values(ops).map((op) => op.operationId));
      assert.equal(new Set(operationIds).size, operationIds.length, 'operation ids are unique');
      for (const ops of Object.values(doc.paths)) for (const op of Object.values(ops)) assert.ok(Object.keys(op.responses).length > 0);
      assert.ok(doc.paths['/api/v1/users']!.get!.security, 'protected routes declare the bearer scheme');
      assert.ok((doc.components.securitySchemes as Record<string, unknown>).bearerAuth);
    });

    it('answers /healthz and /readyz with no pending migrations', async () => {
      const health = await t.app.inject({ method: 'GET', url: '/healthz' });
      assert.equal(health.statusCode, 200);
      assert.deepEqual(health.json(), { status: 'ok' });
      const ready = await t.app.inject({ method: 'GET', url: '/readyz' });
      assert.equal(ready.statusCode, 200);
      assert.equal(ready.json().pendingMigrations, 0);
      assert.equal(ready.json().ok, true);
    });
  });

  describe('random input', () => {
    // What a hostile client sends: any code unit, with the awkward ones (NUL, lone surrogates,
    // right-to-left override) far more often than chance would pick them.
    const awkward = fc.constantFrom('\u0000', '\u0000', '\u0000', '\ud800', '\udfff', '\u202e', '\uffff', '%00', "'", '"', '\\', '<', '&');
    const unit = fc.oneof(
      { weight: 1, arbitrary: awkward },
      { weight: 4, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
      { weight: 4, arbitrary: fc.string({ minLength: 1, maxLength: 1 }) },
    );
    const anyString = fc.oneof(
      fc.string({ unit, maxLength: 40 }),
      fc.tuple(fc.string({ maxLength: 10 }), awkward, fc.string({ unit, maxLength: 10 })).map((parts) => parts.join('')),
      fc.constantFrom('', ' ', 'x'.repeat(300), '9'.repeat(30), '__proto__'),
    );
    const anyNumber = fc.oneof(fc.integer(), fc.double(), fc.constantFrom(0, -1, 2 ** 31, 2 ** 53, 1e308, 1.5));
    const anyJson = fc.oneof(fc.jsonValue({ maxDepth: 3, stringUnit: unit }), anyNumber, anyString);
    const hostile = fc.oneof({ weight: 2, arbitrary: anyString }, { weight: 1, arbitrary: anyJson });

    /**
     * A valid record with one or two fields replaced by hostile values (or left out): it gets
     * past the first checks and deep into the service and the database, where a 500 would hide.
     */
    function nearlyValid(valid: fc.Arbitrary<Record<string, unknown>>, replacements: Record<string, fc.Arbitrary<unknown>>) {
      return fc
        .tuple(valid, fc.subarray(Object.keys(replacements), { minLength: 1, maxLength: 2 }), fc.record(replacements), fc.boolean())
        .map(([base, chosen, values, drop]) => {
          const out: Record<string, unknown> = { ...base };
          for (const key of chosen) {
            if (drop && key === chosen[0]) delete out[key];
            else out[key] = values[key];
          }
          return out;
        });
    }
    const validUser = () =>
      fc.record({
        email: fc.nat().map((n) => `fuzz.${n}@test.invalid`),
        name: fc.string({ minLength: 1, maxLength: 30 }),
        organisationId: fc.constantFrom(agency, council),
        roles: fc.constantFrom(['social_worker'], ['service_manager'], 'social_worker'),
        preferredLanguage: fc.constantFrom('en', 'cy'),
      });
    const userFields = () => ({
      email: fc.oneof(fc.emailAddress(), hostile),
      name: hostile,
      organisationId: fc.oneof(fc.uuid(), hostile),
      roles: fc.oneof(fc.array(fc.constantFrom(...ROLES), { maxLength: 3 }), hostile),
      preferredLanguage: hostile,
      password: fc.oneof(fc.string({ unit, minLength: 12, maxLength: 30 }), hostile),
    });
    const noServerError = (label: string) => (response: LightMyRequestResponse, input: unknown) =>
      assert.ok(response.statusCode < 500, `${label} answered ${response.statusCode} to ${JSON.stringify(input)}: ${response.body.slice(0, 300)}`);

    it('never answers 5xx to random JSON sent to POST /api/v1/users', async () => {
      const check = noServerError('POST /api/v1/users');
      await fc.assert(
        fc.asyncProperty(fc.oneof({ weight: 1, arbitrary: anyJson }, { weight: 3, arbitrary: nearlyValid(validUser(), userFields()) }), async (value) => {
          check(await call('POST', '/api/v1/users', { body: JSON.stringify(value), headers: { 'content-type': 'application/json' } }), value);
        }),
        { numRuns: 120 },
      );
    });

    it('never answers 5xx to random JSON sent to POST /api/v1/organisations', async () => {
      const check = noServerError('POST /api/v1/organisations');
      const valid = fc.record({
        slug: fc.stringMatching(/^[a-z][a-z0-9]{3,10}(-[a-z0-9]{1,6})?$/),
        name: fc.string({ minLength: 1, maxLength: 30 }),
        type: fc.constantFrom('agency', 'local_authority', 'clinical_partner', 'funder', 'research_partner'),
        region: fc.string({ maxLength: 30 }),
      });
      const replacements = { slug: hostile, name: hostile, type: hostile, region: hostile };
      await fc.assert(
        fc.asyncProperty(fc.oneof({ weight: 1, arbitrary: anyJson }, { weight: 3, arbitrary: nearlyValid(valid, replacements) }), async (value) => {
          check(await call('POST', '/api/v1/organisations', { body: JSON.stringify(value), headers: { 'content-type': 'application/json' } }), value);
        }),
        { numRuns: 120 },
      );
    });

    it('never answers 5xx to random changes sent to PATCH /api/v1/users/:id', async () => {
      const person = await t.user(['adopter'], agency);
      const check = noServerError('PATCH /api/v1/users/:id');
      const valid = fc.record({
        name: fc.string({ minLength: 1, maxLength: 30 }),
        roles: fc.constant(['adopter']),
        preferredLanguage: fc.constantFrom('en', 'cy'),
      });
      const replacements = {
        name: hostile,
        roles: fc.oneof(fc.array(fc.constantFrom(...ROLES), { maxLength: 3 }), hostile),
        preferredLanguage: hostile,
        version: fc.oneof(anyNumber, hostile),
      };
      const ifMatch = fc.option(
        fc.oneof(
          anyNumber.map((n) => `"v${n}"`),
          fc.bigInt({ min: 0n, max: 10n ** 30n }).map((n) => `"v${n}"`),
          fc.string({ maxLength: 20 }),
        ),
        { nil: undefined },
      );
      await fc.assert(
        fc.asyncProperty(
          fc.oneof({ weight: 1, arbitrary: anyJson }, { weight: 3, arbitrary: nearlyValid(valid, replacements) }),
          ifMatch,
          async (value, header) => {
            const headers: Record<string, string> = { 'content-type': 'application/json' };
            if (header !== undefined) headers['if-match'] = header;
            check(await call('PATCH', `/api/v1/users/${person.id}`, { body: JSON.stringify(value), headers }), { value, header });
          },
        ),
        { numRuns: 120 },
      );
    });

    it('never answers 5xx to random forms sent to POST /admin/users', async () => {
      const browser: Browser = await t.signIn(admin);
      const csrf = await browser.csrfFrom('/admin/users/new');
      const check = noServerError('POST /admin/users');
      const formValue = fc.oneof(anyString, fc.array(anyString, { maxLength: 3 }));
      const valid = validUser().map((u) => ({ ...u, roles: [u.roles].flat() }));
      const replacements = {
        name: formValue,
        email: formValue,
        organisationId: formValue,
        roles: fc.oneof(formValue, fc.array(fc.constantFrom(...ROLES), { maxLength: 3 })),
        preferredLanguage: formValue,
        password: formValue,
        __proto__: formValue,
        constructor: formValue,
        'roles[]': formValue,
      };
      const extra = fc.dictionary(fc.string({ maxLength: 12 }), formValue, { maxKeys: 3 });
      await fc.assert(
        fc.asyncProperty(nearlyValid(valid, replacements), extra, async (form, more) => {
          const sent = { ...more, ...form } as Record<string, string | string[]>;
          check(await browser.post('/admin/users', sent, { csrf }), sent);
        }),
        { numRuns: 120 },
      );
    });
  });
});
