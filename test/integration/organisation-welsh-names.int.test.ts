import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startTestApp, type TestApp, type TestUser } from '../support/app.ts';
import { addMonths, dateInWales } from '../../src/platform/dates/dates.ts';

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

  it('names the authority, in a report’s table and title, in the report’s language', async () => {
    const manager = await t.signIn(await t.user(['service_manager'], agency));
    const choices = {
      kind: 'dates',
      'from-day': '1',
      'from-month': '4',
      'from-year': '2025',
      'to-day': '31',
      'to-month': '3',
      'to-year': '2026',
      organisation: 'council',
    };
    const children = (body: string) => body.slice(body.indexOf('data-testid="section-children"'), body.indexOf('data-testid="section-priority"'));
    const welsh = await manager.post('/reports/preview?lang=cy', { ...choices, language: 'cy' }, { csrfFrom: '/reports/new?period=dates&lang=cy' });
    assert.equal(welsh.statusCode, 200, welsh.body.slice(0, 300));
    assert.ok(children(welsh.body).includes('Cyngor Prawf'), 'the authorities table of a Welsh report names the council in Welsh');
    assert.ok(!children(welsh.body).includes('Test council'));
    assert.match(welsh.body, /<h1[^>]*>[^<]*Cyngor Prawf<\/h1>/, 'and so does its title');
    const english = await manager.post('/reports/preview?lang=cy', { ...choices, language: 'en' }, { csrfFrom: '/reports/new?period=dates&lang=cy' });
    assert.ok(children(english.body).includes('Test council'), 'an English report names it in English, whoever reads it');
    assert.ok(!children(english.body).includes('Cyngor Prawf'));
    const form = await manager.get('/reports/new?period=dates&lang=cy');
    assert.ok(form.body.includes('>Cyngor Prawf</option>'), 'the choice of recipient follows the reader');
  });

  it('names the research partner in the reader’s language on the agreements’ pages', async () => {
    const university = await t.organisation('prifysgol', 'research_partner');
    await t.database.adminQuery(`update organisations set name = 'Test university', name_cy = 'Prifysgol Prawf' where id = $1`, [university]);
    const token = await t.token(await t.user(['service_manager'], agency));
    const today = dateInWales(new Date());
    const made = await t.app.inject({
      method: 'POST',
      url: '/api/v1/research/agreements',
      headers: { authorization: `Bearer ${token}` },
      payload: {
        partnerOrganisationId: university,
        title: 'Welsh names',
        purpose: 'To check names.',
        lawfulBasis: 'public_task',
        fields: ['sex'],
        startDate: today,
        // A year on by the calendar (29 February gives 28 February, never a day that does not exist).
        endDate: addMonths(today, 12),
        signedByName: 'Dr Siân Morgan',
        signedByRole: 'Data protection officer',
        signedOn: today,
      },
    });
    assert.equal(made.statusCode, 201, made.body);
    assert.equal(made.json().partnerNameCy, 'Prifysgol Prawf');
    const browser = await t.signIn(admin);
    const welsh = await browser.get(`/research/agreements/${made.json().id}?lang=cy`);
    assert.ok(welsh.body.includes('<span data-testid="agreement-partner">Prifysgol Prawf</span>'));
    const english = await browser.get(`/research/agreements/${made.json().id}?lang=en`);
    assert.ok(english.body.includes('<span data-testid="agreement-partner">Test university</span>'));
    const list = await browser.get('/research?lang=cy');
    assert.ok(list.body.includes('Prifysgol Prawf') && !list.body.includes('Test university'));
  });

  it('names a campaign on the enquiry form through the one chooser: its English name marked as English for a Welsh reader', async () => {
    await t.database.adminQuery(
      `insert into campaigns (organisation_id, name, name_cy, start_date, channels, referrer_code) values ($1, 'Brothers and sisters', null, '2025-01-01', '{radio}', 'welsh-names-a'), ($1, 'Older children', 'Plant hŷn', '2025-01-01', '{radio}', 'welsh-names-b')`,
      [agency],
    );
    const inset = (body: string) => body.match(/data-testid="enquiry-campaign">([\s\S]*?)<\/div>/)?.[1] ?? '';
    const anyone = await t.app.inject({ method: 'GET', url: '/enquire?campaign=welsh-names-a&lang=cy' });
    assert.ok(inset(anyone.body).includes('<span lang="en">Brothers and sisters</span>'), inset(anyone.body));
    const welsh = await t.app.inject({ method: 'GET', url: '/enquire?campaign=welsh-names-b&lang=cy' });
    assert.ok(inset(welsh.body).includes('Plant hŷn') && !inset(welsh.body).includes('lang="en"'));
    const english = await t.app.inject({ method: 'GET', url: '/enquire?campaign=welsh-names-b&lang=en' });
    assert.ok(inset(english.body).includes('Older children') && !inset(english.body).includes('Plant hŷn'));
  });

  it('names the authority of a direct cost in the reader’s language', async () => {
    const manager = await t.signIn(await t.user(['service_manager'], agency));
    const saved = await manager.post('/finance/costs/direct-costs', {
      'incurredOn-day': '3',
      'incurredOn-month': '5',
      'incurredOn-year': '2025',
      category: 'interpreter',
      description: 'Interpreter',
      amountPence: '120.50',
      localAuthorityId: council,
    });
    assert.equal(saved.statusCode, 303, saved.body.slice(0, 300));
    const table = (body: string) => body.slice(body.indexOf('<table'));
    const welsh = await manager.get('/finance/costs/direct-costs?lang=cy');
    assert.ok(table(welsh.body).includes('Cyngor Prawf') && !table(welsh.body).includes('Test council'));
    assert.ok(welsh.body.includes('>Cyngor Prawf</option>'), 'and the choice of authority');
    const english = await manager.get('/finance/costs/direct-costs?lang=en');
    assert.ok(table(english.body).includes('Test council') && !table(english.body).includes('Cyngor Prawf'));
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
