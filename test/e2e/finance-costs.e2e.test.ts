import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { TestUser } from '../support/app.ts';
import { openSuite, type E2eSuite } from './support/suite.ts';
import { signIn } from './support/sign-in.ts';
import { CostRecoveryPage, FinancialReturnPage } from './support/pages/finance-costs.ts';

let suite: E2eSuite;
describe('finance-costs (browser)', () => {
  before(async () => {
    suite = await openSuite('finance-costs');
  });
  afterEach(async () => suite?.endSessions());
  after(async () => suite?.close());

  /**
   * The agency's finance officer reads cost recovery and the financial return's method in Welsh:
   * the work of the year costed at the agency's rates with a chart and its table, and every
   * assumption of the return printed (axe checks each page).
   */
  describe('cost recovery and the financial return in the browser', () => {
    let officer: TestUser;

    before(async () => {
      const { t } = suite;
      const agency = await t.organisation('agency', 'agency');
      const north = await t.organisation('north', 'local_authority');
      officer = await t.user(['finance_officer'], agency);
      const worker = await t.user(['social_worker'], agency);
      const q = (text: string, values?: unknown[]) => t.database.adminQuery(text, values);
      const child = (
        await q(
          `insert into children (organisation_id, legal_given_names, legal_family_name, date_of_birth, sex, ethnicity, legal_status, referral_date, shared_with, status)
         values ($1, 'Nia', 'Testfamily', '2019-06-15', 'female', 'white_british', 'placement_order', '2025-01-10', $2, 'placed') returning id`,
          [north, [agency]],
        )
      ).rows[0].id as string;
      const household = (
        await q(
          `insert into households (organisation_id, reference, stage, stage_since, email, enquiry_date) values ($1, 'AT-E2E-1', 'placed', '2025-06-15', 'f@test.invalid', '2024-01-01') returning id`,
          [agency],
        )
      ).rows[0].id as string;
      await q(
        `insert into matches (organisation_id, child_organisation_id, shared_with, household_id, child_ids, unit_key, stage, stage_since, source, linked_date, panel_date, placement_date)
       values ($1, $2, $3, $4, $5, $6, 'placed', '2025-06-15', 'manual', '2025-03-01', '2025-05-20', '2025-06-15')`,
        [agency, north, [agency, north], household, [child], child],
      );
      await q(`insert into home_study_visits (household_id, organisation_id, visit_date) values ($1, $2, '2025-05-10')`, [household, agency]);
      await q(
        `insert into supervision_sessions (organisation_id, supervisor_id, supervisee_id, session_date, duration_minutes, case_references) values ($1, $2, $2, '2025-09-01', 60, '{}')`,
        [agency, worker.id],
      );
    });

    it('shows the year’s cost recovery and the method of the return in Welsh', async () => {
      const session = await suite.session();
      const home = await (await signIn(session, officer)).switchLanguage('cy');
      const recovery = await home.navigate('finance-costs:navigation.costRecovery', CostRecoveryPage);
      const year = await (await session.open('/finance/cost-recovery?year=2025', CostRecoveryPage)).assertReflows();
      assert.equal(await year.page.locator('h1').innerText(), 'Adennill costau');
      // Home-study visit: 180 default minutes of a social worker at £50 an hour.
      assert.deepEqual(await year.activityRow('Ymweliadau astudiaeth gartref'), ['Ymweliadau astudiaeth gartref', '1', '3.0', '1', '£150.00']);
      assert.match(await year.summary(), /Beth gostiodd y gwaith\s+£(\d|,)+\.\d\d/);
      assert.ok(recovery);

      const ret = await (await session.open('/finance/financial-return?year=2025', FinancialReturnPage)).assertReflows();
      const method = await (await ret.openMethod()).assertReflows();
      assert.equal(await method.page.locator('h1').innerText(), 'Enillion ariannol: dull a rhagdybiaethau');
      assert.match(await method.text('method-steps'), /Llyfr Gwyrdd Trysorlys EF/);
      assert.match(await method.text('unit-cost-table'), /PSSRU Unit Costs of Health and Social Care 2017/);
      assert.match(await method.text('factor-table'), /0\.933511/);
      assert.match(await method.text('worked-example'), /Wythnosau nes 18 oed: 626/);
      assert.match(await method.text('sensitivity-table'), /Costau uned -20%/);
    });
  });
});
