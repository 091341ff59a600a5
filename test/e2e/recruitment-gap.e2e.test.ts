import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { DemoSignIn } from '../../src/demo.ts';
import { openSuite, type E2eSuite } from './support/suite.ts';
import { signIn } from './support/sign-in.ts';
import { GapCandidateFormPage, RecruitmentGapPage } from './support/pages/matching.ts';
import { CampaignFormPage, CampaignPage } from './support/pages/campaigns.ts';

const SHOTS = process.env.GAP_SHOTS_DIR;

let suite: E2eSuite;
let signIns: DemoSignIn[];
describe('recruitment-gap (browser)', () => {
  before(async () => {
    suite = await openSuite('recruitment-gap', { demo: true });
    signIns = suite.signIns;
  });
  after(async () => {
    await suite?.endSessions();
    await suite?.close();
  });

  /** The service manager opens the recruitment gap from the whole picture, in English and Welsh: the chart, the ranked profiles and the plan. */
  describe('the recruitment gap in the browser', () => {
    it('the service manager reads which families to recruit next, in English and Welsh', async () => {
      const person = signIns.find((s) => s.email === 'service.manager@demo.invalid');
      assert.ok(person);
      const session = await suite.session();
      await signIn(session, { email: person.email, password: person.password, totpSecret: person.totpKey }, '/sign-in?lang=en');
      const page = session.page;
      // The demo pool is worked out on every visit, on a shared machine.
      page.setDefaultTimeout(180_000);
      await page.goto(`${suite.baseUrl}/matching?lang=en`);
      await page.click('[data-testid="gap-link"]');
      await page.waitForSelector('h1');
      assert.match((await page.textContent('h1')) ?? '', /Which families to recruit next/);
      assert.ok(await page.isVisible('[data-testid="limits"]'));
      if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'gap-en.png'), fullPage: true });
      await page.goto(`${suite.baseUrl}/matching/recruitment-gap?lang=cy`);
      assert.match((await page.textContent('h1')) ?? '', /Pa deuluoedd i’w recriwtio nesaf/);
      if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'gap-cy.png'), fullPage: true });
    });

    it('the service manager adds a family profile on a page (a mistake first, in Welsh) and starts a campaign for families like it', async () => {
      const person = signIns.find((s) => s.email === 'service.manager@demo.invalid');
      assert.ok(person);
      const session = await suite.session();
      await signIn(session, { email: person.email, password: person.password, totpSecret: person.totpKey }, '/sign-in?lang=en');
      session.page.setDefaultTimeout(180_000);
      session.language = 'cy';
      const gap = await session.open('/matching/recruitment-gap?lang=cy', RecruitmentGapPage);
      await gap.byTestId('add-profile').click();
      const form = await session.expect(GapCandidateFormPage);
      await form.page.fill('#ageMin', '30');
      await form.byTestId('save-profile').click();
      const wrong = await session.expect(GapCandidateFormPage, { withErrors: true });
      assert.deepEqual(await wrong.errorMessages(), [wrong.t('matches:gap.form.errors.age')]);
      await wrong.page.fill('#ageMin', '7');
      await wrong.page.fill('#ageMax', '12');
      await wrong.page.selectOption('#need-autism_spectrum', 'with_support');
      await wrong.byTestId('save-profile').click();
      const ranked = await session.expect(RecruitmentGapPage);
      await ranked.byTestId('change-profile').first().waitFor();

      const english = await ranked.switchLanguage('en');
      await english.byTestId('start-campaign').first().click();
      const campaignForm = await session.expect(CampaignFormPage);
      const aim = (await campaignForm.byTestId('campaign-aim').locator('xpath=..').innerText()).trim();
      assert.match(aim, /^A family for /);
      await campaignForm.page.fill('#name', 'Families like this');
      await campaignForm.page.fill('#nameCy', 'Teuluoedd fel hyn');
      await campaignForm.page.fill('#startDate-day', '1');
      await campaignForm.page.fill('#startDate-month', '2');
      await campaignForm.page.fill('#startDate-year', '2026');
      await campaignForm.page.check('#channels');
      await campaignForm.page.fill('#referrerCode', 'like-this');
      await campaignForm.byTestId('save-campaign').click();
      const campaign = await session.expect(CampaignPage);
      assert.equal((await campaign.byTestId('campaign-aim').innerText()).trim(), aim);
      assert.match(await campaign.byTestId('campaign-audience').innerText(), /^Families: \d+\. Waiting children they could be matched with now: \d+\.$/);
      const welsh = await campaign.switchLanguage('cy');
      assert.match(await welsh.byTestId('campaign-aim').innerText(), /^Teulu ar gyfer /);
    });
  });
});
