import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Browser, TEST_PASSWORD, startTestApp, type TestApp, type TestUser } from '../support/app.ts';
import { startIdentityProvider, type IdentityProvider } from '../support/identity-provider.ts';

/**
 * Staff sign-in through the organisation's identity provider, against a real OpenID Connect
 * provider (oidc-provider) on 127.0.0.1: discovery, the authorisation code with PKCE, state and
 * nonce, the ID token checked by openid-client, the e-mail address matched to a staff account.
 */
const REDIRECT_URL = 'http://127.0.0.1:3999/sign-in/organisation/callback';
const pathOf = (url: string) => {
  const u = new URL(url);
  return u.pathname + u.search;
};

describe('signing in with the organisation’s account', () => {
  let idp: IdentityProvider;
  let t: TestApp;
  let worker: TestUser;
  let manager: TestUser;
  let adopter: TestUser;
  let otherAgencyWorker: TestUser;

  before(async () => {
    idp = await startIdentityProvider(
      {
        // The provider says it asked Ceri for a second factor; it says nothing of the kind for Alun.
        worker: { email: 'ceri.worker@stdavids.test', email_verified: true, amr: ['pwd', 'mfa'] },
        manager: { email: 'Alun.Manager@STDAVIDS.test' },
        stranger: { email: 'nobody.here@stdavids.test', email_verified: true },
        outsider: { email: 'someone@gmail.test', email_verified: true },
        unverified: { email: 'ceri.worker@stdavids.test', email_verified: false },
        noEmail: {},
        adopter: { email: 'family@stdavids.test', email_verified: true },
        otherAgency: { email: 'worker@stdavids.test', email_verified: true },
      },
      { redirectUrl: REDIRECT_URL },
    );
    t = await startTestApp({
      env: {
        OIDC_ISSUER_URL: idp.issuer,
        OIDC_CLIENT_ID: idp.clientId,
        OIDC_CLIENT_SECRET: idp.clientSecret,
        OIDC_REDIRECT_URL: REDIRECT_URL,
        OIDC_ORGANISATION: 'st-davids',
        OIDC_ALLOWED_DOMAINS: 'stdavids.test',
        // St David's staff may not use passwords here (the last test); nothing else changes for them.
        OIDC_REQUIRED: 'true',
      },
    });
    const agency = await t.organisation('st-davids', 'agency');
    const otherAgency = await t.organisation('other-agency', 'agency');
    worker = await t.user(['social_worker'], agency, 'ceri.worker@stdavids.test');
    manager = await t.user(['service_manager'], agency, 'alun.manager@stdavids.test');
    adopter = await t.user(['adopter'], agency, 'family@stdavids.test');
    otherAgencyWorker = await t.user(['social_worker'], otherAgency, 'worker@stdavids.test');
  });
  after(async () => {
    await t?.close();
    await idp?.close();
  });

  /** Leaves for the provider from the sign-in page's button; returns the provider's address. */
  async function leave(browser: Browser, next = '/account'): Promise<string> {
    const started = await browser.get(`/sign-in/organisation?next=${encodeURIComponent(next)}`);
    assert.equal(started.statusCode, 303);
    const location = started.headers.location as string;
    assert.ok(location.startsWith(idp.issuer), 'the browser is sent to the organisation’s provider');
    const params = new URL(location).searchParams;
    assert.equal(params.get('code_challenge_method'), 'S256');
    assert.ok(params.get('state') && params.get('nonce') && params.get('code_challenge'));
    return location;
  }

  const signInAudits = (outcome: 'success' | 'denied') =>
    t.database.adminQuery(
      "select resource_id, detail from audit_log where action = 'auth.sign-in' and outcome = $1 and detail->>'method' = 'oidc' order by id",
      [outcome],
    );

  it('offers the button on the sign-in page, in English and Welsh', async () => {
    const browser = new Browser(t.app);
    const english = await browser.get('/sign-in');
    assert.match(english.body, /Sign in with your organisation’s account/);
    assert.match(english.body, /href="\/sign-in\/organisation"/);
    const welsh = await browser.get('/sign-in?lang=cy&next=%2Fchildren');
    assert.match(welsh.body, /Mewngofnodi gyda chyfrif eich sefydliad/);
    assert.match(welsh.body, /href="\/sign-in\/organisation\?next=%2Fchildren"/);
  });

  it('signs a member of staff in through the provider: same session and audit as a password, no second code asked when the provider did one', async () => {
    const browser = new Browser(t.app, {
      'user-agent': 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
    });
    const back = await idp.signIn(await leave(browser, '/account/sessions'), 'worker');
    const finished = await browser.get(pathOf(back));
    assert.equal(finished.statusCode, 303);
    assert.equal(finished.headers.location, '/account/sessions');
    const sessions = await browser.get('/account/sessions');
    assert.equal(sessions.statusCode, 200, 'signed in, with nothing more to do');
    assert.match(sessions.body, /Chrome on Windows/);

    const audits = await signInAudits('success');
    assert.equal(audits.rows.length, 1);
    assert.equal(audits.rows[0]!.resource_id, worker.id);
    assert.deepEqual(audits.rows[0]!.detail, { state: 'active', method: 'oidc' });
    assert.doesNotMatch(JSON.stringify(audits.rows), /stdavids/, 'the audit names the account by id, never by address');
  });

  it('matches the address whatever its capitals; asks for the platform’s code when the provider did no second factor; the provider’s answer finishes nothing in another browser', async () => {
    const browser = new Browser(t.app);
    const back = await idp.signIn(await leave(browser), 'manager');
    const finished = await browser.get(pathOf(back));
    assert.equal(finished.statusCode, 303);
    assert.equal(finished.headers.location, '/sign-in/second-factor?next=%2Faccount', 'the provider’s token says no second factor: the platform asks its own');
    const early = await browser.get('/account');
    assert.equal(early.statusCode, 303, 'nothing opens before the code');
    const code = await browser.post('/sign-in/second-factor?next=%2Faccount', { code: await t.nextCode(manager) });
    assert.equal(code.statusCode, 303);
    assert.equal(code.headers.location, '/account');
    assert.equal((await browser.get('/account')).statusCode, 200);
    const audits = await signInAudits('success');
    assert.deepEqual(audits.rows.at(-1)!.detail, { state: 'second-factor', method: 'oidc' });
    const again = await new Browser(t.app).get(pathOf(back));
    assert.equal(again.statusCode, 400, 'a second browser with the same answer finishes nothing');
    assert.match(again.body, /That sign-in could not be finished/);
  });

  it('refuses an address with no staff account (Welsh too), an adopter, and another organisation’s member of staff: none is created', async () => {
    for (const [person, language] of [
      ['stranger', 'cy'],
      ['adopter', 'en'],
      ['otherAgency', 'en'],
    ] as const) {
      const browser = new Browser(t.app);
      if (language === 'cy') await browser.get('/sign-in?lang=cy');
      const back = await idp.signIn(await leave(browser), person);
      const refused = await browser.get(pathOf(back));
      assert.equal(refused.statusCode, 401, person);
      assert.match(
        refused.body,
        language === 'cy'
          ? /Nid oes cyfrif staff yma ar gyfer cyfeiriad e-bost cyfrif eich sefydliad/
          : /There is no staff account here for the e-mail address/,
      );
      assert.match(refused.body, /govuk-error-summary/);
      assert.equal((await browser.get('/account')).statusCode, 303, `${person} is not signed in`);
    }
    const created = await t.database.adminQuery("select count(*) as n from users where lower(email) = 'nobody.here@stdavids.test'");
    assert.equal(Number(created.rows[0]!.n), 0, 'no account is created for an address the provider vouches for');
    const denied = (await signInAudits('denied')).rows.filter((r) => r.detail.reason === 'no-account');
    assert.deepEqual(
      denied.map((r) => r.resource_id).sort(),
      [null, adopter.id, otherAgencyWorker.id].sort((a, b) => String(a).localeCompare(String(b))),
    );
  });

  it('refuses an address outside the allowed domains, one the provider has not verified, and an account with no address', async () => {
    for (const [person, message] of [
      ['outsider', /is not one this service accepts for your organisation/],
      ['unverified', /did not give an e-mail address this service can use/],
      ['noEmail', /did not give an e-mail address this service can use/],
    ] as const) {
      const browser = new Browser(t.app);
      const refused = await browser.get(pathOf(await idp.signIn(await leave(browser), person)));
      assert.equal(refused.statusCode, 401, person);
      assert.match(refused.body, message);
      assert.equal((await browser.get('/account')).statusCode, 303);
    }
  });

  it('says so when the person cancels at the provider', async () => {
    const browser = new Browser(t.app);
    const refused = await browser.get(pathOf(await idp.cancel(await leave(browser))));
    assert.equal(refused.statusCode, 400);
    assert.match(refused.body, /Signing in with your organisation’s account was cancelled/);
  });

  it('refuses an answer meant for another browser’s sign-in (state checked) and one with no sign-in started', async () => {
    const mine = new Browser(t.app);
    await leave(mine);
    const theirs = new Browser(t.app);
    const theirAnswer = await idp.signIn(await leave(theirs), 'worker');
    const swapped = await mine.get(pathOf(theirAnswer));
    assert.equal(swapped.statusCode, 400);
    assert.match(swapped.body, /That sign-in could not be finished/);
    assert.equal((await mine.get('/account')).statusCode, 303, 'not signed in as the other browser’s person');

    const stranger = new Browser(t.app);
    const noStart = await stranger.get('/sign-in/organisation/callback?code=abc&state=def');
    assert.equal(noStart.statusCode, 400);
  });

  it('refuses a password to the staff of an organisation that requires its provider, pointing to the button; adopters and other organisations keep theirs', async () => {
    for (const language of ['en', 'cy'] as const) {
      const browser = new Browser(t.app);
      const page = await browser.get(`/sign-in?lang=${language}`);
      assert.match(
        page.body,
        language === 'en' ? /Staff of the organisation must sign in with their organisation’s account/ : /Rhaid i staff y sefydliad fewngofnodi/,
      );
      const refused = await browser.post('/sign-in', { email: worker.email, password: TEST_PASSWORD }, { csrfFrom: '/sign-in' });
      assert.equal(refused.statusCode, 403);
      assert.match(
        refused.body,
        language === 'en'
          ? /Your organisation asks its staff to sign in with their organisation’s account, not a password/
          : /Mae eich sefydliad yn gofyn i’w staff fewngofnodi gyda chyfrif eu sefydliad, nid cyfrinair/,
      );
      assert.match(refused.body, /href="#organisation-sign-in"/, 'the error summary leads to the organisation’s button');
      assert.equal((await browser.get('/account')).statusCode, 303, 'not signed in');
    }
    // A wrong password is told as any wrong password is: the rule is revealed only to the account's owner.
    const guess = await new Browser(t.app).post('/sign-in', { email: worker.email, password: 'not the password at all' }, { csrfFrom: '/sign-in' });
    assert.equal(guess.statusCode, 401);
    assert.doesNotMatch(guess.body, /not a password/);

    const denied = await t.database.adminQuery("select resource_id from audit_log where action = 'auth.sign-in' and detail->>'reason' = 'provider-required'");
    assert.deepEqual(
      denied.rows.map((r) => r.resource_id),
      [worker.id, worker.id],
    );
    // The agency's adopters have no work account; another organisation's staff are not the provider's.
    assert.equal((await (await t.signIn(adopter)).get('/account')).statusCode, 200);
    assert.equal((await (await t.signIn(otherAgencyWorker)).get('/account')).statusCode, 200);
  });
});

describe('an installation without an identity provider', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(async () => t?.close());

  it('shows no button, and the provider’s addresses are not found', async () => {
    const browser = new Browser(t.app);
    assert.doesNotMatch((await browser.get('/sign-in')).body, /organisation-sign-in/);
    assert.equal((await browser.get('/sign-in/organisation')).statusCode, 404);
    assert.equal((await browser.get('/sign-in/organisation/callback?code=a&state=b')).statusCode, 404);
  });
});

describe('an identity provider that cannot be reached', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({
      env: {
        // Nothing listens on port 9 (discard) of this machine.
        OIDC_ISSUER_URL: 'http://127.0.0.1:9',
        OIDC_CLIENT_ID: 'adopting-together',
        OIDC_CLIENT_SECRET: 'a-client-secret-for-nobody',
        OIDC_REDIRECT_URL: REDIRECT_URL,
        OIDC_ORGANISATION: 'st-davids',
      },
    });
  });
  after(async () => t?.close());

  it('answers with the sign-in page and a message in the reader’s language, not an error page', async () => {
    const browser = new Browser(t.app);
    const english = await browser.get('/sign-in/organisation');
    assert.equal(english.statusCode, 400);
    assert.match(english.body, /Your organisation’s account could not be checked just now/);
    assert.match(english.body, /name="password"/, 'the password form is still there');
    await browser.get('/sign-in?lang=cy');
    const welsh = await browser.get('/sign-in/organisation');
    assert.match(welsh.body, /Nid oedd modd gwirio cyfrif eich sefydliad ar hyn o bryd/);
  });
});
