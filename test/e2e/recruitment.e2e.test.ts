import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import type { TestUser } from '../support/app.ts';
import { dateInWales } from '../../src/platform/dates/dates.ts';
import { campaigns } from '../../src/modules/campaigns/schema.ts';
import { openSuite, type E2eSuite } from './support/suite.ts';
import { signIn } from './support/sign-in.ts';
import { EnquiryPage, HouseholdsPage } from './support/pages/recruitment.ts';
import { ServicePage } from './support/pages/service-page.ts';
import { expectVisible } from './support/wait.ts';

let suite: E2eSuite;
describe('recruitment (browser)', () => {
  before(async () => {
    suite = await openSuite('recruitment');
  });
  afterEach(async () => suite?.endSessions());
  after(async () => suite?.close());

  /** A campaign's page: its details, its link, and its own funnel. */
  class CampaignPage extends ServicePage {
    readonly name = 'campaign';
    protected readonly path = /^\/campaigns\/[0-9a-f-]{36}(\?|$)/;
    readonly dataRegions = ['h1', '.govuk-summary-list dd', '[data-testid="costs"] td'];
    protected heading() {
      return /\S/;
    }
    protected async verifyContent() {
      await expectVisible(this.byTestId('stage-table'), 'the campaign’s funnel table');
    }

    /** Stage name → households that reached it, as the accessible table reads. */
    async reached(): Promise<Record<string, number>> {
      const out: Record<string, number> = {};
      for (const row of await this.byTestId('stage-table').locator('tbody tr').all()) {
        const cells = (await row.locator('td, th').allInnerTexts()).map((c) => c.trim());
        out[cells[0]!] = Number(cells[1]);
      }
      return out;
    }
  }

  /**
   * From the issue: a person enquires in Welsh from a campaign link, a worker moves the household
   * through Stage 1 checks, and the campaign's funnel counts them.
   */
  describe('from a campaign link to Stage 2', () => {
    let worker: TestUser;
    let campaignId: string;
    const today = () => dateInWales(new Date());

    before(async () => {
      const { t } = suite;
      const agency = await t.organisation('agency', 'agency');
      worker = await t.user(['social_worker'], agency);
      const [campaign] = await t.services.runner.run(t.system, (tx) =>
        tx
          .insert(campaigns)
          .values({
            organisationId: agency,
            name: 'Families for brothers and sisters',
            nameCy: 'Teuluoedd i frodyr a chwiorydd',
            startDate: '2026-01-01',
            referrerCode: 'BRODYR',
            channels: ['social_media', 'radio'],
          })
          .returning(),
      );
      campaignId = campaign!.id;
    });

    it('a person follows the campaign link and enquires in Welsh, corrected once', async () => {
      const session = await suite.session();
      session.language = 'cy';
      const form = await session.open('/enquire?campaign=BRODYR&channel=radio&lang=cy', EnquiryPage);
      assert.match(await form.campaignShown(), /Teuluoedd i frodyr a chwiorydd/);
      const answers = {
        givenNames: 'Elis',
        familyName: 'Dychmygol',
        email: 'elis.dychmygol@example.invalid',
        postcode: 'SA99',
        language: 'cy' as const,
        interests: ['siblings', 'older_children'],
        consent: false,
      };
      const corrected = await form.sendExpectingErrors(answers);
      assert.deepEqual(await corrected.errorMessages(), ['Rhowch god post go iawn, fel CF10 1AA', 'Ticiwch y blwch i gytuno y cawn gysylltu â chi']);
      const sent = await corrected.send({ ...answers, postcode: 'SA1 1AA', consent: true });
      assert.equal(await sent.page.locator('h1').innerText(), 'Ymholiad wedi’i anfon');
    });

    it('a worker moves the household through Stage 1 checks to Stage 2, refused until the checks are back', async () => {
      const session = await suite.session();
      const home = await signIn(session, worker);
      const list = await home.navigate('recruitment:navigation.households', HouseholdsPage);
      let household = await list.open('Elis Dychmygol');
      assert.equal(await household.stage(), 'Enquiry');

      household = await (await household.moveStage()).move('registration', today());
      household = await (await household.moveStage()).move('stage1', today());
      assert.equal(await household.stage(), 'Stage 1: checks and preparation');
      assert.deepEqual(await household.outstanding(), [
        'DBS check for Elis: not requested',
        'Medical for Elis: not requested',
        'References still to request: 3',
        'Local authority check: not requested',
      ]);

      const tooEarly = await (await household.moveStage()).moveExpectingRefusal('stage2', today());
      assert.match((await tooEarly.errorMessages())[0]!, /Stage 1 checks are not complete \(4 outstanding\)/);
      household = await tooEarly.back();
      assert.equal(await household.stage(), 'Stage 1: checks and preparation', 'nothing changed');

      household = await (
        await household.addCheck()
      ).record({ kind: 'dbs', applicant: 'Elis Dychmygol', requested: today(), received: today(), outcome: 'satisfactory' });
      household = await (
        await household.addCheck()
      ).record({ kind: 'medical', applicant: 'Elis Dychmygol', requested: today(), received: today(), outcome: 'satisfactory' });
      for (const referee of ['Referee Un', 'Referee Dau', 'Referee Tri'])
        household = await (
          await household.addCheck()
        ).record({ kind: 'reference', subject: referee, requested: today(), received: today(), outcome: 'satisfactory' });
      household = await (
        await household.addCheck()
      ).record({ kind: 'local_authority', subject: 'Fictional County Council', requested: today(), received: today(), outcome: 'satisfactory' });
      assert.equal((await household.checksTable()).length, 6);
      assert.deepEqual(await household.outstanding(), []);

      household = await (await household.moveStage()).move('stage2', today());
      assert.equal(await household.stage(), 'Stage 2: assessment');
    });

    it('the campaign’s funnel counts the household at every stage it reached', async () => {
      const session = await suite.session();
      await signIn(session, worker);
      const campaign = await session.open(`/campaigns/${campaignId}`, CampaignPage);
      const reached = await campaign.reached();
      assert.equal(reached['Enquiry'], 1);
      assert.equal(reached['Registration of interest'], 1);
      assert.equal(reached['Stage 1'], 1);
      assert.equal(reached['Stage 2'], 1);
      assert.equal(reached['Approved'], 0);
      const stored = await suite.t.services.runner.run(suite.t.system, (tx) => tx.select().from(campaigns).where(eq(campaigns.id, campaignId)));
      assert.equal(stored.length, 1);
    });
  });

  /**
   * POST-redirect-GET (issue 16): an enquiry sent back with its mistakes ends on a page fetched with
   * GET at /enquire, so going Back, Forward or reloading never sends it again, and the enquiry
   * corrected and sent is stored once however the person moves through their history afterwards.
   */
  describe('Back, Forward and Reload after an enquiry with a mistake', () => {
    const stored = async (email: string) =>
      Number((await suite.t.database.adminQuery('select count(*) from enquiries where email = $1', [email])).rows[0].count);

    for (const language of ['en', 'cy'] as const) {
      it(`never sends the enquiry again, and stores the corrected one once (${language})`, async () => {
        const session = await suite.session();
        session.language = language;
        const page = session.page;
        const documents: string[] = [];
        page.on('request', (request) => {
          if (request.isNavigationRequest() && request.frame() === page.mainFrame()) documents.push(`${request.method()} ${new URL(request.url()).pathname}`);
        });
        const email = `prg.${language}@example.invalid`;
        const answers = { givenNames: 'Mair', familyName: 'Dychmygol', email, postcode: 'SA99', language, consent: true };
        const form = await session.open(`/enquire?lang=${language}`, EnquiryPage);
        documents.length = 0;
        const corrected = await form.sendExpectingErrors(answers);
        assert.deepEqual(documents, ['POST /enquire', 'GET /enquire'], 'the form was answered with a redirect to its page');
        assert.equal(new URL(page.url()).pathname, '/enquire');
        assert.deepEqual(await corrected.errorMessages(), [
          language === 'cy' ? 'Rhowch god post go iawn, fel CF10 1AA' : 'Enter a real postcode, like CF10 1AA',
        ]);

        documents.length = 0;
        await page.goBack();
        await session.expect(EnquiryPage);
        await page.goForward();
        const forward = await session.expect(EnquiryPage);
        assert.equal(await forward.errorSummary().count(), 0, 'coming back to it shows the form afresh');
        await page.reload();
        const reloaded = await session.expect(EnquiryPage);
        assert.ok(
          documents.every((document) => document.startsWith('GET ')),
          `Back, Forward and Reload only fetched pages: ${documents.join(', ')}`,
        );
        assert.equal(await stored(email), 0, 'nothing was stored while the form had a mistake');

        await reloaded.send({ ...answers, postcode: 'SA1 1AA' });
        await page.goBack();
        await session.expect(EnquiryPage);
        await page.goForward();
        await page.reload();
        assert.equal(await stored(email), 1, 'the enquiry sent is stored once');
      });
    }
  });
});
