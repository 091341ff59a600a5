import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { allRoutes } from '../../src/server/registry.ts';
import type { RouteDefinition } from '../../src/server/route.ts';
import { ROLES, type Role } from '../../src/platform/policy/roles.ts';
import { ROLES_BY_ORGANISATION_TYPE } from '../../src/modules/organisations/roles-by-type.ts';
import type { OrganisationType } from '../../src/platform/auth/schema.ts';
import { translator } from '../../src/platform/i18n/i18n.ts';
import { Browser, startTestApp, type TestUser } from '../support/app.ts';

/**
 * Who may do what, written out by hand from the domain's roles table (docs/domain.md), NOT read
 * from src/platform/policy/actions.ts: this table is the second opinion the policy is checked
 * against. A new action on a registered route fails the walk until a line is added here.
 */
const EVERYONE = 'everyone (signed in or not)';
const SIGNED_IN = 'anyone signed in';
const EXPECTED: Record<string, typeof EVERYONE | typeof SIGNED_IN | readonly Role[]> = {
  'public.view': EVERYONE,
  'home.view': SIGNED_IN,
  'account.view': SIGNED_IN,
  'account.edit': SIGNED_IN,
  // Adopters use the portal only; every other role may hold API tokens.
  'account.tokens.manage': [
    'family_finder',
    'social_worker',
    'therapeutic_social_worker',
    'clinical_psychologist',
    'service_manager',
    'finance_officer',
    'la_referrer',
    'funder',
    'research_partner',
    'administrator',
  ],
  // Service managers see their own organisation's staff; administrators run accounts.
  'users.list': ['administrator', 'service_manager'],
  'users.view': ['administrator', 'service_manager'],
  'users.create': ['administrator'],
  'users.edit': ['administrator'],
  'users.disable': ['administrator'],
  // An account locked by failed sign-ins is unlocked early by an administrator, as disabling is.
  'users.unlock': ['administrator'],
  // Ending all of a person's sessions: an administrator, of the person's own organisation only.
  'users.sessions.end': ['administrator'],
  // Seeing where a person is signed in (their devices): the same administrator, own organisation only.
  'users.sessions.view': ['administrator'],
  'organisations.list': ['administrator'],
  'organisations.create': ['administrator'],
  'organisations.edit': ['administrator'],
  'audit.view': ['administrator'],
  'audit.verify': ['administrator'],
  // Reading a queued e-mail (an invitation link signs a person in): administrators only.
  'outbox.view': ['administrator'],
  // The outbox in counts by template and day, without bodies or addresses: administrators only.
  'outbox.summary': ['administrator'],
  // Records past their retention period: the organisation's administrator reviews, holds and destroys them.
  'retention.review': ['administrator'],
  'retention.hold': ['administrator'],
  'retention.destroy': ['administrator'],
  // The agency's own retention periods: its service manager (and administrator) set them.
  'retention.configure': ['service_manager', 'administrator'],
  // A person's subject access request: the administrator (and the operator at the command line).
  'subjectAccess.export': ['administrator'],

  // The header search: everyone who may list children, referrals, households or people (what each
  // finds is that list's business); finance officers, funders, researchers and adopters list none.
  'search.run': ['family_finder', 'social_worker', 'therapeutic_social_worker', 'clinical_psychologist', 'service_manager', 'la_referrer', 'administrator'],

  // Children who wait. The local authority refers; the agency decides and finds a family.
  'referrals.create': ['la_referrer'],
  'referrals.view': ['la_referrer', 'family_finder', 'service_manager'],
  'referrals.decide': ['family_finder', 'service_manager'],
  // A child's record is for the people working with the child, at the agency, the clinical partner and
  // the local authority. Adopters, funders ("never a record"), research partners (pseudonymised
  // extracts only) and administrators (accounts, not cases) never open one.
  'children.list': ['family_finder', 'social_worker', 'therapeutic_social_worker', 'clinical_psychologist', 'service_manager', 'la_referrer'],
  'children.view': ['family_finder', 'social_worker', 'therapeutic_social_worker', 'clinical_psychologist', 'service_manager', 'la_referrer'],
  'children.edit': ['family_finder', 'social_worker', 'service_manager', 'la_referrer'],
  'children.export': ['family_finder', 'service_manager'],
  // Showing a child's profile to approved families is the child's worker's choice: whoever may change the record.
  'children.shareProfile': ['family_finder', 'social_worker', 'service_manager', 'la_referrer'],
  'children.import': ['la_referrer'], // an import refers children as the authority, like a referral
  'aces.view': ['family_finder', 'social_worker', 'therapeutic_social_worker', 'clinical_psychologist', 'service_manager', 'la_referrer'],
  'aces.edit': ['family_finder', 'social_worker', 'clinical_psychologist', 'la_referrer'],
  // Cohort figures: exact for the agency, disclosure-controlled aggregates for funders and researchers.
  'analytics.aces': ['family_finder', 'service_manager', 'clinical_psychologist', 'la_referrer', 'funder', 'research_partner'],
  'siblingGroups.view': ['family_finder', 'social_worker', 'therapeutic_social_worker', 'clinical_psychologist', 'service_manager', 'la_referrer'],
  'siblingGroups.edit': ['family_finder', 'social_worker', 'service_manager', 'la_referrer'],
  // The agency's thresholds (who counts as waiting, when a clock turns amber or red, what outsiders
  // see suppressed) are its service manager's decision; the extended ACE categories are reference
  // data the service manager or the agency's administrator keeps. Nobody else changes either.
  'children.configure': ['service_manager'],
  'aceCategories.manage': ['service_manager', 'administrator'],

  // Specialised recruitment. Anyone may enquire. Adopters' households are assessed by the agency's
  // family finders, social workers and their manager; therapeutic social workers (who support families
  // later) may read them. Local authorities, the clinical partner, funders and researchers never do.
  'enquiries.submit': EVERYONE,
  'enquiries.view': ['family_finder', 'social_worker', 'service_manager'],
  'households.list': ['family_finder', 'social_worker', 'service_manager', 'therapeutic_social_worker'],
  'households.view': ['family_finder', 'social_worker', 'service_manager', 'therapeutic_social_worker'],
  'households.create': ['family_finder', 'social_worker', 'service_manager'],
  'households.edit': ['family_finder', 'social_worker', 'service_manager'],
  'households.transition': ['family_finder', 'social_worker', 'service_manager'],
  'households.invite': ['family_finder', 'social_worker', 'service_manager'],
  'recruitment.overview': ['family_finder', 'social_worker', 'service_manager'],
  // Campaign funnels hold small counts of real enquirers: agency staff only, not funders.
  'campaigns.view': ['family_finder', 'social_worker', 'service_manager'],
  'campaigns.edit': ['family_finder', 'service_manager'],
  'courses.view': ['family_finder', 'social_worker', 'service_manager', 'therapeutic_social_worker', 'clinical_psychologist'],
  'courses.edit': ['family_finder', 'social_worker', 'service_manager', 'therapeutic_social_worker'],
  'training.configure': ['service_manager', 'administrator'],
  'bookings.edit': ['family_finder', 'social_worker', 'service_manager', 'therapeutic_social_worker'],
  // The portal is the adopter's own; staff use the household pages.
  'portal.view': ['adopter'],
  // Children waiting whose profiles their workers show: families see them and express interest; the
  // agency's adoption workers (not the clinical team, not the authority) answer every interest.
  'waitingChildren.view': ['adopter'],
  'interests.express': ['adopter'],
  'interests.withdraw': ['adopter'],
  'interests.view': ['family_finder', 'social_worker', 'service_manager'],
  'interests.answer': ['family_finder', 'social_worker', 'service_manager'],
  'portalMessages.view': ['family_finder', 'social_worker', 'service_manager', 'adopter'],
  'portalMessages.send': ['family_finder', 'social_worker', 'service_manager', 'adopter'],
  'portalMessages.reassign': ['service_manager'],
  'caseDocuments.view': ['family_finder', 'social_worker', 'therapeutic_social_worker', 'clinical_psychologist', 'service_manager', 'la_referrer'],
  'caseDocuments.upload': ['family_finder', 'social_worker', 'therapeutic_social_worker', 'clinical_psychologist', 'service_manager', 'la_referrer'],
  'portalDocuments.view': ['family_finder', 'social_worker', 'service_manager', 'adopter'],
  'portalDocuments.upload': ['adopter'],
  'portalDocuments.request': ['family_finder', 'social_worker', 'service_manager'],
  'portalDocuments.share': ['family_finder', 'social_worker', 'service_manager'],
  'portalDocuments.review': ['family_finder', 'social_worker', 'service_manager'],
  'invitations.accept': EVERYONE,

  // Matching. The agency's adoption workers link and progress; the children's authority sees and agrees.
  'matching.recommendations': ['family_finder', 'social_worker', 'service_manager'],
  'matching.overview': ['family_finder', 'service_manager'],
  'matching.configure': ['service_manager', 'administrator'],
  'matches.view': ['family_finder', 'social_worker', 'therapeutic_social_worker', 'clinical_psychologist', 'service_manager', 'la_referrer'],
  'matches.create': ['family_finder', 'social_worker', 'service_manager'],
  'matches.progress': ['family_finder', 'social_worker', 'service_manager'],
  'matches.agree': ['la_referrer'],
  'transitionPlans.edit': ['family_finder', 'social_worker', 'service_manager', 'therapeutic_social_worker'],

  // Therapeutic preparation: the clinical team with the adoption workers; only psychologists write clinical records.
  'tac.view': ['family_finder', 'social_worker', 'therapeutic_social_worker', 'clinical_psychologist', 'service_manager', 'la_referrer'],
  'tac.edit': ['clinical_psychologist', 'therapeutic_social_worker', 'family_finder', 'social_worker', 'service_manager'],
  'tacActions.complete': ['family_finder', 'social_worker', 'therapeutic_social_worker', 'clinical_psychologist', 'service_manager', 'la_referrer'],
  'consultations.view': ['clinical_psychologist', 'therapeutic_social_worker', 'family_finder', 'social_worker', 'service_manager'],
  'consultations.edit': ['clinical_psychologist'],
  'formulations.view': ['family_finder', 'social_worker', 'therapeutic_social_worker', 'clinical_psychologist', 'service_manager', 'la_referrer'],
  'formulations.edit': ['clinical_psychologist'],
  'adopterPreparation.view': ['clinical_psychologist', 'therapeutic_social_worker', 'family_finder', 'social_worker', 'service_manager'],
  'adopterPreparation.edit': ['clinical_psychologist', 'therapeutic_social_worker', 'family_finder', 'social_worker'],

  // Ongoing support. Families ask for support from their portal; funders and authorities never see sessions.
  'support.view': ['clinical_psychologist', 'therapeutic_social_worker', 'family_finder', 'social_worker', 'service_manager'],
  'support.edit': ['clinical_psychologist', 'therapeutic_social_worker', 'family_finder', 'social_worker', 'service_manager'],
  'supportNotes.view': ['clinical_psychologist', 'therapeutic_social_worker', 'family_finder', 'social_worker', 'service_manager'],
  'supportRequests.create': ['clinical_psychologist', 'therapeutic_social_worker', 'family_finder', 'social_worker', 'service_manager', 'adopter'],
  'supportRequests.manage': ['clinical_psychologist', 'therapeutic_social_worker', 'family_finder', 'social_worker', 'service_manager'],
  'stability.view': ['family_finder', 'service_manager'],
  // The partners' satisfaction: the referrer answers for their authority's placed children and reads its own
  // answers back (disclosure-controlled); the agency's and clinical partner's workers answer theirs, anonymously.
  'satisfaction.authorityAnswer': ['la_referrer'],
  'satisfaction.authorityResults': ['la_referrer'],
  'satisfaction.workerAnswer': ['family_finder', 'social_worker', 'therapeutic_social_worker', 'clinical_psychologist'],
  'placementSuccess.view': ['family_finder', 'service_manager', 'la_referrer', 'funder'],
  'placementSuccess.children': ['family_finder', 'service_manager'],
  'matching.recruitmentGap': ['family_finder', 'service_manager', 'la_referrer', 'funder'],
  'matching.recruitmentGap.children': ['family_finder', 'service_manager'],
  'matching.recruitmentGap.edit': ['service_manager'],

  // Children's outcomes. Instruments are reference data for anyone signed in; only administrators add
  // them. A child's scores: the clinical team and the agency's workers (allocation narrows them per
  // child), the child's local authority bands only. The cohort: the agency exactly, authorities,
  // funders and research partners disclosure-controlled. Satisfaction: the service manager. Families
  // answer their own questionnaires.
  'instruments.view': SIGNED_IN,
  'instruments.manage': ['administrator'],
  'outcomes.view': ['clinical_psychologist', 'therapeutic_social_worker', 'family_finder', 'social_worker', 'service_manager', 'la_referrer'],
  'outcomes.edit': ['clinical_psychologist', 'therapeutic_social_worker', 'family_finder', 'social_worker', 'service_manager'],
  'outcomes.cohort': ['service_manager', 'clinical_psychologist', 'therapeutic_social_worker', 'la_referrer', 'funder', 'research_partner'],
  'outcomes.cohortChildren': ['service_manager', 'clinical_psychologist', 'therapeutic_social_worker'],
  'outcomes.satisfaction': ['service_manager'],
  'questionnaires.answer': ['adopter'],

  // Workforce records and clinical supervision.
  'staffTraining.view': ['clinical_psychologist', 'therapeutic_social_worker', 'family_finder', 'social_worker', 'service_manager'],
  'staffTraining.edit': ['clinical_psychologist', 'therapeutic_social_worker', 'family_finder', 'social_worker', 'service_manager'],
  'supervision.view': ['clinical_psychologist', 'therapeutic_social_worker', 'family_finder', 'social_worker', 'service_manager'],
  'supervision.edit': ['clinical_psychologist', 'service_manager'],

  // Everyone's week; the calendar feed's secret address is its own credential.
  'myWork.view': ['family_finder', 'social_worker', 'therapeutic_social_worker', 'clinical_psychologist', 'service_manager', 'la_referrer'],
  'calendar.manage': ['family_finder', 'social_worker', 'therapeutic_social_worker', 'clinical_psychologist', 'service_manager', 'la_referrer'],
  'calendar.feed': EVERYONE,

  // Research: the agency's administrator and service manager make data-sharing agreements; the research partner reads its own and takes extracts.
  'researchAgreements.view': ['administrator', 'service_manager', 'research_partner'],
  'researchAgreements.create': ['administrator', 'service_manager'],
  'researchAgreements.amend': ['administrator', 'service_manager'],
  'researchExtracts.create': ['research_partner'],
  'researchExtracts.download': ['research_partner'],
  // Reports: the service manager issues; the funder and the commissioning authority read only those issued to them.
  'reports.issue': ['service_manager'],
  // Issued reports are aggregates already sent outside: the agency's administrator may read them, not issue.
  'reports.view': ['service_manager', 'administrator', 'funder', 'la_referrer'],
  // Money in. The agency's finance officer and service manager keep agreements, invoices and payments;
  // a local authority's referrer reads its own authority's agreement, fees, invoices and statement.
  // Nobody else (workers, the clinical partner, funders, adopters) sees what an authority owes.
  'agreements.view': ['finance_officer', 'service_manager', 'la_referrer'],
  'agreements.edit': ['finance_officer', 'service_manager'],
  'feeRates.view': ['finance_officer', 'service_manager'],
  'feeRates.edit': ['finance_officer', 'service_manager'],
  'billingSettings.edit': ['finance_officer', 'service_manager'],
  'feeEvents.view': ['finance_officer', 'service_manager', 'la_referrer'],
  'feeEvents.reverse': ['finance_officer', 'service_manager'],
  'invoices.view': ['finance_officer', 'service_manager', 'la_referrer'],
  'invoices.issue': ['finance_officer', 'service_manager'],
  'payments.view': ['finance_officer', 'service_manager', 'la_referrer'],
  'payments.record': ['finance_officer', 'service_manager'],
  'statements.view': ['finance_officer', 'service_manager', 'la_referrer'],
  'finance.export': ['finance_officer', 'service_manager'],
  // What the work cost, cost recovery and the financial return: the agency's own analysis (its staff
  // rates, its margins), for its finance people; authorities see what they are charged, not this.
  'financeCosts.view': ['finance_officer', 'service_manager'],
  'financeCosts.configure': ['finance_officer', 'service_manager'],
  'financeCosts.record': ['finance_officer', 'service_manager'],
  'financialReturn.view': ['finance_officer', 'service_manager'],
  'financialReturn.configure': ['finance_officer', 'service_manager'],

  // The platform's named system jobs (src/platform/policy/system-jobs.ts): no person, whatever their role.
  'system.signIn': [],
  'system.organisationSignIn': [],
  'system.session': [],
  'system.secondFactor': [],
  'system.totpEnrolment': [],
  'system.signOut': [],
  'system.keptFormPage': [],
  'system.apiToken': [],
  'system.firstAdministrator': [],
  'system.publicEnquiry': [],
  'system.invitation': [],
  'system.calendarFeed': [],
  'system.shareWithClinicalPartner': [],
  'system.familyFirstNames': [],
  'system.adopterLinkProfile': [],
  'system.sharedChildProfiles': [],
  'system.aggregateAces': [],
  'system.researchExtract': [],
  'system.costOfWork': [],
  'system.supportYears': [],
  'system.aggregateOutcomes': [],
  'system.aggregatePlacementSuccess': [],
  'system.aggregateRecruitmentGap': [],
  'system.questionnaireReminders': [],
  'system.notificationContacts': [],
  'system.trainingReminders': [],
  'system.retention': [],
  'system.accountUnlock': [],
  'system.subjectAccess': [],
  'system.operator': [],
  'system.demo': [],
  'system.testFixtures': [],
};

type Who = Role | 'anonymous';

function expectedAllowed(action: string, who: Who): boolean {
  const rule = EXPECTED[action];
  if (rule === undefined) throw new Error(`no expectation for action ${action}`);
  if (rule === EVERYONE) return true;
  if (who === 'anonymous') return false;
  if (rule === SIGNED_IN) return true;
  return rule.includes(who);
}

/** A record id that exists nowhere: the walk is about the door, not the room. */
const DUMMY_ID = '3f1c2b9a-6d4e-4f8a-9b7c-0123456789ab';
const fill = (url: string) => url.replace(/:(\w+)/g, DUMMY_ID);

/** The first kind of organisation a role belongs in (a funder is never in an agency). */
function organisationTypeFor(role: Role): OrganisationType {
  const type = (Object.keys(ROLES_BY_ORGANISATION_TYPE) as OrganisationType[]).find((t) => ROLES_BY_ORGANISATION_TYPE[t].includes(role));
  if (!type) throw new Error(`no organisation type allows ${role}`);
  return type;
}

type Outcome = 'allowed' | 'denied' | 'server-error' | 'wrong-denial' | 'form-refused';

/** The walk must get past the CSRF check, or an allowed form would prove nothing. */
const csrfRefusal = translator('en')('errors.csrf.body');

/** What a person would notice: refused (403, or sent to sign in), or let through to the page. */
function classify(route: RouteDefinition, who: Who, response: LightMyRequestResponse): Outcome {
  const status = response.statusCode;
  if (status >= 500) return 'server-error';
  if (status === 400 && response.body.includes(csrfRefusal)) return 'form-refused';
  const location = String(response.headers.location ?? '');
  const sentToSignIn = status === 303 && location.startsWith('/sign-in?next=');
  if (who === 'anonymous') {
    const denial = route.kind === 'page' && route.method === 'GET' ? sentToSignIn : status === 401;
    if (denial) return 'denied';
    if (status === 401 || status === 403 || sentToSignIn) return 'wrong-denial';
    return 'allowed';
  }
  if (status === 403) return 'denied';
  if (status === 401 || sentToSignIn) return 'wrong-denial';
  return 'allowed';
}

// The app is built before the suite so the route list can name one test per route.
const t = await startTestApp();
const routes = allRoutes(t.services);

const users = new Map<Role, TestUser>();
for (const role of ROLES) {
  const organisationId = await t.organisation(`walk-${organisationTypeFor(role).replace(/_/g, '-')}`, organisationTypeFor(role));
  users.set(role, await t.user([role], organisationId));
}
const tokens = new Map<Role, string>();
for (const [role, user] of users) tokens.set(role, await t.token(user, 'write'));

const browsers = new Map<Who, Browser>();
const csrf = new Map<Who, string>();
async function signedIn(who: Who): Promise<Browser> {
  let browser = browsers.get(who);
  // A walked route may end the session (sign-out): sign in again rather than walk on as anonymous.
  if (!browser || (who !== 'anonymous' && !browser.cookieHeader().includes('together_session='))) {
    browser = who === 'anonymous' ? new Browser(t.app) : await t.signIn(users.get(who)!);
    browsers.set(who, browser);
    csrf.set(who, await browser.csrfFrom(who === 'anonymous' ? '/sign-in' : '/account'));
  }
  return browser;
}

async function request(route: RouteDefinition, who: Who): Promise<LightMyRequestResponse> {
  const url = fill(route.url);
  if (route.kind === 'page') {
    const browser = await signedIn(who);
    return route.method === 'GET' ? browser.get(url) : browser.post(url, {}, { csrf: csrf.get(who)! });
  }
  const headers: Record<string, string> = who === 'anonymous' ? {} : { authorization: `Bearer ${tokens.get(who)!}` };
  return t.app.inject({ method: route.method, url, headers, ...(route.method === 'GET' ? {} : { payload: {} }) });
}

const everyone: Who[] = ['anonymous', ...ROLES];
const serverErrors: string[] = [];

after(async () => t.close());

describe('policy walk: every registered route, every role, and no one signed in', () => {
  it('has a hand-written expectation for the action of every registered route', () => {
    const missing = [...new Set(routes.filter((r) => !Object.hasOwn(EXPECTED, r.action)).map((r) => `${r.action} (${r.method} ${r.url})`))];
    assert.deepEqual(missing, [], `add these actions to EXPECTED in ${import.meta.filename}`);
  });

  it('walks a real list of routes, pages and API alike', () => {
    assert.ok(routes.length >= 30, `only ${routes.length} routes registered`);
    assert.ok(routes.some((r) => r.kind === 'api') && routes.some((r) => r.kind === 'page'));
    const keys = routes.map((r) => `${r.method} ${r.url}`);
    assert.equal(new Set(keys).size, keys.length, 'a method and path registered twice');
  });

  for (const route of routes) {
    const name = `${route.method} ${route.url} (${route.action}) refuses exactly the roles it should`;
    it(name, async () => {
      const wrong: string[] = [];
      for (const who of everyone) {
        const response = await request(route, who);
        const outcome = classify(route, who, response);
        const expected = expectedAllowed(route.action, who) ? 'allowed' : 'denied';
        if (outcome === 'server-error') serverErrors.push(`${route.method} ${route.url} as ${who}: ${response.statusCode}`);
        if (outcome !== expected) {
          wrong.push(
            `${who}: expected ${expected}, got ${outcome} (${response.statusCode}${response.headers.location ? ` → ${response.headers.location}` : ''})`,
          );
        }
      }
      assert.deepEqual(wrong, []);
    });
  }

  it('answered no request of the walk with a server error', () => {
    assert.deepEqual(serverErrors, []);
  });
});

describe('a person of another organisation asking for a specific record', () => {
  it('gets "not found" for another organisation’s person, on the page and in the API, and sees none of their data', async () => {
    const agency = await t.organisation('walk-agency', 'agency');
    const council = await t.organisation('walk-other-council', 'local_authority');
    const theirs = await t.user(['family_finder'], agency);
    const theirRecord = await t.services.organisations.getUser(t.system, theirs.id);
    const managerElsewhere = await t.user(['service_manager'], council);
    const managerHere = users.get('service_manager')!;
    assert.equal(managerHere.organisationId, agency, 'control: the walk’s service manager works at the same agency');

    // Control: the same request from the person's own organisation shows the record.
    const own = await (await t.signIn(managerHere)).get(`/admin/users/${theirs.id}`);
    assert.equal(own.statusCode, 200);
    assert.ok(own.body.includes(theirs.email));

    const page = await (await t.signIn(managerElsewhere)).get(`/admin/users/${theirs.id}`);
    assert.equal(page.statusCode, 404);
    assert.ok(!page.body.includes(theirs.email) && !page.body.includes(theirRecord.name));

    const token = await t.token(managerElsewhere, 'read');
    const api = await t.app.inject({ method: 'GET', url: `/api/v1/users/${theirs.id}`, headers: { authorization: `Bearer ${token}` } });
    assert.equal(api.statusCode, 404);
    assert.ok(!api.body.includes(theirs.email) && !api.body.includes(theirRecord.name));

    // The same answer as for an id that exists nowhere: existence is not revealed.
    const nowhere = await t.app.inject({ method: 'GET', url: `/api/v1/users/${DUMMY_ID}`, headers: { authorization: `Bearer ${token}` } });
    assert.equal(nowhere.statusCode, 404);
    assert.equal(JSON.parse(api.body).detail, JSON.parse(nowhere.body).detail);
  });

  it('keeps a list filtered to another organisation inside the asker’s own', async () => {
    const agency = await t.organisation('walk-agency', 'agency');
    const council = await t.organisation('walk-other-council', 'local_authority');
    const managerElsewhere = await t.user(['service_manager'], council);
    const token = await t.token(managerElsewhere, 'read');
    const response = await t.app.inject({ method: 'GET', url: `/api/v1/users?organisationId=${agency}`, headers: { authorization: `Bearer ${token}` } });
    assert.equal(response.statusCode, 200);
    const items = (JSON.parse(response.body) as { items: { organisationId: string }[] }).items;
    assert.ok(items.length >= 1, 'sees at least themself');
    assert.deepEqual([...new Set(items.map((i) => i.organisationId))], [council]);
  });

  it('lets the agency’s administrator open people and organisations of every organisation', async () => {
    const council = await t.organisation('walk-other-council', 'local_authority');
    const referrer = await t.user(['la_referrer'], council);
    const administrator = await t.signIn(users.get('administrator')!);
    for (const url of [`/admin/users/${referrer.id}`, `/admin/users/${referrer.id}/edit`, `/admin/organisations/${council}/edit`]) {
      const response = await administrator.get(url);
      assert.equal(response.statusCode, 200, url);
    }
  });
});
