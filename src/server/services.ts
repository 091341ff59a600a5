import type { Config } from '../config.ts';
import type { Db } from '../platform/db/pool.ts';
import { createAuthService } from '../platform/auth/service.ts';
import { createOrganisationSignIn } from '../platform/auth/oidc.ts';
import { createAuditService } from '../platform/audit/service.ts';
import { checkpointKey } from '../platform/audit/checkpoint.ts';
import { pendingMigrations } from '../platform/db/migrate.ts';
import { createHousekeeping, createUseCaseRunner } from '../platform/use-case.ts';
import { createOutboxService } from '../platform/mail/service.ts';
import { createKeptPages } from '../platform/forms/kept-pages.ts';
import { createOrganisationsService } from '../modules/organisations/index.ts';
import { createHomeService } from '../modules/home/index.ts';
import { createChronologyService } from '../modules/chronology/index.ts';
import { createChildrenService } from '../modules/children/index.ts';
import { createReferralImport } from '../modules/children/index.ts';
import { createChildrenSettingsService } from '../modules/children/index.ts';
import { createRecruitmentService } from '../modules/recruitment/index.ts';
import { campaignDirectory, createCampaignsService } from '../modules/campaigns/index.ts';
import { createTrainingReminders, createTrainingService, createTrainingSettingsService, DEFAULT_REMINDER_DAYS } from '../modules/training/index.ts';
import { createConversationService, createPortalDocumentsService, createPortalService } from '../modules/portal/index.ts';
import { createDocumentStore } from '../platform/documents/store.ts';
import { createSupportService } from '../modules/support/index.ts';
import { createPreparationService } from '../modules/preparation/index.ts';
import { createWorkforceService } from '../modules/workforce/index.ts';
import { createInterestService, createMatchingService } from '../modules/matching/index.ts';
import { createRecommendationsService, createRecruitmentGapService } from '../modules/matching/index.ts';
import { createMatchingSettingsService } from '../modules/matching/index.ts';
import { createReportsService } from '../modules/reports/index.ts';
import { createResearchService, researchSecret } from '../modules/research/index.ts';
import { createFinanceCostSettingsService, createFinanceCostsService } from '../modules/finance/index.ts';
import { createBillingService } from '../modules/finance/index.ts';
import { createOutcomesService } from '../modules/outcomes/index.ts';
import { createPlacementSuccessService } from '../modules/outcomes/index.ts';
import { createSearchService } from '../modules/search/index.ts';
import { createCaseDocumentsService } from '../modules/case-documents/index.ts';
import { createNotificationsService, subscribePortalNotices } from '../modules/notifications/index.ts';
import { createContactBook } from '../platform/auth/contacts.ts';
import { createRetentionService, createRetentionSettingsService } from '../modules/retention/index.ts';
import { createSubjectAccessService } from '../modules/subject-access/index.ts';

/** The composition root: every service, built once from the database and configuration. */
export function createServices(
  db: Db,
  config: Pick<Config, 'sessionIdleMinutes' | 'auditCheckpoint' | 'dataDir'> &
    Partial<Pick<Config, 'researchPseudonymSecret' | 'documentScanCommand' | 'oidc' | 'trainingReminderDays'>>,
) {
  const runner = createUseCaseRunner(db.db);
  // The owner role's housekeeping: held by the audit and outbox services only, never handed to a module or a route.
  const housekeeping = createHousekeeping(db.db);
  const children = createChildrenService(runner);
  const matching = createMatchingService(runner);
  // One store of files for every module (src/platform/documents/README.md); the scan is off unless configured.
  const documents = createDocumentStore({ scanCommand: config.documentScanCommand });
  // The portal's messages and documents asked for are told to the people they concern (src/modules/notifications).
  subscribePortalNotices(runner.events, createContactBook(db.db));
  const auth = createAuthService(db.db, {
    sessionIdleMinutes: config.sessionIdleMinutes,
    providerRequiredFor: config.oidc?.required ? config.oidc.organisationSlug : undefined,
  });
  return {
    runner,
    auth,
    // Staff sign-in through the organisation's identity provider, when configured (platform/auth/oidc.ts).
    // Forms sent back with their mistakes, kept for the GET a browser is redirected to (server/form-replay.ts).
    keptPages: createKeptPages(db.db),
    organisationSignIn: config.oidc ? createOrganisationSignIn(config.oidc, auth) : undefined,
    audit: createAuditService(runner, housekeeping, () => ({
      file: config.auditCheckpoint.file,
      key: checkpointKey(config.auditCheckpoint.key, config.dataDir),
    })),
    outbox: createOutboxService(runner, housekeeping),
    // Each person's language and how they hear of changes; notify() itself is called by modules in their transactions.
    notifications: createNotificationsService(runner),
    organisations: createOrganisationsService(runner),
    home: createHomeService(runner),
    children,
    referralImport: createReferralImport(runner, children),
    childrenSettings: createChildrenSettingsService(runner),
    // A child's or a household's chronology, merged from every module's named reads.
    chronology: createChronologyService(runner),
    recruitment: createRecruitmentService(runner, campaignDirectory),
    campaigns: createCampaignsService(runner),
    training: createTrainingService(runner),
    // The hourly job reminding booked places before their session (serve.ts): each agency's period, else TRAINING_REMINDER_DAYS.
    trainingReminders: createTrainingReminders(runner, config.trainingReminderDays ?? DEFAULT_REMINDER_DAYS),
    trainingSettings: createTrainingSettingsService(runner, config.trainingReminderDays ?? DEFAULT_REMINDER_DAYS),
    portal: createPortalService(runner),
    // The portal's messages and documents; `portal.messageReceived` / `portal.documentRequested` are published on runner.events.
    conversations: createConversationService(runner, documents),
    portalDocuments: createPortalDocumentsService(runner, documents),
    // Documents of children, sibling groups, households and matches, in the same store.
    caseDocuments: createCaseDocumentsService(runner, documents),
    sessionIdleMinutes: config.sessionIdleMinutes,
    support: createSupportService(runner),
    preparation: createPreparationService(runner),
    workforce: createWorkforceService(runner),
    matching,
    // Families' expressions of interest in the children whose profiles are shown to them, and their answers.
    interests: createInterestService(runner, matching),
    recommendations: createRecommendationsService(runner),
    recruitmentGap: createRecruitmentGapService(runner),
    matchingSettings: createMatchingSettingsService(runner),
    // The pseudonym secret is read (or generated into the data folder) only when an extract is made.
    research: createResearchService(runner, () => researchSecret(config.researchPseudonymSecret, config.dataDir)),
    financeCosts: createFinanceCostsService(runner),
    financeCostSettings: createFinanceCostSettingsService(runner),
    // Money in; building it subscribes fee raising to the workflow's steps (src/platform/events).
    billing: createBillingService(runner),
    outcomes: createOutcomesService(runner),
    // Outcomes: placement success.
    placementSuccess: createPlacementSuccessService(runner),
    // Reports to funders and commissioners (issued snapshots).
    reports: createReportsService(runner),
    // The header search: each owning module's named read, in the reader's own transaction.
    search: createSearchService(runner),
    // Records kept for their time: the review list, legal holds, destruction with tombstones.
    retention: createRetentionService(runner),
    retentionSettings: createRetentionSettingsService(runner),
    // A person's subject access request: their records from every module, other people redacted.
    subjectAccess: createSubjectAccessService(runner),
    health: {
      async ready() {
        try {
          const pending = await pendingMigrations(db);
          return { ok: pending === 0, database: 'reachable', pendingMigrations: pending };
        } catch {
          return { ok: false, database: 'unreachable' };
        }
      },
    },
  };
}

export type Services = ReturnType<typeof createServices>;
