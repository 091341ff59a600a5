import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import type { TestUser } from '../support/app.ts';
import { openSuite, type E2eSuite } from './support/suite.ts';
import { signIn } from './support/sign-in.ts';
import { FeesPage, FinancePage, InvoicePage, StatementPage } from './support/pages/finance-billing.ts';

let suite: E2eSuite;
describe('finance-billing (browser)', () => {
  before(async () => {
    suite = await openSuite('finance-billing');
  });
  afterEach(async () => suite?.endSessions());
  after(async () => suite?.close());

  /**
   * The finance officer issues an invoice to an authority that reads in Welsh, downloads its PDF and
   * records a part payment; the authority's referrer follows its statement and what each fee was for.
   */
  describe('invoicing an authority', () => {
    let finance: TestUser;
    let referrer: TestUser;
    let council: string;

    before(async () => {
      const { t } = suite;
      const agency = await t.organisation('agency', 'agency');
      council = await t.organisation('gogledd', 'local_authority');
      finance = await t.user(['finance_officer'], agency);
      const finder = await t.user(['family_finder'], agency);
      referrer = await t.user(['la_referrer'], council);
      const post = async (token: string, url: string, body: unknown) => {
        const response = await t.app.inject({
          method: 'POST',
          url,
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          payload: JSON.stringify(body),
        });
        assert.ok(response.statusCode < 300, `${url}: ${response.statusCode} ${response.body}`);
        return JSON.parse(response.body) as Record<string, unknown>;
      };
      await post(await t.token(finance), '/api/v1/agreements', {
        name: 'Cytundeb y Gogledd',
        reference: 'SLA-GOGLEDD',
        party: 'regional_collaborative',
        authorityIds: [council],
        language: 'cy',
        terms: {
          effectiveFrom: '2024-04-01',
          periodStart: '2024-04-01',
          feeSchedule: [{ trigger: 'referral_accepted', amountPence: 200_000, siblingAmountPence: 150_000 }],
        },
      });
      const child = (given: string, dateOfBirth: string) => ({
        legalGivenNames: given,
        legalFamilyName: 'Prydderch',
        dateOfBirth,
        sex: 'female',
        ethnicity: 'white_british',
        legalStatus: 'placement_order',
        placementOrderDate: '2025-01-10',
        needs: [],
      });
      const referred = (await post(await t.token(referrer), '/api/v1/referrals', {
        legalBasis: 'adoption_agencies_wales_regulations',
        children: [child('Gwenllian', '2018-03-01'), child('Dŵr', '2020-07-07')],
        siblingRelationships: [{ child: 0, sibling: 1, relationship: 'full' }],
        siblingAssessment: { assessment: 'together', reasons: 'Close bond', assessmentDate: '2025-10-01' },
      })) as { referralId: string };
      await post(await t.token(finder), `/api/v1/referrals/${referred.referralId}/decision`, { decision: 'accept', familyFinderId: finder.id });
    });

    it('the finance officer issues the invoice in Welsh and its PDF carries the Welsh headings and the total', async () => {
      const session = await suite.session();
      const home = await (await signIn(session, finance)).switchLanguage('cy');
      const overview = await (await home.navigate('billing:navigation.finance', FinancePage)).assertReflows();
      assert.match(await overview.byTestId('waiting-table').innerText(), /£3,500\.00/, 'two fees: £2,000 and the sibling rate of £1,500');
      await overview.byTestId('issue-invoice').click();
      const invoice = await session.expect(InvoicePage);
      assert.equal(await invoice.page.locator('h1').innerText(), 'Anfoneb INV-000001');
      assert.equal(await invoice.flash(), '1 ddogfen wedi’i chyhoeddi.');
      assert.match(await invoice.byTestId('invoice-lines').innerText(), /Recriwtio a hyfforddi \(atgyfeiriad wedi’i dderbyn\), cyfradd brodyr a chwiorydd/);

      const [download] = await Promise.all([invoice.page.waitForEvent('download'), invoice.byTestId('download-pdf').click()]);
      const file = path.join(mkdtempSync(path.join(tmpdir(), 'invoice-e2e-')), 'invoice.pdf');
      await download.saveAs(file);
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
      assert.match(text, /Anfoneb INV-000001/);
      assert.match(text, /Cyfanswm sy’n ddyledus/);
      assert.match(text, /Dyddiad cyhoeddi/);
      assert.match(text, /£3,500\.00/);

      // A part payment, with a mistake first: the amount has letters in it.
      const form = invoice.byTestId('payment-form');
      await form.getByLabel('Swm a dderbyniwyd').fill('mil');
      await form.getByLabel('Dyddiad ei dderbyn').fill(new Date().toISOString().slice(0, 10));
      await form.getByLabel('Cyfeirnod y taliad').fill('BACS 0001');
      await invoice.byTestId('record-payment').click();
      const refused = await session.expect(InvoicePage, { withErrors: true });
      assert.deepEqual(await refused.errorMessages(), ['Rhowch swm mewn punnoedd a cheiniogau, fel 2,000.00.']);
      await refused.byTestId('payment-form').getByLabel('Swm a dderbyniwyd').fill('1000');
      await refused.byTestId('record-payment').click();
      const paid = await (await session.expect(InvoicePage)).assertReflows();
      assert.equal(await paid.flash(), 'Taliad o £1,000.00 wedi’i gofnodi.');
      assert.equal(await paid.byTestId('owed').innerText(), '£2,500.00');
    });

    it('the authority’s referrer sees its statement and what each fee was for, in English', async () => {
      const session = await suite.session();
      await signIn(session, referrer);
      const statement = await (await session.open(`/finance/statements/${council}?from=2020-01-01`, StatementPage)).assertReflows();
      assert.match(await statement.byTestId('statement-summary').innerText(), /£2,500\.00/);
      const fees = await (await session.open('/finance/fees', FeesPage)).assertReflows();
      assert.match(await fees.byTestId('fees-table').innerText(), /Recruitment and training \(referral accepted\)/);
    });
    it('the finance officer corrects an invoice with a credit note, never by changing it', async () => {
      const session = await suite.session();
      await signIn(session, finance);
      const overview = await session.open('/finance', FinancePage);
      await overview.byTestId('invoice-link').first().click();
      const invoice = await session.expect(InvoicePage);
      await invoice.byTestId('issue-credit-note').click();
      const refused = await session.expect(InvoicePage, { withErrors: true });
      assert.deepEqual(await refused.errorMessages(), ['Give the reason.']);
      await refused.byTestId('credit-form').getByLabel('Why it is being corrected').fill('The authority’s agreement was signed for a later date');
      await refused.byTestId('issue-credit-note').click();
      const note = await session.expect(InvoicePage);
      assert.equal(await note.page.locator('h1').innerText(), 'Credit note CN-000001');
      assert.equal(await note.flash(), 'Credit note issued.');
      assert.match(await note.byTestId('invoice-summary').innerText(), /-£3,500\.00/);
    });
  });
});
