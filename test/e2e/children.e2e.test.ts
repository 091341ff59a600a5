import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { TestUser } from '../support/app.ts';
import { addMonths, dateInWales } from '../../src/platform/dates/dates.ts';
import { openSuite, type E2eSuite } from './support/suite.ts';
import { signIn } from './support/sign-in.ts';
import { ReferralsPage, type ChildAnswers } from './support/pages/children-referral.ts';
import { ChildPage } from './support/pages/children-record.ts';

// One app and one browser for the file: starting them costs more than most of the tests.
let suite: E2eSuite;
describe('children (browser)', () => {
  before(async () => {
    suite = await openSuite('children');
  });
  afterEach(async () => suite?.endSessions());
  after(async () => suite?.close());

  /**
   * From the issue: a referrer refers a sibling group of three in Welsh, the agency accepts, and
   * the family finder sees the priority reasons and clocks.
   */
  describe('a sibling group of three referred in Welsh', () => {
    let referrer: TestUser;
    let familyFinder: TestUser;
    let familyFinderName: string;
    let reference: string;

    // Dates relative to today in Wales, so the ages and clock levels hold whenever the test runs.
    const today = () => dateInWales(new Date());
    const eldest: ChildAnswers = {
      givenNames: 'Cerys',
      familyName: 'Prydderch',
      dateOfBirth: addMonths(today(), -(6 * 12 + 2)), // 6 years and 2 months: aged 6 at referral
      sex: 'female',
      ethnicity: 'white_british',
      legalStatus: 'placement_order',
      enteredCareDate: addMonths(today(), -20), // over 12 months: urgent
      placementOrderDate: addMonths(today(), -14), // over 12 months since the placement order
      adoptionPlanDate: addMonths(today(), -7), // over 6 months: warning
      needs: [{ category: 'attachment_trauma', severity: 'moderate' }],
    };
    const middle: ChildAnswers = {
      givenNames: 'Dafydd',
      familyName: 'Prydderch',
      dateOfBirth: addMonths(today(), -40),
      sex: 'male',
      ethnicity: 'white_british',
      legalStatus: 'placement_order',
      placementOrderDate: addMonths(today(), -14),
    };
    const youngest: ChildAnswers = {
      givenNames: 'Elin',
      familyName: 'Prydderch',
      dateOfBirth: addMonths(today(), -18),
      sex: 'female',
      ethnicity: 'white_british',
      legalStatus: 'placement_order',
      placementOrderDate: addMonths(today(), -14),
    };
    const names = [eldest, middle, youngest].map((c) => `${c.givenNames} ${c.familyName}`);
    // Welsh joins names with "ac" before a vowel: "Cerys a Dafydd" but "Dafydd ac Elin".

    before(async () => {
      const { t } = suite;
      const agency = await t.organisation('agency', 'agency');
      const council = await t.services.organisations.createOrganisation(t.system, {
        slug: 'cyngor-sir-ceredigion',
        name: 'Cyngor Sir Ceredigion',
        type: 'local_authority',
        region: 'Gorllewin Cymru',
      });
      referrer = await t.user(['la_referrer'], council.id);
      familyFinder = await t.user(['family_finder'], agency);
      familyFinderName = (await t.services.organisations.getUser(t.system, familyFinder.id))?.name ?? '';
    });

    it('the referrer switches to Welsh and refers three brothers and sisters through every step', async () => {
      const session = await suite.session();
      const home = await (await signIn(session, referrer)).switchLanguage('cy');
      assert.match(await home.welcome(), /^Croeso, /);

      const referrals = await home.navigate('children:navigation.referrals', ReferralsPage);
      assert.equal(await referrals.page.locator('h1').innerText(), 'Atgyfeiriadau');

      const legalBasis = await referrals.startReferral();
      assert.match(await legalBasis.page.locator('h1').innerText(), /Ar ba sail gyfreithiol rydych chi’n rhannu gwybodaeth y plant\?/);
      const first = await legalBasis.choose('adoption_agencies_wales_regulations');
      assert.equal(await first.page.locator('h1').innerText(), 'Plentyn 1: manylion');
      assert.equal(await first.byTestId('add-another').innerText(), 'Cadw ac ychwanegu plentyn arall');

      const second = await first.addAnother(eldest);
      assert.equal(await second.page.locator('h1').innerText(), 'Plentyn 2: manylion');
      const third = await second.addAnother(middle);
      assert.equal(await third.page.locator('h1').innerText(), 'Plentyn 3: manylion');

      const siblings = await third.continueToSiblings(youngest);
      assert.equal(await siblings.page.locator('h1').innerText(), 'Brodyr a chwiorydd');
      // Every pair is asked about once, named in Welsh.
      assert.deepEqual(await siblings.pairs(), [`${names[0]} a ${names[1]}`, `${names[0]} ac ${names[2]}`, `${names[1]} ac ${names[2]}`]);
      await siblings.relate(names[0]!, names[1]!, 'full');
      await siblings.relate(names[0]!, names[2]!, 'full');
      await siblings.relate(names[1]!, names[2]!, 'half');
      const check = await siblings.assess('together', 'Mae’r tri yn agos iawn ac yn gofalu am ei gilydd.', addMonths(today(), -2));

      assert.equal(await check.page.locator('h1').innerText(), 'Gwiriwch eich atebion cyn anfon yr atgyfeiriad');
      const basisCard = await check.card('check-legal-basis');
      assert.equal(basisCard.rows['Sail gyfreithiol'], 'Rheoliadau Asiantaethau Mabwysiadu (Cymru) 2005');
      const eldestCard = await check.card('check-child-1');
      assert.equal(eldestCard.title, names[0]);
      assert.ok(Object.values(eldestCard.rows).includes('Benyw'), `the eldest is shown as Benyw (saw ${JSON.stringify(eldestCard.rows)})`);
      assert.ok(Object.values(eldestCard.rows).includes('Gorchymyn lleoli'), 'the legal status is in Welsh');
      assert.ok(
        Object.values(eldestCard.rows).some((v) => v.includes('Anawsterau ymlyniad a thrawma')),
        `the need is in Welsh (saw ${JSON.stringify(eldestCard.rows)})`,
      );
      const siblingsCard = await check.card('check-siblings');
      assert.equal(siblingsCard.rows[`${names[0]} a ${names[1]}`], 'Brawd neu chwaer lawn');
      assert.equal(siblingsCard.rows[`${names[1]} ac ${names[2]}`], 'Hanner brawd neu hanner chwaer');
      assert.equal(siblingsCard.rows['Asesiad gyda’i gilydd neu ar wahân'], 'Lleoli gyda’i gilydd');

      const sent = await check.send();
      assert.equal(await sent.page.locator('h1').innerText(), 'Atgyfeiriad wedi’i anfon');
      reference = await sent.reference();
      assert.match(reference, /^[0-9A-F]{8}$/);
      assert.deepEqual(await sent.children(), names);

      // The referrer's list shows it waiting for the agency, named by the children, in Welsh.
      const list = await session.open('/referrals', ReferralsPage);
      const waiting = await list.rows('waiting');
      assert.equal(waiting.length, 1);
      assert.equal(waiting[0]![0], `${names[0]}, ${names[1]} ac ${names[2]}`);
    });

    it('the family finder opens the referral, accepts it allocating themselves, and sees why the eldest may wait and for how long', async () => {
      assert.ok(reference, 'referred by the first test');
      const session = await suite.session();
      const home = await signIn(session, familyFinder);

      const referrals = await home.navigate('children:navigation.referrals', ReferralsPage);
      const waiting = await referrals.rows('waiting');
      const named = `${names[0]}, ${names[1]} and ${names[2]}`;
      assert.deepEqual(
        waiting.map((r) => r[0]),
        [named],
        'named by the children, as people know a referral',
      );
      assert.equal(waiting[0]![2], 'Cyngor Sir Ceredigion');

      const referral = await referrals.openReferral(named);
      assert.equal(await referral.status(), 'Waiting for a decision');
      const children = await referral.children();
      assert.deepEqual(
        children.map((c) => c[0]),
        names,
      );
      assert.deepEqual(
        children.map((c) => c[2]),
        ['6', '3', '1'],
      );

      const accepted = await referral.accept(familyFinderName);
      assert.equal(await accepted.status(), 'Accepted');

      const child = await accepted.openChild(names[0]!, ChildPage);
      assert.equal(await child.childName(), names[0]);
      assert.deepEqual(await child.priorityReasons(), [
        'Aged 6 at referral',
        'In a sibling group',
        'Disability or additional needs (1)',
        'Waiting over 12 months since the placement order',
      ]);
      assert.deepEqual(await child.clockLevels(), {
        'Since entering care': 'Over 12 months',
        'Since the placement order': 'Over 12 months',
        'Since referral': 'Within timescale',
        'Since the adoption plan': 'Over 6 months',
      });
      const days = await child.clockDays();
      assert.equal(days['Since referral'], 0, 'the referral clock started today');
      assert.ok(days['Since the placement order']! >= 365, `the placement order clock has run over a year (${days['Since the placement order']})`);
      assert.equal((await child.keyFacts())['Region'], 'Gorllewin Cymru');
    });
  });
});
