import { ACTIONS, type Action } from './actions.ts';

/**
 * The platform's system jobs: the only work done as the platform itself rather than as a person
 * (on the owner's connection as the database role together_system, see db/transaction.ts). The
 * list is closed: a system actor exists only for one of these jobs, and the policy lets it do
 * only the actions its job lists (its own `system.*` action first), every other action is refused
 * and audited as refused like any person's. `usedBy` says where the job may be started (a unit
 * test holds the source to it): the one file or folder that owns the job.
 */
type JobDefinition = { readonly actions: readonly Action[] | 'every action'; readonly why: string; readonly usedBy: readonly string[] };

export const SYSTEM_JOBS = {
  signIn: {
    actions: ['system.signIn'],
    why: 'Checks an e-mail address and password before anyone is signed in: counts recent failures, reads the account, starts a session.',
    usedBy: ['src/platform/auth/'],
  },
  organisationSignIn: {
    actions: ['system.organisationSignIn'],
    why: 'Matches the e-mail address the organisation’s identity provider vouched for to an existing staff account of that organisation and starts a session (no password, so no account is created here).',
    usedBy: ['src/platform/auth/'],
  },
  session: {
    actions: ['system.session'],
    why: 'Finds the person behind a session cookie on every request, and ends or touches the session (the cookie is the credential).',
    usedBy: ['src/platform/auth/'],
  },
  secondFactor: {
    actions: ['system.secondFactor'],
    why: 'Checks an authenticator or recovery code for a session that has only passed its password.',
    usedBy: ['src/platform/auth/'],
  },
  totpEnrolment: {
    actions: ['system.totpEnrolment'],
    why: 'Stores and confirms the authenticator key of a person setting up their second factor, before their session is complete.',
    usedBy: ['src/platform/auth/'],
  },
  signOut: {
    actions: ['system.signOut'],
    why: 'Ends the session behind a cookie and records whose it was.',
    usedBy: ['src/platform/auth/'],
  },
  keptFormPage: {
    actions: ['system.keptFormPage'],
    why: 'A browser that sent a form with a mistake is sent back to the form’s address (POST-redirect-GET, so Back or Reload never sends it again): the page with its error messages and what was typed is kept a few minutes for that reader alone (their session’s or their cookie’s secret names it), shown once, then deleted; a signed-out visitor has no person to scope the row to.',
    usedBy: ['src/platform/forms/'],
  },
  apiToken: {
    actions: ['system.apiToken'],
    why: 'Finds the person behind a personal access token (Authorization: Bearer) and notes when it was last used.',
    usedBy: ['src/platform/auth/'],
  },
  firstAdministrator: {
    actions: ['system.firstAdministrator'],
    why: 'Before any account exists: says whether the one-time set-up page is open, and creates the first administrator and their agency once.',
    usedBy: ['src/modules/organisations/'],
  },
  publicEnquiry: {
    actions: ['system.publicEnquiry'],
    why: 'The public enquiry form has no signed-in person: it checks the sender’s limit, reads the campaign its link names and records the enquiry and household.',
    usedBy: ['src/modules/recruitment/'],
  },
  invitation: {
    actions: ['system.invitation'],
    why: 'Someone not yet signed in follows a portal invitation link: the link is read, and once they set a password it is used up and they are signed in.',
    usedBy: ['src/modules/portal/'],
  },
  calendarFeed: {
    actions: ['system.calendarFeed'],
    why: 'A calendar application asks for a private feed with only its secret address: the feed, and whose it is, are found from it (the diary itself is then read as that person).',
    usedBy: ['src/modules/workforce/'],
  },
  shareWithClinicalPartner: {
    actions: ['system.shareWithClinicalPartner'],
    why: 'Writes the sharing grants of a child and their brothers and sisters for the clinical partner, once the person asking has been checked as themselves (row-level security lets an organisation grant only its own access).',
    usedBy: ['src/modules/preparation/'],
  },
  familyFirstNames: {
    actions: ['system.familyFirstNames'],
    why: 'Reads only the first names of the children an adopter household’s match lets them know, for their preparation page (a family may not read a child’s record).',
    usedBy: ['src/modules/preparation/'],
  },
  adopterLinkProfile: {
    actions: ['system.adopterLinkProfile'],
    why: 'Reads the parts of the children’s records (name, age, profile written for families) an adopter household’s link opens at its step.',
    usedBy: ['src/modules/matching/'],
  },
  sharedChildProfiles: {
    actions: ['system.sharedChildProfiles'],
    why: 'Reads, for an approved family, the profiles the children’s workers chose to show to their agency’s families, anonymised (first name, age in years, the profile written for families; no family name, date of birth or place), and the first names and ages of the children the family expressed interest in (a family may not read a child’s record).',
    usedBy: ['src/modules/matching/'],
  },
  aggregateAces: {
    actions: ['system.aggregateAces'],
    why: 'Counts ACEs over every child for funders and research partners, who never see a row: only the disclosure-controlled figures leave it.',
    usedBy: ['src/modules/children/'],
  },
  researchExtract: {
    actions: ['system.researchExtract'],
    why: 'Reads the fields a data-sharing agreement names of every child for its research partner, who may not see a record: only pseudonymised, coarsened rows leave it, into the extract the partner downloads.',
    usedBy: ['src/modules/research/'],
  },
  costOfWork: {
    actions: ['system.costOfWork'],
    why: 'Adds up the work recorded across the agency and its clinical partners (records, minutes and the children they were about, per month) and the placements that lasted, for the finance people who keep cost recovery and the financial return but may not open those records: only counts, minutes, dates and ids leave it.',
    usedBy: ['src/modules/finance/'],
  },
  supportYears: {
    actions: ['system.supportYears'],
    why: 'Once a day, finds the placements that lasted whose next year of adoption support has begun (each anniversary of the placement) and says so on the workflow event bus, so the year’s fee is raised once under the agreement in force; only ids and dates are read.',
    usedBy: ['src/modules/support/'],
  },
  aggregateOutcomes: {
    actions: ['system.aggregateOutcomes'],
    why: 'Counts children’s reliable change over every child for funders and research partners, who never see a row: only the disclosure-controlled figures leave it.',
    usedBy: ['src/modules/outcomes/'],
  },
  aggregatePlacementSuccess: {
    actions: ['system.aggregatePlacementSuccess'],
    why: 'Counts the placement success measures over every agency for funders, who never see a row: only the disclosure-controlled figures leave it.',
    usedBy: ['src/modules/outcomes/'],
  },
  aggregateRecruitmentGap: {
    actions: ['system.aggregateRecruitmentGap'],
    why: 'Works out the recruitment gap over every agency’s pool for a local authority or a funder, who never see a row: only disclosure-controlled counts leave it.',
    usedBy: ['src/modules/matching/'],
  },
  questionnaireReminders: {
    actions: ['system.questionnaireReminders'],
    why: 'Every hour, opens the families’ questionnaires that have fallen due across every agency and reminds each family once per questionnaire, in their language, through the outbox: nobody has to press a button, and no family is reminded twice.',
    usedBy: ['src/modules/outcomes/'],
  },
  notificationContacts: {
    actions: ['system.notificationContacts'],
    why: 'Someone’s step tells another person (a family writes to its worker, a worker answers or asks for a document): reads only the address, name, language and way of being told of the people named, and only of the asking person’s own organisation (a family may not read staff accounts).',
    usedBy: ['src/platform/auth/'],
  },
  trainingReminders: {
    actions: ['system.trainingReminders'],
    why: 'Every hour, finds the places booked on training sessions that begin within the agency’s reminder period across every agency and reminds each person once per place, in their language, through the outbox: nobody has to press a button, and no place is reminded twice.',
    usedBy: ['src/modules/training/'],
  },
  retention: {
    actions: ['system.retention'],
    why: 'An administrator reviews the records of their organisation past their retention period, holds them or confirms their destruction: the records are read and removed by their owning modules as the platform (an administrator may not open a household), always narrowed to the administrator’s own organisation; only ids, references and dates are read for the review list, and each destruction leaves a tombstone.',
    usedBy: ['src/modules/retention/'],
  },
  accountUnlock: {
    actions: ['system.accountUnlock'],
    why: 'An administrator unlocks an account that failed sign-ins have locked, once checked as themselves: the failures counted against the account (kept for the platform alone) are cleared, so the person may sign in at once.',
    usedBy: ['src/modules/organisations/'],
  },
  subjectAccess: {
    actions: ['system.subjectAccess'],
    why: 'Gathers everything the platform holds on one person or child for their subject access request (their account, their household’s records, conversations, training, preparation, support and case documents, and what the audit log says was done with them), once the administrator or the operator asking has been checked as themselves; other people’s names are redacted before anything leaves it.',
    usedBy: ['src/modules/subject-access/'],
  },
  operator: {
    actions: ['system.operator', 'organisations.create', 'users.create', 'users.disable', 'audit.verify', 'subjectAccess.export'],
    why: 'The person who runs the server, at its command line (together org add, user add, user disable, token create and revoke, postcodes load, audit verify, sar) and when it starts: they hold the machine and its database, so they may add organisations and people, disable a person, check the audit chain and answer a subject access request (gathered by its own job); nothing else about children or families (an import on a referrer’s behalf runs as that referrer).',
    usedBy: ['src/cli/', 'src/server/serve.ts'],
  },
  demo: {
    actions: ['system.demo', 'organisations.create', 'users.create', 'children.edit'],
    why: 'Seeding the synthetic demo (together demo), only ever into a database without the demo agency: it creates the invented organisations and people, then writes the story’s children’s profiles for families; every other step of the story is taken by the demo person whose step it is, or written straight into the tables as seed data.',
    usedBy: ['src/demo.ts', 'src/demo/'],
  },
  testFixtures: {
    actions: 'every action',
    why: 'Tests and benchmarks set up their records through the services and straight in the tables; no code under src/ may start it.',
    usedBy: ['test/', 'bench/'],
  },
} as const satisfies Record<string, JobDefinition>;

export type SystemJob = keyof typeof SYSTEM_JOBS;

/** A brand only this file writes (with a cast): a module cannot make a system actor by spelling one out. */
declare const minted: unique symbol;

/** The platform acting for one of its named jobs, never for a person. */
export type SystemActor = { readonly kind: 'system'; readonly job: SystemJob; readonly [minted]: true };

/**
 * The actor of a job. For the platform's own files only (src/platform, and through
 * systemJobContext the operator's, demo's and tests' entry points): modules run a job with
 * runner.runAsSystemJob.
 */
export function systemActor(job: SystemJob): SystemActor {
  if (!Object.hasOwn(SYSTEM_JOBS, job)) throw new Error(`no system job named ${String(job)}`);
  return { kind: 'system', job } as SystemActor;
}

/** The action a job starts with (asserted before its work, so a job missing from the table cannot run). */
export function ownActionOf(job: SystemJob): Action {
  return `system.${job}` as Action;
}

/** May this job's actor perform the action? Only the actions its job lists. */
export function jobMay(job: SystemJob, action: Action): boolean {
  const definition: JobDefinition | undefined = Object.hasOwn(SYSTEM_JOBS, job) ? SYSTEM_JOBS[job] : undefined;
  if (!definition) return false;
  if (definition.actions !== 'every action') return definition.actions.includes(action);
  // Every action of the policy, but never another job's own.
  return Object.hasOwn(ACTIONS, action) && (!action.startsWith('system.') || action === ownActionOf(job));
}
