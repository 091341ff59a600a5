import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startTestApp, type TestApp, type TestUser } from '../support/app.ts';

/** The real messages, read from the locale files so the test carries no copy of a translation. */
const locale = (language: string, file: string) =>
  JSON.parse(readFileSync(new URL(`../../src/platform/i18n/locales/${language}/${file}.json`, import.meta.url), 'utf8'));
const cyErrors = locale('cy', 'common').errors;
const cyAdmin = locale('cy', 'admin').organisations;
const enAdmin = locale('en', 'admin').organisations;

/** The organisation named in the page header ("signed in as … of …"), as marked up. */
const headerOrganisation = (body: string) => body.match(/<span data-testid="signed-in-organisation">((?:<span lang="en">[^<]*<\/span>)|[^<]*)<\/span>/)?.[1];

const unescape = (html: string) => html.replace(/&#39;|&#8217;/g, '’').replace(/&amp;/g, '&');

describe('organisations named in the reader’s language', () => {
  let t: TestApp;
  let agency: string;
  let council: string;
  let admin: TestUser;
  let referrer: TestUser;

  before(async () => {
    t = await startTestApp();
    agency = await t.organisation('agency', 'agency');
    council = await t.organisation('council', 'local_authority');
    admin = await t.user(['administrator'], agency);
    referrer = await t.user(['la_referrer'], council);
  });
  after(async () => t.close());

  it('lets the administrator give an organisation its Welsh name, with a hint of who sees it, and audits the change', async () => {
    const browser = await t.signIn(admin);
    const form = await browser.get(`/admin/organisations/${council}/edit`);
    assert.equal(form.statusCode, 200);
    assert.ok(form.body.includes(enAdmin.nameCy), 'the form has a field for the name in Welsh');
    assert.ok(unescape(form.body).includes(enAdmin.nameCyHint), 'with a hint saying who sees it');

    const saved = await browser.post(`/admin/organisations/${council}/edit`, { name: 'Test council', nameCy: 'Cyngor Prawf', region: '', version: '1' });
    assert.equal(saved.statusCode, 303);
    const { rows } = await t.database.adminQuery('select name, name_cy, version from organisations where id = $1', [council]);
    assert.deepEqual(rows[0], { name: 'Test council', name_cy: 'Cyngor Prawf', version: 2 });
    const audit = await t.database.adminQuery(`select count(*)::int as n from audit_log where action = 'organisations.edit' and resource_id = $1`, [council]);
    assert.equal(audit.rows[0].n, 1);

    // An edit from a form read before the change is refused, not saved over it.
    const stale = await browser.post(`/admin/organisations/${council}/edit`, { name: 'Test council', nameCy: 'Hen enw', version: '1' });
    assert.equal(stale.statusCode, 409);
    assert.equal((await t.database.adminQuery('select name_cy from organisations where id = $1', [council])).rows[0].name_cy, 'Cyngor Prawf');
  });

  it('shows a Welsh reader the Welsh name and an English reader the English one', async () => {
    const browser = await t.signIn(referrer);
    const welsh = await browser.get('/?lang=cy');
    assert.equal(welsh.statusCode, 200);
    assert.equal(headerOrganisation(welsh.body), 'Cyngor Prawf');
    const english = await browser.get('/?lang=en');
    assert.equal(headerOrganisation(english.body), 'Test council');

    // The administrator's list of organisations follows the reader's language too.
    const adminBrowser = await t.signIn(admin);
    const list = await adminBrowser.get('/admin/organisations?lang=cy');
    assert.ok(list.body.includes('>Cyngor Prawf</a>'));
    assert.ok(!list.body.includes('>Test council</a>'));
  });

  it('shows a Welsh reader of an organisation with no Welsh name its English name, marked as English', async () => {
    const browser = await t.signIn(admin);
    const welsh = await browser.get('/?lang=cy');
    assert.equal(headerOrganisation(welsh.body), '<span lang="en">Test agency</span>');
    const english = await browser.get('/?lang=en');
    assert.equal(headerOrganisation(english.body), 'Test agency', 'an English reader’s English name is not marked');
  });

  it('refuses a Welsh name that is too long, in the reader’s language, and keeps what was typed', async () => {
    const browser = await t.signIn(admin);
    const long = 'Cyngor '.repeat(40);
    const response = await browser.post(`/admin/organisations/${council}/edit?lang=cy`, { name: 'Test council', nameCy: long, version: '2' });
    assert.equal(response.statusCode, 400);
    assert.ok(unescape(response.body).includes(cyErrors.nameCy.tooLong));
    assert.ok(response.body.includes(cyAdmin.nameCy), 'the form is shown again in Welsh');
    assert.equal((await t.database.adminQuery('select name_cy from organisations where id = $1', [council])).rows[0].name_cy, 'Cyngor Prawf');

    const created = await browser.post('/admin/organisations?lang=cy', { slug: 'hir', name: 'Long', nameCy: long, type: 'funder' });
    assert.equal(created.statusCode, 400);
    assert.ok(unescape(created.body).includes(cyErrors.nameCy.tooLong));
  });

  it('takes and gives the Welsh name through the API', async () => {
    const token = await t.token(admin);
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/organisations',
      headers: { authorization: `Bearer ${token}` },
      payload: { slug: 'cyngor-newydd', name: 'New council', nameCy: 'Cyngor Newydd', type: 'local_authority' },
    });
    assert.equal(created.statusCode, 201);
    assert.equal(created.json().nameCy, 'Cyngor Newydd');
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/organisations', headers: { authorization: `Bearer ${token}` } });
    const found = list.json().items.find((o: { slug: string }) => o.slug === 'agency');
    assert.equal(found.nameCy, null, 'an organisation with no Welsh name says so');
  });
});
