import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { readFileSync } from 'node:fs';
import { Browser, TEST_PASSWORD, startTestApp, type TestApp, type TestUser } from '../support/app.ts';

/** The real Welsh messages, read from the locale file so a test never carries its own copy of a translation. */
const cy = JSON.parse(readFileSync(new URL('../../src/platform/i18n/locales/cy/common.json', import.meta.url), 'utf8')).errors;
const en = JSON.parse(readFileSync(new URL('../../src/platform/i18n/locales/en/common.json', import.meta.url), 'utf8')).errors;

/** Undoes the HTML escaping of a rendered page, so a message can be looked for as the reader sees it. */
function text(response: LightMyRequestResponse): string {
  return response.body
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** The GOV.UK error summary's entries: the link target (the field) and the message. */
function errorSummary(response: LightMyRequestResponse): Record<string, string> {
  const summary = text(response).match(/<div class="govuk-error-summary"[\s\S]*?<\/ul>/)?.[0] ?? '';
  const entries: Record<string, string> = {};
  for (const m of summary.matchAll(/<a href="#([^"]+)">([^<]*)<\/a>/g)) entries[m[1]!] = m[2]!.trim();
  return entries;
}

describe('administration pages', () => {
  let t: TestApp;
  let agency: string;
  let council: string;
  let admin: TestUser;
  let browser: Browser;

  const count = async (table: 'organisations' | 'users') => Number((await t.database.adminQuery(`select count(*) from ${table}`)).rows[0].count);

  before(async () => {
    t = await startTestApp();
    agency = await t.organisation('agency', 'agency');
    council = await t.organisation('council', 'local_authority');
    admin = await t.user(['administrator'], agency);
    browser = await t.signIn(admin);
  });
  after(async () => t.close());

  describe('adding an organisation', () => {
    it('adds an organisation with a valid short name and type', async () => {
      const response = await browser.post('/admin/organisations', {
        slug: 'cyngor-sir-powys',
        name: 'Cyngor Sir Powys',
        type: 'local_authority',
        region: 'Mid Wales',
      });
      assert.equal(response.statusCode, 303);
      assert.equal(response.headers.location, '/admin/organisations');
      const list = await browser.get('/admin/organisations');
      assert.ok(list.body.includes('Cyngor Sir Powys'));
      assert.ok(list.body.includes('The organisation has been added'), 'a confirmation is shown once');
    });

    it('refuses a short name that is not lower-case letters, numbers and hyphens', async () => {
      const before = await count('organisations');
      for (const slug of ['Bad Slug!', 'a', '-leading', 'double--hyphen', 'UPPER']) {
        const response = await browser.post('/admin/organisations', { slug, name: 'Bad slug council', type: 'local_authority' });
        assert.equal(response.statusCode, 400, slug);
        assert.deepEqual(errorSummary(response), { slug: en.slug.invalid }, slug);
        assert.match(response.body, /id="slug-error"/, 'the message is also shown at the field');
      }
      assert.equal(await count('organisations'), before);
    });

    it('refuses a short name already in use', async () => {
      const before = await count('organisations');
      const response = await browser.post('/admin/organisations', { slug: 'council', name: 'Another council', type: 'local_authority' });
      assert.equal(response.statusCode, 400);
      assert.deepEqual(errorSummary(response), { slug: en.slug.taken });
      assert.ok(text(response).includes('value="Another council"'), 'what was typed is kept');
      assert.equal(await count('organisations'), before);
    });

    it('asks for the type and the name when they are missing', async () => {
      const before = await count('organisations');
      const response = await browser.post('/admin/organisations', { slug: 'no-type' });
      assert.equal(response.statusCode, 400);
      assert.deepEqual(errorSummary(response), { name: en.name.required, type: en.organisationType.invalid });
      const wrongType = await browser.post('/admin/organisations', { slug: 'odd-type', name: 'Odd', type: 'charity' });
      assert.equal(wrongType.statusCode, 400);
      assert.deepEqual(errorSummary(wrongType), { type: en.organisationType.invalid });
      assert.equal(await count('organisations'), before);
    });
  });

  describe('adding a person', () => {
    const valid = () => ({
      name: 'Nia Roberts',
      email: `nia.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@test.invalid`,
      organisationId: agency,
      roles: 'adopter',
      preferredLanguage: 'cy',
    });

    it('refuses an e-mail address in the wrong format', async () => {
      const before = await count('users');
      const response = await browser.post('/admin/users', { ...valid(), email: 'not-an-address' }, { csrfFrom: '/admin/users/new' });
      assert.equal(response.statusCode, 400);
      assert.deepEqual(errorSummary(response), { email: en.email.invalid });
      assert.equal(await count('users'), before);
    });

    it('refuses an e-mail address that already has an account, whatever its case', async () => {
      const before = await count('users');
      const response = await browser.post('/admin/users', { ...valid(), email: admin.email.toUpperCase() }, { csrfFrom: '/admin/users/new' });
      assert.equal(response.statusCode, 400);
      assert.deepEqual(errorSummary(response), { email: en.email.taken });
      assert.equal(await count('users'), before);
    });

    it('refuses a role that does not fit the organisation', async () => {
      const before = await count('users');
      const response = await browser.post(
        '/admin/users',
        { ...valid(), organisationId: council, roles: ['la_referrer', 'funder'] },
        { csrfFrom: '/admin/users/new' },
      );
      assert.equal(response.statusCode, 400);
      assert.deepEqual(errorSummary(response), { roles: en.role.notForOrganisation });
      assert.equal(await count('users'), before);
    });

    it('asks for at least one role, and for every missing answer at once', async () => {
      const before = await count('users');
      const noRole = await browser.post('/admin/users', { ...valid(), roles: [] }, { csrfFrom: '/admin/users/new' });
      assert.equal(noRole.statusCode, 400);
      assert.deepEqual(errorSummary(noRole), { roles: en.role.required });
      const empty = await browser.post('/admin/users', {}, { csrfFrom: '/admin/users/new' });
      assert.equal(empty.statusCode, 400);
      assert.deepEqual(Object.keys(errorSummary(empty)).sort(), ['email', 'name', 'organisationId', 'roles']);
      const unknownRole = await browser.post('/admin/users', { ...valid(), roles: 'superuser' }, { csrfFrom: '/admin/users/new' });
      assert.equal(unknownRole.statusCode, 400);
      assert.deepEqual(errorSummary(unknownRole), { roles: en.role.invalid }, 'the message links to the roles field');
      assert.match(unknownRole.body, /id="roles-error"/, 'and is shown beside the checkboxes');
      const twoUnknown = await browser.post('/admin/users', { ...valid(), roles: ['superuser', 'root'] }, { csrfFrom: '/admin/users/new' });
      assert.equal((text(twoUnknown).match(new RegExp(en.role.invalid, 'g')) ?? []).length, 2, 'once in the summary, once at the field');
      assert.equal(await count('users'), before);
    });

    it('shows a generated password once, and the person can sign in with it', async () => {
      const input = valid();
      const response = await browser.post('/admin/users', input, { csrfFrom: '/admin/users/new' });
      assert.equal(response.statusCode, 200);
      assert.ok(response.body.includes('Account created'));
      const password = response.body.match(/data-testid="generated-password">([^<]+)</)?.[1];
      assert.ok(password && password.length >= 16, 'a long password is shown');
      const id = response.body.match(/href="\/admin\/users\/([0-9a-f-]{36})"/)?.[1];
      assert.ok(id);

      const accountPage = await browser.get(`/admin/users/${id}`);
      assert.equal(accountPage.statusCode, 200);
      assert.ok(!accountPage.body.includes(password), 'the password is not shown again');
      const stored = await t.database.adminQuery('select password_hash from users where id = $1', [id]);
      assert.match(stored.rows[0].password_hash, /^\$argon2id\$/);

      const person = new Browser(t.app);
      const signIn = await person.post('/sign-in', { email: input.email, password });
      assert.equal(signIn.statusCode, 303);
      assert.equal(signIn.headers.location, '/');
      const home = await person.get('/');
      assert.equal(home.statusCode, 200);
      assert.match(home.body, /<html lang="cy"/, 'the person’s chosen language is used');
    });

    it('asks a new member of staff to set up a second factor at first sign-in', async () => {
      const input = { ...valid(), organisationId: council, roles: 'la_referrer', preferredLanguage: 'en' };
      const response = await browser.post('/admin/users', input, { csrfFrom: '/admin/users/new' });
      const password = response.body.match(/data-testid="generated-password">([^<]+)</)![1]!;
      const signIn = await new Browser(t.app).post('/sign-in', { email: input.email, password });
      assert.equal(signIn.headers.location, '/account/security/enrol');
    });
  });

  describe('changing a person', () => {
    it('refuses a change based on a stale version, with a message, and overwrites nothing', async () => {
      const person = await t.user(['social_worker'], agency);
      const form = await browser.get(`/admin/users/${person.id}/edit`);
      const version = form.body.match(/name="version" value="(\d+)"/)?.[1];
      assert.equal(version, '1');

      await t.services.organisations.updateUser(t.system, person.id, {
        name: 'Changed Elsewhere',
        roles: ['social_worker'],
        preferredLanguage: 'en',
        version: 1,
      });

      const stale = await browser.post(
        `/admin/users/${person.id}/edit`,
        { name: 'My Edit', roles: 'social_worker', preferredLanguage: 'en', version: '1' },
        { csrfFrom: `/admin/users/${person.id}/edit` },
      );
      assert.equal(stale.statusCode, 409);
      assert.ok(text(stale).includes('Someone else changed this record'));
      assert.match(stale.body, /govuk-error-summary/);
      const row = await t.database.adminQuery('select name, version from users where id = $1', [person.id]);
      assert.deepEqual(row.rows[0], { name: 'Changed Elsewhere', version: 2 });
      assert.ok(stale.body.includes('name="version" value="2"'), 'the form now carries the latest version');

      const retry = await browser.post(
        `/admin/users/${person.id}/edit`,
        { name: 'My Edit', roles: 'social_worker', preferredLanguage: 'en', version: '2' },
        { csrfFrom: `/admin/users/${person.id}/edit` },
      );
      assert.equal(retry.statusCode, 303, 'a change made on the latest version is saved');
      assert.equal((await t.database.adminQuery('select name from users where id = $1', [person.id])).rows[0].name, 'My Edit');
    });

    it('refuses a role that does not fit the person’s organisation when editing', async () => {
      const person = await t.user(['la_referrer'], council);
      const response = await browser.post(
        `/admin/users/${person.id}/edit`,
        { name: 'Referrer', roles: ['la_referrer', 'clinical_psychologist'], preferredLanguage: 'en', version: '1' },
        { csrfFrom: `/admin/users/${person.id}/edit` },
      );
      assert.equal(response.statusCode, 400);
      assert.deepEqual(errorSummary(response), { roles: en.role.notForOrganisation });
      assert.deepEqual((await t.database.adminQuery('select roles from users where id = $1', [person.id])).rows[0].roles, ['la_referrer']);
    });

    it('does not let an administrator disable their own account', async () => {
      const response = await browser.post(`/admin/users/${admin.id}/disable`, {}, { csrfFrom: `/admin/users/${admin.id}` });
      assert.equal(response.statusCode, 400);
      assert.ok(text(response).includes(en.user.cannotDisableSelf));
      const row = await t.database.adminQuery('select disabled_at from users where id = $1', [admin.id]);
      assert.equal(row.rows[0].disabled_at, null);
      assert.equal((await browser.get('/admin/users')).statusCode, 200, 'still signed in');
    });

    it('signs a disabled person out at once and lets them back in when enabled', async () => {
      const person = await t.user(['family_finder'], agency);
      const theirs = await t.signIn(person);
      assert.equal((await theirs.get('/')).statusCode, 200);

      const disabled = await browser.post(`/admin/users/${person.id}/disable`, {}, { csrfFrom: `/admin/users/${person.id}` });
      assert.equal(disabled.statusCode, 303);
      const page = await browser.get(disabled.headers.location as string);
      assert.ok(page.body.includes('The account has been disabled'));

      const next = await theirs.get('/');
      assert.equal(next.statusCode, 303);
      assert.match(next.headers.location as string, /^\/sign-in/);

      const enabled = await browser.post(`/admin/users/${person.id}/enable`, {}, { csrfFrom: `/admin/users/${person.id}` });
      assert.equal(enabled.statusCode, 303);
      await t.signIn(person);
    });

    it('answers 404 for a person who does not exist or a malformed id', async () => {
      assert.equal((await browser.get('/admin/users/00000000-0000-4000-8000-000000000000')).statusCode, 404);
      assert.equal((await browser.get('/admin/users/not-an-id')).statusCode, 404);
      const post = await browser.post('/admin/users/00000000-0000-4000-8000-000000000000/disable', {}, { csrfFrom: '/admin/users' });
      assert.equal(post.statusCode, 404);
    });

    it('keeps these pages from people who are not administrators', async () => {
      const manager = await t.user(['service_manager'], agency);
      const theirs = await t.signIn(manager);
      assert.equal((await theirs.get('/admin/organisations')).statusCode, 403);
      const before = await count('organisations');
      const attempt = await theirs.post('/admin/organisations', { slug: 'by-a-manager', name: 'Manager org', type: 'funder' }, { csrfFrom: '/' });
      assert.equal(attempt.statusCode, 403);
      assert.equal(await count('organisations'), before);
    });
  });

  describe('unlocking an account locked by failed sign-ins', () => {
    /** Five wrong passwords from a browser of the person's own: the account is locked for the window. */
    async function lockOut(person: TestUser) {
      const theirs = new Browser(t.app);
      for (let i = 0; i < 5; i++) assert.equal((await theirs.post('/sign-in', { email: person.email, password: `wrong ${i}` })).statusCode, 401);
      assert.equal((await theirs.post('/sign-in', { email: person.email, password: TEST_PASSWORD })).statusCode, 429, 'locked');
      return theirs;
    }
    const versionOn = (page: LightMyRequestResponse) => page.body.match(/name="version" value="(\d+)"/)?.[1];

    it('lets the administrator unlock it after confirming, and the person signs in at once', async () => {
      const person = await t.user(['adopter'], agency);
      const theirs = await lockOut(person);

      const account = await browser.get(`/admin/users/${person.id}`);
      assert.match(account.body, /data-testid="account-locked"/);
      assert.ok(text(account).includes('Locked after failed sign-ins'));
      const confirm = await browser.get(`/admin/users/${person.id}/unlock`);
      assert.equal(confirm.statusCode, 200);
      assert.match(confirm.body, /data-testid="confirm-unlock"/);

      const unlocked = await browser.post(
        `/admin/users/${person.id}/unlock`,
        { version: versionOn(confirm)! },
        { csrfFrom: `/admin/users/${person.id}/unlock` },
      );
      assert.equal(unlocked.statusCode, 303);
      assert.equal(unlocked.headers.location, `/admin/users/${person.id}`);
      const after = await browser.get(`/admin/users/${person.id}`);
      assert.ok(text(after).includes('The account has been unlocked'));
      assert.doesNotMatch(after.body, /data-testid="account-locked"/);

      assert.equal((await theirs.post('/sign-in', { email: person.email, password: TEST_PASSWORD })).statusCode, 303, 'signed in without waiting');
      const audited = await t.database.adminQuery("select user_id from audit_log where action = 'users.unlock' and resource_id = $1 and outcome = 'success'", [
        person.id,
      ]);
      assert.deepEqual(
        audited.rows.map((r) => r.user_id),
        [admin.id],
        'audited in the administrator’s name',
      );
    });

    it('refuses an unlock from a page someone else changed since, and the account stays locked', async () => {
      const person = await t.user(['adopter'], agency);
      await lockOut(person);
      const confirm = await browser.get(`/admin/users/${person.id}/unlock`);
      await t.services.organisations.updateUser(t.system, person.id, { name: 'Renamed Meanwhile', roles: ['adopter'], preferredLanguage: 'en', version: 1 });
      const stale = await browser.post(`/admin/users/${person.id}/unlock`, { version: versionOn(confirm)! }, { csrfFrom: `/admin/users/${person.id}/unlock` });
      assert.equal(stale.statusCode, 409);
      assert.ok(text(stale).includes(en.conflict.body));
      assert.match((await browser.get(`/admin/users/${person.id}`)).body, /data-testid="account-locked"/);
    });

    it('says so in Welsh, and keeps the unlock from a service manager', async () => {
      const person = await t.user(['adopter'], agency);
      await lockOut(person);
      const welsh = await browser.get(`/admin/users/${person.id}/unlock?lang=cy`);
      assert.ok(text(welsh).includes('Ydw, datgloi’r cyfrif'));
      assert.ok(!text(welsh).includes('Yes, unlock the account'));
      await browser.get('/?lang=en');

      const manager = await t.signIn(await t.user(['service_manager'], agency));
      assert.equal((await manager.get(`/admin/users/${person.id}/unlock`)).statusCode, 403);
      assert.equal((await manager.post(`/admin/users/${person.id}/unlock`, { version: '1' }, { csrfFrom: '/' })).statusCode, 403);
      assert.doesNotMatch((await manager.get(`/admin/users/${person.id}`)).body, /data-testid="unlock-user"/);
    });
  });

  describe('in Welsh', () => {
    it('shows field messages in Welsh when the page is asked for in Welsh', async () => {
      const response = await browser.post('/admin/organisations?lang=cy', { slug: 'Drwg Iawn', name: 'Cyngor', type: 'local_authority' });
      assert.equal(response.statusCode, 400);
      assert.deepEqual(errorSummary(response), { slug: cy.slug.invalid });
      assert.ok(text(response).includes(cy.summaryTitle));
      assert.ok(text(response).includes('Dim ond llythrennau bach, rhifau a chysylltnodau'));
      assert.ok(!text(response).includes(en.slug.invalid), 'no English message on a Welsh page');
    });

    it('remembers Welsh from the language cookie for later forms', async () => {
      const welsh = await t.signIn(admin);
      const toggle = await welsh.get('/?lang=cy');
      assert.equal(toggle.statusCode, 200);
      assert.ok(welsh.cookieHeader().includes('together_lang=cy'));

      const role = await welsh.post(
        '/admin/users',
        { name: 'Gwyn', email: 'gwyn@test.invalid', organisationId: council, roles: 'funder', preferredLanguage: 'cy' },
        { csrfFrom: '/admin/users/new' },
      );
      assert.equal(role.statusCode, 400);
      assert.deepEqual(errorSummary(role), { roles: cy.role.notForOrganisation });
      assert.ok(text(role).includes('Ni ellir rhoi’r rôl hon i rywun yn y sefydliad hwn'));

      const email = await welsh.post(
        '/admin/users',
        { name: 'Gwyn', email: 'dim-cyfeiriad', organisationId: agency, roles: 'adopter' },
        { csrfFrom: '/admin/users/new' },
      );
      assert.deepEqual(errorSummary(email), { email: cy.email.invalid });

      const self = await welsh.post(`/admin/users/${admin.id}/disable`, {}, { csrfFrom: `/admin/users/${admin.id}` });
      assert.equal(self.statusCode, 400);
      assert.ok(text(self).includes(cy.user.cannotDisableSelf));

      const person = await t.user(['social_worker'], agency);
      await t.services.organisations.updateUser(t.system, person.id, { name: 'Rhywun Arall', roles: ['social_worker'], preferredLanguage: 'en', version: 1 });
      const stale = await welsh.post(
        `/admin/users/${person.id}/edit`,
        { name: 'Fy Newid', roles: 'social_worker', preferredLanguage: 'cy', version: '1' },
        { csrfFrom: `/admin/users/${person.id}/edit` },
      );
      assert.equal(stale.statusCode, 409);
      assert.ok(text(stale).includes(cy.conflict.body));
      assert.ok(!text(stale).includes('Someone else changed this record'));

      const csrf = await welsh.post('/admin/organisations', { slug: 'heb-docyn', name: 'Heb docyn', type: 'funder' }, { csrf: 'anghywir' });
      assert.equal(csrf.statusCode, 400);
      assert.ok(text(csrf).includes(cy.csrf.body));
    });
  });
});
