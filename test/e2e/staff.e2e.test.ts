import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { Language } from '../../src/platform/i18n/i18n.ts';
import { TEST_PASSWORD, type TestUser } from '../support/app.ts';
import { openSuite, type E2eSuite } from './support/suite.ts';
import { signIn } from './support/sign-in.ts';
import type { StorageState } from './support/session.ts';
import { codeFromApp, wrongCode } from './support/codes.ts';
import { EnrolPage, SecondFactorPage, SignInPage } from './support/pages/sign-in.ts';
import { HomePage } from './support/pages/home.ts';
import { AuditPage, OrganisationsPage, RetentionPage, UsersPage } from './support/pages/admin.ts';
import { AccountPage, TokensPage } from './support/pages/account.ts';

// One app and one browser for the file: starting them costs more than most of the tests.
let suite: E2eSuite;
describe('staff (browser)', () => {
  before(async () => {
    suite = await openSuite('staff');
  });
  afterEach(async () => suite?.endSessions());
  after(async () => suite?.close());

  /** An administrator's day: sign in with a second factor, look after people and organisations, read Welsh, sign out. */
  describe('an administrator with an authenticator app', () => {
    let admin: TestUser;
    let colleague: TestUser;
    let signedIn: StorageState;
    const closed: string[] = [];

    before(async () => {
      const agency = await suite.t.organisation('agency', 'agency');
      admin = await suite.t.user(['administrator'], agency);
      colleague = await suite.t.user(['family_finder', 'social_worker'], agency);
      // Three invented enquiries that went no further, closed years ago: one will be held, one destroyed.
      for (const n of [1, 2, 3]) {
        const { rows } = await suite.t.database.adminQuery(
          `insert into households (organisation_id, reference, stage, stage_since, email, enquiry_date, closed_date)
         values ($1, $2, 'withdrawn', '2019-03-0${n}', $3, '2019-01-01', '2019-03-0${n}') returning id`,
          [agency, `AT-2019-0000${n}`, `enquirer${n}@example.invalid`],
        );
        closed.push(rows[0].id);
      }
      await suite.t.database.adminQuery(
        "insert into retention_holds (organisation_id, record_kind, record_id, reason) values ($1, 'household', $2, 'Complaint open')",
        [agency, closed[2]],
      );
    });

    it('signs in with e-mail address, password and a code from the app, and is welcomed by name', async () => {
      const session = await suite.session();
      const home = await signIn(session, admin, '/');

      const name = await home.signedInAs();
      assert.match(name, /^Signed in as Test Person \d+, Test agency/);
      assert.match(await home.welcome(), /^Welcome, Test Person \d+$/);
      const navigation = await home.navigationItems();
      for (const item of ['Home', 'People', 'Organisations', 'Audit log', 'Your account']) assert.ok(navigation.includes(item), `navigation offers ${item}`);
      assert.ok((await home.tasks()).includes('Add a person'));
      signedIn = await session.storageState();
    });

    it('refuses a wrong code from the app and says so beside the field', async () => {
      const session = await suite.session();
      const signInPage = await session.open('/sign-in', SignInPage);
      const secondFactor = await signInPage.signIn(admin.email, TEST_PASSWORD, SecondFactorPage);
      const refused = await secondFactor.enterWrongCode(wrongCode(admin.totpSecret!));
      assert.deepEqual(await refused.errorMessages(), ['The code is not correct or has expired. Enter the latest code from your app, or a recovery code']);
      assert.equal(await refused.followErrorLink(0), 'code', 'the summary link moves to the code field');
      // Still not signed in: the people page sends them back to the code.
      await session.open('/admin/users', SecondFactorPage);
    });

    it('finds people, organisations, the audit log and their own account, each page accessible', async () => {
      assert.ok(signedIn, 'signed in by the first test');
      const session = await suite.session(signedIn);
      const home = await session.open('/', HomePage);

      const users = await home.navigate('layout.navigation.users', UsersPage);
      const rows = await users.rows();
      const colleagueRow = rows.find((r) => r[1] === colleague.email);
      assert.ok(colleagueRow, 'the colleague is listed');
      assert.equal(colleagueRow[3], 'Family finder, Social worker');
      assert.equal(colleagueRow[4], 'Active');

      const person = await users.openUser(colleagueRow[0]!);
      const summary = await person.summary();
      assert.equal(summary['E-mail address'], colleague.email);
      assert.equal(summary['Second step at sign-in'], 'Authenticator app set up');

      const newUser = await (await person.navigate('layout.navigation.users', UsersPage)).addPerson();
      assert.ok((await newUser.roleChoices()).includes('Clinical psychologist'));

      const organisations = await newUser.navigate('layout.navigation.organisations', OrganisationsPage);
      assert.match(await organisations.byTestId('organisations-table').innerText(), /Test agency/);

      // Records past their retention period: two are due (the third is held); one is destroyed and leaves a tombstone.
      const retention = await organisations.navigate('retention:navigation.retention', RetentionPage);
      assert.deepEqual(await retention.dueIn('enquiry_not_proceeded'), [closed[0], closed[1]]);
      assert.match(await retention.byTestId(`held-${closed[2]}`).innerText(), /Complaint open/);
      const after = await (await retention.destroy('enquiry_not_proceeded', [closed[0]!])).assertReflows();
      assert.match(await after.byTestId('flash').innerText(), /Records destroyed: 1\./);
      assert.deepEqual(await after.dueIn('enquiry_not_proceeded'), [closed[1]]);
      assert.match(await after.byTestId('tombstones').innerText(), new RegExp(closed[0]!));

      const audit = await after.navigate('layout.navigation.audit', AuditPage);
      const actions = await audit.actions();
      assert.ok(actions.includes('Sign in'), `the audit log names the sign-in in words (saw ${actions.slice(0, 5).join(', ')})`);

      const account = await audit.navigate('layout.navigation.account', AccountPage);
      assert.match(await account.byTestId('account-summary').innerText(), new RegExp(admin.email.replace(/\./g, '\\.')));
      await session.open('/account/tokens', TokensPage);
    });

    it('switches to Welsh with the language toggle, works in Welsh, and signs out', async () => {
      assert.ok(signedIn, 'signed in by the first test');
      const session = await suite.session(signedIn);
      const english = await session.open('/', HomePage);
      const home = await english.switchLanguage('cy');

      assert.match(await home.welcome(), /^Croeso, Test Person \d+$/);
      assert.match(await home.signedInAs(), /^Wedi mewngofnodi fel Test Person \d+, Test agency/);
      assert.equal((await home.byTestId('sign-out').innerText()).trim(), 'Allgofnodi');
      const navigation = await home.navigationItems();
      for (const item of ['Hafan', 'Pobl', 'Sefydliadau', 'Log archwilio', 'Eich cyfrif']) assert.ok(navigation.includes(item), `navigation offers ${item}`);
      assert.equal(await home.byTestId('role-administrator').innerText(), 'Gweinyddwr');

      // The choice is remembered: the next pages are Welsh without asking again.
      const users = await home.navigate('layout.navigation.users', UsersPage);
      const colleagueRow = (await users.rows()).find((r) => r[1] === colleague.email);
      assert.deepEqual(colleagueRow?.slice(3), ['Canfyddwr teuluoedd, Gweithiwr cymdeithasol', 'Gweithredol']);
      const person = await users.openUser(colleagueRow[0]!);
      assert.equal((await person.summary())['Ail gam wrth fewngofnodi'], 'Ap dilysu wedi’i osod');
      const newUser = await (await person.navigate('layout.navigation.users', UsersPage)).addPerson();
      assert.ok((await newUser.roleChoices()).includes('Seicolegydd clinigol'));
      const organisations = await newUser.navigate('layout.navigation.organisations', OrganisationsPage);
      const retention = await (await organisations.navigate('retention:navigation.retention', RetentionPage)).assertReflows();
      assert.match(await retention.page.locator('h1').innerText(), /Cofnodion sydd wedi mynd heibio i’w cyfnod cadw/);
      assert.match(await retention.byTestId('retention-classes').innerText(), /100 o flynyddoedd o’r gorchymyn mabwysiadu/);
      const audit = await retention.navigate('layout.navigation.audit', AuditPage);
      assert.match(await audit.byTestId('audit-table').innerText(), /Wedi’i wneud/);
      const account = await audit.navigate('layout.navigation.account', AccountPage);
      assert.match(await account.byTestId('account-summary').innerText(), /Gweinyddwr/);
      await session.open('/account/tokens', TokensPage);

      const signedOut = await account.signOut();
      assert.equal(await signedOut.byTestId('signed-out').innerText(), 'Rydych chi wedi allgofnodi');
      // The session is over: a page for staff asks to sign in again, still in Welsh.
      const signInPage = await session.open('/admin/users', SignInPage);
      assert.equal(await signInPage.page.locator('h1').innerText(), 'Mewngofnodi');
    });

    it('switches back to English on the signed-out page', async () => {
      const session = await suite.session();
      const home = await signIn(session, admin);
      const welsh = await (await home.switchLanguage('cy')).signOut();
      const english = await welsh.switchLanguage('en');
      assert.equal(await english.byTestId('signed-out').innerText(), 'You have signed out');
    });
  });

  /** Staff who have never signed in must set up an authenticator app before they see any record. */
  describe('a member of staff signing in for the first time', () => {
    let agency: string;

    before(async () => {
      agency = await suite.t.organisation('agency', 'agency');
    });

    /** A social worker as an administrator creates them: a password, no second factor yet. */
    async function newSocialWorker(preferredLanguage: Language): Promise<string> {
      const email = `new.worker.${preferredLanguage}.${Date.now().toString(36)}@test.invalid`;
      await suite.t.services.organisations.createUser(suite.t.system, {
        email,
        name: `Newly Joined ${preferredLanguage}`,
        organisationId: agency,
        roles: ['social_worker'],
        preferredLanguage,
        password: TEST_PASSWORD,
      });
      return email;
    }

    it('is sent to set up an authenticator app, confirms it with a code, and is given 10 recovery codes', async () => {
      const email = await newSocialWorker('en');
      const session = await suite.session();
      const signInPage = await session.open('/sign-in', SignInPage);
      const enrol = await signInPage.signIn(email, TEST_PASSWORD, EnrolPage);

      // Any other page waits until the app is set up.
      await session.open('/admin/users', EnrolPage);

      const shown = await enrol.shownSecret();
      assert.match(shown, /^([A-Z2-7]{4} )+[A-Z2-7]{1,4}$/, 'the key is shown in groups of four for typing');
      const secret = shown.replace(/\s+/g, '');

      // A code that is not from the app is refused, with the reason beside the field.
      const refused = await enrol.confirmWrongCode(wrongCode(secret));
      assert.equal(await refused.fieldError('code'), 'The code is not correct or has expired. Enter the latest code from your app, or a recovery code');
      assert.equal((await refused.shownSecret()).replace(/\s+/g, ''), secret, 'the same key is offered again');

      const recovery = await refused.confirm(await codeFromApp(secret));
      const codes = await recovery.codes();
      assert.equal(codes.length, 10);
      for (const code of codes) assert.match(code, /^[0-9a-f]{5}-[0-9a-f]{5}$/);
      assert.equal(new Set(codes).size, 10, 'every code is different');

      const home = await recovery.continue();
      assert.match(await home.welcome(), /^Welcome, Newly Joined en$/);
      const account = await home.navigate('layout.navigation.account', AccountPage);
      assert.match(await account.byTestId('account-summary').innerText(), /Authenticator app set up/);
    });

    it('reads the set-up pages in Welsh when Welsh is their preferred language', async () => {
      const email = await newSocialWorker('cy');
      const session = await suite.session();
      const signInPage = await session.open('/sign-in', SignInPage);
      session.language = 'cy'; // their preference applies as soon as they have a session
      const enrol = await signInPage.signIn(email, TEST_PASSWORD, EnrolPage);
      assert.equal(await enrol.page.locator('.govuk-details__summary-text').innerText(), 'Ni allaf sganio’r cod QR');

      const recovery = await enrol.confirm(await codeFromApp((await enrol.shownSecret()).replace(/\s+/g, '')));
      assert.equal(await recovery.byTestId('continue').innerText(), 'Rwyf wedi cadw fy nghodau');
      assert.equal((await recovery.codes()).length, 10);
      const home = await recovery.continue();
      assert.match(await home.welcome(), /^Croeso, Newly Joined cy$/);
    });
  });
});
