import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'drizzle-orm';
import { startTestApp, type TestApp, type TestUser } from '../support/app.ts';

/** The pages that change money-in's terms: agreements and their versions, the inter-agency fee table. */
describe('finance pages: agreements, new terms from a date, inter-agency fee rates', () => {
  let t: TestApp;
  let agency: string;
  let north: string;
  let finance: TestUser;
  let manager: TestUser;
  let finder: TestUser;
  let referrer: TestUser;

  const terms = {
    'periodStart-day': '1',
    'periodStart-month': '4',
    'periodStart-year': '2024',
    'fee-referral_accepted-amount': '2,000',
    'fee-referral_accepted-sibling': '1500.00',
    'fee-referral_accepted-vat': 'exempt',
    'fee-placement-amount': '6000',
    'fee-placement-vat': 'exempt',
    upliftKind: 'percentage',
    upliftPercent: '3',
    upliftCap: '5',
    childCapPerYear: '10',
    paymentTermsDays: '30',
    signatories: 'Siân Jones; Head of Children’s Services; Test north; 2024-03-20',
    services: 'Recruitment and training\nTherapeutic support',
  };

  const versionsOf = (agreementId: string) =>
    t.services.runner.run(t.system, async (tx) => {
      const rows = await tx.execute<{
        version_number: number;
        effective_from: string;
        reason: string | null;
        fee_schedule: { trigger: string; amountPence: number }[];
      }>(
        sql`select version_number, effective_from::text, reason, fee_schedule from agreement_versions where agreement_id = ${agreementId} order by version_number`,
      );
      return rows.rows;
    });

  before(async () => {
    t = await startTestApp();
    agency = await t.organisation('agency', 'agency');
    north = await t.organisation('north', 'local_authority');
    finance = await t.user(['finance_officer'], agency);
    manager = await t.user(['service_manager'], agency);
    finder = await t.user(['family_finder'], agency);
    referrer = await t.user(['la_referrer'], north);
  });
  after(() => t.close());

  let agreementId: string;

  it('the finance officer makes an agreement on a page: every mistake at once, then saved with its first terms', async () => {
    const browser = await t.signIn(finance);
    const form = await browser.get('/finance/agreements/new');
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /Test north/);

    const bad = await browser.post('/finance/agreements/new', {
      ...terms,
      name: '',
      reference: 'SLA-N',
      party: 'local_authority',
      'fee-placement-amount': 'six',
      version: '0',
    });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.body, /govuk-error-summary/);
    assert.match(bad.body, /Enter the agreement’s name/);
    assert.match(bad.body, /Choose at least one local authority/);
    assert.match(bad.body, /Enter an amount in pounds and pence/);
    assert.match(bad.body, /value="SLA-N"/, 'what was typed comes back');

    const saved = await browser.post(
      '/finance/agreements/new',
      { ...terms, name: 'North SLA', reference: 'SLA-N', party: 'local_authority', authorityIds: [north], language: 'cy', version: '0' },
      { csrfFrom: '/finance/agreements/new' },
    );
    assert.equal(saved.statusCode, 303, saved.body);
    agreementId = /\/finance\/agreements\/([0-9a-f-]{36})/.exec(saved.headers.location as string)![1]!;
    const [v1] = await versionsOf(agreementId);
    assert.equal(v1!.effective_from, '2024-04-01');
    assert.deepEqual(
      v1!.fee_schedule.map((f) => [f.trigger, f.amountPence]),
      [
        ['referral_accepted', 200_000],
        ['placement', 600_000],
      ],
    );
  });

  it('new terms from a date make a new version with the reason; the old version is kept as it was; audited', async () => {
    const browser = await t.signIn(manager);
    const url = `/finance/agreements/${agreementId}/versions/new`;
    const form = await browser.get(url);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /value="6000.00"/, 'the form starts from the latest terms');
    const version = /name="version" value="(\d+)"/.exec(form.body)![1]!;

    const change = { ...terms, 'fee-placement-amount': '6500', 'effectiveFrom-day': '1', 'effectiveFrom-month': '4', 'effectiveFrom-year': '2025', version };
    const noReason = await browser.post(url, { ...change, reason: '' });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /Give the reason/);

    const saved = await browser.post(url, { ...change, reason: 'Uplift agreed at the April review' });
    assert.equal(saved.statusCode, 303, saved.body);
    const versions = await versionsOf(agreementId);
    assert.equal(versions.length, 2);
    assert.equal(versions[0]!.fee_schedule.find((f) => f.trigger === 'placement')!.amountPence, 600_000, 'version 1 still prices what happened under it');
    assert.equal(versions[1]!.fee_schedule.find((f) => f.trigger === 'placement')!.amountPence, 650_000);
    assert.equal(versions[1]!.reason, 'Uplift agreed at the April review');
    assert.equal(versions[1]!.effective_from, '2025-04-01');

    // The same form sent again at the version it was read at: someone else saved first (409), nothing written.
    const stale = await browser.post(url, { ...change, 'effectiveFrom-year': '2026', reason: 'Again' });
    assert.equal(stale.statusCode, 409);
    assert.match(stale.body, /value="6500.00"/, 'the form shows the terms as they are now');
    assert.equal((await versionsOf(agreementId)).length, 2);

    // The authority has a Welsh name: the agreement names it in Welsh to a Welsh reader, in English to an English one.
    await t.database.adminQuery("update organisations set name_cy = 'Gogledd Prawf' where id = $1", [north]);
    const page = await browser.get(`/finance/agreements/${agreementId}?lang=cy`);
    assert.match(page.body, /Y rheswm dros y newid/);
    assert.match(page.body, /Uplift agreed at the April review/);
    assert.match(page.body, /Gogledd Prawf/);
    assert.doesNotMatch((await browser.get(`/finance/agreements/${agreementId}?lang=en`)).body, /Gogledd Prawf/);
    await t.database.adminQuery('update organisations set name_cy = null where id = $1', [north]);
    const audited = await t.services.runner.run(t.system, async (tx) =>
      tx.execute<{ n: number }>(sql`select count(*)::int as n from audit_log where action = 'agreements.version' and resource_id = ${agreementId}`),
    );
    assert.equal(audited.rows[0]!.n, 1);
  });

  it('the inter-agency fee table is edited by date on a page, version-checked, in Welsh too', async () => {
    const browser = await t.signIn(finance);
    const added = await browser.post('/finance/fee-rates/new', {
      'effectiveFrom-day': '1',
      'effectiveFrom-month': '4',
      'effectiveFrom-year': '2025',
      firstChild: '39,245',
      sibling: '23547',
      description: 'Voluntary agencies from April 2025',
      version: '0',
    });
    assert.equal(added.statusCode, 303, added.body);
    const table = await browser.get('/finance/fee-rates');
    assert.match(table.body, /£39,245\.00/);
    const editHref = /href="(\/finance\/fee-rates\/[0-9a-f-]{36}\/edit)"/.exec(table.body)![1]!;
    const edit = await browser.get(editHref);
    assert.match(edit.body, /value="39245.00"/);
    const fields = {
      'effectiveFrom-day': '1',
      'effectiveFrom-month': '4',
      'effectiveFrom-year': '2025',
      firstChild: '39245',
      sibling: '24000',
      description: 'Corrected',
      version: '1',
    };
    assert.equal((await browser.post(editHref, fields)).statusCode, 303);
    const stale = await browser.post(editHref, { ...fields, sibling: '1' });
    assert.equal(stale.statusCode, 409);
    const duplicate = await browser.post('/finance/fee-rates/new', { ...fields, version: '0' });
    assert.equal(duplicate.statusCode, 400);
    assert.match(duplicate.body, /A rate already starts on this date/);
    const welsh = await browser.get('/finance/fee-rates?lang=cy');
    assert.match(welsh.body, /Cyfraddau’r ffi rhwng asiantaethau/);
    assert.match(welsh.body, /£24,000\.00/);
  });

  it('nobody else may change terms or rates: a family finder and a local authority are refused', async () => {
    for (const user of [finder, referrer]) {
      const browser = await t.signIn(user);
      for (const url of ['/finance/agreements/new', `/finance/agreements/${agreementId}/versions/new`, '/finance/fee-rates/new']) {
        const page = await browser.get(url);
        assert.ok([403, 404].includes(page.statusCode), `${url} answered ${page.statusCode}`);
      }
    }
    const referrerPage = await (await t.signIn(referrer)).get(`/finance/agreements/${agreementId}`);
    assert.equal(referrerPage.statusCode, 200);
    assert.doesNotMatch(referrerPage.body, /change-terms/, 'an authority sees its agreement but no link to change it');
  });
});
