import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, afterEach, before, describe, it } from 'node:test';
import type { TestUser } from '../support/app.ts';
import { seedSyntheticChildren } from '../../src/modules/children/index.ts';
import { dateInWales } from '../../src/platform/dates/dates.ts';
import { lastFinancialYear } from '../../src/demo/reports.ts';
import { openSuite, type E2eSuite } from './support/suite.ts';
import { signIn } from './support/sign-in.ts';
import { ReportFormPage, ReportPeriodPage, ReportsPage } from './support/pages/reports.ts';

let suite: E2eSuite;
describe('reports (browser)', () => {
  before(async () => {
    suite = await openSuite('reports');
  });
  afterEach(async () => suite?.endSessions());
  after(async () => suite?.close());

  /**
   * A funder's report in the browser: the service manager prepares one for the last financial year in
   * Welsh, previews and issues it; the funder finds it in their list and downloads the PDF whose
   * SHA-256 the page shows; another funder's list does not have it.
   */
  describe('reports to funders in the browser', () => {
    let manager: TestUser;
    let funder: TestUser;
    let otherFunder: TestUser;
    let reference: string;
    const year = lastFinancialYear(dateInWales(new Date())).from.slice(0, 4);

    before(async () => {
      const { t } = suite;
      const agency = await t.organisation('agency', 'agency');
      const council = await t.organisation('council', 'local_authority');
      manager = await t.user(['service_manager'], agency);
      funder = await t.user(['funder'], await t.organisation('funder', 'funder'));
      otherFunder = await t.user(['funder'], await t.organisation('other-funder', 'funder'));
      const finder = await t.user(['family_finder'], agency);
      await seedSyntheticChildren(t.services.runner, t.system, {
        count: 40,
        seed: 12,
        today: dateInWales(new Date()),
        localAuthorityIds: [council],
        agencyId: agency,
        familyFinderIds: [finder.id],
      });
    });

    it('the service manager prepares a Welsh report for a funder’s financial year, previews it and issues it', async () => {
      const session = await suite.session();
      const home = await (await signIn(session, manager)).switchLanguage('cy');
      const list = await home.navigate('reports:navigation.reports', ReportsPage);
      const period = await (await (await list.newReport()).switchLanguage('en')).switchLanguage('cy');
      // Continuing without choosing says what is missing; then only the financial year's box is asked for.
      const unchosen = (await period.choose(null)) as ReportPeriodPage;
      assert.equal(unchosen.session.lastStatus, 400);
      assert.ok((await unchosen.errorMessages()).includes('Dewiswch gyfnod yr adroddiad'));
      const chosen = (await unchosen.choose('year')) as ReportFormPage;
      const form = await (await chosen.switchLanguage('en')).switchLanguage('cy');
      assert.equal(await form.page.locator('#year').count(), 1);
      assert.equal(await form.page.locator('#quarter, #from-day').count(), 0, 'no quarter or dates asked for a financial year');
      const preview = await form.preview({ organisation: 'Test funder', financialYear: year, language: 'cy' });
      assert.match(await preview.title(), /adroddiad i Test funder$/, 'the report speaks Welsh');
      assert.ok((await preview.byTestId('report-facts').innerText()).includes(`1 Ebrill ${year}`), 'the period in Welsh');
      const issued = await preview.issue();
      assert.equal(await issued.flash(), 'Adroddiad wedi’i gyhoeddi');
      reference = await issued.reference();
      assert.match(reference, /^R-\d{4}-\d{4} v1$/);
      const english = await issued.switchLanguage('en');
      assert.match(await english.page.locator('h1').innerText(), /adroddiad i Test funder/, 'an issued report keeps its own language');
    });

    it('the funder finds the report in their list and downloads the PDF whose SHA-256 the page shows', async () => {
      const session = await suite.session();
      const home = await signIn(session, funder);
      const list = await home.navigate('reports:navigation.reports', ReportsPage);
      assert.deepEqual(await list.references(), [reference]);
      assert.equal(await list.byTestId('new-report').count(), 0, 'a funder prepares nothing');
      const report = await list.open(reference);
      const shown = await report.checksum('pdf');
      const pdf = await report.download('pdf');
      assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
      assert.equal(createHash('sha256').update(pdf).digest('hex'), shown, 'the file is the one the page vouches for');
      await report.switchLanguage('cy');
    });

    it('another funder does not see it', async () => {
      const session = await suite.session();
      const home = await signIn(session, otherFunder);
      const list = await home.navigate('reports:navigation.reports', ReportsPage);
      assert.deepEqual(await list.references(), []);
      assert.equal((await list.byTestId('reports').innerText()).trim(), 'No reports have been issued yet.');
      await list.switchLanguage('cy');
    });
  });
});
