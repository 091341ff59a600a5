import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { currentTotp, totpForStep, totpStep } from '../../src/platform/auth/totp.ts';
import { Browser, TEST_PASSWORD, startTestApp, type TestApp, type TestUser } from '../support/app.ts';

const SESSION = 'together_session';
const WRONG_CREDENTIALS = 'Enter a correct e-mail address and password';
const LOCKED = 'There have been too many attempts to sign in. Wait 15 minutes and try again.';

function sessionCookieOf(response: LightMyRequestResponse) {
  return (response.cookies as { name: string; value: string; httpOnly?: boolean; sameSite?: string; path?: string }[]).find(
    (c) => c.name === SESSION && c.value !== '',
  );
}

/** A request carrying exactly the cookie header given: a browser that kept an old cookie. */
function getWithCookie(t: TestApp, url: string, cookie: string) {
  return t.app.inject({ method: 'GET', url, headers: { cookie } });
}

/** An agency account created without a second factor, as a real administrator would create it. */
async function unenrolledStaff(t: TestApp, organisationId: string): Promise<TestUser> {
  const email = `unenrolled.${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 8)}@test.invalid`;
  const { id } = await t.services.organisations.createUser(t.system, {
    email,
    name: 'Unenrolled Worker',
    organisationId,
    roles: ['social_worker'],
    preferredLanguage: 'en',
    password: TEST_PASSWORD,
  });
  return { id, email, roles: ['social_worker'], organisationId };
}

describe('signing in', () => {
  let t: TestApp;
  let agency: string;
  let worker: TestUser; // staff, with a second factor
  let adopter: TestUser; // not staff: no second factor

  before(async () => {
    t = await startTestApp();
    agency = await t.organisation('agency', 'agency');
    worker = await t.user(['social_worker'], agency);
    adopter = await t.user(['adopter'], agency);
  });
  after(async () => t.close());
  // Every injected request comes from 127.0.0.1: clear the per-address counter so one test's
  // failed attempts cannot lock the next test out.
  beforeEach(async () => {
    await t.database.adminQuery('delete from sign_in_failures');
  });

  it('shows the error summary and starts no session for a wrong password', async () => {
    const browser = new Browser(t.app);
    const response = await browser.post('/sign-in', { email: adopter.email, password: 'not the password' });
    assert.equal(response.statusCode, 401);
    assert.match(response.body, /govuk-error-summary/);
    assert.match(response.body, /There is a problem/);
    assert.ok(response.body.includes(WRONG_CREDENTIALS));
    assert.equal(sessionCookieOf(response), undefined, 'no session cookie is set');
    assert.match(response.body, new RegExp(`value="${adopter.email.replace(/\./g, '\\.')}"`), 'the e-mail typed is kept');
    assert.doesNotMatch(response.body, /not the password/, 'the password typed is never echoed');
    const home = await browser.get('/');
    assert.equal(home.statusCode, 303);
    assert.match(home.headers.location as string, /^\/sign-in/);
  });

  it('gives the same answer for an unknown e-mail address as for a wrong password', async () => {
    const known = await new Browser(t.app).post('/sign-in', { email: adopter.email, password: 'not the password' });
    const unknown = await new Browser(t.app).post('/sign-in', { email: 'nobody.here@test.invalid', password: 'not the password' });
    assert.equal(unknown.statusCode, known.statusCode);
    assert.ok(unknown.body.includes(WRONG_CREDENTIALS));
    const summary = (body: string) => body.match(/<div class="govuk-error-summary"[\s\S]*?<\/ul>/)?.[0];
    assert.equal(summary(unknown.body), summary(known.body));
    assert.equal(sessionCookieOf(unknown), undefined);
  });

  it('signs a person without a second factor straight in', async () => {
    const browser = new Browser(t.app);
    const response = await browser.post('/sign-in', { email: adopter.email, password: TEST_PASSWORD });
    assert.equal(response.statusCode, 303);
    assert.equal(response.headers.location, '/');
    const home = await browser.get('/');
    assert.equal(home.statusCode, 200);
    const account = await browser.get('/account');
    assert.equal(account.statusCode, 200, 'a person who is not an administrator sees their own account');
    assert.ok(account.body.includes(adopter.email));
  });

  it('keeps a staff member on the code page until the second factor is passed', async () => {
    const browser = new Browser(t.app);
    const response = await browser.post('/sign-in', { email: worker.email, password: TEST_PASSWORD });
    assert.equal(response.statusCode, 303);
    assert.match(response.headers.location as string, /^\/sign-in\/second-factor/);
    for (const url of ['/', '/account', '/account/tokens']) {
      const page = await browser.get(url);
      assert.equal(page.statusCode, 303, url);
      assert.equal(page.headers.location, '/sign-in/second-factor', url);
    }
    const codePage = await browser.get('/sign-in/second-factor');
    assert.equal(codePage.statusCode, 200);
    const done = await browser.post('/sign-in/second-factor', { code: await t.nextCode(worker) });
    assert.equal(done.statusCode, 303);
    assert.equal(done.headers.location, '/');
    assert.equal((await browser.get('/')).statusCode, 200);
  });

  it('refuses a wrong second-factor code and keeps the person out', async () => {
    const browser = new Browser(t.app);
    await browser.post('/sign-in', { email: worker.email, password: TEST_PASSWORD });
    const good = currentTotp(worker.totpSecret!);
    const wrong = String((Number(good) + 500_000) % 1_000_000).padStart(6, '0');
    const response = await browser.post('/sign-in/second-factor', { code: wrong });
    assert.equal(response.statusCode, 401);
    assert.match(response.body, /govuk-error-summary/);
    assert.ok(response.body.includes('The code is not correct or has expired'));
    const home = await browser.get('/');
    assert.equal(home.statusCode, 303);
    assert.equal(home.headers.location, '/sign-in/second-factor');
    const empty = await browser.post('/sign-in/second-factor', { code: '' });
    assert.equal(empty.statusCode, 400);
    assert.ok(empty.body.includes('Enter the 6-digit code'));
  });

  it('accepts each code from the app once: the same code again, or an older one, is refused', async () => {
    const person = await t.user(['social_worker'], agency);
    const withCode = async (code: string) => {
      const browser = new Browser(t.app);
      const first = await browser.post('/sign-in', { email: person.email, password: TEST_PASSWORD });
      assert.match(first.headers.location as string, /^\/sign-in\/second-factor/);
      return { browser, response: await browser.post('/sign-in/second-factor', { code }) };
    };
    const step = totpStep();
    const code = totpForStep(person.totpSecret!, step);
    const once = await withCode(code);
    assert.equal(once.response.statusCode, 303, 'the code is accepted the first time');
    assert.equal((await once.browser.get('/')).statusCode, 200);

    const replayed = await withCode(code);
    assert.equal(replayed.response.statusCode, 401, 'the same code is refused the second time');
    assert.ok(replayed.response.body.includes('The code is not correct or has expired'));
    const home = await replayed.browser.get('/');
    assert.equal(home.headers.location, '/sign-in/second-factor', 'and that person is still asked for a code');

    const older = await withCode(totpForStep(person.totpSecret!, step - 1));
    assert.equal(older.response.statusCode, 401, 'a code from before the one used is refused too');

    const next = await withCode(totpForStep(person.totpSecret!, step + 1));
    assert.equal(next.response.statusCode, 303, 'the next code from the app works');
  });

  it('lets only one of two sign-ins racing with the same code through', async () => {
    const person = await t.user(['family_finder'], agency);
    const browsers = [new Browser(t.app), new Browser(t.app)];
    for (const browser of browsers) await browser.post('/sign-in', { email: person.email, password: TEST_PASSWORD });
    const tokens = await Promise.all(browsers.map((browser) => browser.csrfFrom('/sign-in/second-factor')));
    const code = await t.nextCode(person);
    const answers = await Promise.all(browsers.map((browser, i) => browser.post('/sign-in/second-factor', { code }, { csrf: tokens[i]! })));
    assert.deepEqual(answers.map((a) => a.statusCode).sort(), [303, 401]);
  });

  it('enrols a second factor at first sign-in and accepts each recovery code once', async () => {
    const person = await unenrolledStaff(t, agency);
    const browser = new Browser(t.app);
    const signIn = await browser.post('/sign-in', { email: person.email, password: TEST_PASSWORD });
    assert.equal(signIn.statusCode, 303);
    assert.equal(signIn.headers.location, '/account/security/enrol');
    const home = await browser.get('/');
    assert.equal(home.statusCode, 303);
    assert.equal(home.headers.location, '/account/security/enrol', 'nothing else is reachable before enrolling');

    const enrolPage = await browser.get('/account/security/enrol');
    assert.equal(enrolPage.statusCode, 200);
    const secret = enrolPage.body.match(/data-testid="totp-secret">([A-Z2-7 ]+)</)?.[1]?.replace(/\s+/g, '');
    assert.ok(secret, 'the page shows the key for manual entry');
    assert.match(enrolPage.body, /<svg/, 'and a QR code');

    const wrongCode = await browser.post('/account/security/enrol', { code: '000000' === currentTotp(secret) ? '111111' : '000000' });
    assert.equal(wrongCode.statusCode, 400);

    const confirmed = await browser.post('/account/security/enrol', { code: currentTotp(secret) });
    assert.equal(confirmed.statusCode, 200);
    const list = confirmed.body.match(/data-testid="recovery-codes">([\s\S]*?)<\/ul>/)?.[1] ?? '';
    const codes = [...list.matchAll(/<li>([0-9a-f]{5}-[0-9a-f]{5})<\/li>/g)].map((m) => m[1]!);
    assert.equal(codes.length, 10);
    assert.equal(new Set(codes).size, 10);
    assert.equal((await browser.get('/')).statusCode, 200, 'enrolment completes the sign-in');

    const signInWithCode = async (code: string) => {
      const next = new Browser(t.app);
      const first = await next.post('/sign-in', { email: person.email, password: TEST_PASSWORD });
      assert.match(first.headers.location as string, /^\/sign-in\/second-factor/, 'the second sign-in asks for a code');
      return next.post('/sign-in/second-factor', { code });
    };
    const once = await signInWithCode(codes[0]!.toUpperCase());
    assert.equal(once.statusCode, 303, 'a recovery code is accepted (case does not matter)');
    const twice = await signInWithCode(codes[0]!);
    assert.equal(twice.statusCode, 401, 'the same recovery code is refused the second time');
    assert.ok(twice.body.includes('The code is not correct or has expired'));
    const another = await signInWithCode(codes[1]!);
    assert.equal(another.statusCode, 303, 'the other codes still work');
  });

  it('sets the session cookie HttpOnly and SameSite=Lax', async () => {
    const response = await new Browser(t.app).post('/sign-in', { email: adopter.email, password: TEST_PASSWORD });
    const cookie = sessionCookieOf(response);
    assert.ok(cookie, 'a session cookie is set');
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
    assert.equal(cookie.path, '/');
    const header = [response.headers['set-cookie']].flat().find((h) => String(h).startsWith(`${SESSION}=`));
    assert.match(String(header), /HttpOnly/);
    assert.match(String(header), /SameSite=Lax/);
  });

  it('issues a new session cookie at sign-in and ends the one held before', async () => {
    const browser = new Browser(t.app);
    const first = sessionCookieOf(await browser.post('/sign-in', { email: adopter.email, password: TEST_PASSWORD }))!.value;
    const second = sessionCookieOf(await browser.post('/sign-in', { email: adopter.email, password: TEST_PASSWORD }))!.value;
    assert.notEqual(second, first);
    const old = await getWithCookie(t, '/', `${SESSION}=${first}`);
    assert.equal(old.statusCode, 303, 'the cookie held before signing in again no longer works');
    assert.match(old.headers.location as string, /^\/sign-in/);
    assert.equal((await getWithCookie(t, '/', `${SESSION}=${second}`)).statusCode, 200);
  });

  it('never adopts a session token planted in the browser before sign-in', async () => {
    const planted = 'planted-by-someone-else-0123456789abcdef';
    const csrfPage = await t.app.inject({ method: 'GET', url: '/sign-in' });
    const csrfCookie = (csrfPage.cookies as { name: string; value: string }[]).find((c) => c.name === 'together_csrf')!;
    const csrf = csrfPage.body.match(/name="_csrf" value="([^"]+)"/)![1]!;
    const response = await t.app.inject({
      method: 'POST',
      url: '/sign-in',
      headers: { cookie: `${SESSION}=${planted}; together_csrf=${csrfCookie.value}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrf, email: adopter.email, password: TEST_PASSWORD }).toString(),
    });
    assert.equal(response.statusCode, 303);
    const issued = sessionCookieOf(response);
    assert.ok(issued);
    assert.notEqual(issued.value, planted);
    assert.equal((await getWithCookie(t, '/', `${SESSION}=${planted}`)).statusCode, 303);
  });

  it('ends the session on sign-out, so the old cookie no longer works', async () => {
    const browser = await t.signIn(worker);
    const held = browser.cookieHeader();
    assert.equal((await getWithCookie(t, '/', held)).statusCode, 200);
    const csrf = await browser.csrfFrom('/');
    const out = await browser.post('/sign-out', {}, { csrf });
    assert.equal(out.statusCode, 200);
    const cleared = (out.cookies as { name: string; value: string }[]).find((c) => c.name === SESSION);
    assert.ok(cleared && cleared.value === '', 'the cookie is cleared');
    const replay = await getWithCookie(t, '/', held);
    assert.equal(replay.statusCode, 303);
    assert.match(replay.headers.location as string, /^\/sign-in/);
    const account = await getWithCookie(t, '/account', held);
    assert.equal(account.statusCode, 303);
  });

  it('ends a session left idle longer than the limit', async () => {
    const browser = await t.signIn(adopter);
    assert.equal((await browser.get('/')).statusCode, 200);
    const minutes = t.config.sessionIdleMinutes + 1;
    const moved = await t.database.adminQuery(`update sessions set last_seen_at = now() - make_interval(mins => $2) where user_id = $1`, [adopter.id, minutes]);
    assert.ok((moved.rowCount ?? 0) >= 1);
    const next = await browser.get('/account');
    assert.equal(next.statusCode, 303);
    assert.equal(next.headers.location, `/sign-in?next=${encodeURIComponent('/account')}`);
    assert.equal((await browser.get('/')).statusCode, 303, 'and it stays ended');
  });

  it('keeps an active session alive within the idle limit', async () => {
    const browser = await t.signIn(adopter);
    const minutes = t.config.sessionIdleMinutes - 1;
    await t.database.adminQuery(`update sessions set last_seen_at = now() - make_interval(mins => $2) where user_id = $1`, [adopter.id, minutes]);
    assert.equal((await browser.get('/')).statusCode, 200);
    const seen = await t.database.adminQuery(`select max(last_seen_at) > now() - interval '1 minute' as fresh from sessions where user_id = $1`, [adopter.id]);
    assert.equal(seen.rows[0].fresh, true, 'the request refreshed the idle clock');
  });

  it('refuses a sixth attempt after five failures, even with the right password', async () => {
    const person = await t.user(['adopter'], agency);
    const browser = new Browser(t.app);
    for (let i = 0; i < 5; i++) {
      const failed = await browser.post('/sign-in', { email: person.email, password: `wrong ${i}` });
      assert.equal(failed.statusCode, 401, `attempt ${i + 1}`);
    }
    const sixth = await browser.post('/sign-in', { email: person.email, password: TEST_PASSWORD });
    assert.equal(sixth.statusCode, 429);
    assert.ok(sixth.body.includes(LOCKED));
    assert.equal(sessionCookieOf(sixth), undefined);
    const other = await new Browser(t.app).post('/sign-in', { email: adopter.email, password: TEST_PASSWORD });
    assert.equal(other.statusCode, 303, 'another account is not locked by it');
  });

  it('counts failures the same way for an unknown address, so the lock reveals nothing', async () => {
    const known = await t.user(['adopter'], agency);
    const answers = async (email: string) => {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await new Browser(t.app).post('/sign-in', { email, password: `wrong ${i}` })).statusCode);
      return statuses;
    };
    const forKnown = await answers(known.email);
    const forUnknown = await answers('never.registered@test.invalid');
    assert.deepEqual(forKnown, [401, 401, 401, 401, 401, 429]);
    assert.deepEqual(forUnknown, forKnown);
  });

  it('counts failed second-factor codes towards the same limit', async () => {
    const person = await t.user(['family_finder'], agency);
    const browser = new Browser(t.app);
    await browser.post('/sign-in', { email: person.email, password: TEST_PASSWORD });
    for (let i = 0; i < 5; i++) assert.equal((await browser.post('/sign-in/second-factor', { code: 'abcdef' })).statusCode, 401);
    const locked = await browser.post('/sign-in/second-factor', { code: currentTotp(person.totpSecret!) });
    assert.equal(locked.statusCode, 429);
    assert.equal((await browser.get('/')).statusCode, 303);
  });

  it('refuses a form sent without a CSRF token or with a wrong one, and changes nothing', async () => {
    const admin = await t.user(['administrator'], agency);
    const browser = await t.signIn(admin);
    const count = async () => Number((await t.database.adminQuery('select count(*) from organisations')).rows[0].count);
    const before = await count();
    const form = { slug: 'csrf-council', name: 'CSRF Council', type: 'local_authority' };
    for (const csrf of [null, 'not-the-token', '']) {
      const response = await browser.post('/admin/organisations', form, { csrf });
      assert.equal(response.statusCode, 400, `csrf ${JSON.stringify(csrf)}`);
      assert.ok(response.body.includes('This form has expired or did not come from this service'));
    }
    assert.equal(await count(), before, 'no organisation was created');

    const signOut = await browser.post('/sign-out', {}, { csrf: null });
    assert.equal(signOut.statusCode, 400, 'another site cannot sign a person out');
    assert.equal((await browser.get('/')).statusCode, 200, 'still signed in');

    const anonymous = new Browser(t.app);
    const signIn = await anonymous.post('/sign-in', { email: adopter.email, password: TEST_PASSWORD }, { csrf: 'forged' });
    assert.equal(signIn.statusCode, 400, 'a sign-in form from another site is refused (login CSRF)');
    assert.equal(sessionCookieOf(signIn), undefined);
  });

  it('refuses a session’s CSRF token when it is sent with another person’s session', async () => {
    const first = await t.signIn(adopter);
    const token = await first.csrfFrom('/account');
    const admin = await t.user(['administrator'], agency);
    const second = await t.signIn(admin);
    const response = await second.post('/admin/organisations', { slug: 'cross-csrf', name: 'Cross', type: 'funder' }, { csrf: token });
    assert.equal(response.statusCode, 400);
    const found = await t.database.adminQuery(`select 1 from organisations where slug = 'cross-csrf'`);
    assert.equal(found.rowCount, 0);
  });

  it('stops a disabled person’s session and tokens on their next request', async () => {
    const person = await t.user(['social_worker'], agency);
    const browser = await t.signIn(person);
    const token = await t.token(person, 'read');
    assert.equal((await browser.get('/')).statusCode, 200);
    const me = () => t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } });
    assert.equal((await me()).statusCode, 200);

    await t.services.organisations.setDisabled(t.system, person.id, true);

    const page = await browser.get('/');
    assert.equal(page.statusCode, 303);
    assert.match(page.headers.location as string, /^\/sign-in/);
    const api = await me();
    assert.equal(api.statusCode, 401);
    assert.match(api.headers['content-type'] as string, /application\/problem\+json/);
    const again = await new Browser(t.app).post('/sign-in', { email: person.email, password: TEST_PASSWORD });
    assert.equal(again.statusCode, 401, 'and they cannot sign in again');
    assert.ok(again.body.includes(WRONG_CREDENTIALS));
  });

  it('only redirects to pages of this service after sign-in', async () => {
    const hostile = [
      '//evil.example',
      'https://evil.example/',
      '/\\evil.example',
      '\\\\evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      'javascript:alert(1)',
    ];
    for (const next of hostile) {
      const response = await new Browser(t.app).post(`/sign-in?next=${encodeURIComponent(next)}`, { email: adopter.email, password: TEST_PASSWORD });
      assert.equal(response.statusCode, 303, JSON.stringify(next));
      assert.equal(response.headers.location, '/', JSON.stringify(next));
    }
    const inside = await new Browser(t.app).post(`/sign-in?next=${encodeURIComponent('/account?tab=1')}`, { email: adopter.email, password: TEST_PASSWORD });
    assert.equal(inside.headers.location, '/account?tab=1', 'a page of the service is kept');
  });

  it('only redirects to pages of this service after the second factor', async () => {
    const browser = new Browser(t.app);
    const first = await browser.post(`/sign-in?next=${encodeURIComponent('//evil.example')}`, { email: worker.email, password: TEST_PASSWORD });
    assert.equal(first.headers.location, `/sign-in/second-factor?next=${encodeURIComponent('/')}`);
    const code = await browser.post(`/sign-in/second-factor?next=${encodeURIComponent('//evil.example')}`, { code: await t.nextCode(worker) });
    assert.equal(code.statusCode, 303);
    assert.equal(code.headers.location, '/');
    const again = await browser.get(`/sign-in/second-factor?next=${encodeURIComponent('https://evil.example')}`);
    assert.equal(again.statusCode, 303);
    assert.equal(again.headers.location, '/');
  });

  it('sends a person who asked for a page back to it after signing in', async () => {
    const browser = new Browser(t.app);
    const asked = await browser.get('/account');
    assert.equal(asked.statusCode, 303);
    assert.equal(asked.headers.location, `/sign-in?next=${encodeURIComponent('/account')}`);
    const page = await browser.get(asked.headers.location);
    const action = page.body.match(/<form method="post" action="([^"]+)"/)?.[1]?.replace(/&amp;/g, '&');
    assert.equal(action, `/sign-in?next=${encodeURIComponent('/account')}`);
    const signedIn = await browser.post(action, { email: adopter.email, password: TEST_PASSWORD }, { csrfFrom: '/sign-in' });
    assert.equal(signedIn.headers.location, '/account');
  });
});

describe('one-time set-up', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(async () => t.close());

  it('creates the first administrator on an empty installation, then closes for good', async () => {
    const browser = new Browser(t.app);
    const signIn = await browser.get('/sign-in');
    assert.equal(signIn.statusCode, 303);
    assert.equal(signIn.headers.location, '/setup', 'an empty installation sends people to set-up');
    const form = await browser.get('/setup');
    assert.equal(form.statusCode, 200);

    const mismatch = await browser.post('/setup', {
      organisationName: 'Adopting Together Cymru',
      name: 'First Admin',
      email: 'first.admin@test.invalid',
      password: 'a long enough password',
      confirmPassword: 'something else entirely',
    });
    assert.equal(mismatch.statusCode, 400);
    assert.ok(mismatch.body.includes('The passwords do not match'));
    assert.doesNotMatch(mismatch.body, /a long enough password/, 'passwords are not echoed back');
    assert.equal(Number((await t.database.adminQuery('select count(*) from users')).rows[0].count), 0);

    const created = await browser.post('/setup', {
      organisationName: 'Adopting Together Cymru',
      name: 'First Admin',
      email: 'First.Admin@test.invalid',
      password: 'a long enough password',
      confirmPassword: 'a long enough password',
    });
    assert.equal(created.statusCode, 303);
    assert.equal(created.headers.location, '/sign-in');
    const users = await t.database.adminQuery('select u.email, u.roles, o.type from users u join organisations o on o.id = u.organisation_id');
    assert.deepEqual(users.rows, [{ email: 'first.admin@test.invalid', roles: ['administrator'], type: 'agency' }]);

    const closed = await browser.get('/setup');
    assert.equal(closed.statusCode, 303);
    assert.equal(closed.headers.location, '/sign-in');
    assert.equal((await browser.get('/sign-in')).statusCode, 200, 'the sign-in page no longer sends people to set-up');

    const replay = await new Browser(t.app).post(
      '/setup',
      {
        organisationName: 'Hijack',
        name: 'Intruder',
        email: 'intruder@test.invalid',
        password: 'another long password',
        confirmPassword: 'another long password',
      },
      { csrfFrom: '/sign-in' },
    );
    assert.equal(replay.statusCode, 303);
    assert.equal(replay.headers.location, '/sign-in');
    assert.equal(Number((await t.database.adminQuery('select count(*) from users')).rows[0].count), 1, 'no second administrator');

    const firstSignIn = await new Browser(t.app).post('/sign-in', { email: 'first.admin@test.invalid', password: 'a long enough password' });
    assert.equal(firstSignIn.statusCode, 303);
    assert.equal(firstSignIn.headers.location, '/account/security/enrol', 'the administrator must set up a second factor first');
  });
});
