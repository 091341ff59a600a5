import { AssertionError } from 'node:assert';
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { DemoSignIn } from '../../src/demo.ts';
import type { Language } from '../../src/platform/i18n/i18n.ts';
import { openSuite, type E2eSuite } from './support/suite.ts';
import { signIn } from './support/sign-in.ts';
import type { BrowserSession } from './support/session.ts';
import { ForbiddenLinkCheck } from './support/checks/links.ts';
import { UserPage, UsersPage } from './support/pages/admin.ts';
import type { PageClass, ServicePage } from './support/pages/service-page.ts';
import { MyWorkPage } from './support/pages/preparation.ts';
import { AceAnalysisPage } from './support/pages/analytics.ts';
import {
  ChildRecommendationsPage,
  HouseholdRecommendationsPage,
  MatchPage,
  MatchToAgreePage,
  MatchStepPage,
  MatchesPage,
  MatchingOverviewPage,
  MatchingSettingsPage,
  NewLinkPage,
  TransitionPlanPage,
  TransitionPrintPage,
  TransitionStepFormPage,
} from './support/pages/matching.ts';
import {
  StabilityPage,
  SupportEventFormPage,
  SupportEventPage,
  SupportEventsPage,
  SupportHoursPage,
  SupportOverviewPage,
  SupportPlanFormPage,
  SupportPlanPage,
  SupportPlansPage,
  SupportRequestFormPage,
  SupportRequestPage,
  SupportRequestsPage,
  SupportSessionFormPage,
  SupportSessionPage,
  ClinicalSupportSessionPage,
  SupportSessionsPage,
} from './support/pages/support.ts';
import { CertificatePage, CourseFormPage, CoursePage, CoursesPage, TrainingSessionFormPage, TrainingSessionPage } from './support/pages/training.ts';
import { CampaignFormPage, CampaignPage, CampaignsPage, FunnelPage } from './support/pages/campaigns.ts';
import {
  CalendarPage,
  StaffSupervisionPage,
  StaffTrainingFormPage,
  StaffTrainingOverviewPage,
  StaffTrainingPage,
  SupervisionFormPage,
  SupervisionPage,
  SupervisionSessionPage,
  SupervisionTeamPage,
} from './support/pages/workforce.ts';
import { FamilyRequestFormPage, MyApplicationPage } from './support/pages/portal.ts';
import { AuthorityQuestionnairesPage, AuthoritySatisfactionPage, SatisfactionPage, WorkerQuestionnairePage } from './support/pages/outcomes.ts';

let suite: E2eSuite;
let signIns: DemoSignIn[];
describe('sweep (browser)', () => {
  before(async () => {
    suite = await openSuite('sweep', { demo: true });
    signIns = suite.signIns;
  });
  afterEach(async () => suite?.endSessions());
  after(async () => {
    await suite?.close();
  });

  const other = (language: Language): Language => (language === 'en' ? 'cy' : 'en');
  /** Links already asked for, person by person, across the whole sweep. */
  const forbiddenLinks = new ForbiddenLinkCheck();

  /**
   * One demo person's walk through the pages they can reach. Each page is reached in the language
   * the reader is in and then switched to the other with the header's toggle, so every page is
   * checked once in English and once in Welsh (BrowserSession.inspect: axe, language, assets) and
   * the toggle must keep the reader on the page; each is also made 320 CSS px wide and must not scroll
   * sideways there (a phone, or 400% zoom: checks/reflow.ts). A page that fails is noted and the walk goes on,
   * so one run lists every page's problems; the test fails at the end if there were any.
   */
  class Walk {
    readonly problems: string[] = [];
    private constructor(
      readonly session: BrowserSession,
      private readonly email: string,
    ) {}

    /** The demo person with this address signs in through the real pages, reading in English whatever their preference. */
    static async as(email: string): Promise<Walk> {
      const person = signIns.find((s) => s.email === email);
      assert.ok(person, `the demo has ${email}`);
      const session = await suite.session();
      session.checkReflow = true;
      const walk = new Walk(session, email);
      // The home page they land on is checked like any other: a problem there is noted, not the end of the walk.
      await walk.noting(() => signIn(session, { email, password: person.password, totpSecret: person.totpKey }, '/sign-in?lang=en'));
      return walk;
    }

    /** A page without the service's header (a certificate, printed) has no toggle: the other language is asked for in the address. */
    async visit<T extends ServicePage>(href: string, Expected: PageClass<T>, options: { toggle?: boolean } = {}): Promise<T> {
      await this.noting(() => this.session.open(href, Expected));
      this.problems.push(...(await forbiddenLinks.check(this.session.page, this.email)));
      const next = other(this.session.language);
      if (options.toggle === false) {
        this.session.language = next;
        await this.noting(() => this.session.open(`${href}${href.includes('?') ? '&' : '?'}lang=${next}`, Expected));
      } else {
        await this.noting(() => new Expected(this.session).switchLanguage(next));
      }
      return new Expected(this.session);
    }

    /**
     * The address a link leads to, read on a page of another module that has its own browser test
     * (a child's record, a household), passed through without checking it again.
     */
    async linkOn(href: string, selector: string): Promise<string> {
      await this.session.page.goto(href);
      const link = await this.session.page.locator(selector).first().getAttribute('href');
      assert.ok(link, `${href} has a link ${selector}`);
      return link;
    }

    /** Runs the walk, then fails with every problem noted on the way (and what stopped it, if anything did). */
    async run(walk: (w: Walk) => Promise<void>): Promise<void> {
      try {
        await walk(this);
      } catch (error) {
        this.problems.push(`the walk stopped: ${(error as Error).message}`);
      }
      if (this.problems.length) throw new AssertionError({ message: `${this.problems.length} problem(s):\n\n${this.problems.join('\n\n')}` });
    }

    private async noting(step: () => Promise<unknown>): Promise<void> {
      try {
        await step();
      } catch (error) {
        if (!(error instanceof AssertionError)) throw error;
        this.problems.push(error.message);
      }
    }
  }

  /** A link in a table row that shows this text (a stage, a kind), in the reader's language. */
  const rowLink = (table: string, text: string, link = 'a') => `[data-testid="${table}"] tr:has(:text-is("${text}")) ${link}`;

  describe('every page of matching, support, training, campaigns, the workforce and the family portal, in English and Welsh', () => {
    it('the family finder: the whole picture, recommendations, links and matches, transition plans, campaigns, ACE analysis, stability', async () => {
      const walk = await Walk.as('family.finder@demo.invalid');
      await walk.run(async (w) => {
        const overview = await w.visit('/matching', MatchingOverviewPage);
        const [waiting, family] = [
          await overview.href('[data-testid="unmatched"] a'),
          await overview.href('[data-testid="assignments"] a[href^="/households/"]'),
        ];
        const recommendations = await w.visit(waiting, ChildRecommendationsPage);
        const child = await recommendations.href('.govuk-back-link');
        await w.visit(await w.linkOn(family, '[data-testid="recommended-children"]'), HouseholdRecommendationsPage);
        await w.visit(await w.linkOn(child, '[data-testid="link-by-hand"]'), NewLinkPage);

        const matches = await w.visit('/matches', MatchesPage);
        const match = await w.visit(await matches.href(rowLink('matches-table', matches.t('matches:vocabulary.stage.introductions'))), MatchPage);
        const [step, planHref] = [await match.href('[data-testid="record-step"]'), await match.href('[data-testid="transition-plan-link"]')];
        await w.visit(step, MatchStepPage);
        const plan = await w.visit(planHref, TransitionPlanPage);
        const [print, add, change] = [
          await plan.href('[data-testid="print-plan"]'),
          await plan.href('[data-testid="add-step"]'),
          await plan.href('a[href^="/transition-steps/"]'),
        ];
        await w.visit(print, TransitionPrintPage);
        await w.visit(add, TransitionStepFormPage);
        await w.visit(change, TransitionStepFormPage);

        const campaigns = await w.visit('/campaigns', CampaignsPage);
        const [campaignHref, newCampaign, funnel] = [
          await campaigns.href('[data-testid="campaigns"] a[href^="/campaigns/"]'),
          await campaigns.href('[data-testid="new-campaign"]'),
          await campaigns.href('[data-testid="funnel-link"]'),
        ];
        const campaign = await w.visit(campaignHref, CampaignPage);
        await w.visit(await campaign.href('[data-testid="edit-campaign"]'), CampaignFormPage);
        await w.visit(newCampaign, CampaignFormPage);
        await w.visit(funnel, FunnelPage);

        await w.visit('/analytics/aces', AceAnalysisPage);
        await w.visit('/support/stability', StabilityPage);
      });
    });

    it('the social worker: support plans, sessions, requests, groups and hours; courses, sessions and certificates; my work, training and supervision', async () => {
      const walk = await Walk.as('social.worker@demo.invalid');
      await walk.run(async (w) => {
        await w.visit('/support', SupportOverviewPage);
        const plans = await w.visit('/support/plans', SupportPlansPage);
        const [planHref, newPlan] = [await plans.href('[data-testid="plans-table"] a'), await plans.href('[data-testid="add-plan"]')];
        const plan = await w.visit(planHref, SupportPlanPage);
        await w.visit(await plan.href('[data-testid="edit-plan"]'), SupportPlanFormPage);
        await w.visit(newPlan, SupportPlanFormPage);
        const sessions = await w.visit('/support/sessions', SupportSessionsPage);
        const [sessionHref, newSession] = [await sessions.href('[data-testid="sessions-table"] a'), await sessions.href('[data-testid="add-session"]')];
        const session = await w.visit(sessionHref, SupportSessionPage);
        await w.visit(await session.href('[data-testid="edit-session"]'), SupportSessionFormPage);
        await w.visit(newSession, SupportSessionFormPage);
        const requests = await w.visit('/support/requests', SupportRequestsPage);
        const [requestHref, newRequest] = [await requests.href('[data-testid="requests-table"] tbody a'), await requests.href('[data-testid="add-request"]')];
        await w.visit(requestHref, SupportRequestPage);
        await w.visit(newRequest, SupportRequestFormPage);
        const events = await w.visit('/support/events', SupportEventsPage);
        const [eventHref, newEvent] = [await events.href('[data-testid="events-table"] a'), await events.href('[data-testid="add-event"]')];
        const event = await w.visit(eventHref, SupportEventPage);
        await w.visit(await event.href('[data-testid="edit-event"]'), SupportEventFormPage);
        await w.visit(newEvent, SupportEventFormPage);
        await w.visit('/support/hours', SupportHoursPage);

        const courses = await w.visit('/courses', CoursesPage);
        const [courseHref, newCourse] = [
          await courses.href(rowLink('courses-table', courses.t('training:vocabulary.kind.preparation'))),
          await courses.href('[data-testid="add-course"]'),
        ];
        const course = await w.visit(courseHref, CoursePage);
        const [editCourse, addSession, trainingSessionHref] = [
          await course.href('[data-testid="edit-course"]'),
          await course.href('[data-testid="add-session"]'),
          await course.href('[data-testid="session-link"]'),
        ];
        await w.visit(editCourse, CourseFormPage);
        await w.visit(newCourse, CourseFormPage);
        await w.visit(addSession, TrainingSessionFormPage);
        const trainingSession = await w.visit(trainingSessionHref, TrainingSessionPage);
        const [editTrainingSession, certificate] = [
          await trainingSession.href('[data-testid="edit-session"]'),
          await trainingSession.href('[data-testid="certificate-link"]'),
        ];
        await w.visit(editTrainingSession, TrainingSessionFormPage);
        await w.visit(certificate, CertificatePage, { toggle: false });

        const myWork = await w.visit('/my-work', MyWorkPage);
        const [calendar, training, supervisionHref] = [
          await myWork.href('[data-testid="calendar-link"]'),
          await myWork.href('[data-testid="training-link"]'),
          await myWork.href('[data-testid="supervision-link"]'),
        ];
        await w.visit(calendar, CalendarPage);
        const own = await w.visit(training, StaffTrainingPage);
        const [addTraining, changeTraining] = [await own.href('[data-testid="add-training"]'), await own.href('[data-testid="change-training"]')];
        await w.visit(addTraining, StaffTrainingFormPage);
        await w.visit(changeTraining, StaffTrainingFormPage);
        const supervision = await w.visit(supervisionHref, SupervisionPage);
        const supervisionSession = await w.visit(await supervision.href('[data-testid="sessions-table"] a'), SupervisionSessionPage);
        await w.visit(await supervisionSession.href('[data-testid="supervision-summary"] a'), StaffSupervisionPage);
      });
    });

    it('the service manager: the matching settings, everyone’s training, the team’s supervision and a person of their organisation', async () => {
      const walk = await Walk.as('service.manager@demo.invalid');
      await walk.run(async (w) => {
        await w.visit(await w.linkOn('/matching', 'a[href="/matching/settings"]'), MatchingSettingsPage);
        const links = await w.linkOn('/my-work', '[data-testid="training-link"]');
        await w.visit(links, StaffTrainingOverviewPage);
        const team = await w.visit('/workforce/supervision', SupervisionTeamPage);
        await w.visit(await team.href('[data-testid="record-supervision"]'), SupervisionFormPage);
        const people = await w.visit('/admin/users', UsersPage);
        await w.visit(await people.href('[data-testid="users-table"] a[href^="/admin/users/"]'), UserPage);
      });
    });

    it('the clinical psychologist: the supervision they give, and a session’s record', async () => {
      const walk = await Walk.as('psychologist@demo.invalid');
      await walk.run(async (w) => {
        const myWork = await w.visit('/my-work', MyWorkPage);
        const supervision = await w.visit(await myWork.href('[data-testid="supervision-link"]'), SupervisionPage);
        const session = await w.visit(await supervision.href('[data-testid="sessions-table"] a'), SupervisionSessionPage);
        const [edit, supervisee] = [
          await session.href('[data-testid="edit-supervision"]'),
          await session.page.locator('[data-testid="supervision-summary"] a[href^="/workforce/staff/"]').count(),
        ];
        assert.equal(supervisee, 0, 'the worker’s own supervision page is for their organisation: no link the psychologist could not follow');
        await w.visit(edit, SupervisionFormPage);
      });
    });

    it('the therapeutic social worker: the transition plan they help with and the support sessions they lead', async () => {
      const walk = await Walk.as('therapeutic.worker@demo.invalid');
      await walk.run(async (w) => {
        const sessions = await w.visit('/support/sessions', SupportSessionsPage);
        await w.visit(await sessions.href('[data-testid="sessions-table"] a'), ClinicalSupportSessionPage);
      });
    });

    it('the local authority referrer: their children’s matches, to agree, and the ACE analysis', async () => {
      const walk = await Walk.as('referrer.south@demo.invalid');
      await walk.run(async (w) => {
        const matches = await w.visit('/matches', MatchesPage);
        await w.visit(await matches.href(rowLink('matches-table', matches.t('matches:vocabulary.stage.agency_decision'))), MatchToAgreePage);
        await w.visit('/analytics/aces', AceAnalysisPage);
      });
    });

    it('the adopter: their application, links, transition plan, preparation, training and support, and asking for support', async () => {
      const walk = await Walk.as('adopter@demo.invalid');
      await walk.run(async (w) => {
        const mine = await w.visit('/my-application', MyApplicationPage);
        await mine.byTestId('send-request').click();
        await w.session.expect(FamilyRequestFormPage, { withErrors: true }).catch((error) => walk.problems.push((error as Error).message));
        await w.visit('/my-application/support-requests/new', FamilyRequestFormPage);
      });
    });

    it('satisfaction: the service manager’s report of the three groups, a worker’s questionnaire, the referrer’s questionnaires and answers', async () => {
      const manager = await Walk.as('service.manager@demo.invalid');
      await manager.run(async (w) => {
        await w.visit('/outcomes/satisfaction', SatisfactionPage);
      });
      const worker = await Walk.as('social.worker@demo.invalid');
      await worker.run(async (w) => {
        await w.visit('/outcomes/worker-questionnaire', WorkerQuestionnairePage);
      });
      const referrer = await Walk.as('referrer.south@demo.invalid');
      await referrer.run(async (w) => {
        const list = await w.visit('/outcomes/authority-questionnaires', AuthorityQuestionnairesPage);
        await w.visit(await list.href('[data-testid="authority-results-link"]'), AuthoritySatisfactionPage);
      });
    });

    it('the funder: the ACE analysis, with small numbers held back', async () => {
      const walk = await Walk.as('funder@demo.invalid');
      await walk.run(async (w) => {
        await w.visit('/analytics/aces', AceAnalysisPage);
      });
    });
  });
});
