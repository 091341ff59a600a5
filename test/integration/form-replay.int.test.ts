import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { Browser, startTestApp, type TestApp, type TestUser } from '../support/app.ts';
import { createKeptPages, KEPT_PAGE_MINUTES } from '../../src/platform/forms/kept-pages.ts';

/**
 * Back and Reload after a form error (issue 16): a browser's form sent back with its mistakes is
 * answered with a redirect to the form's own address, where the next GET shows the errors and what
 * was typed once; the history then holds only GETs, so the browser never offers to send it again.
 */
describe('forms sent back to a browser: POST, redirect, GET', () => {
  let t: TestApp;
  let admin: TestUser;
  let otherAdmin: TestUser;

  const count = async (table: 'enquiries' | 'organisations' | 'kept_form_pages' | 'campaign_costs') =>
    Number((await t.database.adminQuery(`select count(*) from ${table}`)).rows[0].count);
  const errorSummary = (response: LightMyRequestResponse) => response.body.match(/<div class="govuk-error-summary"[\s\S]*?<\/ul>/)?.[0] ?? '';
  const title = (response: LightMyRequestResponse) => response.body.match(/<title[^>]*>([^<]*)<\/title>/)?.[1]?.trim() ?? '';
  /** A browser that has the form's page open, as a person has before they press its button. */
  const visitorAt = async (url: string) => {
    const visitor = new Browser(t.app).navigating();
    await visitor.get(url);
    return visitor;
  };
  /** Another browser that somehow holds the "a form is waiting" cookie: it must not matter. */
  const withWaitingCookie = (browser: Browser) => ({ cookie: `${browser.cookieHeader()}; together_form=1` });

  const mistakenEnquiry = { givenNames: 'Gwenllian', familyName: 'Dychmygol', email: 'gwenllian.dychmygol@example.invalid', postcode: 'not a postcode' };

  before(async () => {
    t = await startTestApp();
    const agency = await t.organisation('replay-agency', 'agency');
    admin = await t.user(['administrator'], agency);
    otherAdmin = await t.user(['administrator'], agency);
  });
  after(async () => t.close());

  it('sends an enquiry with a mistake back to /enquire, shows it there once with what was typed, and stores nothing', async () => {
    const enquiriesBefore = await count('enquiries');
    const visitor = await visitorAt('/enquire');
    const sent = await visitor.post('/enquire', mistakenEnquiry);
    assert.equal(sent.statusCode, 303);
    assert.equal(sent.headers.location, '/enquire');
    assert.equal(sent.body, '', 'the page itself is not sent with the redirect');

    const shown = await visitor.get('/enquire');
    assert.equal(shown.statusCode, 400, 'the page still says the form was refused');
    assert.equal(shown.headers['cache-control'], 'no-store');
    assert.match(errorSummary(shown), /Enter a real postcode, like CF10 1AA/);
    assert.match(title(shown), /^Error: /);
    assert.ok(shown.body.includes('value="Gwenllian"'), 'what was typed is in the boxes');
    assert.ok(shown.body.includes('value="not a postcode"'));
    // The page's inline script runs under this response's Content-Security-Policy.
    const nonce = /'nonce-([^']+)'/.exec(String(shown.headers['content-security-policy']))?.[1];
    assert.ok(nonce && shown.body.includes(`nonce="${nonce}"`), 'the kept page carries the new response’s nonce');

    const again = await visitor.get('/enquire');
    assert.equal(again.statusCode, 200, 'Reload (or Back and Forward) shows the form as new');
    assert.equal(errorSummary(again), '');
    assert.ok(!again.body.includes('Gwenllian'));
    assert.equal(await count('enquiries'), enquiriesBefore, 'nothing was stored');
  });

  it('shows the page kept to nobody else: another visitor, or a signed-in person, sees the plain form', async () => {
    const visitor = await visitorAt('/enquire');
    assert.equal((await visitor.post('/enquire', mistakenEnquiry)).statusCode, 303);

    const stranger = await visitorAt('/enquire');
    const strangerSees = await stranger.get('/enquire', withWaitingCookie(stranger));
    assert.equal(strangerSees.statusCode, 200);
    assert.ok(!strangerSees.body.includes('Gwenllian'));

    const signedIn = (await t.signIn(otherAdmin)).navigating();
    const signedInSees = await signedIn.get('/enquire', withWaitingCookie(signedIn));
    assert.equal(signedInSees.statusCode, 200);
    assert.ok(!signedInSees.body.includes('Gwenllian'));

    const ownerSees = await visitor.get('/enquire');
    assert.equal(ownerSees.statusCode, 400, 'the others did not use it up');
    assert.ok(ownerSees.body.includes('value="Gwenllian"'));
  });

  it('sends a Welsh reader back to the errors in Welsh', async () => {
    const visitor = await visitorAt('/enquire?lang=cy');
    const sent = await visitor.post('/enquire', mistakenEnquiry);
    assert.equal(sent.statusCode, 303);
    const shown = await visitor.get(sent.headers.location as string);
    assert.equal(shown.statusCode, 400);
    assert.match(errorSummary(shown), /Rhowch god post go iawn, fel CF10 1AA/);
    assert.match(title(shown), /^Gwall: /);
    assert.match(shown.body, /<html lang="cy"/);
  });

  it('sends a wrong password back to the sign-in page at its own address, keeping where to go next and the address typed', async () => {
    const address = '/sign-in?next=%2Fadmin%2Fusers';
    const visitor = await visitorAt(address);
    const sent = await visitor.post(address, { email: admin.email, password: 'not the password' });
    assert.equal(sent.statusCode, 303);
    assert.equal(sent.headers.location, address, 'the query string is kept');
    const shown = await visitor.get(address);
    assert.equal(shown.statusCode, 401);
    assert.match(errorSummary(shown), /Enter a correct e-mail address and password/);
    assert.ok(shown.body.includes(`value="${admin.email}"`));
    assert.ok(!shown.body.includes('not the password'), 'a password is never shown again');
    assert.equal((await visitor.get(address)).statusCode, 200);
  });

  it('sends a signed-in person’s refused form back to its page, for them alone, and adds nothing', async () => {
    const organisationsBefore = await count('organisations');
    const browser = (await t.signIn(admin)).navigating();
    await browser.get('/admin/organisations');
    const sent = await browser.post('/admin/organisations', { slug: 'Bad Slug!', name: 'Cyngor Dychmygol', type: 'local_authority' });
    assert.equal(sent.statusCode, 303);
    assert.equal(sent.headers.location, '/admin/organisations');

    const colleague = (await t.signIn(otherAdmin)).navigating();
    const colleagueSees = await colleague.get('/admin/organisations', withWaitingCookie(colleague));
    assert.equal(colleagueSees.statusCode, 200);
    assert.ok(!colleagueSees.body.includes('Cyngor Dychmygol'), 'another administrator of the same agency sees nothing typed');

    const shown = await browser.get('/admin/organisations');
    assert.equal(shown.statusCode, 400);
    assert.match(errorSummary(shown), /href="#slug"/);
    assert.ok(shown.body.includes('value="Cyngor Dychmygol"'));
    assert.equal(await count('organisations'), organisationsBefore);
  });

  it('answers scripts and API clients (no navigation headers) with the form itself, as before', async () => {
    const script = new Browser(t.app);
    const sent = await script.post('/enquire', mistakenEnquiry);
    assert.equal(sent.statusCode, 400);
    assert.match(errorSummary(sent), /Enter a real postcode/);
    assert.ok(!String(sent.headers['set-cookie'] ?? '').includes('together_form'));
  });

  it('sends the password form back to /account, where it lives, and changes nothing', async () => {
    const hashBefore = (await t.database.adminQuery('select password_hash from users where id = $1', [admin.id])).rows[0].password_hash;
    const browser = (await t.signIn(admin)).navigating();
    await browser.get('/account');
    const sent = await browser.post(
      '/account/password?from=somewhere',
      { currentPassword: 'not the password', newPassword: 'a new long enough passphrase', confirmPassword: 'a new long enough passphrase' },
      { csrfFrom: '/account' },
    );
    assert.equal(sent.statusCode, 303);
    assert.equal(sent.headers.location, '/account', 'the form’s own page, without the POST’s query');

    const shown = await browser.get('/account');
    assert.equal(shown.statusCode, 400);
    assert.match(errorSummary(shown), /href="#currentPassword"/);
    assert.match(title(shown), /^Error: /);
    assert.ok(!shown.body.includes('not the password'), 'a password is never shown again');
    const again = await browser.get('/account');
    assert.equal(again.statusCode, 200, 'shown once');
    assert.equal(errorSummary(again), '');
    const hashAfter = (await t.database.adminQuery('select password_hash from users where id = $1', [admin.id])).rows[0].password_hash;
    assert.equal(hashAfter, hashBefore, 'the password is unchanged');
  });

  it('sends a campaign’s cost with a mistake back to that campaign’s page, and adds no cost', async () => {
    const manager = await t.user(['service_manager'], await t.organisation('replay-campaigns', 'agency'));
    const browser = (await t.signIn(manager)).navigating();
    const created = await browser.post(
      '/campaigns/new',
      { name: 'Ymgyrch ailchwarae', 'startDate-day': '1', 'startDate-month': '6', 'startDate-year': '2025', channels: 'radio', referrerCode: 'replay-costs' },
      { csrfFrom: '/campaigns/new' },
    );
    assert.equal(created.statusCode, 303);
    const campaignPage = created.headers.location as string;
    assert.match(campaignPage, /^\/campaigns\/[0-9a-f-]{36}$/);
    await browser.get(campaignPage);
    const costsBefore = await count('campaign_costs');

    const sent = await browser.post(
      `${campaignPage}/costs`,
      { channel: 'radio', amount: 'lots', 'incurredOn-day': '1', 'incurredOn-month': '7', 'incurredOn-year': '2025', description: 'Hysbysebion radio' },
      { csrfFrom: campaignPage },
    );
    assert.equal(sent.statusCode, 303);
    assert.equal(sent.headers.location, campaignPage, 'the :id is filled from the POST’s own');

    const shown = await browser.get(campaignPage);
    assert.equal(shown.statusCode, 400);
    assert.match(errorSummary(shown), /href="#amount"/);
    assert.ok(shown.body.includes('value="lots"'), 'what was typed is in the box');
    assert.ok(shown.body.includes('Hysbysebion radio'));
    const again = await browser.get(campaignPage);
    assert.equal(again.statusCode, 200, 'shown once');
    assert.ok(!again.body.includes('Hysbysebion radio'));
    assert.equal(await count('campaign_costs'), costsBefore, 'no cost was added');
  });

  it('sends a report’s second step with a mistake back to that step (its kind of period in the address), and Reload stays on it', async () => {
    const manager = await t.user(['service_manager'], await t.organisation('replay-reports', 'agency'));
    const browser = (await t.signIn(manager)).navigating();
    const step = '/reports/new?period=quarter';
    const form = await browser.get(step);
    assert.equal(form.statusCode, 200);
    assert.ok(form.body.includes('name="kind" value="quarter"'), 'the second step, for a quarter');

    const sent = await browser.post('/reports/preview', { kind: 'quarter', organisation: '', language: 'cy' }, { csrfFrom: step });
    assert.equal(sent.statusCode, 303);
    assert.equal(sent.headers.location, step, 'back to the step the form was on, not the first page');

    const shown = await browser.get(step);
    assert.equal(shown.statusCode, 400);
    assert.match(errorSummary(shown), /href="#organisation"/);
    const again = await browser.get(step);
    assert.equal(again.statusCode, 200, 'Reload shows the same step again, without the errors');
    assert.equal(errorSummary(again), '');
    assert.ok(again.body.includes('name="kind" value="quarter"'), 'still the quarter’s step, not the choice of period');
  });

  it('answers a script’s password form on /account/password itself, as before', async () => {
    const script = await t.signIn(admin);
    const sent = await script.post('/account/password', { currentPassword: '', newPassword: '' }, { csrfFrom: '/account' });
    assert.equal(sent.statusCode, 400);
    assert.ok(errorSummary(sent).length > 0);
    assert.ok(!String(sent.headers['set-cookie'] ?? '').includes('together_form'));
  });

  it('gives a kept page once and never after its minutes, and clears out the old ones', async () => {
    const past = new Date(Date.now() - (KEPT_PAGE_MINUTES + 1) * 60_000);
    const earlier = createKeptPages(t.database.db, () => past);
    await earlier.keep('someone’s token', '/enquire', { html: '<p>old</p>', status: 400, nonce: undefined });
    assert.equal(await t.services.keptPages.take('someone’s token', '/enquire'), undefined, 'too old to show');

    await earlier.keep('someone else’s token', '/enquire', { html: '<p>old</p>', status: 400, nonce: undefined });
    await t.services.keptPages.keep('a third token', '/enquire', { html: '<p>new</p>', status: 409, nonce: undefined });
    assert.equal(await count('kept_form_pages'), 1, 'keeping a page purged the old one');
    assert.deepEqual(await t.services.keptPages.take('a third token', '/enquire'), { html: '<p>new</p>', status: 409, nonce: undefined });
    assert.equal(await t.services.keptPages.take('a third token', '/enquire'), undefined, 'read once');
  });
});
