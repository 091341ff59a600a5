import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { TestUser } from '../support/app.ts';
import { addMonths, dateInWales } from '../../src/platform/dates/dates.ts';
import { openSuite, type E2eSuite } from './support/suite.ts';
import { signIn } from './support/sign-in.ts';
import type { StorageState } from './support/session.ts';
import { HomePage } from './support/pages/home.ts';
import { AceCategoriesPage, ChildAcesPage, ChildrenListPage, ChildrenSettingsPage } from './support/pages/children-settings.ts';

let suite: E2eSuite;
describe('children-settings (browser)', () => {
  before(async () => {
    suite = await openSuite('children-settings');
  });
  afterEach(async () => suite?.endSessions());
  after(async () => suite?.close());

  /**
   * The agency's settings for children who wait, changed by its service manager in the browser,
   * and what the family finder then sees: a shorter warning time on their home page and list, and
   * a new kind of experience offered on a child's ACE record.
   */
  describe('the agency’s settings for children who wait', () => {
    let manager: TestUser;
    let finder: TestUser;
    /** Gwen's placement order was 4 months ago: within the standard 6-month warning, over a 3-month one. */
    let gwen: string;
    /** The service manager's browser after the first test, to come back without signing in again. */
    let managerSignedIn: StorageState | undefined;
    const today = () => dateInWales(new Date());

    before(async () => {
      const { t } = suite;
      const agency = await t.organisation('agency', 'agency');
      const council = await t.organisation('council', 'local_authority');
      manager = await t.user(['service_manager'], agency);
      finder = await t.user(['family_finder'], agency);
      const referrer = await t.user(['la_referrer'], council);
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
      const referred = (await post(await t.token(referrer), '/api/v1/referrals', {
        legalBasis: 'adoption_agencies_wales_regulations',
        children: [
          {
            legalGivenNames: 'Gwen',
            legalFamilyName: 'Prydderch',
            dateOfBirth: addMonths(today(), -(5 * 12 + 2)),
            sex: 'female',
            ethnicity: 'white_british',
            legalStatus: 'placement_order',
            placementOrderDate: addMonths(today(), -4),
            needs: [],
          },
        ],
      })) as { referralId: string; childIds: string[] };
      await post(await t.token(finder), `/api/v1/referrals/${referred.referralId}/decision`, { decision: 'accept', familyFinderId: finder.id });
      gwen = referred.childIds[0]!;
    });

    it('the service manager shortens the warning time in Welsh, correcting a mistake first, and the family finder’s home page and list follow', async () => {
      const finderSession = await suite.session();
      const finderHome = await signIn(finderSession, finder);
      assert.equal(
        await finderHome.byTestId('children-attention').getByRole('link', { name: 'Gwen Prydderch' }).count(),
        0,
        'four months is within the standard warning time',
      );

      const session = await suite.session();
      const home = await (await signIn(session, manager)).switchLanguage('cy');
      const list = await home.navigate('children:navigation.children', ChildrenListPage);
      const settings = await (await list.openSettings()).assertReflows();
      assert.equal(await settings.page.locator('h1').innerText(), 'Gosodiadau ar gyfer plant sy’n aros');
      assert.equal(await settings.setting('warningMonths'), '6');

      // “tri” is three in words: the box wants a number.
      const refused = await settings.save({ warningMonths: 'tri' }, 'Penderfyniad y panel, Tachwedd', 'refused');
      assert.equal(refused.session.lastStatus, 400);
      assert.deepEqual(await refused.errorMessages(), ['Rhowch yr amser rhybuddio fel nifer cyfan o fisoedd, fel 6']);
      assert.equal(await refused.fieldError('warningMonths'), 'Rhowch yr amser rhybuddio fel nifer cyfan o fisoedd, fel 6');
      assert.equal(await refused.followErrorLink(0), 'warningMonths', 'the summary link moves to the box');
      assert.equal(await refused.setting('warningMonths'), 'tri', 'what was typed is shown again');
      assert.match(await refused.page.title(), /^Gwall: /);

      const saved = await refused.save({ warningMonths: '3' }, 'Penderfyniad y panel, Tachwedd');
      assert.equal(await saved.flash(), 'Mae’r gosodiadau wedi’u cadw. Maen nhw’n berthnasol o hyn ymlaen.');
      assert.match(await saved.current(), /^Fersiwn 1, a gadwyd ar .+: Penderfyniad y panel, Tachwedd$/);
      assert.equal(await saved.setting('warningMonths'), '3');
      await saved.switchLanguage('en');
      managerSignedIn = await session.storageState();

      // The family finder's home page and list now word Gwen's clock with the agency's three months.
      const homeAfter = await finderSession.open('/', HomePage);
      const attention = homeAfter.byTestId('children-attention');
      assert.equal(await attention.getByRole('link', { name: 'Gwen Prydderch' }).count(), 1, 'four months is over the agency’s three');
      assert.match(await attention.innerText(), /Over 3 months/);
      const children = await finderSession.open('/children', ChildrenListPage);
      const row = await children.row('Gwen Prydderch');
      assert.equal(row.at(-1), 'Over 3 months');
      await children.switchLanguage('cy');
      assert.equal((await children.row('Gwen Prydderch')).at(-1), 'Dros 3 mis');
    });

    it('the service manager adds an experience in English and Welsh, retires and reinstates it, and it is offered on a child’s ACE record', async () => {
      const session = await suite.session();
      await signIn(session, manager);
      const settings = await session.open('/children/settings', ChildrenSettingsPage);
      const categories = await settings.openAceCategories();
      const added = await categories.add({ code: 'young_carer', nameEn: 'Young carer', nameCy: 'Gofalwr ifanc' });
      assert.equal(await added.flash(), 'Young carer has been added. It is offered on every child’s ACE record.');
      assert.deepEqual((await added.category('young_carer')).slice(0, 2), ['Young carer\nyoung_carer', 'Offered']);

      const welsh = await (await added.switchLanguage('cy')).assertReflows();
      assert.deepEqual((await welsh.category('young_carer')).slice(0, 2), ['Gofalwr ifanc\nyoung_carer', 'Yn cael ei gynnig']);
      const retired = await (await welsh.openCategory('young_carer')).retire();
      assert.equal((await retired.category('young_carer'))[1], 'Wedi’i dynnu’n ôl');
      const page = await retired.openCategory('young_carer');
      assert.equal(await page.byTestId('retire-category').count(), 0, 'a retired experience cannot be retired again');
      const reinstated = await page.reinstate();
      assert.equal(await reinstated.flash(), 'Mae’r profiad wedi’i adfer. Mae’n cael ei gynnig eto ar gofnod ACE pob plentyn.');
      assert.equal((await reinstated.category('young_carer'))[1], 'Yn cael ei gynnig');
      const english = await reinstated.switchLanguage('en');
      const categoryInEnglish = await english.openCategory('young_carer');
      assert.equal(await categoryInEnglish.page.locator('h1').innerText(), 'Change Young carer');

      const finderSession = await suite.session();
      await signIn(finderSession, finder);
      const aces = await finderSession.open(`/children/${gwen}/aces/change`, ChildAcesPage);
      assert.equal(await aces.category('young_carer'), 'Young carer');
      assert.ok((await aces.categories()).slice(10).includes('Young carer'), 'offered with the agency’s own experiences, after the standard ten');
      const acesInWelsh = await aces.switchLanguage('cy');
      assert.equal(await acesInWelsh.category('young_carer'), 'Gofalwr ifanc');
      assert.equal(await acesInWelsh.byTestId(`ace-young_carer`).getByRole('radio').count(), 4, 'it can be recorded like the standard ten');
    });

    it('explains two mistakes at once in both languages, and saves nothing', async () => {
      assert.ok(managerSignedIn, 'signed in by the first test');
      const session = await suite.session(managerSignedIn);
      const categories = await session.open('/children/settings/ace-categories', AceCategoriesPage);
      const categoriesInWelsh = await categories.switchLanguage('cy');
      const refused = await (await categoriesInWelsh.session.open('/children/settings', ChildrenSettingsPage)).save({ urgentMonths: '2' }, '', 'refused');
      assert.deepEqual(await refused.errorMessages(), ['Rhaid i’r amser brys fod yn hwyrach na’r amser rhybuddio', 'Rhowch y rheswm dros y newid']);
      const english = await refused.switchLanguage('en');
      const refusedInEnglish = await english.save({ urgentMonths: '2' }, '', 'refused');
      assert.deepEqual(await refusedInEnglish.errorMessages(), ['The urgent time must be later than the warning time', 'Give the reason for the change']);
      assert.equal(await refusedInEnglish.followErrorLink(1), 'changeReason');
      const unchanged = await session.open('/children/settings', ChildrenSettingsPage);
      assert.equal(await unchanged.setting('urgentMonths'), '12');
      assert.match(await unchanged.current(), /^Version 1, saved on /);
    });
  });
});
