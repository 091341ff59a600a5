import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { TestUser } from '../support/app.ts';
import { addDays, addMonths, dateInWales } from '../../src/platform/dates/dates.ts';
import { children } from '../../src/modules/children/schema.ts';
import { matches } from '../../src/modules/matching/schema.ts';
import { applicants, households } from '../../src/modules/recruitment/schema.ts';
import { openSuite, type E2eSuite } from './support/suite.ts';
import { signIn } from './support/sign-in.ts';
import { ChildOutcomesPage, QuestionnairesPage } from './support/pages/outcomes.ts';

let suite: E2eSuite;
describe('outcomes (browser)', () => {
  before(async () => {
    suite = await openSuite('outcomes');
  });
  afterEach(async () => suite?.endSessions());
  after(async () => suite?.close());

  /**
   * From the issue: a family answers the satisfaction questionnaire in Welsh, saving half way; a
   * worker enters SDQ scores from paper with one mistake first; the child's chart shows reliable
   * improvement. All people and children are fictional.
   */
  describe('children’s outcomes in the browser', () => {
    let worker: TestUser;
    let adopter: TestUser;
    let child: string;
    const today = () => dateInWales(new Date());

    before(async () => {
      const { t } = suite;
      const agency = await t.organisation('agency', 'agency');
      const council = await t.organisation('council', 'local_authority');
      worker = await t.user(['social_worker'], agency);
      adopter = await t.user(['adopter'], agency);
      // Moved in six months and a week ago.
      const movedIn = addDays(addMonths(today(), -6), -7);
      child = await t.services.runner.run(t.system, async (tx) => {
        const [c] = await tx
          .insert(children)
          .values({
            organisationId: council,
            status: 'placed',
            legalGivenNames: 'Gwen',
            legalFamilyName: 'Fictionalfamily',
            dateOfBirth: addMonths(today(), -96),
            sex: 'female',
            ethnicity: 'white_british',
            legalStatus: 'placement_order',
            referralDate: addMonths(today(), -30),
            sharedWith: [agency],
            socialWorkerId: worker.id,
          })
          .returning();
        const [h] = await tx
          .insert(households)
          .values({
            organisationId: agency,
            reference: 'E2E-OUT',
            stage: 'placed',
            stageSince: addMonths(today(), -6),
            enquiryDate: addMonths(today(), -30),
            email: 'e2e-family@test.invalid',
            adopterUserIds: [adopter.id],
          })
          .returning();
        await tx
          .insert(applicants)
          .values({ householdId: h!.id, organisationId: agency, givenNames: 'Fictional', familyName: 'Parent', userId: adopter.id, preferredLanguage: 'cy' });
        await tx.insert(matches).values({
          organisationId: agency,
          childOrganisationId: council,
          sharedWith: [agency, council],
          householdId: h!.id,
          childIds: [c!.id],
          unitKey: c!.id,
          stage: 'placed',
          stageSince: movedIn,
          source: 'manual',
          linkedDate: addMonths(today(), -8),
          placementDate: movedIn,
        });
        return c!.id;
      });
      // The baseline at placement, entered through the API (not under test here).
      const response = await t.app.inject({
        method: 'POST',
        url: `/api/v1/children/${child}/administrations`,
        headers: { authorization: `Bearer ${await t.token(worker, 'write')}`, 'content-type': 'application/json' },
        payload: JSON.stringify({
          instrument: 'sdq-parent',
          completedOn: addDays(movedIn, 2),
          respondent: 'parent_carer',
          scores: { emotional: 8, conduct: 6, hyperactivity: 9, peer: 5, prosocial: 4, total: 28, impact: 6 },
        }),
      });
      assert.equal(response.statusCode, 201, response.body);
    });

    it('a family answers the satisfaction questionnaire in Welsh, saving half way and coming back to send it', async () => {
      const session = await suite.session();
      const home = await signIn(session, adopter);
      const welshHome = await home.switchLanguage('cy');
      void welshHome;
      let list = await session.open('/my-application/questionnaires', QuestionnairesPage);
      let form = await list.open();
      await form.answer({ information: 4, introductions: 5, contact: 3, support_access: 4 });
      form = await form.saveForLater();
      assert.equal(await form.flash(), 'Mae eich atebion wedi’u cadw');
      assert.equal(await form.progress(), 'Rydych wedi ateb 4 o 8 datganiad.');

      // Later, from the list again: the saved answers are there.
      list = await session.open('/my-application/questionnaires', QuestionnairesPage);
      assert.deepEqual(await list.statuses(), ['Wedi dechrau: 4 o 8']);
      form = await list.open();
      assert.equal(await form.checked('contact'), '3');
      await form.answer({ therapeutic: 5, confidence: 4, language: 5, recommend: 5 });
      list = await form.send();
      assert.equal(await list.flash(), 'Diolch: mae eich holiadur wedi’i anfon');
      assert.deepEqual(await list.statuses(), ['Wedi’i anfon']);
    });

    it('a worker enters SDQ scores from paper with one mistake first, and the chart shows reliable improvement', async () => {
      const session = await suite.session();
      await signIn(session, worker);
      let outcomes = await session.open(`/children/${child}/outcomes`, ChildOutcomesPage);
      let entry = await outcomes.enterScores();
      await entry.fill(addDays(today(), -3), { emotional: 3, conduct: 2, hyperactivity: 5, peer: 2, prosocial: 8, total: 13, impact: 1 });
      entry = await entry.saveExpectingErrors();
      assert.deepEqual(await entry.errorMessages(), ['The total must be the sum of the four difficulty scales: they add up to 12']);
      assert.equal(await entry.fieldError('score-total'), 'The total must be the sum of the four difficulty scales: they add up to 12');
      await entry.page.locator('#score-total').fill('12');
      outcomes = await entry.save();
      assert.equal(await outcomes.flash(), 'Scores saved');
      assert.equal(await outcomes.change('sdq-parent', 'total'), 'improved');
      assert.equal(await outcomes.changeText('sdq-parent', 'total'), 'Reliably improved');
      assert.equal(await outcomes.change('sdq-parent', 'prosocial'), 'improved', 'a rise in prosocial behaviour is an improvement');
      assert.deepEqual(await outcomes.chartPoints('sdq-parent', 'total'), ['28', '12']);
      const welsh = await outcomes.switchLanguage('cy');
      assert.equal(await welsh.changeText('sdq-parent', 'total'), 'Wedi gwella’n ddibynadwy');
    });
  });
});
