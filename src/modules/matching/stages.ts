import { ACTIVE_MATCH_STAGES, CLOSED_MATCH_STAGES, LINK_STAGES, type MatchStage } from './vocabulary.ts';

/** What may happen at one stage of a match. */
export type StageFacts = {
  stage: MatchStage;
  /** Where a match at this stage may go next (none: the match is over). */
  next: readonly MatchStage[];
  /**
   * The children's local authority may record that it agrees the match: from the matching meeting
   * until the agency decision, since introductions need its agreement first.
   */
  localAuthorityMayAgree: boolean;
};

/**
 * The stages of a match in the order a match goes through them, with what may be done at each.
 * The one list: the workflow, the service and the pages ask it rather than keeping their own.
 */
export const MATCH_STAGE_LIST: readonly StageFacts[] = [
  { stage: 'linked', next: ['shortlisted', 'declined'], localAuthorityMayAgree: false },
  { stage: 'shortlisted', next: ['visits', 'declined'], localAuthorityMayAgree: false },
  { stage: 'visits', next: ['matching_meeting', 'declined'], localAuthorityMayAgree: false },
  { stage: 'matching_meeting', next: ['matching_panel', 'ended'], localAuthorityMayAgree: true },
  { stage: 'matching_panel', next: ['agency_decision', 'ended'], localAuthorityMayAgree: true },
  { stage: 'agency_decision', next: ['introductions', 'ended'], localAuthorityMayAgree: true },
  { stage: 'introductions', next: ['placed', 'ended'], localAuthorityMayAgree: false },
  { stage: 'placed', next: ['adoption_order', 'disrupted'], localAuthorityMayAgree: false },
  { stage: 'adoption_order', next: [], localAuthorityMayAgree: false },
  { stage: 'declined', next: [], localAuthorityMayAgree: false },
  { stage: 'ended', next: [], localAuthorityMayAgree: false },
  { stage: 'disrupted', next: [], localAuthorityMayAgree: false },
];

const facts = new Map(MATCH_STAGE_LIST.map((s) => [s.stage, s]));
const has = (stages: readonly string[], stage: string) => stages.includes(stage);

export const nextStages = (stage: MatchStage): readonly MatchStage[] => facts.get(stage)!.next;
/** A match that may still move on (not adopted, declined, ended or disrupted). */
export const mayMoveOn = (stage: MatchStage): boolean => nextStages(stage).length > 0;
export const localAuthorityMayAgree = (stage: MatchStage): boolean => facts.get(stage)!.localAuthorityMayAgree;
/** A link being explored (several at once, up to a limit). */
export const isLinkStage = (stage: MatchStage): boolean => has(LINK_STAGES, stage);
/** THE match of the children: one per sibling group at a time. */
export const isActiveStage = (stage: MatchStage): boolean => has(ACTIVE_MATCH_STAGES, stage);
export const isClosedStage = (stage: MatchStage): boolean => has(CLOSED_MATCH_STAGES, stage);

/**
 * Where a child's journey (the children module's statuses) must be for family finding to link
 * them with a family, or to ask for recommended families: waiting, or already linked or matched.
 */
const CHILD_STATUSES_FOR_LINKING = ['family_finding', 'linked', 'matched'] as const;
const CHILD_STATUSES_FOR_RECOMMENDATIONS = ['family_finding', 'linked'] as const;
export const childMayBeLinked = (status: string): boolean => has(CHILD_STATUSES_FOR_LINKING, status);
export const childMayBeRecommended = (status: string): boolean => has(CHILD_STATUSES_FOR_RECOMMENDATIONS, status);
