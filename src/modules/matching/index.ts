/**
 * The front door of the matching module: the only file other modules (and src/server, the demo, benchmarks)
 * may import. Family finding and matching: pools, compatibility, recommendations, matches and their stages, introductions plans.
 * Tables, repositories, pages and API files stay private (src/schema.ts alone assembles schema.ts).
 */

export { greedyAssignment, solveAssignment, solveIndexedAssignment } from './assignment.ts';
export { eligiblePairs, pairScore } from './compatibility-matrix.ts';
export { score, type ChildInput, type HouseholdInput, type SiblingGroupInput } from './compatibility.ts';
export { seedDemoMatching, type MatchingStory, type SetDay, type StoryMatch } from './demo.ts';
export { type LatLon } from './geography.ts';
export { DEFAULT_MATCHING_CONFIG } from './matching-config.ts';
export { createRecommendationsService } from './recommendations.ts';
export { matchingRoutes } from './routes.ts';
export { createMatchingService } from './service.ts';
export { createInterestService, type InterestService } from './interest-service.ts';
// The family's message with an expression of interest (the portal's form), and its limit.
export { householdSeesWaitingChildren, interestMessageInput } from './interest-rules.ts';
export { INTEREST_MESSAGE_MAX } from './vocabulary.ts';
export { createMatchingSettingsService } from './settings.ts';
export { transitionApiRoutes } from './transition-api.ts';
export { transitionPageRoutes } from './transition-pages.ts';
export { matchesOfHousehold, stepsOf as transitionStepsOf } from './transition-repository.ts';
export { inOrder, planProgress, type PlanProgress, type StepKind, type StepStatus } from './transition-rules.ts';
export { createTransitionService } from './transition-service.ts';
export { lastingPlacementsUpTo, matchById, matchesAtStages, matchSummariesOf, placementsOf, placementsOfChildren, type MatchRow } from './match-reads.ts';
export { loadCentroids, readCentroids, type CentroidRow } from './centroids.ts';
export { MATCH_STAGE_LIST, childMayBeLinked, childMayBeRecommended, localAuthorityMayAgree, mayMoveOn, nextStages, type StageFacts } from './stages.ts';
export { childIdsOfMatches, lastingPlacements, matchingPanelsByMonth } from './activity-reads.ts';
// Read by the placement success measures (outcomes).
export {
  childrenMatchedByQuery,
  childrenOfPlacementSuccessMatchesQuery,
  matchesForPlacementSuccess,
  type MatchScope,
  type PlacementSuccessMatch,
} from './placement-success-reads.ts';
// The recruitment gap's exact what-if (the benchmark, and the funder report may read the top profiles' counts).
export { greedyPlan, marginalGains, prepareGap, type CandidatePairs, type GapBase, type MarginalGain } from './gap-solver.ts';
export { type IndexedAssignmentProblem } from './assignment.ts';
// The recruitment gap's service (server/services.ts) and the audience of a campaign aimed at a candidate profile (campaigns).
export { createRecruitmentGapService, type RecruitmentGapService } from './gap-service.ts';
export { candidateProfileSchema, describeCandidate, type Candidate, type CandidateProfile } from './gap-profiles.ts';
// Read by the reports module (funders' and commissioners' reports): counts and ids only.
export { matchingReportCounts, type MatchingReportScope } from './report-reads.ts';
// Lines of a child's or a household's chronology.
export { childMatchingChronology, householdMatchingChronology, matchIdsOfChild } from './chronology-reads.ts';
// Read and changed by the retention module (src/modules/retention): each placement's adoption order, ids and dates only; a destroyed child taken off.
export { adoptionOutcomesOf, removeChildFromMatchesInTx, type AdoptionOutcomeRow } from './retention-records.ts';
// Read by subject access (src/modules/subject-access): the matches a child was part of.
export { childMatchesForSubjectAccess, householdInterestsForSubjectAccess } from './subject-access-records.ts';
