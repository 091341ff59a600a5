import { OUTCOMES } from './vocabulary.ts';

type T = (key: string, params?: Record<string, unknown>) => string;

/**
 * Every kind of entry on a child's timeline, each with the words people read for it. Whoever
 * writes a line on a child's timeline (this module, matching) names one of these, so no entry
 * can reach the page without words in both languages.
 */
const NAMED = {
  referred: 'children:child.timeline.events.referred',
  accepted: 'children:child.timeline.events.accepted',
  declined: 'children:child.timeline.events.declined',
  edited: 'children:child.timeline.events.edited',
  'aces.recorded': 'children:child.timeline.events.acesRecorded',
  'sibling-group.joined': 'children:child.timeline.events.siblingGroupJoined',
  /** The referral's free text was removed when a child referred with this one was destroyed (retention). */
  'referral.text-removed': 'children:child.timeline.events.referralTextRemoved',
  /** The sibling group's assessment reasons were removed when a brother's or sister's record was destroyed (retention). */
  'sibling-group.reasons-removed': 'children:child.timeline.events.siblingReasonsRemoved',
  /** The child's status follows their match (matching's workflow). */
  'matching.linked': 'children:child.timeline.events.matchingLinked',
  'matching.matched': 'children:child.timeline.events.matchingMatched',
  'matching.placed': 'children:child.timeline.events.matchingPlaced',
  'matching.declined': 'children:child.timeline.events.matchingDeclined',
  'matching.ended': 'children:child.timeline.events.matchingEnded',
  'matching.disrupted': 'children:child.timeline.events.matchingDisrupted',
} as const;

type OutcomeEvent = `outcome.${(typeof OUTCOMES)[number]}`;
export type ChildEventKind = keyof typeof NAMED | OutcomeEvent;

/** The one list of kinds, in the order a child's journey usually meets them. */
export const CHILD_EVENT_KINDS: readonly ChildEventKind[] = [
  ...(Object.keys(NAMED) as (keyof typeof NAMED)[]),
  ...OUTCOMES.map((o): OutcomeEvent => `outcome.${o}`),
];

/** The words of a timeline entry: "Referred", "Linked with a family", "Outcome recorded: placed for adoption". */
export function childEventText(event: string, t: T): string {
  if (event.startsWith('outcome.'))
    return t('children:child.timeline.events.outcome', { outcome: t(`children:vocabulary.outcome.${event.slice('outcome.'.length)}`) });
  const key = NAMED[event as keyof typeof NAMED];
  // An entry written before its kind had a name is shown as recorded rather than hidden.
  return key ? t(key) : event;
}
