import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, afterEach, before, describe, it } from 'node:test';
import type { TestUser } from '../support/app.ts';
import { unzip } from '../support/zip.ts';
import { seedSyntheticChildren } from '../../src/modules/children/index.ts';
import { addDays, dateInWales } from '../../src/platform/dates/dates.ts';
import { openSuite, type E2eSuite } from './support/suite.ts';
import { signIn } from './support/sign-in.ts';
import { AgreementFormPage, AgreementPage, AgreementsPage } from './support/pages/research.ts';

let suite: E2eSuite;
describe('research (browser)', () => {
  before(async () => {
    suite = await openSuite('research');
  });
  afterEach(async () => suite?.endSessions());
  after(async () => suite?.close());

  /**
   * A data-sharing agreement made in the browser by the agency's service manager (in Welsh, with a
   * mistake put right first) and amended (a field added, as version 2), and the research partner's researcher making and downloading an
   * extract under it (in English, then reading the agreement in Welsh).
   */
  describe('research agreements and extracts in the browser', () => {
    let manager: TestUser;
    let researcher: TestUser;
    const today = () => dateInWales(new Date());
    const parts = (iso: string): [string, string, string] => {
      const [y, m, d] = iso.split('-');
      return [String(Number(d)), String(Number(m)), y!];
    };

    before(async () => {
      const { t } = suite;
      const agency = await t.organisation('agency', 'agency');
      const council = await t.organisation('council', 'local_authority');
      const university = await t.organisation('university', 'research_partner');
      manager = await t.user(['service_manager'], agency);
      researcher = await t.user(['research_partner'], university);
      const finder = await t.user(['family_finder'], agency);
      await seedSyntheticChildren(t.services.runner, t.system, {
        count: 30,
        seed: 3,
        today: today(),
        localAuthorityIds: [council],
        agencyId: agency,
        familyFinderIds: [finder.id],
      });
    });

    it('the service manager makes an agreement in Welsh, after the form points out what is missing', async () => {
      const session = await suite.session();
      const home = await (await signIn(session, manager)).switchLanguage('cy');
      const list = await home.navigate('research:navigation.research', AgreementsPage);
      const form = await list.newAgreement();
      const refused = (await form.make({ partner: 'Test university', title: '' }, 'refused')) as AgreementFormPage;
      assert.equal(refused.session.lastStatus, 400);
      assert.ok((await refused.errorMessages()).includes('Rhowch deitl y cytundeb'));
      assert.ok((await refused.errorMessages()).includes('Dewiswch o leiaf un maes'));
      const made = (await refused.make({
        partner: 'Test university',
        title: 'Plant sy’n aros hiraf',
        purpose: 'Astudio pa mor hir y mae plant yn aros am deulu.',
        lawfulBasis: 'Tasg gyhoeddus',
        fields: ['Mis geni', 'Rhyw', 'Ethnigrwydd (categorïau’r asiantaeth)', 'Mis yr atgyfeiriad i’r asiantaeth'],
        start: parts(addDays(today(), -7)),
        end: parts(addDays(today(), 365)),
        signedBy: 'Dr Siân Morgan',
        role: 'Swyddog diogelu data',
      })) as AgreementPage;
      assert.equal(await made.flash(), 'Gwnaed y cytundeb');
      assert.equal(await made.standing(), 'Gweithredol');
      assert.equal(await made.byTestId('make-extract').count(), 0, 'the agency does not take extracts');
      // The signed agreement is amended: the region is added, as version 2.
      const amending = await made.amend();
      const amended = await amending.addFields(['Cydweithfa fabwysiadu ranbarthol']);
      assert.equal(await amended.flash(), 'Diwygiwyd y cytundeb: dyma fersiwn 2');
      assert.match(await amended.byTestId('agreement-fields').innerText(), /region/);
      await (await amended.switchLanguage('en')).amend();
    });

    it('the research partner makes an extract, downloads the zip whose checksum the page shows, and reads the agreement in Welsh', async () => {
      const session = await suite.session();
      const home = await signIn(session, researcher);
      const list = await home.navigate('research:navigation.research', AgreementsPage);
      const agreement = await list.open('Plant sy’n aros hiraf');
      assert.equal(await agreement.standing(), 'Active');
      const made = await agreement.makeExtract();
      assert.equal(await made.flash(), 'Extract made');
      const [checksum] = await made.checksums();
      const zip = await made.download();
      assert.equal(createHash('sha256').update(zip).digest('hex'), checksum, 'the zip is the one recorded');
      const files = await unzip(zip);
      const header = files.get('data.csv')!.toString().split('\n')[0];
      assert.equal(header, 'child,birthMonth,sex,ethnicity,region,referralMonth');
      assert.deepEqual(await made.extractVersions(), ['2'], 'the extract names the version it was made under');
      const welsh = await made.switchLanguage('cy');
      assert.equal(await welsh.standing(), 'Gweithredol');
      assert.match(await welsh.byTestId('download-extract').first().innerText(), /^Lawrlwytho’r zip/);
      assert.equal(await welsh.page.getByRole('heading', { name: 'Detholiadau', exact: true }).count(), 1);
    });
  });
});
