import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { TEST_PASSWORD, type TestUser } from '../support/app.ts';
import { openSuite, type E2eSuite } from './support/suite.ts';
import { SignInPage } from './support/pages/sign-in.ts';
import { HomePage } from './support/pages/home.ts';
import { AccountPage } from './support/pages/account.ts';
import { AccessibilityPage, CookiesPage, PrivacyPage } from './support/pages/information.ts';
import { ForbiddenPage, NotFoundPage } from './support/pages/errors.ts';

// One app and one browser for the file: starting them costs more than most of the tests.
let suite: E2eSuite;
describe('public (browser)', () => {
  before(async () => {
    // In the full browser people install, not its headless shell: every run proves the service there too.
    suite = await openSuite('public', { fullBrowser: true });
  });
  afterEach(async () => suite?.endSessions());
  after(async () => suite?.close());

  /** What anyone can reach without an account, in English and Welsh, including the sign-in form's errors. */
  describe('the pages before signing in', () => {
    let adopter: TestUser;

    before(async () => {
      adopter = await suite.t.user(['adopter'], await suite.t.organisation('agency', 'agency'));
    });

    it('explains each missing answer of the sign-in form in a GOV.UK error summary', async () => {
      const session = await suite.session();
      const signIn = await session.open('/sign-in', SignInPage);
      const refused = await signIn.submitEmpty();
      assert.deepEqual(await refused.errorMessages(), ['Enter an e-mail address', 'Enter a password']);
      assert.equal(await refused.fieldError('email'), 'Enter an e-mail address');
      assert.equal(await refused.fieldError('password'), 'Enter a password');
      assert.match(await refused.page.title(), /^Error: Sign in – Adopting Together$/);
      assert.equal(await refused.followErrorLink(1), 'password', 'the summary link moves to the field');
    });

    it('refuses a wrong password without saying which part was wrong', async () => {
      const session = await suite.session();
      const signIn = await session.open('/sign-in', SignInPage);
      const refused = await signIn.signInRefused(adopter.email, `${TEST_PASSWORD} but wrong`);
      assert.deepEqual(await refused.errorMessages(), ['Enter a correct e-mail address and password']);
      assert.equal(await refused.byTestId('email').inputValue(), adopter.email, 'the e-mail address is kept');
    });

    it('shows the sign-in form and its errors in Welsh', async () => {
      const session = await suite.session();
      const english = await session.open('/sign-in', SignInPage);
      const signIn = await english.switchLanguage('cy');
      assert.equal(await signIn.byTestId('sign-in').innerText(), 'Mewngofnodi');
      const refused = await signIn.submitEmpty();
      assert.equal(await refused.errorSummary().locator('h2').innerText(), 'Mae problem wedi codi');
      assert.deepEqual(await refused.errorMessages(), ['Rhowch gyfeiriad e-bost', 'Rhowch gyfrinair']);
      assert.equal(await refused.fieldError('email'), 'Rhowch gyfeiriad e-bost');
      assert.match(await refused.page.title(), /^Gwall: Mewngofnodi – Mabwysiadu Gyda’n Gilydd$/);
    });

    /**
     * POST-redirect-GET (issue 16): a refused sign-in ends on a page the browser fetched with GET at
     * the form's own address, so Back, Forward and Reload never ask to send the form again (which
     * would otherwise show Chromium's "Confirm form resubmission" or send the password once more).
     */
    for (const language of ['en', 'cy'] as const) {
      it(`sends a refused sign-in back to its address by GET: Back, Forward and Reload send nothing again (${language})`, async () => {
        const session = await suite.session();
        const page = session.page;
        const documents: string[] = [];
        page.on('request', (request) => {
          if (request.isNavigationRequest() && request.frame() === page.mainFrame()) documents.push(`${request.method()} ${new URL(request.url()).pathname}`);
        });
        let signIn = await session.open('/sign-in', SignInPage);
        if (language === 'cy') signIn = await signIn.switchLanguage('cy');
        documents.length = 0;
        const refused = await signIn.signInRefused(adopter.email, `${TEST_PASSWORD} but wrong`);
        assert.deepEqual(documents, ['POST /sign-in', 'GET /sign-in'], 'the form was answered with a redirect to its page');
        assert.equal(new URL(page.url()).pathname, '/sign-in');
        assert.equal(session.lastStatus, 401, 'the page still says the sign-in was refused');
        assert.deepEqual(await refused.errorMessages(), [
          language === 'cy' ? 'Rhowch gyfeiriad e-bost a chyfrinair cywir' : 'Enter a correct e-mail address and password',
        ]);
        assert.equal(await refused.byTestId('email').inputValue(), adopter.email, 'the e-mail address is kept');

        documents.length = 0;
        await page.goBack();
        await session.expect(SignInPage);
        await page.goForward();
        const forward = await session.expect(SignInPage);
        assert.equal(await forward.errorSummary().count(), 0, 'coming back to it shows the form afresh');
        await page.reload();
        await session.expect(SignInPage);
        assert.ok(
          documents.every((document) => document.startsWith('GET ')),
          `Back, Forward and Reload only fetched pages: ${documents.join(', ')}`,
        );
      });
    }

    it('offers the accessibility statement, cookies and privacy notice from the footer, in both languages', async () => {
      const session = await suite.session();
      const signIn = await session.open('/sign-in', SignInPage);
      const accessibility = await signIn.followFooterLink('layout.footer.accessibility', AccessibilityPage);
      assert.match(await accessibility.page.locator('main').innerText(), /WCAG\) 2\.2/);
      const cookies = await accessibility.followFooterLink('layout.footer.cookies', CookiesPage);
      assert.match(await cookies.page.locator('table').innerText(), /together_session/);
      const privacy = await cookies.followFooterLink('layout.footer.privacy', PrivacyPage);

      const preifatrwydd = await privacy.switchLanguage('cy');
      assert.equal(await preifatrwydd.page.locator('h1').innerText(), 'Hysbysiad preifatrwydd');
      const cwcis = await preifatrwydd.followFooterLink('layout.footer.cookies', CookiesPage);
      assert.equal(await cwcis.page.locator('h1').innerText(), 'Cwcis');
      const hygyrchedd = await cwcis.followFooterLink('layout.footer.accessibility', AccessibilityPage);
      assert.equal(await hygyrchedd.page.locator('h1').innerText(), 'Datganiad hygyrchedd');
    });

    it('answers an unknown address with a “page not found” page, in both languages', async () => {
      const session = await suite.session();
      const notFound = await session.open('/no-such-page', NotFoundPage);
      assert.match(await notFound.page.locator('main').innerText(), /If you typed the web address, check it is correct/);
      const welsh = await notFound.switchLanguage('cy');
      assert.equal(await welsh.page.locator('h1').innerText(), 'Heb ddod o hyd i’r dudalen');
    });
  });

  /** Adopters sign in with a password alone and see only what is theirs. */
  describe('an adopter', () => {
    let adopter: TestUser;

    before(async () => {
      adopter = await suite.t.user(['adopter'], await suite.t.organisation('agency', 'agency'));
      assert.equal(adopter.totpSecret, undefined, 'adopters have no second factor');
    });

    it('signs in without a second factor and is offered only their own account', async () => {
      const session = await suite.session();
      const home = await (await session.open('/sign-in', SignInPage)).signIn(adopter.email, TEST_PASSWORD, HomePage);
      const navigation = await home.navigationItems();
      assert.ok(navigation.includes('Your account'));
      for (const item of ['People', 'Organisations', 'Audit log']) assert.ok(!navigation.includes(item), `navigation does not offer ${item}`);
      assert.equal(await home.byTestId('role-adopter').innerText(), 'Adopter');
      assert.ok(!(await home.tasks()).includes('See the people with accounts'));

      const account = await home.navigate('layout.navigation.account', AccountPage);
      assert.match(await account.byTestId('account-summary').innerText(), /Not set up/);

      // Typing the address of the people page does not get them in.
      const forbidden = await session.open('/admin/users', ForbiddenPage);
      assert.match(await forbidden.page.locator('main').innerText(), /Your role does not allow this/);
      assert.equal(await forbidden.page.getByTestId('users-table').count(), 0);
      const welsh = await forbidden.switchLanguage('cy');
      assert.equal(await welsh.page.locator('h1').innerText(), 'Ni allwch wneud hyn');

      const signedOut = await welsh.signOut();
      assert.equal(await signedOut.byTestId('signed-out').innerText(), 'Rydych chi wedi allgofnodi');
    });
  });
});
