import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { TestUser } from '../support/app.ts';
import { addMonths, dateInWales } from '../../src/platform/dates/dates.ts';
import { insertChild, insertHousehold } from '../support/fixtures.ts';
import { openSuite, type E2eSuite } from './support/suite.ts';
import { signIn } from './support/sign-in.ts';
import { plainPage } from './support/pages/service-page.ts';
import { ChildPage } from './support/pages/children-record.ts';

let suite: E2eSuite;

/**
 * From the issue: a family finder shows a waiting child's profile to approved families; an approved
 * family reads it anonymised in Welsh and expresses interest; the family finder answers "not taken
 * forward" with a reason and the family reads it. Every page in English and Welsh (axe, words).
 * The child and the people are fictional.
 */
describe('interest (browser)', () => {
  let finder: TestUser;
  let adopter: TestUser;
  let child: string;
  const today = () => dateInWales(new Date());
  const at = (pattern: string) => new RegExp(`^${pattern}(\\?|#[\\w-]+|$)`);
  const SharingPage = plainPage('profile-sharing', at('/children/[0-9a-f-]{36}/profile-sharing'), 'children:profileSharing.title', [
    '.govuk-caption-l',
    '[data-testid="profile-sharing-state"]',
  ]);
  const WaitingPage = plainPage('children-waiting', at('/my-application/children-waiting'), 'portal:waitingChildren.title', [
    '[data-testid="waiting-entry"] h2',
    '[data-testid="waiting-profile"]',
    '[data-testid="family-interest"] h3',
    '[data-testid="interest-message"]',
    '[data-testid="interest-reason"]',
  ]);
  const InterestsPage = plainPage('interests', at('/children/[0-9a-f-]{36}/interests'), 'matches:interests.title', [
    '.govuk-caption-l',
    '[data-testid="interests"] h2',
    '[data-testid="interest-message"]',
    '[data-testid="interest-reason"]',
  ]);

  before(async () => {
    suite = await openSuite('interest');
    const { t } = suite;
    const agency = await t.organisation('agency', 'agency');
    const council = await t.organisation('council', 'local_authority');
    finder = await t.user(['family_finder'], agency);
    adopter = await t.user(['adopter'], agency);
    await t.services.runner.run(t.system, async (tx) => {
      child = await insertChild(tx, council, agency, {
        status: 'family_finding',
        legalGivenNames: 'Gwenllian',
        legalFamilyName: 'Fictionalfamily',
        dateOfBirth: addMonths(today(), -100),
        profileEn: 'Gwenllian loves horses and singing.',
        profileCy: 'Mae Gwenllian wrth ei bodd gyda cheffylau a chanu.',
        familyFinderId: finder.id,
      });
      await insertHousehold(
        tx,
        agency,
        { stage: 'approved', stageSince: addMonths(today(), -1), adopterUserIds: [adopter.id], email: adopter.email },
        { userId: adopter.id, email: adopter.email },
      );
    });
  });
  afterEach(async () => suite?.endSessions());
  after(async () => suite?.close());

  it('a family finder shows the profile, the family expresses interest in Welsh, and reads the reason it was not taken forward', async () => {
    const worker = await suite.session();
    await signIn(worker, finder);
    const record = await worker.open(`/children/${child}`, ChildPage);
    await record.byTestId('profile-sharing-link').click();
    const sharing = await worker.expect(SharingPage);
    await sharing.page.getByLabel(sharing.t('children:profileSharing.show')).check();
    await sharing.byTestId('save-profile-sharing').click();
    await worker.expect(ChildPage);
    worker.language = 'cy';
    await worker.open(`/children/${child}/profile-sharing?lang=cy`, SharingPage);

    const family = await suite.session();
    await signIn(family, adopter);
    let waiting = await family.open('/my-application/children-waiting', WaitingPage);
    assert.match(await waiting.byTestId('waiting-entry').innerText(), /Gwenllian, 8 years old/);
    family.language = 'cy';
    waiting = await family.open('/my-application/children-waiting?lang=cy', WaitingPage);
    assert.match(await waiting.byTestId('waiting-profile').innerText(), /Mae Gwenllian wrth ei bodd/);
    assert.doesNotMatch(await waiting.page.locator('main').innerText(), /Fictionalfamily/);
    await waiting.page.getByLabel(waiting.t('portal:waitingChildren.messageLabel')).fill('Mae gennym ni geffyl hefyd.');
    await waiting.byTestId('express-interest').click();
    waiting = await family.expect(WaitingPage);
    assert.equal((await waiting.byTestId('interest-status').innerText()).trim(), 'Yn aros am ateb');

    worker.language = 'en';
    let interests = await worker.open(`/children/${child}/interests?lang=en`, InterestsPage);
    assert.match(await interests.byTestId('interest-message').innerText(), /Mae gennym ni geffyl hefyd/);
    await interests.page.getByRole('button', { name: interests.t('matches:interests.decline') }).click();
    interests = await worker.expect(InterestsPage, { withErrors: true });
    await interests.page.getByLabel(interests.t('matches:interests.reasonLabel')).fill('We are looking for a family who live near Gwenllian’s grandmother.');
    await interests.page.getByRole('button', { name: interests.t('matches:interests.decline') }).click();
    await worker.expect(InterestsPage);
    worker.language = 'cy';
    await worker.open(`/children/${child}/interests?lang=cy`, InterestsPage);

    waiting = await family.open('/my-application/children-waiting?lang=cy', WaitingPage);
    assert.equal((await waiting.byTestId('interest-status').innerText()).trim(), 'Heb ei ddatblygu');
    const reason = waiting.byTestId('interest-reason');
    assert.match(await reason.innerText(), /near Gwenllian’s grandmother/);
    assert.equal(await reason.getAttribute('lang'), 'en');
  });
});
