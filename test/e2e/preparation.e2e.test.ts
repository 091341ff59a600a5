import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { TestUser } from '../support/app.ts';
import { dateInWales } from '../../src/platform/dates/dates.ts';
import { addDays } from '../../src/modules/preparation/dates.ts';
import { longDate } from '../../src/platform/format/format.ts';
import { openSuite, type E2eSuite } from './support/suite.ts';
import { signIn } from './support/sign-in.ts';
import { MyWorkPage, PreparationChildrenPage } from './support/pages/preparation.ts';

let suite: E2eSuite;
describe('preparation (browser)', () => {
  before(async () => {
    suite = await openSuite('preparation');
  });
  afterEach(async () => suite?.endSessions());
  after(async () => suite?.close());

  /**
   * From the issue: a psychologist records a Team Around the Child meeting with an action for a
   * family finder, who sees it on "my work" and completes it.
   */
  describe('a Team Around the Child action, from the meeting to “my work”', () => {
    let psychologist: TestUser;
    let finder: TestUser;
    let finderName: string;
    const today = () => dateInWales(new Date());
    const held = addDays(today(), -7);
    /** The actions' due dates, as the first test sets them: the second test finds them on “my work”. */
    let overdueOn: string;
    let dueOn: string;

    before(async () => {
      const { t } = suite;
      const agency = await t.organisation('agency', 'agency');
      const authority = await t.organisation('authority', 'local_authority');
      const partner = await t.organisation('partner', 'clinical_partner');
      const referrer = await t.user(['la_referrer'], authority);
      finder = await t.user(['family_finder'], agency);
      psychologist = await t.user(['clinical_psychologist'], partner);
      finderName = (await t.database.adminQuery('select name from users where id = $1', [finder.id])).rows[0].name;

      // The children arrive as the authority refers them and the agency accepts; the agency then shares
      // them with its clinical partner for therapeutic preparation (all through the API, not under test here).
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
      const child = (given: string, dateOfBirth: string) => ({
        legalGivenNames: given,
        legalFamilyName: 'Fictionalfamily',
        dateOfBirth,
        sex: 'female',
        ethnicity: 'white_british',
        legalStatus: 'placement_order',
        placementOrderDate: '2025-01-10',
        needs: [],
      });
      const referral = await api(referrer, '/api/v1/referrals', {
        legalBasis: 'adoption_agencies_wales_regulations',
        children: [child('Anwen', '2019-04-02'), child('Bedwyr', '2021-08-15')],
        siblingRelationships: [{ child: 0, sibling: 1, relationship: 'full' }],
        siblingAssessment: { assessment: 'together', reasons: 'Close bond', assessmentDate: '2025-10-01' },
      });
      await api(finder, `/api/v1/referrals/${referral.referralId}/decision`, { decision: 'accept', familyFinderId: finder.id });
      await api(finder, `/api/v1/children/${referral.childIds[0]}/sharing/clinical-partner`, { organisationId: partner });
    });

    it('a psychologist of the clinical partner records the meeting, corrected once, with two actions for the family finder', async () => {
      const session = await suite.session();
      const home = await signIn(session, psychologist);
      const children = await (await home.navigate('preparation:navigation.preparation', PreparationChildrenPage)).assertReflows();
      const child = await (await children.open('Anwen Fictionalfamily')).assertReflows();
      let form = await child.recordMeeting();
      assert.deepEqual(
        await form.children(),
        { 'Anwen Fictionalfamily': true, 'Bedwyr Fictionalfamily': true },
        'brothers and sisters prepared together share the meeting',
      );

      form = await form.saveExpectingErrors({
        date: held,
        start: '11:00',
        end: '10:00',
        location: 'Fictional Family Centre',
        agenda: 'Formulation; planning introductions',
      });
      assert.deepEqual(await form.errorMessages(), ['The meeting must end after it starts']);
      assert.equal(await form.fieldError('endTime'), 'The meeting must end after it starts');

      let meeting = await form.save({ date: held, start: '10:00', end: '11:30' });
      assert.equal(await meeting.status(), 'Held');
      assert.equal((await meeting.attendees()).length, 1, 'the psychologist who recorded it is listed as there');

      const actionForm = await meeting.addAction();
      assert.ok((await actionForm.owners()).includes(`${finderName} (Test agency)`), 'the agency’s family finder may own an action');
      overdueOn = addDays(today(), -2);
      dueOn = addDays(today(), 10);
      meeting = await actionForm.save({
        description: 'Share the life story book with the psychologist',
        owner: `${finderName} (Test agency)`,
        due: overdueOn,
      });
      meeting = await (
        await meeting.addAction()
      ).save({ description: 'Arrange a visit to the children’s school', owner: `${finderName} (Test agency)`, due: dueOn });
      assert.deepEqual(await meeting.actions(), [
        ['Share the life story book with the psychologist', finderName, longDate(overdueOn, 'en'), `Overdue: due ${longDate(overdueOn, 'en')}`],
        ['Arrange a visit to the children’s school', finderName, longDate(dueOn, 'en'), `Due ${longDate(dueOn, 'en')}`],
      ]);

      await meeting.assertReflows();

      const welsh = await (await meeting.switchLanguage('cy')).assertReflows();
      assert.equal(await welsh.status(), 'Wedi’i gynnal');
      assert.equal((await welsh.actions())[0]![3], `Hwyr: erbyn ${longDate(overdueOn, 'cy')}`);
    });

    it('the family finder sees the overdue action first on “my work” and marks it done', async () => {
      const session = await suite.session();
      const home = await signIn(session, finder);
      let work = await (await home.navigate('workforce:navigation.myWork', MyWorkPage)).assertReflows();
      const shown = await work.actions();
      assert.deepEqual(
        shown.map(([description]) => description),
        ['Share the life story book with the psychologist', 'Arrange a visit to the children’s school'],
      );
      assert.deepEqual(
        shown.map(([, progress]) => progress),
        [`Overdue: due ${longDate(overdueOn, 'en')}`, `Due ${longDate(dueOn, 'en')}`],
        'dates said as the meeting page says them',
      );

      work = await work.markDone('Share the life story book with the psychologist');
      assert.equal(await work.flash(), 'The action is marked as done.');
      assert.deepEqual(
        (await work.actions()).map(([description]) => description),
        ['Arrange a visit to the children’s school'],
      );
      const stored = await suite.t.database.adminQuery("select done_by from tac_actions where description = 'Share the life story book with the psychologist'");
      assert.equal(stored.rows[0].done_by, finder.id);
    });
  });
});
