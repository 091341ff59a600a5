import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { TestUser } from '../support/app.ts';
import { addDays, dateInWales } from '../../src/platform/dates/dates.ts';
import { openSuite, type E2eSuite } from './support/suite.ts';
import { signIn } from './support/sign-in.ts';
import { ChildPage } from './support/pages/children-record.ts';

let suite: E2eSuite;
describe('chronology (browser)', () => {
  before(async () => {
    suite = await openSuite('chronology');
  });
  afterEach(async () => suite?.endSessions());
  after(async () => suite?.close());

  /**
   * From the issue: a family finder reads a child's chronology (every module's lines, on the day they
   * happened), filters it to the Team Around the Child meetings, reads it in Welsh, and prints it
   * without the service's navigation.
   */
  describe('a child’s chronology, read, filtered, in Welsh and printed', () => {
    let finder: TestUser;
    let childId: string;
    const heldOn = addDays(dateInWales(new Date()), -10);

    before(async () => {
      const { t } = suite;
      const agency = await t.organisation('agency', 'agency');
      const authority = await t.organisation('authority', 'local_authority');
      const referrer = await t.user(['la_referrer'], authority);
      finder = await t.user(['family_finder'], agency);
      // The child arrives as the authority refers and the agency accepts; a meeting is recorded ten days after it met (API, not under test).
      const api = async (user: TestUser, url: string, body: unknown) => {
        const response = await t.app.inject({
          method: 'POST',
          url,
          headers: { authorization: `Bearer ${await t.token(user)}`, 'content-type': 'application/json' },
          payload: JSON.stringify(body),
        });
        assert.ok(response.statusCode < 300, `${url}: ${response.body}`);
        return JSON.parse(response.body);
      };
      const referral = await api(referrer, '/api/v1/referrals', {
        legalBasis: 'adoption_agencies_wales_regulations',
        children: [
          {
            legalGivenNames: 'Gwenllian',
            legalFamilyName: 'Fictionalfamily',
            dateOfBirth: '2018-05-04',
            sex: 'female',
            ethnicity: 'white_british',
            legalStatus: 'placement_order',
            placementOrderDate: '2024-01-10',
            needs: [],
          },
        ],
        siblingRelationships: [],
      });
      childId = referral.childIds[0];
      await t.database.adminQuery("update children set referral_date = '2024-06-01' where id = $1", [childId]);
      await api(finder, `/api/v1/referrals/${referral.referralId}/decision`, { decision: 'accept', familyFinderId: finder.id });
      await api(finder, '/api/v1/tac-meetings', { childIds: [childId], startsAt: `${heldOn}T09:00:00Z`, endsAt: `${heldOn}T10:30:00Z` });
    });

    it('lists every module’s lines oldest first, filters to meetings, reads in Welsh and prints only the content', async () => {
      const session = await suite.session();
      await signIn(session, finder);
      const record = await session.open(`/children/${childId}`, ChildPage);
      await record.asPrinted('chronology-child-record');
      let chronology = await (await record.openChronology()).assertReflows();

      const lines = await chronology.lines();
      const dates = lines.map((l) => l.on);
      assert.deepEqual(dates, [...dates].sort(), 'oldest first');
      assert.deepEqual(
        [...new Set(lines.map((l) => l.kind))].sort(),
        ['clock', 'decision', 'referral', 'tac'],
        'the referral, the clocks’ warnings, the meeting and the decision',
      );
      assert.equal(lines.find((l) => l.kind === 'tac')!.on, heldOn, 'the meeting on the day it met, not the day it was typed');

      chronology = await chronology.showOnly(['tac']);
      assert.deepEqual(await chronology.lines(), [{ kind: 'tac', on: heldOn, text: chronology.t('chronology:entries.tacMeeting') }]);

      chronology = await (await chronology.switchLanguage('cy')).assertReflows();
      const welsh = await chronology.lines();
      assert.equal(welsh.length, 1, 'the filter holds in Welsh');
      assert.match(welsh[0]!.text, /Cyfarfod Tîm o Amgylch y Plentyn/);
      await chronology.asPrinted('chronology-filtered');

      chronology = await chronology.switchLanguage('en');
      await chronology.asPrinted('chronology-filtered');
    });
  });
});
