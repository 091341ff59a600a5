import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { TestUser } from '../support/app.ts';
import { addMonths, dateInWales } from '../../src/platform/dates/dates.ts';
import { openSuite, type E2eSuite } from './support/suite.ts';
import { signIn } from './support/sign-in.ts';
import { ChildrenListPage } from './support/pages/children-settings.ts';

let suite: E2eSuite;
describe('lists (browser)', () => {
  before(async () => {
    suite = await openSuite('lists');
  });
  afterEach(async () => suite?.endSessions());
  after(async () => suite?.close());

  /**
   * A staff list as a family finder uses it: numbered pages with a count, a heading to sort by,
   * filters shown as tags that each remove one, in English and Welsh, every page checked by axe.
   * All children are fictional.
   */
  describe('the children list: pages, sorting and filter tags', () => {
    let finder: TestUser;
    const today = () => dateInWales(new Date());
    const GIVEN = ['Alys', 'Bedwyr', 'Cerys', 'Dylan', 'Eira', 'Ffion', 'Gethin', 'Heledd', 'Iolo', 'Jac', 'Llio', 'Macsen'];

    before(async () => {
      const { t } = suite;
      const agency = await t.organisation('agency', 'agency');
      const council = await t.organisation('cyngor', 'local_authority');
      finder = await t.user(['family_finder'], agency);
      const token = await t.token(await t.user(['la_referrer'], council));
      // 23 children, one a referral: two full pages and three more. Every third is 8 years old.
      for (let i = 0; i < 23; i++) {
        const response = await t.app.inject({
          method: 'POST',
          url: '/api/v1/referrals',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          payload: JSON.stringify({
            legalBasis: 'adoption_agencies_wales_regulations',
            children: [
              {
                legalGivenNames: GIVEN[i % GIVEN.length],
                legalFamilyName: `Rhestr ${String(i + 1).padStart(2, '0')} (fictional)`,
                dateOfBirth: addMonths(today(), i % 3 === 0 ? -12 * 8 - 2 : -12 * 5 - i),
                sex: i % 2 ? 'male' : 'female',
                ethnicity: 'white_british',
                legalStatus: 'placement_order',
                placementOrderDate: addMonths(today(), -3),
                needs: [],
              },
            ],
          }),
        });
        assert.equal(response.statusCode, 201, response.body);
      }
    });

    it('pages through the children with a count, sorts by a heading, and removes a filter by its tag, in English and Welsh', async () => {
      const session = await suite.session();
      await signIn(session, finder);
      const first = await session.open('/children', ChildrenListPage);
      assert.equal(await first.count(), 'Showing 1 to 20 of 23');
      assert.equal((await first.names()).length, 20);
      const second = await first.nextPage();
      assert.equal(await second.count(), 'Showing 21 to 23 of 23');
      assert.equal((await second.names()).length, 3);

      const byAge = await second.sortBy('age');
      assert.equal(await byAge.sortState('age'), 'ascending');
      assert.equal(await byAge.sortState('name'), 'none');
      assert.equal(await byAge.count(), 'Showing 1 to 20 of 23', 'a new order starts from the first page');
      const oldestFirst = await byAge.sortBy('age');
      assert.equal(await oldestFirst.sortState('age'), 'descending');
      assert.match((await oldestFirst.names())[0]!, /Rhestr (01|04|07|10|13|16|19|22)/, 'an 8-year-old first');

      const eightYearOlds = await oldestFirst.filter('ageBand', '7-9');
      assert.equal(await eightYearOlds.count(), 'Showing 1 to 8 of 8');
      assert.deepEqual(await eightYearOlds.filterTags(), ['Age: 7 to 9']);
      assert.equal(await eightYearOlds.sortState('age'), 'descending', 'filtering keeps the order');

      const welsh = await eightYearOlds.switchLanguage('cy');
      assert.equal(await welsh.count(), 'Yn dangos 1 i 8 o 8');
      assert.deepEqual(await welsh.filterTags(), ['Oed: 7 i 9']);
      await session.inspect(welsh, 'filtered');
      const all = await welsh.removeFilter('Oed: 7 i 9');
      assert.deepEqual(await all.filterTags(), []);
      assert.equal(await all.count(), 'Yn dangos 1 i 20 o 23');
      const welshSecond = await all.nextPage();
      assert.equal(await welshSecond.count(), 'Yn dangos 21 i 23 o 23');
    });
  });
});
