import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { after, afterEach, before, describe, it } from 'node:test';
import type { TestUser } from '../support/app.ts';
import { openSuite, type E2eSuite } from './support/suite.ts';
import { signIn } from './support/sign-in.ts';
import { plainPage } from './support/pages/service-page.ts';
import type { BrowserSession } from './support/session.ts';

const ID = '[0-9a-f-]{36}';
const at = (path: string) => new RegExp(`^${path}(\\?|$)`);
// An agreement's name, reference, authorities and its versions' terms are stored data.
const AgreementPage = plainPage('agreement', at(`/finance/agreements/${ID}`), /\S/, ['h1', '.govuk-caption-l', 'main ul li', '.govuk-summary-list__value']);
const VersionFormPage = plainPage('agreement-version-form', at(`/finance/agreements/${ID}/versions/new`), /\S/, ['h1', '.govuk-inset-text']);
const RatesPage = plainPage('fee-rates', at('/finance/fee-rates'), 'billing:rates.title', ['[data-testid="rates-table"] td']);
const RateFormPage = plainPage('fee-rate-form', at('/finance/fee-rates/new'), 'billing:rates.newTitle');
const DisruptionFormPage = plainPage('disruption-fees-form', at('/finance/agreements/disruption-fees'), 'billing:disruption.title');
const AgreementsPage = plainPage('agreements', at('/finance/agreements'), 'billing:agreements.title', ['[data-testid="agreements-table"] td']);

/** Screenshots of the new pages for people to look at (the notes folder of the session, when there is one). */
const SHOTS = process.env.FINANCE_SHOTS_DIR;
async function shot(session: BrowserSession, name: string) {
  if (!SHOTS) return;
  mkdirSync(SHOTS, { recursive: true });
  await session.page.screenshot({ path: `${SHOTS}/finance-${name}-${session.language}.png`, fullPage: true });
}

let suite: E2eSuite;
describe('finance-terms (browser)', () => {
  before(async () => {
    suite = await openSuite('finance-terms');
  });
  afterEach(async () => suite?.endSessions());
  after(async () => suite?.close());

  /** The finance officer changes an agreement's terms from a date and adds next April's inter-agency rate, in Welsh. */
  describe('changing the terms of money in', () => {
    let finance: TestUser;
    let agreementId: string;

    before(async () => {
      const { t } = suite;
      const agency = await t.organisation('agency', 'agency');
      const council = await t.organisation('gorllewin', 'local_authority');
      finance = await t.user(['finance_officer'], agency);
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/agreements',
        headers: { authorization: `Bearer ${await t.token(finance)}`, 'content-type': 'application/json' },
        payload: JSON.stringify({
          name: 'Cytundeb y Gorllewin',
          reference: 'SLA-GORLLEWIN',
          party: 'local_authority',
          authorityIds: [council],
          language: 'cy',
          terms: {
            effectiveFrom: '2024-04-01',
            periodStart: '2024-04-01',
            feeSchedule: [
              { trigger: 'referral_accepted', amountPence: 200_000, siblingAmountPence: 150_000 },
              { trigger: 'placement', amountPence: 600_000 },
            ],
            uplift: { kind: 'percentage', basisPoints: 300, capBasisPoints: 500 },
          },
        }),
      });
      assert.equal(response.statusCode, 201, response.body);
      agreementId = (JSON.parse(response.body) as { agreement: { id: string } }).agreement.id;
    });

    it('new terms from a date: a reason is asked for, then the agreement shows both versions', async () => {
      const session = await suite.session();
      await (await signIn(session, finance)).switchLanguage('cy');
      let form = await (await session.open(`/finance/agreements/${agreementId}/versions/new`, VersionFormPage)).assertReflows();
      await shot(session, 'agreement-version');
      await form.page.fill('#effectiveFrom-day', '1');
      await form.page.fill('#effectiveFrom-month', '4');
      await form.page.fill('#effectiveFrom-year', '2025');
      await form.page.fill('#fee-placement-amount', '6500');
      await form.byTestId('save-agreement').click();
      form = await session.expect(VersionFormPage, { withErrors: true });
      await shot(session, 'agreement-version-errors');
      await form.page.fill('#reason', 'Adolygiad Ebrill');
      await form.byTestId('save-agreement').click();
      const agreement = await (await session.expect(AgreementPage)).assertReflows();
      assert.equal(await agreement.page.locator('[data-testid="agreement-version"]').count(), 2);
      await shot(session, 'agreement');
      await agreement.switchLanguage('en');
      await session.open(`/finance/agreements/${agreementId}/versions/new`, VersionFormPage);
      await shot(session, 'agreement-version');
    });

    it('the inter-agency fee table takes next April’s rate', async () => {
      const session = await suite.session();
      await signIn(session, finance);
      for (const language of ['en', 'cy'] as const) {
        session.language = language;
        const table = await session.open(`/finance/fee-rates?lang=${language}`, RatesPage);
        await table.byTestId('add-rate').click();
        const form = await session.expect(RateFormPage);
        await shot(session, 'fee-rate-form');
        await form.page.fill('#effectiveFrom-day', '1');
        await form.page.fill('#effectiveFrom-month', '4');
        await form.page.fill('#effectiveFrom-year', language === 'en' ? '2026' : '2027');
        await form.page.fill('#firstChild', language === 'en' ? '40,050' : '41,000');
        await form.page.fill('#sibling', '24000');
        await form.page.fill('#description', language === 'en' ? 'Voluntary agencies from April 2026' : 'Asiantaethau gwirfoddol o Ebrill 2027');
        await form.byTestId('save-rate').click();
        const saved = await session.expect(RatesPage);
        if (language === 'en') await saved.assertReflows();
        assert.match(await saved.byTestId('rates-table').innerText(), language === 'en' ? /£40,050\.00/ : /£41,000\.00/);
        await shot(session, 'fee-rates');
      }
    });

    it('the agency chooses what a disrupted placement does to its placement fees, and the agreement says so', async () => {
      const session = await suite.session();
      await signIn(session, finance);
      for (const [language, choice, said] of [
        ['en', 'no', /keeps its placement fees/],
        ['cy', 'yes', /yn tynnu ei ffioedd lleoli yn ôl/],
      ] as const) {
        session.language = language;
        const form = await session.open(`/finance/agreements/disruption-fees?lang=${language}`, DisruptionFormPage);
        await shot(session, 'disruption-fees');
        await form.page.check(`input[name="reversePlacementFees"][value="${choice}"]`);
        await form.byTestId('save-disruption').click();
        const agreements = await session.expect(AgreementsPage);
        if (language === 'cy') await agreements.assertReflows();
        const agreement = await session.open(`/finance/agreements/${agreementId}`, AgreementPage);
        assert.match(await agreement.byTestId('disruption-choice').innerText(), said);
      }
    });
  });
});
