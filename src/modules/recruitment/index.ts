/**
 * The front door of the recruitment module: the only file other modules (and src/server, the demo, benchmarks)
 * may import. Adopters' journey: enquiries, households and applicants, stages, checks, assessments, consideration profiles.
 * Tables, repositories, pages and API files stay private (src/schema.ts alone assembles schema.ts).
 */

export * as adopterRecords from './adopter-records.ts';
export { missingChecks, type MissingCheck } from './checks.ts';
export { funnelCountsQuery, funnelMediansQuery, funnelRows, type ConsiderationRules, type FunnelScope } from './funnel-repository.ts';
export { householdFacts, insertStoryHouseholds, linkAdopterToHousehold } from './demo.ts';
export { followHouseholdInTx, getHouseholdInTx, householdProfilesInTx } from './household-moves.ts';
export { recruitmentRoutes } from './routes.ts';
export { type HouseholdSections } from './household-pages.ts';
export {
  applicantFullNamesOf,
  applicantLabelsOf,
  applicantNamesOf,
  householdLabelOf,
  householdLabelsOf,
  householdOfAdopter,
  householdsForPool,
  householdsOfOrganisation,
  linkableHouseholdsOf,
  openApplicantsOf,
  type ApplicantLabel,
  type HouseholdLabel,
} from './household-reads.ts';
export { createRecruitmentService, type RecruitmentService } from './service.ts';
export { type CampaignDirectory } from './service-context.ts';
export { MILESTONE, transition } from './stages.ts';
export { insertSyntheticHouseholds } from './synthetic-repository.ts';
export { type StoryFamily } from './synthetic-story.ts';
export { generateHouseholds, type CampaignForHouseholds } from './synthetic.ts';
export { dueFor, type Due } from './timescales.ts';
export {
  APPROVED_STAGES,
  CHANNELS,
  CONSIDERATION_LEVELS,
  CONTACT_ARRANGEMENTS,
  FUNNEL_STAGES,
  MAX_CHILDREN_CONSIDERED,
  STAGES,
  SUPPORT_NETWORK_LEVELS,
  type Channel,
  type CheckKind,
  type ConsiderationLevel,
  type ContactArrangement,
  type FunnelStage,
  type Stage,
  type SupportNetworkLevel,
} from './vocabulary.ts';
export { enquiryInput } from './inputs.ts';
export { adoptionPanelsByMonth, homeStudyVisitsByMonth } from './activity-reads.ts';
// Read by the placement success measures (outcomes).
export { familiesWaitingForMatchOn } from './placement-success-reads.ts';
// Read by the reports module (funders' and commissioners' reports): counts only.
export { applicantCountsOf, householdsInAssessment, recruitmentReportCounts } from './report-reads.ts';
// Read by the header search (src/modules/search): a named read in the reader's transaction.
export { searchHouseholds, type HouseholdSearchRow } from './search-reads.ts';
// Lines of a household's chronology.
export { householdForChronology, householdRecruitmentChronology } from './chronology-reads.ts';
// The organisation's adoption workers by name (allocating a household, handing a family's thread to a worker).
export { adoptionWorkers } from './repository.ts';
// Read and destroyed by the retention module; read by subject access (the callers narrow by organisation or person).
export {
  applicantForSubjectAccess,
  approvedHouseholdsOf,
  closedHouseholdsOf,
  destroyHouseholdInTx,
  householdForSubjectAccess,
  type ClosedHousehold,
} from './retention-records.ts';
