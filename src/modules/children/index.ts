/**
 * The front door of the children module: the only file other modules (and src/server, the demo, benchmarks)
 * may import. Children who wait: referrals, the child's record, ACEs, sibling groups, priority and clocks, the cohort analysis, the agency's children settings.
 * Tables, repositories, pages and API files stay private (src/schema.ts alone assembles schema.ts).
 */

export { childrenApiRoutes } from './api.ts';
export {
  ACE_BANDS,
  activeGroupOf,
  childIdsWhere,
  outcomeFactsOf,
  childNamesOf,
  childrenByIds,
  childrenForFinancialReturn,
  childrenForMatch,
  childrenInPreparation,
  childrenSharedWith,
  organisationsSharingChildrenWith,
  localAuthoritiesOfChildren,
  matchingUnitOf,
  siblingGroupFacts,
  waitingForMatching,
  type ChildFacts,
} from './child-facts.ts';
export { createReferralImport } from './import.ts';
// Profiles the children's workers show to approved families, anonymised (read by matching as its `sharedChildProfiles` job).
export { anonymisedChildrenOf, familyFindersOf, sharedProfilesFor, type SharedEntry } from './shared-profiles.ts';
export { type AnonymisedChild } from './profile-sharing.ts';
export { setChildrenStatusInTx } from './match-status.ts';
export { researchCategoryCounts, researchRecords, type ResearchCount, type ResearchCountedColumn, type ResearchRecord } from './research-records.ts';
export { childrenPageRoutes } from './pages.ts';
export { grantAccess } from './repository.ts';
export { createChildrenService, seedSyntheticChildren, type ChildrenService } from './service.ts';
export { createChildrenSettingsService } from './settings-service.ts';
export { prng } from './synthetic.ts';
export {
  CONTACT_ARRANGEMENTS,
  ETHNICITIES,
  LANGUAGE_CODES,
  NEED_CATEGORIES,
  SEVERITIES,
  type ContactArrangement,
  type Ethnicity,
  type NeedCategory,
  type Severity,
} from './vocabulary.ts';
export { referralInput } from './inputs.ts';
export { generateChildren, type SyntheticChild } from './synthetic.ts';
// Read by the placement success measures (outcomes).
export { journeyDatesOf, planChangesBetween, waitingForMatchOn, type JourneyDates } from './placement-success-reads.ts';
export { OUTCOMES, type Outcome } from './vocabulary.ts';
// Read by the reports module (funders' and commissioners' reports): counts only.
export { aceDistributionOf, childrenReportCounts, childrenWaitingOn, childrenWaitingOnDays, type ChildrenReportScope } from './report-reads.ts';
// Read by the header search (src/modules/search): named reads in the reader's transaction.
export { searchChildren, searchReferrals, type ChildSearchRow, type ReferralSearchRow } from './search-reads.ts';
// A child's chronology (the chronology module merges every module's entries).
export { childChronology, childForChronology, type ChronologyChild } from './chronology-reads.ts';
// Read and destroyed by the retention module (src/modules/retention): the organisation's children by id and reference.
export { childrenForRetention, destroyChildInTx } from './retention-records.ts';
// Read by subject access (src/modules/subject-access): a child's record, referral and ACEs.
export { childForSubjectAccess } from './subject-access-records.ts';
