/**
 * The matching workflow (domain.md, "The child's journey"): a link explored with a family becomes
 * a match, goes to the matching panel and the agency decision maker, then introductions under a
 * transition plan, placement and the adoption order. Declined, ended and disrupted close it.
 */
export const MATCH_STAGES = [
  'linked',
  'shortlisted',
  'visits',
  'matching_meeting',
  'matching_panel',
  'agency_decision',
  'introductions',
  'placed',
  'adoption_order',
  'declined',
  'ended',
  'disrupted',
] as const;
export type MatchStage = (typeof MATCH_STAGES)[number];

/** Stages at which a link is only being explored (several at once, up to a limit). */
export const LINK_STAGES = ['linked', 'shortlisted', 'visits'] as const satisfies readonly MatchStage[];
/** Stages at which it is THE match of the children: one per sibling group at a time. */
export const ACTIVE_MATCH_STAGES = [
  'matching_meeting',
  'matching_panel',
  'agency_decision',
  'introductions',
  'placed',
] as const satisfies readonly MatchStage[];
export const CLOSED_MATCH_STAGES = ['adoption_order', 'declined', 'ended', 'disrupted'] as const satisfies readonly MatchStage[];

/** Who said no when a link is declined: every family gets an answer with its reason. */
export const DECLINED_BY = ['household', 'agency', 'local_authority', 'child_worker'] as const;

export const TRANSITION_STEP_KINDS = ['first_meeting', 'visit', 'day_visit', 'overnight_stay', 'moving_day', 'review', 'other'] as const;
export const TRANSITION_STEP_STATUSES = ['planned', 'done', 'moved', 'cancelled'] as const;

/**
 * A family's expression of interest in a child: waiting for an answer, being explored (a link was
 * made), not taken forward (always with a reason), or withdrawn by the family.
 */
export const INTEREST_STATUSES = ['waiting', 'exploring', 'not_taken_forward', 'withdrawn'] as const;
export type InterestStatus = (typeof INTEREST_STATUSES)[number];
/** The longest message a family may send with an interest, and the longest reason an answer may give. */
export const INTEREST_MESSAGE_MAX = 2000;
export const INTEREST_REASON_MAX = 2000;
