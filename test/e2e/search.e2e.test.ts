import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { TestUser } from '../support/app.ts';
import { addMonths, dateInWales } from '../../src/platform/dates/dates.ts';
import { openSuite, type E2eSuite } from './support/suite.ts';
import { signIn } from './support/sign-in.ts';
import { SearchPage, searchFromHeader } from './support/pages/search.ts';
import { ChildPage } from './support/pages/children-record.ts';

let suite: E2eSuite;
describe('search (browser)', () => {
  before(async () => {
    suite = await openSuite('search');
  });
  afterEach(async () => suite?.endSessions());
  after(async () => suite?.close());

  /** From the issue: a worker finds a child by name from the header, typing without the Welsh accents. */
  describe('searching from the header', () => {
    let familyFinder: TestUser;
    let childId: string;
    const today = () => dateInWales(new Date());

    before(async () => {
      const { t } = suite;
      const agency = await t.organisation('agency', 'agency');
      const council = await t.organisation('cyngor', 'local_authority');
      const referrer = await t.user(['la_referrer'], council);
      familyFinder = await t.user(['family_finder'], agency);
      const token = await t.token(referrer);
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/v1/referrals',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: JSON.stringify({
          legalBasis: 'adoption_agencies_wales_regulations',
          children: [
            {
              legalGivenNames: 'Siân',
              legalFamilyName: 'Dafŷdd',
              dateOfBirth: addMonths(today(), -12 * 7),
              sex: 'female',
              ethnicity: 'white_british',
              legalStatus: 'placement_order',
              placementOrderDate: addMonths(today(), -5),
              needs: [],
            },
          ],
        }),
      });
      assert.equal(response.statusCode, 201, response.body);
      childId = (JSON.parse(response.body) as { childIds: string[] }).childIds[0]!;
    });

    it('finds a child typed without accents, in English, and opens the record', async () => {
      const session = await suite.session();
      const home = await signIn(session, familyFinder);
      const results = await searchFromHeader(home, 'sian dafydd');
      assert.deepEqual(await results.titles('children'), ['Siân Dafŷdd']);
      assert.deepEqual(await results.reasons('children'), ['Matched on name']);
      assert.deepEqual(await results.reasons('referrals'), ['Matched on a child’s name'], 'the referral that brought her');
      await results.group('children').getByTestId('search-result-link').click();
      const record = await session.expect(ChildPage);
      assert.ok(record.page.url().endsWith(`/children/${childId}`));
    });

    it('searches in Welsh from the header, and says what to try when nothing is typed', async () => {
      const session = await suite.session();
      const home = await (await signIn(session, familyFinder)).switchLanguage('cy');
      const empty = await searchFromHeader(home, '');
      assert.match(await empty.emptyState(), /Rhowch gynnig ar/);
      const results = await searchFromHeader(empty, 'Dafydd');
      assert.deepEqual(await results.titles('children'), ['Siân Dafŷdd']);
      assert.deepEqual(await results.reasons('children'), ['Yn cyfateb i’r enw']);
      assert.match(await results.page.locator('h1').innerText(), /^Chwilio$/);
      const none = await searchFromHeader(results, 'Zzyzx');
      await none.byTestId('search-none').waitFor();
      assert.ok(none instanceof SearchPage);
    });
  });
});
