import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, afterEach, before, describe, it } from 'node:test';
import { openSuite, type E2eSuite } from './support/suite.ts';
import { SecondFactorPage, SignInPage } from './support/pages/sign-in.ts';
import { codeFromApp } from './support/codes.ts';
import { HomePage } from './support/pages/home.ts';
import { startIdentityProvider, type IdentityProvider } from '../support/identity-provider.ts';

/** A port free on 127.0.0.1 now, so the provider can be told the app's address before the app starts. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let suite: E2eSuite;
let idp: IdentityProvider;
describe('organisation-sign-in (browser)', () => {
  before(async () => {
    const port = await freePort();
    const redirectUrl = `http://127.0.0.1:${port}/sign-in/organisation/callback`;
    idp = await startIdentityProvider(
      { worker: { email: 'ceri.worker@stdavids.test', email_verified: true }, stranger: { email: 'nobody@stdavids.test', email_verified: true } },
      { redirectUrl },
    );
    suite = await openSuite('organisation-sign-in', {
      port,
      env: {
        OIDC_ISSUER_URL: idp.issuer,
        OIDC_CLIENT_ID: idp.clientId,
        OIDC_CLIENT_SECRET: idp.clientSecret,
        OIDC_REDIRECT_URL: redirectUrl,
        OIDC_ORGANISATION: 'st-davids',
        OIDC_ALLOWED_DOMAINS: 'stdavids.test',
      },
    });
  });
  afterEach(async () => suite?.endSessions());
  after(async () => {
    await suite?.close();
    await idp?.close();
  });

  /** The sign-in page as the provider's answer leaves it: at the callback's address, saying why it was refused. */
  class RefusedPage extends SignInPage {
    protected override readonly path = /^\/sign-in\/organisation\/callback(\?|$)/;
  }

  /**
   * Presses the button, then at the provider's own (development) pages signs in as `person` and agrees
   * to share the e-mail address. Those pages ask for a web font from the internet, which this closed
   * network refuses: it is answered empty before the browser leaves.
   */
  async function atTheProvider(page: SignInPage['page'], person: string) {
    await page.context().route(/^https:\/\/fonts\./, (route) => route.fulfill({ status: 200, contentType: 'text/css', body: '' }));
    await page.locator('[data-testid="organisation-sign-in"]').click();
    await page.waitForURL((url) => url.href.startsWith(idp.issuer));
    await page.locator('input[name="login"]').fill(person);
    await page.locator('input[name="password"]').fill('any password');
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((url) => !url.pathname.startsWith('/interaction') || url.href.startsWith(idp.issuer));
    if (page.url().startsWith(idp.issuer)) await page.locator('button[type="submit"]').click();
  }

  describe('signing in with the organisation’s account', () => {
    it('offers the button in English and Welsh (accessible), and signs a member of staff in through the provider, then asks for the platform’s code', async () => {
      const agency = await suite.t.organisation('st-davids', 'agency');
      const worker = await suite.t.user(['social_worker'], agency, 'ceri.worker@stdavids.test');
      const session = await suite.session();
      const english = await session.open('/sign-in', SignInPage);
      assert.equal((await english.page.locator('[data-testid="organisation-sign-in"]').innerText()).trim(), 'Sign in with your organisation’s account');
      const welsh = await english.switchLanguage('cy');
      assert.equal((await welsh.page.locator('[data-testid="organisation-sign-in"]').innerText()).trim(), 'Mewngofnodi gyda chyfrif eich sefydliad');
      const back = await welsh.switchLanguage('en');

      await atTheProvider(back.page, 'worker');
      // The provider's development pages say nothing of a second factor (no `amr`), so the platform asks its own (OIDC_SECOND_FACTOR=claims).
      const code = await session.expect(SecondFactorPage);
      await code.enterCode(await codeFromApp(worker.totpSecret!), HomePage);
    });

    it('explains a refusal on the sign-in page, with the password form still there', async () => {
      const session = await suite.session();
      const signIn = await session.open('/sign-in', SignInPage);
      await atTheProvider(signIn.page, 'stranger');
      const refused = await session.expect(RefusedPage, { withErrors: true });
      assert.match(await refused.page.locator('.govuk-error-summary').innerText(), /There is no staff account here/);
      assert.equal(await refused.page.locator('[data-testid="password"]').count(), 1);
    });
  });
});
